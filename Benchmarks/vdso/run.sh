#!/usr/bin/env bash
# clock_gettime(CLOCK_MONOTONIC) three ways, in ns per call:
#   ours-vdso      Clock.monotonic.now() in a freestanding program: the
#                  vDSO's __vdso_clock_gettime, bound by the runtime
#                  (clockbench vdso, Benchmarks/Sources/clockbench/main.swift)
#   ours-syscall   the clock_gettime system call through Syscall.call
#                  (clockbench syscall)
#   glibc          glibc's clock_gettime in a C loop (clockbench.c, gcc -O2,
#                  dynamically linked), which also goes through the vDSO
# Each program times its loop alone with CLOCK_MONOTONIC. The three run
# alternately ROUNDS times (default 9); the table gives the best (minimum)
# ns/call of each and the ratios: ours-vdso / glibc (target at most 1.10)
# and ours-syscall / ours-vdso (target at least 5).
#   bash Benchmarks/vdso/run.sh   (from anywhere; needs gcc)
# SCRATCH_PATH selects SwiftPM's build directory (default .build-freestanding).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/Benchmarks/vdso"
scratch=${SCRATCH_PATH:-.build-freestanding}
rounds=${ROUNDS:-9}
calls=${CALLS:-10000000}
syscall_calls=${SYSCALL_CALLS:-2000000}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --traits Freestanding --scratch-path "$scratch" --product clockbench >&2
cp "$scratch/release/clockbench" "$work/clockbench"
gcc -O2 -o "$work/glibc" "$here/clockbench.c"

run() {  # name command...: appends "<name> <mode> <calls> <nanoseconds>"
  local name=$1
  shift
  echo "$name $("$@")" >>"$work/results"
}
"$work/clockbench" vdso 100000 >/dev/null  # warm-up
"$work/glibc" 100000 >/dev/null
for ((i = 0; i < rounds; i++)); do
  run ours-vdso "$work/clockbench" vdso "$calls"
  run glibc "$work/glibc" "$calls"
  run ours-syscall "$work/clockbench" syscall "$syscall_calls"
done

awk -v rounds="$rounds" '
  { ns = $4 / $3; if (!($1 in best) || ns < best[$1]) best[$1] = ns; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1; calls[$1] = $3 } }
  END {
    printf "clock_gettime(CLOCK_MONOTONIC), best of %d alternating runs\n", rounds
    printf "%-16s %12s %10s\n", "program", "calls/run", "ns/call"
    printf "%-16s %12s %10s\n", "----------------", "------------", "----------"
    for (i = 0; i < n; i++) printf "%-16s %12d %10.2f\n", order[i], calls[order[i]], best[order[i]]
    printf "\nratio ours-vdso / glibc (at most 1.10 is the target): %.3f\n", best["ours-vdso"] / best["glibc"]
    printf "ratio ours-syscall / ours-vdso (at least 5 is the target): %.1f\n", best["ours-syscall"] / best["ours-vdso"]
  }' "$work/results"
