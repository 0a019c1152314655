#!/usr/bin/env bash
# Runs every benchmark, each building its peers in the same run, and writes
# the tables to Benchmarks/RESULTS.md with the date and a machine line.
#   bash Benchmarks/run.sh            (from anywhere)
# Needs valgrind, musl-tools, hyperfine and strace (apt-get install -y valgrind
# musl-tools hyperfine strace). The loader and ulexec sections time the
# loader tools, which they build into .build-pie (Scripts/build-pie.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export SCRATCH_PATH=.build-freestanding
results="$root/Benchmarks/RESULTS.md"
machine="$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores; $(free -g | awk '/Mem:/ {print $2}') GiB"
{
  echo "# Benchmark results"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bash Benchmarks/run.sh\`."
  echo "Machine: $machine. Toolchain: $(swift --version 2>&1 | head -1)."
  echo
  for bench in hello memory malloc format syscall vdso cat readelf loader ulexec; do
    echo "## $bench"
    echo
    echo '```'
    bash "Benchmarks/$bench/run.sh" 2>/dev/null
    echo '```'
    echo
  done
} > "$results.tmp"
mv "$results.tmp" "$results"
cat "$results"
