#!/usr/bin/env bash
# System call wrapper overhead: 10 million getpid calls through the Linux
# module (`Process.id`, freestanding getpidbench,
# Benchmarks/Sources/getpidbench/main.swift) against a C loop of raw
# `syscall` instructions (getpidbench.c, gcc -O2). Each program times its
# loop alone with CLOCK_MONOTONIC. The two run alternately ROUNDS times
# (default 9); the table gives the best (minimum) ns/call of each and the
# ratio ours/C (1.00 means no overhead; the system call itself dominates).
#   bash Benchmarks/syscall/run.sh   (from anywhere; needs gcc)
# SCRATCH_PATH selects SwiftPM's build directory (default .build-freestanding).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/Benchmarks/syscall"
scratch=${SCRATCH_PATH:-.build-freestanding}
rounds=${ROUNDS:-9}
calls=${CALLS:-10000000}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --traits Freestanding --scratch-path "$scratch" --product getpidbench >&2
cp "$scratch/release/getpidbench" "$work/ours"
gcc -O2 -o "$work/c-raw-syscall" "$here/getpidbench.c"

names="ours c-raw-syscall"
for name in $names; do "$work/$name" 100000 >/dev/null; done  # warm-up
for ((i = 0; i < rounds; i++)); do
  for name in $names; do
    echo "$name $("$work/$name" "$calls")" >>"$work/results"
  done
done

# Lines: "<name> getpid <calls> <nanoseconds>".
awk -v rounds="$rounds" '
  { ns = $4 / $3; if (!($1 in best) || ns < best[$1]) best[$1] = ns; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 }; calls = $3 }
  END {
    printf "%d getpid calls per run, best of %d alternating runs\n", calls, rounds
    printf "%-16s %10s\n", "program", "ns/call"
    printf "%-16s %10s\n", "----------------", "----------"
    for (i = 0; i < n; i++) printf "%-16s %10.2f\n", order[i], best[order[i]]
    printf "\nratio (ours / raw C; at most 1.05 is the target): %.3f\n", best["ours"] / best["c-raw-syscall"]
  }' "$work/results"
