#!/usr/bin/env bash
# Benchmarks our readelf against GNU readelf, in the same run, on the
# largest ELF file of the machine (the Swift compiler, swift-frontend, about
# 200 MB, unless BENCH_ELF names another): `-W -s` and `-W -a` to /dev/null,
# best wall time of several runs (hyperfine). The outputs are compared first
# (correctness before speed). Targets (issue 5): -s at most 0.5x GNU's time,
# -a at most 0.7x.
# Usage: bash Benchmarks/readelf/run.sh   (needs hyperfine)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH_PATH:-.build-freestanding}"
cd "$root"
swift build -c release --traits Freestanding --scratch-path "$scratch" --product readelf >/dev/null
ours="$root/$scratch/release/readelf"
gnu="$(command -v readelf)"
file="${BENCH_ELF:-$(readlink -f /opt/swift/usr/bin/swift-frontend)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

best() {  # best wall time in ms of a shell command, over 10 runs after warm-ups
  hyperfine --warmup 2 --runs 10 --export-json "$work/h.json" --shell=bash "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.1f" % (min(json.load(open(sys.argv[1]))["results"][0]["times"]) * 1000))' "$work/h.json"
}

echo "file: $file ($(stat -c %s "$file") bytes)"
printf '%-24s %12s %12s %10s %8s\n' "readelf" "ours (ms)" "GNU (ms)" "ours/GNU" "target"
for option in -s -a; do
  if ! cmp -s <("$ours" -W $option "$file") <(LC_ALL=C "$gnu" -W $option "$file"); then
    echo "readelf -W $option: output differs from GNU readelf" >&2
  fi
  o="$(best "$ours -W $option $file > /dev/null")"
  g="$(best "LC_ALL=C $gnu -W $option $file > /dev/null")"
  target=$([ "$option" = -s ] && echo 0.50 || echo 0.70)
  awk -v t="-W $option ($(LC_ALL=C "$gnu" -W $option "$file" | wc -l) lines)" -v o="$o" -v g="$g" -v target="$target" \
    'BEGIN { printf "%-24s %12s %12s %10.2f %8s\n", t, o, g, o / g, "<= " target }'
done
