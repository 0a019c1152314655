// The glibc peer of Benchmarks/Sources/membench: the same measurements, made
// on glibc's memcpy, memmove and memset, so that Benchmarks/memory/run.sh can
// print the ratio ours/glibc per row. Build: gcc -O2 membench.c.
//
// Output: one line per (function, size): "<function> <bytes> <GB/s>",
// GB/s with two decimals (10^9 bytes per second).
//
// What is measured, identically in both programs:
//   memcpy  n bytes from a page-aligned source to a page-aligned,
//           non-overlapping destination;
//   memmove n bytes from p to p + 256 (overlapping: must copy backwards);
//   memset  n bytes at a page-aligned destination.
// Each row is the best of 5 rounds of about 40 ms each, after one warm-up
// call (buffers are mapped once and touched before timing starts).
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { ROUNDS = 5 };
static const long ROUND_NS = 40000000;
static const size_t SIZES[] = {4096, 65536, 1 << 20, 16 << 20, 64 << 20};
static const size_t MAX_SIZE = 64 << 20;
static const size_t MOVE_DISTANCE = 256;

static long now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

// Calls through volatile pointers so that gcc cannot inline or elide them.
static void *(*volatile copy_fn)(void *, const void *, size_t) = memcpy;
static void *(*volatile move_fn)(void *, const void *, size_t) = memmove;
static void *(*volatile set_fn)(void *, int, size_t) = memset;

static unsigned char *source, *destination;

static void run(int function, size_t n, long iterations) {
  for (long i = 0; i < iterations; i++) {
    switch (function) {
    case 0: copy_fn(destination, source, n); break;
    case 1: move_fn(source + MOVE_DISTANCE, source, n); break;
    default: set_fn(destination, (int)i, n); break;
    }
  }
}

int main(int argc, char **argv) {
  size_t length = MAX_SIZE + 2 * 4096;
  source = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  destination = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (source == MAP_FAILED || destination == MAP_FAILED) { perror("mmap"); return 1; }
  for (size_t i = 0; i < length; i++) { source[i] = (unsigned char)i; destination[i] = 0; }

  static const char *names[] = {"memcpy", "memmove", "memset"};
  for (int function = 0; function < 3; function++) {
    if (argc > 1 && strcmp(argv[1], names[function]) != 0) continue;
    for (size_t s = 0; s < sizeof SIZES / sizeof SIZES[0]; s++) {
      size_t n = SIZES[s];
      run(function, n, 1);
      // Calibrate: double the iteration count until one round is long enough.
      long iterations = 1, elapsed;
      for (;;) {
        long start = now();
        run(function, n, iterations);
        elapsed = now() - start;
        if (elapsed >= ROUND_NS / 4) break;
        iterations *= 2;
      }
      iterations = iterations * ROUND_NS / (elapsed > 0 ? elapsed : 1) + 1;
      long best = -1;
      for (int round = 0; round < ROUNDS; round++) {
        long start = now();
        run(function, n, iterations);
        long t = now() - start;
        if (best < 0 || t < best) best = t;
      }
      // GB/s in hundredths: bytes * 100 / ns.
      long hundredths = (long)((double)n * iterations * 100.0 / best);
      printf("%s %zu %ld.%02ld\n", names[function], n, hundredths / 100, hundredths % 100);
    }
  }
  return 0;
}
