#!/usr/bin/env bash
# Benchmarks `cat` of a 1 GiB file against GNU cat, in the same run:
#   - to /dev/null,
#   - into a pipe (read by one and the same fast reader for both: our cat,
#     which splices the pipe to /dev/null),
# as the best wall time of several runs (hyperfine), and the number of
# system calls each makes (strace -c -f).
# Usage: bash Benchmarks/cat/run.sh   (needs hyperfine and strace)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH_PATH:-.build-freestanding}"
cd "$root"
swift build -c release --traits Freestanding --scratch-path "$scratch" --product cat >/dev/null
ours="$root/$scratch/release/cat"
gnu="$(command -v cat)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/data"
head -c $((1 << 30)) /dev/urandom > "$data"
cmp <("$ours" "$data") "$data"  # correctness before speed

best() {  # best wall time in ms of a shell command, over 5 runs after a warm-up
  hyperfine --warmup 1 --runs 5 --export-json "$work/h.json" --shell=bash "$1" >/dev/null 2>&1
  python3 -c 'import json,sys; print("%.1f" % (min(json.load(open(sys.argv[1]))["results"][0]["times"]) * 1000))' "$work/h.json"
}
calls() {  # total system calls of a command (strace -c -f)
  strace -f -c -o "$work/strace.txt" "$@" >/dev/null
  awk '$NF == "total" {print $4}' "$work/strace.txt"
}

printf '%-30s %12s %12s %8s\n' "cat 1 GiB" "ours (ms)" "GNU (ms)" "GNU/ours"
for target in devnull pipe; do
  if [ "$target" = devnull ]; then
    o="$(best "$ours $data > /dev/null")"; g="$(best "$gnu $data > /dev/null")"
  else
    o="$(best "$ours $data | $ours > /dev/null")"; g="$(best "$gnu $data | $ours > /dev/null")"
  fi
  awk -v t="to $target" -v o="$o" -v g="$g" 'BEGIN { printf "%-30s %12s %12s %8.2f\n", t, o, g, g / o }'
done
echo
oc="$(calls "$ours" "$data")"; gc="$(calls "$gnu" "$data")"
printf '%-30s %12s %12s\n' "system calls (to /dev/null)" "$oc" "$gc"
