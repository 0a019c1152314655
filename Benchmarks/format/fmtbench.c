// The glibc peer of fmtbench (Benchmarks/Sources/fmtbench/main.swift):
// the same lines through printf. Built with gcc -O2.
//   fmtbench-glibc [LINES]   (default 10,000,000)
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  static const char *const names[4] = {"alpha", "beta", "gamma", "delta"};
  int lines = argc > 1 ? atoi(argv[1]) : 10000000;
  for (int i = 0; i < lines; i++)
    printf("%8d 0x%08x %-6s|\n", i, (unsigned)i * 2654435761u, names[i % 4]);
  return 0;
}
