#!/usr/bin/env bash
# Builds the freestanding tools and takes a short tour of them.
set -uo pipefail
cd "$(dirname "$0")/.."
bash Scripts/build-freestanding.sh 2>&1 | grep -E "error|warning: [^a]|Compiling|Build complete" | tail -3
bin=.build-freestanding/release
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
show() { step "$*"; "$@"; echo "[exit status $?]"; }

show "$bin/hello"
step "ls -l $bin/hello && strip -o /tmp/hello.stripped $bin/hello && stat -c '%s bytes stripped' /tmp/hello.stripped"
ls -l "$bin/hello" && strip -o /tmp/hello.stripped "$bin/hello" && stat -c '%s bytes stripped' /tmp/hello.stripped
step "readelf -lW $bin/hello | grep -E 'INTERP|DYNAMIC|LOAD'   # no interpreter, no dynamic section"
readelf -lW "$bin/hello" | grep -E 'INTERP|DYNAMIC|LOAD'
step "nm -u $bin/hello | wc -l   # undefined symbols"
nm -u "$bin/hello" | wc -l
show "$bin/args" one "" "two words" "$(printf 'caf\xc3\xa9')"
show env -i GREETING=hello EMPTY= "$bin/printenv"
show env -i GREETING=hello "$bin/printenv" GREETING MISSING
show "$bin/exitcode" 42
show "$bin/crashtest" overflow
show "$bin/crashtest" segv
step "printf 'one\\n' | $bin/cat /etc/hostname - /nonexistent   # GNU cat's behaviour"
printf 'one\n' | "$bin/cat" /etc/hostname - /nonexistent; echo "[exit status $?]"
show "$bin/fileops" resize /tmp/nolibc-tour-buffer
step "$bin/fstat /tmp/nolibc-tour-buffer | head -4"
"$bin/fstat" /tmp/nolibc-tour-buffer | head -4
rm -f /tmp/nolibc-tour-buffer
show "$bin/memdemo" overmap
step "$bin/auxv | head -6   # as LD_SHOW_AUXV=1"
"$bin/auxv" | head -6
step "$bin/stacklayout build --arg ./first_arg --env FOO=BAR --aux AT_CLKTCK=100 --platform x86_64 | $bin/stacklayout parse --base 0x7fff0000"
"$bin/stacklayout" build --arg ./first_arg --env FOO=BAR --aux AT_CLKTCK=100 --platform x86_64 | "$bin/stacklayout" parse --base 0x7fff0000
step "printf '\\xbf\\x01\\0\\0\\0\\xfe\\x05\\xf6\\xff\\xff\\xff\\x48\\x83\\xff\\x0a\\x72\\xef\\xb8\\x3c\\0\\0\\0\\x0f\\x05' | $bin/runcode   # self-modifying code, W^X"
printf '\xbf\x01\0\0\0\xfe\x05\xf6\xff\xff\xff\x48\x83\xff\x0a\x72\xef\xb8\x3c\0\0\0\x0f\x05' | "$bin/runcode"
echo "[exit status $?]"
step "$bin/readelf -W -h -l $bin/hello   # byte-identical to GNU readelf 2.40 -W"
"$bin/readelf" -W -h -l "$bin/hello"
step "cmp <($bin/readelf -W -a /bin/ls) <(readelf -W -a /bin/ls) && echo identical to GNU readelf"
cmp <("$bin/readelf" -W -a /bin/ls) <(LC_ALL=C readelf -W -a /bin/ls) && echo "identical to GNU readelf"
show "$bin/readelf" -h /nonexistent
show "$bin/vdso" /tmp/nolibc-tour-vdso.so
step "$bin/readelf -W --dyn-syms /tmp/nolibc-tour-vdso.so | grep FUNC   # the dumped vDSO"
"$bin/readelf" -W --dyn-syms /tmp/nolibc-tour-vdso.so | grep FUNC
rm -f /tmp/nolibc-tour-vdso.so

# The loader: the seed book's last program, `false` reading its exit status
# from a variable in a shared library, linked with our ld.so as its
# interpreter (the Swift toolchain's clang and lld assemble and link it).
toolchain="$(dirname "$(readlink -f "$(command -v swift)")")"
work="$(mktemp -d)"
printf '.globl RC\n.data\nRC: .byte 1\n' | "$toolchain/clang" -x assembler -c -o "$work/rc.o" -
"$toolchain/ld.lld" -shared -soname librc.so -o "$work/librc.so" "$work/rc.o"
printf '.globl _start\n.text\n_start:\n  mov RC@GOTPCREL(%%rip), %%rax\n  movzbl (%%rax), %%edi\n  mov $60, %%eax\n  syscall\n' |
  "$toolchain/clang" -x assembler -c -o "$work/false.o" -
"$toolchain/ld.lld" -pie --dynamic-linker="$PWD/$bin/ld.so" -rpath '$ORIGIN' -o "$work/false" "$work/false.o" "$work/librc.so"
step "readelf -W -l -r $work/false | grep -E 'interpreter|GLOB_DAT'"
"$bin/readelf" -W -l -r "$work/false" | grep -E 'interpreter|GLOB_DAT'
show "$work/false"
show "$bin/ld.so" "$work/false"
show "$bin/ld.so" /etc/hostname
rm -f "$work/librc.so"
show "$work/false"
rm -rf "$work"
show "$bin/ulexec" /bin/echo "run by ulexec, no execve"
step "$bin/ulexec /bin/sh -c 'ls -l / | head -3; exit 7'"
"$bin/ulexec" /bin/sh -c 'ls -l / | head -3; exit 7'; echo "[exit status $?]"
