#!/usr/bin/env bash
# Builds and runs a libFuzzer target (hosted Swift, -sanitize=fuzzer with
# AddressSanitizer) over one module's sources.
#   bash Fuzz/run.sh initialstack [RUNS]     (default 10,000,000 executions)
# The committed seed corpus is Fuzz/<Target>/corpus; new inputs found go to
# a temporary copy, not into the repository. Exits non-zero on a finding.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-initialstack}"
runs="${2:-10000000}"
case "$target" in
  initialstack) sources=("$root"/Sources/InitialStack/*.swift "$root/Fuzz/InitialStack/main.swift"); corpus="$root/Fuzz/InitialStack/corpus" ;;
  *) echo "unknown fuzz target '$target' (known: initialstack)" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# (gold warns about every ASan helper symbol; show the log only on failure)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name InitialStackFuzz "${sources[@]}" -o "$work/fuzz" \
  2> "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
mkdir -p "$work/corpus"
[ -d "$corpus" ] && cp "$corpus"/* "$work/corpus/" 2>/dev/null || true
status=0
"$work/fuzz" -runs="$runs" -max_len=4096 -print_final_stats=1 "$work/corpus" > "$work/fuzz.log" 2>&1 || status=$?
grep -E "^(Done|stat::|==[0-9]+==ERROR)|SUMMARY|Fatal error|crash" "$work/fuzz.log" || true
if [ "$status" -ne 0 ]; then tail -40 "$work/fuzz.log" >&2; fi
exit "$status"
