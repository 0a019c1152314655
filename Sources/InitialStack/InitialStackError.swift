/// An error building, serializing or parsing an initial stack or an
/// auxiliary vector.
///
/// Parsing reports every malformation of untrusted bytes with one of these
/// cases; it never traps and never reads outside the given buffer.
public enum InitialStackError: Error, Equatable, Sendable {
  /// Which string of the builder an error is about.
  public enum StringRole: Equatable, Sendable {
    /// An argument (`argv`).
    case argument
    /// An environment variable (`envp`).
    case environment
    /// The `AT_PLATFORM` string.
    case platform
    /// The `AT_BASE_PLATFORM` string.
    case basePlatform
    /// The file name (`AT_EXECFN`).
    case executableFileName
  }

  /// Which vector of the initial stack an error is about.
  public enum Vector: Equatable, Sendable {
    /// `argv`.
    case arguments
    /// `envp`.
    case environment
    /// The auxiliary vector.
    case auxiliaryVector
  }

  // MARK: Building

  /// A string holds a NUL byte before its end (a single trailing NUL is
  /// accepted and dropped).
  case interiorNul(StringRole, index: Int)
  /// An environment entry has no `=`.
  case environmentEntryWithoutEquals(index: Int)
  /// `AT_RANDOM` data must be exactly 16 bytes.
  case randomBytesCount(Int)
  /// A value does not fit in a word of the chosen word size.
  case valueTooLarge(key: AuxiliaryVectorKey, value: UInt)

  // MARK: Serializing

  /// The buffer is smaller than the layout.
  case bufferTooSmall(required: Int, available: Int)
  /// An address of the layout does not fit in a word of the chosen word
  /// size, or wraps around.
  case addressOutOfRange
  /// The kernel layout ends at its stack top, so its base address is fixed:
  /// serializing for another base is an error.
  case baseAddressMismatch(expected: UInt, given: UInt)

  // MARK: Parsing

  /// The buffer ends before `argc`, or the base address is not aligned to a
  /// word.
  case truncated
  /// The base address is not a multiple of the word size.
  case misaligned(address: UInt)
  /// `argc` is larger than the buffer could hold.
  case argumentCountTooLarge(UInt)
  /// The buffer ends before the NULL (or `AT_NULL`) that ends a vector, or
  /// `argv[argc]` is not NULL.
  case missingTerminator(Vector)
  /// A pointer does not point into the buffer (reported, never followed).
  case pointerOutOfRange(UInt)
  /// A string runs to the end of the buffer without a NUL.
  case unterminatedString(address: UInt)
}
