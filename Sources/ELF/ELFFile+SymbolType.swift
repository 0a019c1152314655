extension ELFFile {
  /// The type of a symbol (`ELF64_ST_TYPE`, `STT_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct SymbolType: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `STT_NOTYPE` (0): Unspecified.
    public static let noType = SymbolType(rawValue: 0)
    /// `STT_OBJECT` (1): A data object.
    public static let object = SymbolType(rawValue: 1)
    /// `STT_FUNC` (2): Code.
    public static let function = SymbolType(rawValue: 2)
    /// `STT_SECTION` (3): A section.
    public static let section = SymbolType(rawValue: 3)
    /// `STT_FILE` (4): A source file name.
    public static let file = SymbolType(rawValue: 4)
    /// `STT_COMMON` (5): A common data object.
    public static let common = SymbolType(rawValue: 5)
    /// `STT_TLS` (6): A thread-local data object.
    public static let tls = SymbolType(rawValue: 6)
    /// `STT_GNU_IFUNC` (10): An indirect function (GNU).
    public static let gnuIndirectFunction = SymbolType(rawValue: 10)
  }
}
