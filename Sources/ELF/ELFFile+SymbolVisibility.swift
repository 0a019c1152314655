extension ELFFile {
  /// The visibility of a symbol (`ELF64_ST_VISIBILITY`, `STV_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct SymbolVisibility: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `STV_DEFAULT` (0): As the binding says.
    public static let `default` = SymbolVisibility(rawValue: 0)
    /// `STV_INTERNAL` (1): Processor-specific hidden.
    public static let `internal` = SymbolVisibility(rawValue: 1)
    /// `STV_HIDDEN` (2): Not visible to other components.
    public static let hidden = SymbolVisibility(rawValue: 2)
    /// `STV_PROTECTED` (3): Visible but not preemptible.
    public static let `protected` = SymbolVisibility(rawValue: 3)
  }
}
