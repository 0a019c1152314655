#!/usr/bin/env bash
# Builds and lists the ELF files readelf is compared on: files of every kind
# found on the machine (executables PIE and not, shared libraries, objects,
# 32-bit files) and files built here from Tests/Corpus (static, static-PIE,
# RELR, 32-bit, section groups, TLS, symbol versions, big-endian-free x86).
#
#   Scripts/readelf-corpus.sh [DIR]   (default .build-corpus)
#
# Prints one path per line. Needs gcc, g++, gcc-multilib and binutils (the
# .ci/run packages); a file that cannot be built or is missing is skipped
# with a message on stderr, so the list is what this machine can give.
set -uo pipefail
cd "$(dirname "$0")/.."
dir=${1:-.build-corpus}
mkdir -p "$dir"
src=Tests/Corpus

build() {  # build OUTPUT COMMAND...
  local out=$1; shift
  if [ ! -s "$dir/$out" ] || [ "$src" -nt "$dir/$out" ]; then
    "$@" 2>"$dir/$out.log" || { echo "readelf-corpus: could not build $out" >&2; rm -f "$dir/$out"; return; }
  fi
  echo "$dir/$out"
}

build pie cc -O1 -g -o "$dir/pie" $src/program.c
build nopie cc -O1 -no-pie -fno-pie -o "$dir/nopie" $src/program.c
build static cc -O1 -static -o "$dir/static" $src/program.c
build static-pie cc -O1 -static-pie -o "$dir/static-pie" $src/program.c
build relr cc -O1 -Wl,-z,pack-relative-relocs -o "$dir/relr" $src/program.c
build shared.so cc -O1 -shared -fPIC -Wl,--version-script=$src/library.map -Wl,-soname,libcorpus.so.1 -o "$dir/shared.so" $src/library.c
build uses-shared cc -O1 -o "$dir/uses-shared" $src/program.c "$dir/shared.so" -Wl,-rpath,/opt/corpus
build object.o cc -O2 -c -o "$dir/object.o" $src/program.c
build sections.o cc -O2 -g -ffunction-sections -fdata-sections -c -o "$dir/sections.o" $src/library.c
build groups.o g++ -O1 -c -o "$dir/groups.o" $src/groups.cc
build groups cc -O1 -o "$dir/groups" "$dir/groups.o" -lstdc++
build m32 cc -m32 -O1 -o "$dir/m32" $src/program.c
build m32-static cc -m32 -O1 -static -o "$dir/m32-static" $src/program.c
build m32-shared.so cc -m32 -O1 -shared -fPIC -Wl,--version-script=$src/library.map -o "$dir/m32-shared.so" $src/library.c
build m32.o cc -m32 -O1 -g -c -o "$dir/m32.o" $src/library.c
build as32.o as --32 -o "$dir/as32.o" $src/start32.s
build ld32 ld -m elf_i386 -o "$dir/ld32" "$dir/as32.o"
build tls.o cc -O1 -c -o "$dir/tls.o" $src/tls.c
build tls.so cc -O1 -shared -fPIC -o "$dir/tls.so" $src/tls.c
build hash-sysv cc -O1 -Wl,--hash-style=sysv -o "$dir/hash-sysv" $src/program.c
build hash-both.so cc -O1 -shared -fPIC -Wl,--hash-style=both -Wl,--version-script=$src/library.map -o "$dir/hash-both.so" $src/library.c
build nosections cc -O1 -nostdlib -static -Wl,-e,0 -Wl,--build-id -o "$dir/nosections" $src/tls.c
if [ -s "$dir/nosections" ]; then
  # Section headers removed: readelf works from the program headers alone.
  python3 - "$dir/nosections" <<'PY'
import sys, struct
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[0x28:0x30] = b'\0' * 8    # e_shoff
b[0x3a:0x40] = b'\0' * 6    # e_shentsize, e_shnum, e_shstrndx
open(p, 'wb').write(b)
PY
fi

for f in /bin/ls /bin/true /usr/bin/gdb /usr/bin/python3 \
  /usr/lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libm.so.6 \
  /usr/lib64/ld-linux-x86-64.so.2 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 \
  /usr/lib/x86_64-linux-gnu/libz.so.1 /usr/lib/x86_64-linux-gnu/crt1.o /usr/lib/x86_64-linux-gnu/crti.o \
  /usr/lib/gcc/x86_64-linux-gnu/12/crtbeginS.o /usr/lib32/crt1.o /usr/lib32/libc.so.6 /usr/lib32/ld-linux.so.2 \
  /usr/libexec/valgrind/memcheck-amd64-linux /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so \
  /opt/swift/usr/lib/swift/linux/libswiftCore.so /opt/swift/usr/lib/swift/linux/libswift_Concurrency.so; do
  if [ -f "$f" ]; then readlink -f "$f"; else echo "readelf-corpus: no $f" >&2; fi
done

# The project's own freestanding tools, if built.
for t in hello cat readelf; do
  f=.build-freestanding/release/$t
  if [ -f "$f" ]; then echo "$f"; else echo "readelf-corpus: no $f (run Scripts/build-freestanding.sh)" >&2; fi
done
