#!/usr/bin/env bash
# Userland exec against the kernel's, in the same run: `ulexec PROGRAM`
# (the kernel starts ulexec, which loads PROGRAM, and for a dynamic program
# its PT_INTERP, into its own process and jumps to it) against `PROGRAM`
# started by the kernel directly, for
#   /bin/true        dynamic, glibc (ulexec loads it and glibc's ld.so,
#                    which loads libc.so.6)
#   true-nostdlib    static, no libc: exit_group(0) (built here with gcc), so
#                    the difference is ulexec's own cost
# Correctness first: exit statuses and output must be the same both ways.
# Times: ROUNDS (default 10) alternating rounds of hyperfine -N with RUNS runs
# each (default 60, after warm-ups); the table gives the best and the median
# of all runs, and the ratios ulexec/kernel of both.
#   bash Benchmarks/ulexec/run.sh   (from anywhere; needs gcc, python3, hyperfine)
# ulexec: $ULEXEC if set, else built with Scripts/build-pie.sh --product ulexec
# into .build-pie/release/ulexec.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
rounds=${ROUNDS:-10}
runs=${RUNS:-60}

fail() { echo "ulexec benchmark: $*" >&2; exit 1; }

if [ -z "${ULEXEC:-}" ]; then
  bash Scripts/build-pie.sh --product ulexec >&2 || fail "building ulexec failed (Scripts/build-pie.sh --product ulexec)"
  ULEXEC="$root/.build-pie/release/ulexec"
fi
[ -x "$ULEXEC" ] || fail "ulexec is missing: $ULEXEC (build it with Scripts/build-pie.sh --product ulexec, or set ULEXEC)"
ulexec="$(readlink -f "$ULEXEC")"
command -v hyperfine >/dev/null || fail "hyperfine is missing (apt-get install -y hyperfine)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '%s\n' 'void _start(void) { __asm__ volatile("syscall" :: "a"(231), "D"(0)); for (;;) {} }' >"$work/true.c"
gcc -O1 -static -nostdlib -fno-stack-protector -o "$work/true-nostdlib" "$work/true.c"
true_bin="$(command -v true)"
[ "${true_bin#/}" != "$true_bin" ] || true_bin=/bin/true  # `command -v` names the builtin

# Correctness before speed: the same status and output both ways.
same() {  # command...: status and output of `ulexec command` equal those of `command`
  local expected actual s1=0 s2=0
  expected="$("$@" 2>&1)" || s1=$?
  actual="$("$ulexec" "$@" 2>&1)" || s2=$?
  [ "$s1" = "$s2" ] && [ "$expected" = "$actual" ] ||
    fail "ulexec $*: exit $s2, output '$actual'; directly: exit $s1, output '$expected'"
}
same "$true_bin"
same /bin/false
same /bin/echo ulexec benchmark
same "$work/true-nostdlib"

for ((i = 0; i < rounds; i++)); do
  hyperfine -N --warmup 5 --runs "$runs" --export-json "$work/h$i.json" \
    -n kernel-true "$true_bin" -n ulexec-true "$ulexec $true_bin" \
    -n kernel-static "$work/true-nostdlib" -n ulexec-static "$ulexec $work/true-nostdlib" >/dev/null 2>&1 ||
    fail "hyperfine failed on round $i"
done
python3 - "$rounds" "$runs" "$true_bin" "$work"/h*.json <<'EOF'
import json, statistics, sys
rounds, runs, true_bin, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
times = {}
for path in files:
    for r in json.load(open(path))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
best = {n: min(t) * 1000 for n, t in times.items()}
median = {n: statistics.median(t) * 1000 for n, t in times.items()}
print("exec and exit, %d alternating rounds of %d runs" % (rounds, runs))
print("%-36s %10s %12s" % ("program", "best (ms)", "median (ms)"))
print("%-36s %10s %12s" % ("-" * 36, "-" * 10, "-" * 12))
rows = [("kernel-true", true_bin), ("ulexec-true", "ulexec " + true_bin),
        ("kernel-static", "true-nostdlib (static)"), ("ulexec-static", "ulexec true-nostdlib")]
for n, label in rows:
    print("%-36s %10.3f %12.3f" % (label, best[n], median[n]))
print()
for what, n in (("%s:" % true_bin, "true"), ("true-nostdlib:", "static")):
    print("ratio ulexec/kernel %-18s best %.2f  median %.2f"
          % (what, best["ulexec-" + n] / best["kernel-" + n], median["ulexec-" + n] / median["kernel-" + n]))
EOF
