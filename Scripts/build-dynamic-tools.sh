#!/usr/bin/env bash
# Links the freestanding tools as dynamic executables against a shared
# library, libswiftnolibc.so, that our ld.so (Sources/Tools/ldso) loads.
# Used by Tests/IntegrationTests/DynamicToolsTests.swift.
#
#   Scripts/build-dynamic-tools.sh [PIE_BUILD_DIR] [OUTDIR]
#
# PIE_BUILD_DIR (default .build-pie/release, built by Scripts/build-pie.sh)
# holds the position-independent objects and the ld.so that becomes every
# tool's PT_INTERP (NOLIBC_LDSO overrides it: an absolute path). OUTDIR
# (default .build-dynamic) receives lib/libswiftnolibc.so and bin/TOOL, each
# with DT_NEEDED libswiftnolibc.so and DT_RUNPATH $ORIGIN/../lib, so the
# directory can move. Nothing is compiled: the objects are relinked with
# the toolchain's ld.lld, which takes a second or two.
#
# What goes where, and why Runtime is not in the library:
# - libswiftnolibc.so: the Linux, ELF, InitialStack and MemoryKernelsAVX
#   modules and CLinux's start.c without its entry (malloc/free, the vDSO
#   table nl_vdso, the signal restorer, nl_enter, nl_tls_get_addr).
# - each executable: the tool's objects, the Runtime module, and the entry
#   `_start` assembled here.
#   Embedded Swift compiles into every client module a weak copy of each
#   function of another module that it uses, and of the internal globals
#   those functions touch: a tool's main.swift.o defines Runtime's
#   standard-output buffer (outputStorage, outputCount...) and reaches it
#   PC-relatively. Public Swift symbols have protected visibility, so the
#   library cannot be made to use the executable's copy, nor the
#   executable the library's through a copy relocation. With Runtime in the
#   library a process has two output buffers: the tool fills its own, the
#   library flushes its own at exit, and `hello` prints nothing (under
#   glibc's ld.so as under ours). With Runtime in the executable there is
#   one buffer and one allocator. For the same reason the executables call
#   none of the library's Swift code (they carry their own copies); what
#   crosses the boundary is C symbols: the executable takes free, nl_vdso
#   and nl_signal_restorer from the library (JUMP_SLOT, GLOB_DAT), the
#   library takes memcpy, memset, memcmp, memmove, posix_memalign,
#   arc4random_buf and swift_nolibc_malloc/free from the executable
#   (JUMP_SLOT), and its weak undefined nl_vdso_bind resolves to the
#   executable's or to 0.
# - the entry: the StaticPIE tree's start.c makes `_start` the
#   self-relocating nl_start_pie, which must not run in a dynamically linked
#   program (ld.so has applied the relocations already; applying RELATIVE
#   ones again would add the load bias twice). The script assembles the
#   plain entry (the same instructions as CLinux's non-PIE `_start`) and
#   removes nl_start_pie's section from the library's copy of start.c.o.
# - relocations: the library is lazily bound and packs its relative
#   relocations as RELR; the executables are BIND_NOW with RELA RELATIVE
#   ones, so a run exercises both forms. Both have PT_GNU_RELRO.
# Every output is checked with our own readelf (from PIE_BUILD_DIR):
# PT_INTERP, DT_NEEDED, DT_RUNPATH, no text relocations, no segment both
# writable and executable; the script prints each file's relocation types.
set -euo pipefail

fail() {
  echo "build-dynamic-tools: $*" >&2
  exit 1
}

# Arguments are relative to the caller's directory, the defaults to the
# repository's.
repository=$(cd "$(dirname "$0")/.." && pwd)
pie=${1:-$repository/.build-pie/release}
[[ -d $pie ]] || fail "$pie is missing: build the PIE tree first (bash Scripts/build-pie.sh)"
pie=$(realpath "$pie")
out=$(realpath -m "${2:-$repository/.build-dynamic}")
cd "$repository"
ldso=${NOLIBC_LDSO:-$pie/ld.so}
readelf=$pie/readelf
linker_script=$PWD/Linking/freestanding.ld
tools=(hello args printenv exitcode crashtest probe cat fstat fileops maps memdemo runcode auxv stackdump stacklayout
  readelf vdso)
library_modules=(Linux ELF InitialStack MemoryKernelsAVX)

# The toolchain's LLVM tools: next to swiftc, or on PATH.
toolchain=$(dirname "$(readlink -f "$(command -v swiftc || command -v swift || echo /opt/swift/usr/bin/swift)")")
tool() {
  if [[ -x $toolchain/$1 ]]; then echo "$toolchain/$1"; elif command -v "$1" >/dev/null; then command -v "$1"; else
    fail "$1 not found (looked in $toolchain and on PATH)"
  fi
}
lld=$(tool ld.lld)
clang=$(tool clang)
objcopy=$(tool llvm-objcopy)

[[ $ldso == /* ]] || fail "NOLIBC_LDSO must be an absolute path: $ldso"
[[ -x $ldso ]] || fail "$ldso is not an executable (bash Scripts/build-pie.sh builds ld.so)"
[[ -x $readelf ]] || fail "$readelf is missing: build the PIE tree first (bash Scripts/build-pie.sh)"
for module in "${library_modules[@]}" Runtime CLinux "${tools[@]}"; do
  [[ -d $pie/$module.build ]] || fail "$pie/$module.build is missing: build the PIE tree first (bash Scripts/build-pie.sh)"
done

rm -rf "$out/bin" "$out/lib" "$out/obj"
mkdir -p "$out/bin" "$out/lib" "$out/obj"

# The entry of every executable (see the header): rsp points at argc; zero
# rbp, pass the stack pointer, align, call the runtime, never return.
cat >"$out/obj/entry.s" <<'EOF'
.text
.globl _start
.type _start,@function
_start:
  xor %ebp, %ebp
  mov %rsp, %rdi
  and $-16, %rsp
  call swift_nolibc_start
  ud2
.size _start, .-_start
.section .note.GNU-stack,"",@progbits
EOF
"$clang" -c -x assembler "$out/obj/entry.s" -o "$out/obj/entry.o"

# start.c.o without its self-relocating entry.
"$objcopy" --remove-section=.text.nl_start_pie --remove-section=.rela.text.nl_start_pie \
  --strip-symbol=__ehdr_start --strip-symbol=swift_nolibc_relocate_self --strip-symbol=swift_nolibc_start \
  "$pie/CLinux.build/start.c.o" "$out/obj/clinux.o"

common=(-z noexecstack -z relro --build-id=none --no-eh-frame-hdr -T "$linker_script")

library_objects=()
for module in "${library_modules[@]}"; do library_objects+=("$pie/$module.build"/*.o); done
"$lld" -shared -soname libswiftnolibc.so -o "$out/lib/libswiftnolibc.so" "${common[@]}" -z lazy \
  -z pack-relative-relocs "${library_objects[@]}" "$out/obj/clinux.o"

for t in "${tools[@]}"; do
  "$lld" -pie --dynamic-linker="$ldso" -o "$out/bin/$t" "${common[@]}" -z now --gc-sections \
    --defsym "main=${t}_main" -rpath '$ORIGIN/../lib' \
    "$out/obj/entry.o" "$pie/$t.build"/*.o "$pie/Runtime.build"/*.o "$out/lib/libswiftnolibc.so"
done

# Checks, with our own readelf (GNU's wide format).
relocation_summary() {
  "$readelf" -r "$1" | awk '/^[0-9a-f]+ +[0-9a-f]+ R_X86_64_/ {n[$3]++} /^ +[0-9]+ offsets$/ {n["RELR"] += $1}
    END {for (k in n) printf " %s=%d", k, n[k]}'
}
check_common() {
  local file=$1 headers=$2
  grep -q 'TEXTREL' <<<"$headers" && fail "$file has text relocations"
  grep -Eq '^ +LOAD .* RWE ' <<<"$headers" && fail "$file has a writable and executable segment"
  grep -Eq '^ +GNU_RELRO ' <<<"$headers" || fail "$file has no PT_GNU_RELRO"
  return 0
}
headers=$("$readelf" -l -d --dyn-syms "$out/lib/libswiftnolibc.so")
check_common libswiftnolibc.so "$headers"
grep -Eq ' (_start|nl_start_pie|main)$' <<<"$headers" && fail "libswiftnolibc.so exports an entry point"
echo "lib/libswiftnolibc.so:$(relocation_summary "$out/lib/libswiftnolibc.so")"
for t in "${tools[@]}"; do
  file=$out/bin/$t
  headers=$("$readelf" -l -d "$file")
  check_common "$t" "$headers"
  grep -Fq "[Requesting program interpreter: $ldso]" <<<"$headers" || fail "$t: PT_INTERP is not $ldso"
  grep -Fq 'Shared library: [libswiftnolibc.so]' <<<"$headers" || fail "$t: no DT_NEEDED libswiftnolibc.so"
  grep -Fq 'Library runpath: [$ORIGIN/../lib]' <<<"$headers" || fail "$t: no DT_RUNPATH \$ORIGIN/../lib"
  echo "bin/$t:$(relocation_summary "$file")"
done
echo "build-dynamic-tools: ${#tools[@]} tools in $out/bin, interpreter $ldso"
