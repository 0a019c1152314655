extension ELFFile {
  /// `e_type`: the object file type (`ET_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct FileType: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `ET_NONE` (0): No file type.
    public static let none = FileType(rawValue: 0)
    /// `ET_REL` (1): A relocatable object (`cc -c`).
    public static let relocatable = FileType(rawValue: 1)
    /// `ET_EXEC` (2): An executable at a fixed address.
    public static let executable = FileType(rawValue: 2)
    /// `ET_DYN` (3): A shared object or position-independent executable.
    public static let sharedObject = FileType(rawValue: 3)
    /// `ET_CORE` (4): A core dump.
    public static let core = FileType(rawValue: 4)
  }
}
