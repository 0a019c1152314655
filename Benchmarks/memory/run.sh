#!/bin/sh
# Throughput of the runtime's memcpy, memmove and memset against glibc's.
#
# Builds the freestanding `membench` (Benchmarks/Sources/membench) and its C
# peer (Benchmarks/memory/membench.c, gcc -O2, glibc), runs them in turn
# ROUNDS times (default 3) and prints, per function and size, the best GB/s
# of each and the ratio ours/glibc. Both programs measure the same thing;
# see the comment at the top of membench.c.
#
#   Benchmarks/memory/run.sh [memcpy|memmove|memset]
#
# Run from the package root. SCRATCH_PATH selects SwiftPM's build directory
# (default .build). Takes about half a minute after the build.
set -eu

scratch=${SCRATCH_PATH:-.build}
rounds=${ROUNDS:-3}
filter=${1:-}

swift build -c release --traits Freestanding --scratch-path "$scratch" --product membench >&2
ours="$scratch/release/membench"
peer="$scratch/membench-glibc"
gcc -O2 -o "$peer" Benchmarks/memory/membench.c

results=$(mktemp)
trap 'rm -f "$results"' EXIT
i=0
while [ "$i" -lt "$rounds" ]; do
  "$ours" $filter | sed 's/^/ours /' >>"$results"
  "$peer" $filter | sed 's/^/glibc /' >>"$results"
  i=$((i + 1))
done

# Best of the rounds for each program, then one row per (function, size)
# in the order the programs print them.
awk '
  {
    key = $2 " " $3
    if (!(key in seen)) { seen[key] = 1; order[n++] = key }
    if ($4 + 0 > best[$1, key] + 0) best[$1, key] = $4
  }
  END {
    printf "%-8s %10s %12s %12s %7s\n", "function", "bytes", "ours GB/s", "glibc GB/s", "ratio"
    for (i = 0; i < n; i++) {
      split(order[i], f, " ")
      o = best["ours", order[i]]; g = best["glibc", order[i]]
      printf "%-8s %10s %12.2f %12.2f %7.2f\n", f[1], f[2], o, g, (g > 0 ? o / g : 0)
    }
  }' "$results"
