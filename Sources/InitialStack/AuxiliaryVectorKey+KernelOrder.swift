extension AuxiliaryVectorKey {
  /// The position at which Linux's `create_elf_tables` (`fs/binfmt_elf.c`,
  /// x86-64) writes this key; keys it does not write rank after all others.
  ///
  /// The order: `ARCH_DLINFO` first (`AT_SYSINFO_EHDR`, then
  /// `AT_MINSIGSTKSZ`, `arch/x86/include/asm/elf.h`), then `AT_HWCAP`,
  /// `AT_PAGESZ`, `AT_CLKTCK`, `AT_PHDR`, `AT_PHENT`, `AT_PHNUM`,
  /// `AT_BASE`, `AT_FLAGS`, `AT_ENTRY`, `AT_UID`, `AT_EUID`, `AT_GID`,
  /// `AT_EGID`, `AT_SECURE`, `AT_RANDOM`, `AT_HWCAP2`, `AT_HWCAP3`,
  /// `AT_HWCAP4`, `AT_EXECFN`, `AT_PLATFORM`, `AT_BASE_PLATFORM`,
  /// `AT_EXECFD`, `AT_RSEQ_FEATURE_SIZE`, `AT_RSEQ_ALIGN`, and `AT_NULL`
  /// last. Checked against `/proc/self/auxv` by a test.
  public var kernelRank: Int {
    switch rawValue {
    case 33: 0
    case 51: 1
    case 16: 2
    case 6: 3
    case 17: 4
    case 3: 5
    case 4: 6
    case 5: 7
    case 7: 8
    case 8: 9
    case 9: 10
    case 11: 11
    case 12: 12
    case 13: 13
    case 14: 14
    case 23: 15
    case 25: 16
    case 26: 17
    case 29: 18
    case 30: 19
    case 31: 20
    case 15: 21
    case 24: 22
    case 2: 23
    case 27: 24
    case 28: 25
    case 0: 1000
    default: 500
    }
  }
}
