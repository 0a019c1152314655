extension ELFFile {
  /// The binding of a symbol (`ELF64_ST_BIND`, `STB_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct SymbolBinding: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `STB_LOCAL` (0): Not visible outside the object.
    public static let local = SymbolBinding(rawValue: 0)
    /// `STB_GLOBAL` (1): Visible to all objects.
    public static let global = SymbolBinding(rawValue: 1)
    /// `STB_WEAK` (2): Global with lower precedence.
    public static let weak = SymbolBinding(rawValue: 2)
    /// `STB_GNU_UNIQUE` (10): Unique in the process (GNU).
    public static let gnuUnique = SymbolBinding(rawValue: 10)
  }
}
