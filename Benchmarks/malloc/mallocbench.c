// mallocbench.c: the C peer of Benchmarks/Sources/mallocbench/main.swift.
// The same random malloc/free workload (same generator, same sequence, same
// output line), through the C library's malloc and free; run.sh builds it
// against glibc and against musl.
//
//   mallocbench [operations]      (default 10000000)
//
// Output: "ops <operations> ns <nanoseconds> bytes <checksum>". See the
// Swift program for the workload.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SLOT_COUNT 4096

static void *slots[SLOT_COUNT];

// SplitMix64 (Steele, Lea, Flood 2014).
static uint64_t state = 0x853c49e6748fea9bULL;

static inline uint64_t next(void) {
  state += 0x9e3779b97f4a7c15ULL;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline size_t size_of(uint64_t r) {
  uint64_t select = r & 1023;
  if (select == 0) return 65536 + (size_t)((r >> 10) % (1048576 - 65536 + 1));
  if (select <= 102) return 512 + (size_t)((r >> 10) % 3585);
  uint64_t base = (uint64_t)16 << (((r >> 10) & 0xffff) % 5);
  return (size_t)(base + ((r >> 26) & (base - 1)));
}

static long long now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
  long long operations = 10000000;
  if (argc > 1) {
    char *end;
    operations = strtoll(argv[1], &end, 10);
    if (*end != 0 || operations <= 0) {
      fputs("usage: mallocbench [operations]\n", stderr);
      return 2;
    }
  }
  long long bytes = 0;
  long long start = now();
  for (long long i = 0; i < operations; i++) {
    uint64_t r = next();
    int slot = (int)(r >> 52);
    if (slots[slot]) {
      free(slots[slot]);
      slots[slot] = 0;
    } else {
      size_t n = size_of(r);
      unsigned char *block = malloc(n);
      if (!block) {
        fputs("mallocbench: out of memory\n", stderr);
        return 1;
      }
      block[0] = (unsigned char)i;
      slots[slot] = block;
      bytes += (long long)n;
    }
  }
  for (int slot = 0; slot < SLOT_COUNT; slot++) {
    free(slots[slot]);
    slots[slot] = 0;
  }
  long long elapsed = now() - start;
  printf("ops %lld ns %lld bytes %lld\n", operations, elapsed, bytes);
  return 0;
}
