/// The C names of the auxiliary vector keys, and how glibc's
/// `LD_SHOW_AUXV=1` shows each key's value.
///
/// Implementation notes: both are `switch`es over the raw value, so a
/// program that never asks for a name links neither table (the runtime
/// itself never does; `--gc-sections` drops them).
extension AuxiliaryVectorKey {
  /// The C name of the key (`"AT_SYSINFO_EHDR"`), or nil for a key this
  /// module does not know.
  public var name: StaticString? {
    switch rawValue {
    case 0: "AT_NULL"
    case 1: "AT_IGNORE"
    case 2: "AT_EXECFD"
    case 3: "AT_PHDR"
    case 4: "AT_PHENT"
    case 5: "AT_PHNUM"
    case 6: "AT_PAGESZ"
    case 7: "AT_BASE"
    case 8: "AT_FLAGS"
    case 9: "AT_ENTRY"
    case 10: "AT_NOTELF"
    case 11: "AT_UID"
    case 12: "AT_EUID"
    case 13: "AT_GID"
    case 14: "AT_EGID"
    case 15: "AT_PLATFORM"
    case 16: "AT_HWCAP"
    case 17: "AT_CLKTCK"
    case 18: "AT_FPUCW"
    case 19: "AT_DCACHEBSIZE"
    case 20: "AT_ICACHEBSIZE"
    case 21: "AT_UCACHEBSIZE"
    case 22: "AT_IGNOREPPC"
    case 23: "AT_SECURE"
    case 24: "AT_BASE_PLATFORM"
    case 25: "AT_RANDOM"
    case 26: "AT_HWCAP2"
    case 27: "AT_RSEQ_FEATURE_SIZE"
    case 28: "AT_RSEQ_ALIGN"
    case 29: "AT_HWCAP3"
    case 30: "AT_HWCAP4"
    case 31: "AT_EXECFN"
    case 32: "AT_SYSINFO"
    case 33: "AT_SYSINFO_EHDR"
    case 40: "AT_L1I_CACHESIZE"
    case 41: "AT_L1I_CACHEGEOMETRY"
    case 42: "AT_L1D_CACHESIZE"
    case 43: "AT_L1D_CACHEGEOMETRY"
    case 44: "AT_L2_CACHESIZE"
    case 45: "AT_L2_CACHEGEOMETRY"
    case 46: "AT_L3_CACHESIZE"
    case 47: "AT_L3_CACHEGEOMETRY"
    case 51: "AT_MINSIGSTKSZ"
    default: nil
    }
  }

  /// How a listing of the auxiliary vector shows a value, following glibc's
  /// `_dl_show_auxv` (`elf/dl-sysdep.c`), which `LD_SHOW_AUXV=1` runs.
  @frozen
  public enum ValueFormat: Equatable, Sendable {
    /// In decimal: sizes, counts, ids, flags that are booleans (`4096`).
    case decimal
    /// In hexadecimal without a prefix (`178bfbff`): glibc's way for
    /// `AT_HWCAP`, `AT_NOTELF` and `AT_FPUCW`.
    case hexadecimal
    /// In hexadecimal after `0x` (`0x7ffc12340000`, `0x0`): addresses, and
    /// `AT_FLAGS`, `AT_HWCAP2` and the cache geometries.
    case prefixedHexadecimal
    /// The value is the address of a NUL-terminated string, shown as text
    /// (`AT_PLATFORM`, `AT_BASE_PLATFORM`, `AT_EXECFN`).
    case string
    /// Not shown at all: the terminator `AT_NULL` and the entries to
    /// ignore, `AT_IGNORE` and `AT_IGNOREPPC`.
    case hidden
  }

  /// How glibc 2.36's `LD_SHOW_AUXV=1` shows this key's value, or nil for a
  /// key this module does not know (glibc shows those as
  /// `AT_??? (0xKEY): 0xVALUE`).
  ///
  /// Keys glibc 2.36 does not know and shows as `AT_???` have a format here
  /// all the same, chosen to match the keys like them: `AT_RSEQ_FEATURE_SIZE`
  /// and `AT_RSEQ_ALIGN` (sizes) in decimal, `AT_HWCAP3` and `AT_HWCAP4`
  /// like `AT_HWCAP2`, prefixed hexadecimal. (Later glibc releases list
  /// them the same way.)
  public var valueFormat: ValueFormat? {
    switch rawValue {
    case 0, 1, 22: .hidden
    case 2, 4, 5, 6, 11, 12, 13, 14, 17, 23, 27, 28, 40, 42, 44, 46, 51: .decimal
    case 10, 16, 18: .hexadecimal
    case 3, 7, 8, 9, 19, 20, 21, 25, 26, 29, 30, 32, 33, 41, 43, 45, 47: .prefixedHexadecimal
    case 15, 24, 31: .string
    default: nil
    }
  }
}
