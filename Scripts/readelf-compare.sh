#!/usr/bin/env bash
# Compares our readelf with GNU readelf (the oracle) on the corpus of
# Scripts/readelf-corpus.sh, option by option, and prints a line per
# difference (and the first lines of the diff with -v).
#
#   Scripts/readelf-compare.sh [-v] OURS OPTION...      e.g. OURS -h -l -S
#
# Each OPTION is compared on its own, as `readelf -W OPTION FILE`. Exit
# status 1 if anything differs.
set -uo pipefail
cd "$(dirname "$0")/.."
verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi
ours=$1; shift
status=0
files=$(bash Scripts/readelf-corpus.sh 2>/dev/null)
for option in "$@"; do
  same=0; differ=0
  for f in $files; do
    if cmp -s <(readelf -W $option "$f" 2>&1) <("$ours" -W $option "$f" 2>&1); then
      same=$((same + 1))
    else
      differ=$((differ + 1)); status=1
      echo "DIFFERS: $option $f"
      if [ $verbose = 1 ]; then diff <(readelf -W $option "$f" 2>&1) <("$ours" -W $option "$f" 2>&1) | head -${LINES_SHOWN:-10}; fi
    fi
  done
  echo "$option: $same identical, $differ different"
done
exit $status
