#!/usr/bin/env bash
# Builds the ld.so test programs and libraries (Tests/IntegrationTests/
# LoaderToolTests.swift) into OUTDIR, with LDSO (an absolute path) as the
# programs' PT_INTERP:
#
#   Tests/Fixtures/Loader/build.sh OUTDIR LDSO
#
# - the seed book's assembly programs: rc.so and false built static,
#   dynamic (non-PIE), PIE and static-PIE, with nasm and GNU ld;
# - -nostdlib C programs and libraries (gcc, no libc, nolibc.h for output)
#   with every relocation type ld.so handles, TLS, ifuncs, initializers,
#   symbol versions, $ORIGIN paths, preloading and library paths;
# - the error cases: libraries that are missing, not ELF, for another
#   machine or class, truncated, or lack a symbol.
#
# gcc -m32 builds the one 32-bit library (errors/lib32.so); CI installs
# gcc-multilib for it.
#
# Libraries live in subdirectories found through DT_RPATH/DT_RUNPATH with
# $ORIGIN, so OUTDIR can be anywhere. Takes a few seconds; running it again
# rebuilds everything. Needs nasm, gcc, GNU binutils (ld, readelf) and
# coreutils; a missing tool is an error.
set -euo pipefail

die() { echo "build.sh: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: build.sh OUTDIR LDSO"
out=$1
ldso=$2
case "$ldso" in /*) ;; *) die "LDSO must be an absolute path: $ldso" ;; esac
for tool in nasm gcc ld readelf head dd; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install nasm gcc binutils coreutils)"
done
src=$(cd "$(dirname "$0")" && pwd)

# Start from an empty directory, but only delete one this script made.
if [ -e "$out" ]; then
  if [ -e "$out/.loader-fixtures" ]; then
    rm -rf "$out"
  elif [ -n "$(ls -A "$out")" ]; then
    die "$out exists and was not made by this script; refusing to empty it"
  fi
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$out"
touch .loader-fixtures
mkdir -p obj relr rela lib deep deep2 deep3 leaf2 lp1 lp2 stubs errors

# No libc: nothing runs before the loader under test but the kernel. No
# stack protector (no canary setup is assumed), no loops turned into
# memset/memcpy calls (no libc to provide them), no unwind tables (smaller).
cflags=(-O2 -Wall -Werror -nostdlib -fno-stack-protector -fno-tree-loop-distribute-patterns
  -fno-asynchronous-unwind-tables -I"$src")
# Libraries: PIC, a soname equal to the file name, every symbol defined
# (except where a library says otherwise), no executable stack.
library() {  # library DIR NAME SOURCE [FLAGS...]
  local dir=$1 name=$2 source=$3
  shift 3
  gcc "${cflags[@]}" -fPIC -shared -Wl,-soname,"$name" -Wl,-z,noexecstack -o "$dir/$name" "$src/$source" "$@"
}
# Programs: PIE unless told, PT_INTERP is LDSO, DT_NEEDED for every library
# named (Debian's gcc passes --as-needed), -rpath as DT_RPATH (which also
# serves the libraries' own DT_NEEDED) unless --enable-new-dtags follows
# (DT_RUNPATH, Debian's default), _start from start.S.
program() {  # program NAME SOURCE [FLAGS...]
  local name=$1 source=$2
  shift 2
  gcc "${cflags[@]}" -Wl,--no-as-needed -Wl,--disable-new-dtags -Wl,--dynamic-linker="$ldso" -Wl,-z,noexecstack \
    -o "$name" "$src/start.S" "$src/$source" "$@"
}

# --- The seed book's programs ------------------------------------------------
for s in rc false-static false-got false-rel; do nasm -f elf64 -o "obj/$s.o" "$src/$s.s"; done
ld -z noexecstack -shared -o rc.so obj/rc.o
ld -z noexecstack -static -o false-static obj/false-static.o obj/rc.o
ld -z noexecstack --dynamic-linker "$ldso" -rpath '$ORIGIN' -o false-dynamic obj/false-got.o -L. -l:rc.so
ld -z noexecstack -pie --dynamic-linker "$ldso" -rpath '$ORIGIN' -o false-pie obj/false-got.o -L. -l:rc.so
ld -z noexecstack -static -pie --no-dynamic-linker -o false-static-pie obj/false-rel.o obj/rc.o

# --- Relocations between objects ---------------------------------------------
# relr/: RELATIVE packed as DT_RELR, GNU hash, lazy PLT.
# rela/: RELATIVE as RELA entries, SysV hash only, BIND_NOW.
library relr libdata.so libdata.c -Wl,-z,defs -Wl,-z,pack-relative-relocs -Wl,--hash-style=gnu
library relr libuse.so libuse.c -Wl,-z,defs -Wl,-z,pack-relative-relocs -Wl,--hash-style=gnu -Lrelr -ldata
library rela libdata.so libdata.c -Wl,-z,defs -Wl,-z,now -Wl,--hash-style=sysv
library rela libuse.so libuse.c -Wl,-z,defs -Wl,-z,now -Wl,--hash-style=sysv -Lrela -ldata

# R_X86_64_NONE: no linker writes one on purpose. rela/libuse.so's GLOB_DAT
# against the weak undefined weak_missing_function fills a GOT slot that is
# 0 in the file with 0; with its r_info cleared it becomes a NONE entry (type
# 0, symbol 0) with the same effect.
none_instead_of_glob_dat() {  # none_instead_of_glob_dat FILE SYMBOL
  local section index
  read -r section index < <(readelf -rW "$1" | awk -v symbol="$2" '
    /^Relocation section/ { offset = $6; i = -1; next }
    offset != "" && $3 ~ /^R_X86_64_/ {
      i++
      if ($3 == "R_X86_64_GLOB_DAT" && $5 == symbol) { print offset, i; exit }
    }') || true
  [ -n "${index:-}" ] || die "no GLOB_DAT against $2 in $1"
  dd if=/dev/zero of="$1" bs=1 seek=$((section + index * 24 + 8)) count=8 conv=notrunc status=none
  readelf -rW "$1" | grep -q R_X86_64_NONE || die "could not write R_X86_64_NONE into $1"
}
none_instead_of_glob_dat rela/libuse.so weak_missing_function
program relocs relocs.c -Wl,-z,pack-relative-relocs -Wl,-z,lazy -Lrelr -luse -ldata \
  -Wl,-rpath,'$ORIGIN/relr'
program relocs-now relocs.c -Wl,-z,now -Lrela -luse -ldata -Wl,-rpath,'$ORIGIN/rela'
program copyreloc copyreloc.c -fno-pie -no-pie -Wl,-z,lazy -Lrela -ldata -Wl,-rpath,'$ORIGIN/rela'
program maps maps.c -Wl,-z,now -Wl,-z,relro -Lrela -luse -ldata -Wl,-rpath,'$ORIGIN/rela'

# --- ifuncs -------------------------------------------------------------------
library lib libifunc.so libifunc.c -Wl,-z,defs
program ifunc ifunc.c -Llib -lifunc -Wl,-rpath,'$ORIGIN/lib'

# --- TLS ----------------------------------------------------------------------
# __tls_get_addr is the dynamic linker's: left undefined in the libraries.
library lib libtls.so libtls.c
library lib libtls2.so libtls2.c
program tls tls.c -Llib -ltls -ltls2 -Wl,-rpath,'$ORIGIN/lib' -Wl,--allow-shlib-undefined

# --- Initializer order (see initorder.c for the graph) ------------------------
order() {  # order NAME [DEPENDENCY...]
  local name=$1
  shift
  local declarations="" pointers="" links=()
  for d in "$@"; do
    declarations+="extern int ready_$d;"
    pointers+="${pointers:+,}&ready_$d"
    links+=(-lorder-"$d")
  done
  local defines=(-DNAME="$name")
  [ $# -eq 0 ] || defines+=(-DDEPENDENCY_DECLARATIONS="$declarations" -DDEPENDENCIES="$pointers")
  library lib liborder-"$name".so liborder.c -Wl,-z,defs -Wl,-init,init_"$name" "${defines[@]}" -Llib "${links[@]}"
}
order c
order b c
order a b
order d a
order l d
order r d l
program initorder initorder.c -Llib -lorder-l -lorder-r -Wl,-rpath-link,lib -Wl,-rpath,'$ORIGIN/lib'

# --- Symbol versions ----------------------------------------------------------
library lib libver.so libver.c -Wl,-z,defs -Wl,--version-script="$src/libver.map" -Wl,--hash-style=both
library lib libverother.so libverother.c -Wl,-z,defs -Wl,--version-script="$src/libverother.map"
library lib libveruser.so libveruser.c -Wl,-z,defs -Llib -lver
program versions versions.c -Llib -lverother -lveruser -lver -Wl,-rpath,'$ORIGIN/lib'

# --- $ORIGIN, DT_RPATH and DT_RUNPATH (see origin.c) --------------------------
library deep libleaf.so libleaf.c -Wl,-z,defs -DWHERE='"deep"'
library deep libmid.so libmid.c -Wl,-z,defs -Ldeep -lleaf
library leaf2 libleaf.so libleaf.c -Wl,-z,defs -DWHERE='"leaf2"'
library deep2 libmid.so libmid.c -Wl,-z,defs -Lleaf2 -lleaf -Wl,--enable-new-dtags,-rpath,'$ORIGIN/../leaf2'
cp deep/libmid.so deep3/libmid.so
program origin-rpath origin.c -Ldeep -lmid -Wl,-rpath-link,deep -Wl,-rpath,'$ORIGIN/deep'
program origin-runpath origin.c -Ldeep2 -lmid -Wl,-rpath-link,leaf2 -Wl,--enable-new-dtags,-rpath,'$ORIGIN/deep2'
program runpath-not-inherited origin.c -Ldeep -lmid -Wl,-rpath-link,deep \
  -Wl,--enable-new-dtags,-rpath,'$ORIGIN/deep3:$ORIGIN/deep'

# --- --library-path, LD_LIBRARY_PATH, --preload, LD_PRELOAD --------------------
library lp1 libwho.so libwho.c -Wl,-z,defs -DWHO='"lp1"'
library lp2 libwho.so libwho.c -Wl,-z,defs -DWHO='"lp2"' -Wl,--hash-style=sysv
library lib libpreload.so libpreload.c -Wl,-z,defs
program needwho needwho.c -Llp1 -lwho

# --- The initial process state -------------------------------------------------
program auxv auxv.c
# A non-PIE program needs a library to be dynamic at all: rc.so.
program auxv-nopie auxv.c -fno-pie -no-pie -L. -l:rc.so -Wl,-rpath,'$ORIGIN'

# --- Errors -------------------------------------------------------------------
# Programs link against stubs/ and find errors/ at run time.
needs() {  # needs PROGRAM LIBRARY FUNCTION
  library stubs "$2" libneeded.c -Wl,-z,defs -DLIBRARY_FUNCTION="$3"
  program "$1" needs.c -DLIBRARY_FUNCTION="$3" -Lstubs -l:"$2" -Wl,-rpath,'$ORIGIN/errors'
}
needs missing libabsent.so absent_function
needs notelf libnotelf.so notelf_function
printf 'This text file is named like a shared library but is not an ELF file.\n' >errors/libnotelf.so
needs wrongmachine libaarch64.so aarch64_function
cp stubs/libaarch64.so errors/libaarch64.so
printf '\267\000' | dd of=errors/libaarch64.so bs=1 seek=18 conv=notrunc status=none  # e_machine = EM_AARCH64 (183)
needs wrongclass lib32.so class_function
gcc -m32 -O2 -nostdlib -fPIC -shared -Wl,-soname,lib32.so -DLIBRARY_FUNCTION=class_function \
  -o errors/lib32.so "$src/libneeded.c" || die "gcc -m32 failed (Debian: apt-get install gcc-multilib)"
needs truncated libtruncated.so truncated_function
head -c 1000 stubs/libtruncated.so >errors/libtruncated.so  # headers intact, segments cut
needs tooshort libtooshort.so tooshort_function
head -c 40 stubs/libtooshort.so >errors/libtooshort.so  # shorter than an ELF header
library stubs libgone.so libgone.c -Wl,-z,defs -DDEFINE_GONE
library errors libgone.so libgone.c -Wl,-z,defs
program undefined undefined.c -DREAD_VAR -Wl,-z,now -Lstubs -lgone -Wl,-rpath,'$ORIGIN/errors'
program undefined-lazy undefined.c -Wl,-z,lazy -Lstubs -lgone -Wl,-rpath,'$ORIGIN/errors'
printf '#!/bin/sh\necho this program is a shell script, not an ELF file\n' >errors/notelf-program
chmod +x errors/notelf-program

rm -rf obj
echo "build.sh: loader fixtures in $out (PT_INTERP $ldso)"
