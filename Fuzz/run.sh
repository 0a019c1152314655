#!/usr/bin/env bash
# Builds and runs a libFuzzer target (hosted Swift, -sanitize=fuzzer with
# AddressSanitizer) over one module's sources.
#   bash Fuzz/run.sh initialstack|elf [RUNS]     (default 10,000,000 executions)
# The committed seed corpus is Fuzz/<Target>/corpus; new inputs found go to
# a temporary copy, not into the repository. Exits non-zero on a finding.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-initialstack}"
runs="${2:-10000000}"
case "$target" in
  initialstack)
    sources=("$root"/Sources/InitialStack/*.swift "$root/Fuzz/InitialStack/main.swift")
    corpus="$root/Fuzz/InitialStack/corpus"; module=InitialStackFuzz; maxlen=4096 ;;
  elf)
    sources=("$root"/Sources/ELF/*.swift "$root/Fuzz/ELF/main.swift")
    corpus="$root/Fuzz/ELF/corpus"; module=ELFFuzz; maxlen=16384 ;;
  *) echo "unknown fuzz target '$target' (known: initialstack, elf)" >&2; exit 2 ;;
esac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Whole-module: generic readers are specialized as in a release build.
# (gold warns about every ASan helper symbol; show the log only on failure)
swiftc -O -wmo -sanitize=fuzzer,address -parse-as-library -module-name "$module" "${sources[@]}" -o "$work/fuzz" \
  2> "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
mkdir -p "$work/corpus"
[ -d "$corpus" ] && cp "$corpus"/* "$work/corpus/" 2>/dev/null || true
status=0
# An input that runs over 25 s counts as a hang. libFuzzer writes a failing
# input to the current directory (crash-…, timeout-…, oom-…).
"$work/fuzz" -runs="$runs" -max_len="$maxlen" -print_final_stats=1 -timeout=25 \
  "$work/corpus" > "$work/fuzz.log" 2>&1 || status=$?
grep -E "^(Done|#[0-9]+[[:space:]]+DONE|stat::|==[0-9]+==ERROR)|SUMMARY|Fatal error|crash" "$work/fuzz.log" || true
if [ "$status" -ne 0 ]; then tail -40 "$work/fuzz.log" >&2; fi
exit "$status"
