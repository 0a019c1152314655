extension ELFFile {
  /// `p_flags`: the permissions of a segment (`PF_*` in `elf.h`).
  public struct SegmentFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `PF_X` (1): executable.
    public static let execute = SegmentFlags(rawValue: 1)
    /// `PF_W` (2): writable.
    public static let write = SegmentFlags(rawValue: 2)
    /// `PF_R` (4): readable.
    public static let read = SegmentFlags(rawValue: 4)
  }

  /// `sh_flags`: attributes of a section (`SHF_*` in `elf.h`).
  public struct SectionFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    /// `SHF_WRITE` (0x1): writable at run time.
    public static let write = SectionFlags(rawValue: 0x1)
    /// `SHF_ALLOC` (0x2): occupies memory at run time.
    public static let alloc = SectionFlags(rawValue: 0x2)
    /// `SHF_EXECINSTR` (0x4): executable.
    public static let executable = SectionFlags(rawValue: 0x4)
    /// `SHF_MERGE` (0x10): may be merged.
    public static let merge = SectionFlags(rawValue: 0x10)
    /// `SHF_STRINGS` (0x20): holds NUL-terminated strings.
    public static let strings = SectionFlags(rawValue: 0x20)
    /// `SHF_INFO_LINK` (0x40): `sh_info` holds a section index.
    public static let infoLink = SectionFlags(rawValue: 0x40)
    /// `SHF_LINK_ORDER` (0x80): keep order after combining.
    public static let linkOrder = SectionFlags(rawValue: 0x80)
    /// `SHF_GROUP` (0x200): member of a group.
    public static let group = SectionFlags(rawValue: 0x200)
    /// `SHF_TLS` (0x400): thread-local storage.
    public static let tls = SectionFlags(rawValue: 0x400)
  }
}
