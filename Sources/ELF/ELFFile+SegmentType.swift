extension ELFFile {
  /// `p_type`: the kind of a program header (`PT_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct SegmentType: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `PT_NULL` (0): Unused entry.
    public static let null = SegmentType(rawValue: 0)
    /// `PT_LOAD` (1): A loadable segment.
    public static let load = SegmentType(rawValue: 1)
    /// `PT_DYNAMIC` (2): The dynamic table.
    public static let dynamic = SegmentType(rawValue: 2)
    /// `PT_INTERP` (3): The path of the program interpreter.
    public static let interpreter = SegmentType(rawValue: 3)
    /// `PT_NOTE` (4): Auxiliary information (notes).
    public static let note = SegmentType(rawValue: 4)
    /// `PT_SHLIB` (5): Reserved.
    public static let shlib = SegmentType(rawValue: 5)
    /// `PT_PHDR` (6): The program header table itself.
    public static let programHeader = SegmentType(rawValue: 6)
    /// `PT_TLS` (7): The thread-local storage template.
    public static let tls = SegmentType(rawValue: 7)
    /// `PT_GNU_EH_FRAME` (0x6474e550): The `.eh_frame_hdr` section.
    public static let gnuEHFrame = SegmentType(rawValue: 0x6474e550)
    /// `PT_GNU_STACK` (0x6474e551): Stack executability (flags).
    public static let gnuStack = SegmentType(rawValue: 0x6474e551)
    /// `PT_GNU_RELRO` (0x6474e552): Read-only after relocation.
    public static let gnuRelRO = SegmentType(rawValue: 0x6474e552)
    /// `PT_GNU_PROPERTY` (0x6474e553): The `.note.gnu.property` section.
    public static let gnuProperty = SegmentType(rawValue: 0x6474e553)
  }
}
