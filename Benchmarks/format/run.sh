#!/usr/bin/env bash
# Formatted output: 10 million lines of a decimal counter, a hex value and
# a short string with padding, written to /dev/null, by
#   ours          freestanding fmtbench: BufferedWriter + IntegerFormat
#                 (Benchmarks/Sources/fmtbench/main.swift)
#   glibc-printf  printf("%8d 0x%08x %-6s|\n", ...), gcc -O2 (fmtbench.c)
#   swift-print   hosted Swift print with string interpolation, swiftc -O
#                 (fmtbench.swift)
# All three write byte-identical output: a verification run of 100,000
# lines compares their MD5 sums first. Timing: hyperfine, no shell, stdout
# to /dev/null, best (minimum) wall time of RUNS runs (default 10) after a
# warm-up; throughput ratios are peer time / our time (above 1: ours is
# faster).
#   bash Benchmarks/format/run.sh   (from anywhere; needs hyperfine, gcc, swiftc)
# SCRATCH_PATH selects SwiftPM's build directory (default .build-freestanding).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
here="$root/Benchmarks/format"
scratch=${SCRATCH_PATH:-.build-freestanding}
runs=${RUNS:-10}
lines=${LINES_COUNT:-10000000}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --traits Freestanding --scratch-path "$scratch" --product fmtbench >&2
cp "$scratch/release/fmtbench" "$work/ours"
gcc -O2 -o "$work/glibc-printf" "$here/fmtbench.c"
swiftc -O -o "$work/swift-print" "$here/fmtbench.swift" 2>/dev/null

names="ours glibc-printf swift-print"
reference="$("$work/ours" 100000 | md5sum)"
for name in $names; do
  sum="$("$work/$name" 100000 | md5sum)"
  [ "$sum" = "$reference" ] || { echo "$name writes different bytes ($sum, ours $reference)" >&2; exit 1; }
done

declare -A best
for name in $names; do
  hyperfine -N --output=null --warmup 1 --runs "$runs" --export-csv "$work/$name.csv" \
    "$work/$name $lines" >/dev/null 2>&1
  # CSV columns: command,mean,stddev,median,user,system,min,max
  best[$name]=$(awk -F, 'NR == 2 { print $7 }' "$work/$name.csv")
done

echo "$lines lines (\"%8d 0x%08x %-6s|\\n\", 27 bytes each) to /dev/null; outputs identical (md5 of 100,000 lines)"
printf '%-14s %12s %12s %14s\n' "program" "best (s)" "ns/line" "Mlines/s"
printf '%-14s %12s %12s %14s\n' "--------------" "------------" "------------" "--------------"
for name in $names; do
  awk -v n="$name" -v t="${best[$name]}" -v l="$lines" \
    'BEGIN { printf "%-14s %12.4f %12.2f %14.1f\n", n, t, t * 1e9 / l, l / t / 1e6 }'
done
echo
echo "ratios (ours' throughput / peer's; above 1 means ours is faster):"
for name in glibc-printf swift-print; do
  awk -v n="$name" -v t="${best[$name]}" -v o="${best[ours]}" 'BEGIN { printf "  %-26s %8.2fx\n", n, t / o }'
done
