// The C peer of getpidbench (Benchmarks/Sources/getpidbench/main.swift): a
// loop of raw `syscall` instructions (SYS_getpid, 39), inline assembly with
// the same register constraints as the Linux module's nl_syscall0
// (Sources/CLinux/include/CLinux.h). Built with gcc -O2.
//   getpidbench-c [CALLS]    (default 10,000,000)
// Output: "getpid CALLS NANOSECONDS" for the loop alone.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline long raw_getpid(void) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(39L) : "rcx", "r11", "memory");
  return r;
}

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 10000000;
  struct timespec t0, t1;
  int sum = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long i = 0; i < calls; i++) sum += (int)raw_getpid();
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long elapsed = (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
  printf("getpid %ld %ld\n", calls, elapsed);
  if (sum == 1) fprintf(stderr, "unlikely\n");
  return 0;
}
