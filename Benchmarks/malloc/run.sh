#!/bin/sh
# Benchmarks/malloc/run.sh: the runtime's allocator against glibc's and
# musl's malloc on the same random malloc/free workload (see
# Benchmarks/Sources/mallocbench/main.swift for the workload; the C peer,
# mallocbench.c, runs the identical sequence).
#
#   Benchmarks/malloc/run.sh [operations]      (from the package root)
#
# Builds the freestanding mallocbench (SCRATCH_PATH, default .build), the C
# peer twice (gcc -O2 against glibc, musl-gcc -O2 -static against musl),
# runs each ROUNDS times (default 5) interleaved, and prints the best time
# of each with ns/op and the ratio glibc-time / its-time: the throughput
# relative to glibc (1.00 = as fast as glibc, 0.80 = 80% of it).
set -eu

operations=${1:-10000000}
rounds=${ROUNDS:-5}
scratch=${SCRATCH_PATH:-.build}
out="$scratch/mallocbench-peers"

if [ ! -f Package.swift ] || [ ! -f Benchmarks/malloc/mallocbench.c ]; then
  echo "run.sh: run from the package root" >&2
  exit 2
fi
command -v musl-gcc >/dev/null || { echo "run.sh: musl-gcc missing (apt-get install -y musl-tools)" >&2; exit 1; }

swift build -c release --traits Freestanding --scratch-path "$scratch" --product mallocbench >&2
ours="$scratch/release/mallocbench"
mkdir -p "$out"
gcc -O2 -o "$out/mallocbench-glibc" Benchmarks/malloc/mallocbench.c
musl-gcc -O2 -static -o "$out/mallocbench-musl" Benchmarks/malloc/mallocbench.c

glibc_version=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed 's/^glibc //' || true)
# musl has no version query; the package manager knows (Debian's here).
musl_version=$(dpkg-query -W -f='${Version}' musl 2>/dev/null | sed 's/-.*//' || true)

# One line per run: "<name> <ns> <bytes>".
results="$out/results"
: > "$results"
i=0
while [ "$i" -lt "$rounds" ]; do
  for name in ours glibc musl; do
    case $name in
      ours) program=$ours ;;
      *) program="$out/mallocbench-$name" ;;
    esac
    line=$("$program" "$operations")
    echo "$name $(echo "$line" | awk '{ print $4, $6 }')" >> "$results"
  done
  i=$((i + 1))
done

awk -v ops="$operations" -v rounds="$rounds" -v gv="$glibc_version" -v mv="$musl_version" '
  {
    if (!($1 in best) || $2 < best[$1]) best[$1] = $2
    if (!($1 in bytes)) bytes[$1] = $3
    else if (bytes[$1] != $3) mismatch = 1
  }
  END {
    if (bytes["ours"] != bytes["glibc"] || bytes["ours"] != bytes["musl"]) mismatch = 1
    printf "random malloc/free, %d operations, 4096 slots, best of %d runs\n\n", ops, rounds
    printf "%-30s %14s %8s %14s\n", "allocator", "ns", "ns/op", "glibc/this"
    label["ours"] = "swift-nolibc"
    label["glibc"] = "glibc " gv " (gcc -O2)"
    label["musl"] = "musl " mv " (gcc -O2 -static)"
    n = split("ours glibc musl", order, " ")
    for (k = 1; k <= n; k++) {
      name = order[k]
      printf "%-30s %14d %8.2f %14.2f\n", label[name], best[name], best[name] / ops, best["glibc"] / best[name]
    }
    printf "\nswift-nolibc throughput: %.2fx glibc (target >= 0.80), %.2fx musl\n", \
      best["glibc"] / best["ours"], best["musl"] / best["ours"]
    if (mismatch) { print "run.sh: the programs ran different sequences (checksums differ)"; exit 1 }
  }' "$results"
