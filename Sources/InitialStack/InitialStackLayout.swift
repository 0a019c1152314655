/// Which arrangement of the initial stack a builder produces.
///
/// Both layouts put, from the lowest address up: `argc`, the `argv`
/// pointers and a NULL, the `envp` pointers and a NULL, the auxiliary
/// vector ending in `AT_NULL` (System V AMD64 ABI §3.4.1, "Initial Stack
/// and Register State"). They differ in where the strings and the
/// auxiliary data go and in the padding.
public enum InitialStackLayout: Equatable, Sendable {
  /// The layout of the Rust crate `linux-libc-auxv` 0.2.1, at a base
  /// address the caller chooses.
  ///
  /// From low to high: `argc`; `argv` and NULL; `envp` and NULL; the
  /// auxiliary vector sorted by key, one entry per key (the last added
  /// wins), with an implicit `AT_EXECFN` pointing at the file name, and
  /// `AT_NULL` last; padding to 16; the auxiliary data area (platform string,
  /// base platform string, the 16 random bytes, in key order); padding to
  /// 16; the argument strings; the environment strings; the file name;
  /// a final zero word.
  ///
  /// Implementation notes: the crate's README ("Layout of the Data
  /// Structure") gives the order; its minimal example fixes the details
  /// (240 bytes, `AT_PLATFORM` right after `AT_NULL`, the random bytes
  /// right after the platform string, with no alignment). The README's
  /// diagram also shows padding to 16 between `envp`'s NULL and the
  /// auxiliary vector; the example's addresses are the same either way
  /// (7 words + 5 entries + padding = 0x90), and a libc reads the
  /// auxiliary vector right after `envp`'s NULL (glibc `_dl_aux_init`,
  /// System V ABI §3.4.1), so there is none there. The padding is
  /// counted from the start of the block, so the block is aligned as its
  /// base address is: give a 16-byte aligned base for a stack pointer.
  case linuxLibcAuxv

  /// The layout Linux's `create_elf_tables` (`fs/binfmt_elf.c`) produces,
  /// ending at a stack top the caller chooses.
  ///
  /// From the top down: a zero word (`bprm->p` starts one pointer below
  /// the top, `fs/exec.c` `__bprm_mm_init`); the file name (`bprm->exec`,
  /// the `AT_EXECFN` string); the environment strings; the argument
  /// strings (`copy_strings` copies the last string first, so `argv[0]`'s
  /// string is the lowest); a gap of `alignmentGap` bytes, then down to a
  /// multiple of 16 (`arch_align_stack`, which subtracts a random number
  /// below 8192 when address-space randomization is on); the platform
  /// string; the base platform string; the 16 random bytes; then the
  /// auxiliary vector, `envp`, `argv` and `argc` placed so that `argc` is
  /// at a multiple of 16 (`STACK_ROUND`), which leaves a gap of 0–15
  /// bytes between `AT_NULL` and the random bytes.
  ///
  /// The auxiliary vector keeps the order in which entries were added (the
  /// kernel writes its own fixed order; use
  /// ``InitialStackBuilder/sortAuxiliaryVectorInKernelOrder()`` to get
  /// it). Nothing is implicit: add `AT_EXECFN`, `AT_PLATFORM` and
  /// `AT_RANDOM` as the kernel does.
  case kernel(stackTop: UInt, alignmentGap: UInt = 0)
}
