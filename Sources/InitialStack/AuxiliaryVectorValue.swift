/// What the value word of an auxiliary vector entry means, by key.
public enum AuxiliaryVectorValueKind: Equatable, Hashable, Sendable {
  /// A number (`AT_PAGESZ`, `AT_UID`, `AT_CLKTCK`, cache sizes, ...), and
  /// the value of every key this module does not know.
  case integer
  /// An address in the program's address space (`AT_PHDR`, `AT_ENTRY`,
  /// `AT_BASE`, `AT_SYSINFO_EHDR`, ...).
  case address
  /// A bit set (`AT_FLAGS`, `AT_HWCAP`, `AT_HWCAP2`...`AT_HWCAP4`).
  case flags
  /// Zero or not (`AT_SECURE`, `AT_NOTELF`).
  case boolean
  /// The address of a NUL-terminated string in the data area of the
  /// initial stack (`AT_PLATFORM`, `AT_BASE_PLATFORM`, `AT_EXECFN`).
  case string
  /// The address of 16 random bytes in the data area (`AT_RANDOM`).
  case randomBytes

  /// Whether the value points into the initial stack's data area (the
  /// crate's `value_in_data_area`).
  public var pointsIntoDataArea: Bool { self == .string || self == .randomBytes }
}

extension AuxiliaryVectorKey {
  /// What this key's value means; `.integer` for unknown keys.
  ///
  /// The meanings follow `getauxval(3)` and the kernel's `fs/binfmt_elf.c`.
  public var valueKind: AuxiliaryVectorValueKind {
    switch rawValue {
    case 3, 7, 9, 32, 33: .address  // AT_PHDR, AT_BASE, AT_ENTRY, AT_SYSINFO, AT_SYSINFO_EHDR
    case 8, 16, 26, 29, 30: .flags  // AT_FLAGS, AT_HWCAP, AT_HWCAP2...4
    case 10, 23: .boolean  // AT_NOTELF, AT_SECURE
    case 15, 24, 31: .string  // AT_PLATFORM, AT_BASE_PLATFORM, AT_EXECFN
    case 25: .randomBytes  // AT_RANDOM
    default: .integer
    }
  }
}

/// The typed value of an auxiliary vector entry: the raw word interpreted
/// by its key's ``AuxiliaryVectorValueKind``.
///
/// No pointer is followed: strings and random bytes are given by address.
/// Resolve them against the bytes they were taken from with
/// ``ParsedInitialStack/string(at:)`` and
/// ``ParsedInitialStack/randomBytes(at:)``.
public enum AuxiliaryVectorValue: Equatable, Sendable {
  /// A number.
  case integer(UInt)
  /// An address.
  case address(UInt)
  /// A bit set.
  case flags(UInt)
  /// `AT_SECURE` or `AT_NOTELF`: the value is not zero.
  case boolean(Bool)
  /// The address of a NUL-terminated string in the data area.
  case string(address: UInt)
  /// The address of the 16 random bytes.
  case randomBytes(address: UInt)
}

extension AuxiliaryVectorEntry {
  /// The value, typed by the key (see ``AuxiliaryVectorKey/valueKind``).
  /// Unknown keys give `.integer`: the raw pair is kept as it is.
  public var typedValue: AuxiliaryVectorValue {
    switch key.valueKind {
    case .integer: .integer(value)
    case .address: .address(value)
    case .flags: .flags(value)
    case .boolean: .boolean(value != 0)
    case .string: .string(address: value)
    case .randomBytes: .randomBytes(address: value)
    }
  }
}
