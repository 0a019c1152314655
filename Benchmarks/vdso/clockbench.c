// The C peer of clockbench (Benchmarks/Sources/clockbench/main.swift): a
// loop of glibc's clock_gettime(CLOCK_MONOTONIC), which glibc answers
// through the vDSO (its pointer to __vdso_clock_gettime, found at startup).
// Built with gcc -O2, dynamically linked as usual.
//   clockbench-c [CALLS]    (default 10,000,000)
// Output: "glibc CALLS NANOSECONDS" for the loop alone.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 10000000;
  struct timespec t0, t1, t;
  long sum = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long i = 0; i < calls; i++) {
    if (clock_gettime(CLOCK_MONOTONIC, &t) == 0) sum += t.tv_nsec;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long elapsed = (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
  printf("glibc %ld %ld\n", calls, elapsed);
  if (sum == 1) fprintf(stderr, "unlikely\n");
  return 0;
}
