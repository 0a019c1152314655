#!/usr/bin/env bash
# Benchmarks `hello`: stripped size and user-space instructions from the
# first instruction to exit (valgrind --tool=callgrind, "Collected"), ours
# against peers built in the same run:
#   C with no libc (gcc -nostdlib -static), static musl (musl-gcc -static),
#   static glibc (gcc -static), hosted Swift with its static stdlib.
# Every program runs as `env -i PROGRAM` with stdout to a pipe.
# Usage: bash Benchmarks/hello/run.sh   (from anywhere; needs valgrind,
# musl-tools; builds the freestanding products if needed)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/Benchmarks/hello"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bash "$root/Scripts/build-freestanding.sh" --product hello >/dev/null
bash "$root/Scripts/build-minimal.sh" hello "$work/ours-minimal" >/dev/null

cp "$root/.build-freestanding/release/hello" "$work/ours"
gcc -Os -nostdlib -static -fno-asynchronous-unwind-tables -Wl,--build-id=none -o "$work/c-nostdlib" "$here/hello-nostdlib.c"
musl-gcc -Os -static -o "$work/musl-static" "$here/hello.c"
gcc -Os -static -o "$work/glibc-static" "$here/hello.c"
swiftc -O -static-stdlib -o "$work/swift-hosted" "$here/hello.swift" 2>/dev/null

instructions() {
  env -i valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$1" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

printf '%-28s %12s %14s\n' "hello" "size (B)" "instructions"
printf '%-28s %12s %14s\n' "----------------------------" "------------" "--------------"
declare -A size count
for name in ours ours-minimal c-nostdlib musl-static glibc-static swift-hosted; do
  strip -o "$work/$name.stripped" "$work/$name"
  out="$("$work/$name.stripped" | head -c 100)"
  [ "$out" = "hello world" ] || { echo "$name printed '$out'" >&2; exit 1; }
  size[$name]=$(stat -c %s "$work/$name.stripped")
  count[$name]=$(instructions "$work/$name.stripped")
  printf '%-28s %12s %14s\n' "$name" "${size[$name]}" "${count[$name]}"
done
echo
echo "ratios (peer / ours; above 1 means ours is smaller or runs fewer instructions):"
for name in c-nostdlib musl-static glibc-static swift-hosted; do
  awk -v n="$name" -v s="${size[$name]}" -v so="${size[ours]}" -v c="${count[$name]}" -v co="${count[ours]}" \
    'BEGIN { printf "  %-26s size %10.2fx   instructions %10.2fx\n", n, s / so, c / co }'
done
