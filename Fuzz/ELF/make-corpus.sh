#!/usr/bin/env bash
# Rebuilds the ELF fuzz target's seed corpus (Fuzz/ELF/corpus), which the
# readelf mutation test (Tests/IntegrationTests/ReadelfMutationTests.swift)
# also starts from: small real files of every kind, each under 16 KiB.
#   bash Fuzz/ELF/make-corpus.sh [DIR]   (default Fuzz/ELF/corpus)
# Needs gcc, g++, gcc-multilib, python3, and the Swift toolchain's clang and
# ld.lld for the big-endian files. The committed files were made with it;
# rebuilding gives equivalent, not byte-identical, files (build IDs, the
# running kernel's vDSO).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "${1:-$root/Fuzz/ELF/corpus}"
out="$(cd "${1:-$root/Fuzz/ELF/corpus}" && pwd)"
clang=/opt/swift/usr/bin/clang
lld=/opt/swift/usr/bin/ld.lld
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > tiny.c <<'EOF'
static const char message[] = "hello\n";
const char *pointers[] = { message, message + 1, message + 2 };
int counter;
__attribute__((visibility("default"))) int library_value(void) { return counter + pointers[1][0]; }
__attribute__((visibility("default"))) int library_add(int a, int b) { return a + b + counter; }
__attribute__((visibility("default"))) int library_call(int (*f)(int)) { return f(counter); }
__attribute__((visibility("default"))) int library_new(void) { return 2; }
void _start(void) { for (;;) __asm__ volatile (""); }
EOF
cat > uses.c <<'EOF'
extern int library_value(void);
extern int library_new(void);
void _start(void) { library_value(); library_new(); for (;;) __asm__ volatile (""); }
EOF
cat > groups.cc <<'EOF'
template <typename T> struct Box { T v; T get() const { return v; } };
inline int shared_inline(int x) { return x * 3; }
int use(Box<int> b, Box<long> c) { return b.get() + (int)c.get() + shared_inline(b.v); }
EOF
printf '#include <stdio.h>\nint main(int argc, char **argv) { printf("hello %%d\\n", argc); return 0; }\n' > hello.c
cp "$root/Tests/Corpus/library.map" lib.map
small="-Os -fno-asynchronous-unwind-tables -nostdlib -Wl,-z,noseparate-code"

cc -Os -c -o "$out/x64.o" tiny.c
cc -m32 -Os -c -o "$out/i386.o" tiny.c
g++ -O0 -fno-asynchronous-unwind-tables -fno-exceptions -c -o "$out/groups.o" groups.cc
cc $small -static -Wl,--build-id -o "$out/x64-static" tiny.c
cc -m32 $small -static -Wl,--build-id -o "$out/i386-static" tiny.c
cc $small -fPIC -shared -Wl,--version-script=lib.map -Wl,-soname,libtiny.so.1 -Wl,--hash-style=both \
  -Wl,-rpath,/opt/x -Wl,--build-id -o "$out/versioned.so" tiny.c
cc -m32 $small -fPIC -shared -Wl,--version-script=lib.map -Wl,--hash-style=sysv -o "$out/i386-versioned.so" tiny.c
cc $small -fPIC -shared -Wl,-z,pack-relative-relocs -Wl,--enable-new-dtags -Wl,-rpath,/opt/y -o "$out/relr.so" tiny.c
cc $small -fPIE -pie -Wl,-z,pack-relative-relocs -o "$out/relr-pie" tiny.c
# Version requirements, a GNU property note (-fcf-protection), BIND_NOW.
cc $small -fPIE -pie -fcf-protection=full -Wl,--build-id -Wl,--hash-style=gnu -Wl,-z,now -Wl,-rpath,/opt/z \
  -Wl,--dynamic-linker,/lib64/ld-linux-x86-64.so.2 -o "$out/uses-versioned" uses.c "$out/versioned.so"
cc -Os -Wl,-z,noseparate-code -o "$out/glibc-pie" hello.c
# Big-endian (PowerPC, s390x) and other machines, by clang and lld.
"$clang" --target=powerpc64-linux-gnu -Os -fPIC -c -o "$out/ppc64.o" tiny.c
"$lld" -shared --hash-style=both --version-script=lib.map -soname libbig.so -z noseparate-code --build-id \
  -o "$out/ppc64-versioned.so" "$out/ppc64.o"
"$clang" --target=powerpc-linux-gnu -Os -fPIC -c -o ppc32.o tiny.c
"$lld" -shared --hash-style=gnu -z pack-relative-relocs -z noseparate-code -o "$out/ppc32-relr.so" ppc32.o
"$clang" --target=aarch64-linux-gnu -Os -c -o "$out/arm64.o" tiny.c
"$clang" --target=s390x-linux-gnu -Os -c -o "$out/s390x.o" tiny.c

# The running kernel's vDSO, header to the end of its section headers.
cat > vdso.c <<'EOF'
#include <elf.h>
#include <stdio.h>
#include <sys/auxv.h>
int main(int argc, char **argv) {
  const Elf64_Ehdr *h = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
  FILE *f = fopen(argv[1], "wb");
  fwrite(h, 1, h->e_shoff + (size_t)h->e_shnum * h->e_shentsize, f);
  return fclose(f) != 0;
}
EOF
cc -o vdso vdso.c && ./vdso "$out/vdso.so"

python3 - "$out" <<'PY'
import struct, sys
out = sys.argv[1]
# No section headers: e_shoff, e_shentsize, e_shnum, e_shstrndx zeroed and
# the table cut off.
b = bytearray(open(out + '/x64-static', 'rb').read())
shoff = struct.unpack_from('<Q', b, 0x28)[0]
b[0x28:0x30] = bytes(8)
b[0x3a:0x40] = bytes(6)
open(out + '/nosections', 'wb').write(b[:shoff])
# Extended section numbering: e_shnum 0 and e_shstrndx SHN_XINDEX, the real
# values in section 0's sh_size and sh_link.
b = bytearray(open(out + '/x64.o', 'rb').read())
shoff = struct.unpack_from('<Q', b, 0x28)[0]
shnum, shstrndx = struct.unpack_from('<HH', b, 0x3c)
struct.pack_into('<HH', b, 0x3c, 0, 0xffff)
struct.pack_into('<Q', b, shoff + 32, shnum)
struct.pack_into('<I', b, shoff + 40, shstrndx)
open(out + '/extended-numbering.o', 'wb').write(b)
PY
ls -l "$out"
