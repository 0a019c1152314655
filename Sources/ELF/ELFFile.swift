/// An ELF file read in place from bytes: the file header, and lazy views of
/// its program headers, sections, symbols and dynamic entries.
///
/// ``init(bytes:)`` validates the identification and the file header
/// (System V gABI, "ELF Header"; `Elf32_Ehdr`/`Elf64_Ehdr` in `elf.h`).
/// Tables are validated when first asked for (``programHeaders()``,
/// ``sections()``), so a file with a damaged section header table still
/// gives its program headers, as the kernel and `readelf` do. Afterwards
/// the elements of a view cannot fail. Nothing is copied: strings are
/// slices of the buffer.
///
/// Both classes (ELF32, ELF64) and both byte orders are read, whatever the
/// host. The bytes must stay valid while the value is used (the same rule
/// as `UnsafeRawBufferPointer`).
public struct ELFFile: @unchecked Sendable {
  /// The bytes of the file.
  public let bytes: UnsafeRawBufferPointer
  /// `EI_CLASS`.
  public let fileClass: ELFClass
  /// `EI_DATA`.
  public let endianness: Endianness
  /// `EI_OSABI`.
  public let osABI: UInt8
  /// `EI_ABIVERSION`.
  public let abiVersion: UInt8
  /// `e_type`.
  public let type: FileType
  /// `e_machine`.
  public let machine: Machine
  /// `e_version` (always `EV_CURRENT`, 1).
  public let version: UInt32
  /// `e_entry`: the virtual address of the entry point, or 0.
  public let entry: UInt64
  /// `e_phoff`: the file offset of the program header table, or 0.
  public let programHeaderOffset: UInt64
  /// `e_shoff`: the file offset of the section header table, or 0.
  public let sectionHeaderOffset: UInt64
  /// `e_flags`: processor-specific flags.
  public let flags: UInt32
  /// `e_ehsize`: the size of the file header.
  public let headerSize: UInt16
  /// `e_phentsize`.
  public let programHeaderEntrySize: UInt16
  /// The number of program headers: `e_phnum`, or section 0's `sh_info`
  /// if `e_phnum` is `PN_XNUM` (0xffff).
  public let programHeaderCount: UInt64
  /// `e_shentsize`.
  public let sectionHeaderEntrySize: UInt16
  /// The number of sections: `e_shnum`, or section 0's `sh_size` if
  /// `e_shnum` is 0 and there is a section header table (gABI, "Sections":
  /// extended section numbering).
  public let sectionCount: UInt64
  /// The index of the section-header string table: `e_shstrndx`, or
  /// section 0's `sh_link` if `e_shstrndx` is `SHN_XINDEX` (0xffff).
  public let sectionNameTableIndex: UInt64

  /// How addresses in the file (`p_vaddr`, `DT_*` pointers, symbol
  /// values) are found in ``bytes``: ``AddressMode/fileOffsets`` for a file
  /// read from disk (``init(bytes:)``), ``AddressMode/virtualAddresses``
  /// for an image loaded in memory (``init(loadedImage:)``).
  public internal(set) var addressMode: AddressMode = .fileOffsets

  let reader: ByteReader

  /// `SHN_XINDEX`: the real value is in section 0.
  static let extendedIndex: UInt16 = 0xffff
  /// `PN_XNUM`: the real program header count is in section 0's `sh_info`.
  static let extendedProgramHeaderCount: UInt16 = 0xffff

  /// Validates the identification and file header of ELF bytes.
  ///
  /// Errors: ``ELFError/notELF`` if the bytes do not start with the magic
  /// `\x7fELF`; ``ELFError/unsupportedClass(_:)``,
  /// ``ELFError/unsupportedDataEncoding(_:)``,
  /// ``ELFError/unsupportedVersion(_:)`` for an `EI_CLASS`, `EI_DATA`,
  /// `EI_VERSION` or `e_version` this reader does not know;
  /// ``ELFError/truncated(_:)`` if the header does not fit;
  /// ``ELFError/entrySizeMismatch(_:)`` if `e_ehsize` is smaller than the
  /// header. With extended numbering, section 0 is read too.
  ///
  /// With `lenient`, only the magic and the size of the header are
  /// required, as GNU readelf requires them: an unknown `EI_CLASS` is read
  /// as ELF32, an unknown `EI_DATA` as little-endian, any `EI_VERSION`,
  /// `e_version` and `e_ehsize` are accepted, and extended numbering is
  /// applied only when section 0 can be read (`e_shentsize` at least the
  /// size of a section header, section 0 inside the file). For tools that
  /// display damaged headers.
  public init(bytes: UnsafeRawBufferPointer, lenient: Bool = false) throws(ELFError) {
    // e_ident: EI_MAG0..3, EI_CLASS, EI_DATA, EI_VERSION, EI_OSABI, EI_ABIVERSION.
    // ELFMAG: "\x7fELF", compared byte by byte as far as the bytes go.
    // (A 32-bit constant, not an array literal: no allocation in Embedded.)
    let magic: UInt32 = 0x464c_457f  // "\x7fELF" read little-endian
    for i in 0..<4 {
      guard i < bytes.count else { throw .truncated(.identification) }
      guard bytes[i] == UInt8(truncatingIfNeeded: magic >> (8 * UInt32(i))) else { throw .notELF }
    }
    guard bytes.count >= 16 else { throw .truncated(.identification) }
    let fileClass: ELFClass
    switch bytes[4] {
    case 1: fileClass = .bits32
    case 2: fileClass = .bits64
    case _ where lenient: fileClass = .bits32
    case let other: throw .unsupportedClass(other)
    }
    let endianness: Endianness
    switch bytes[5] {
    case 1: endianness = .little
    case 2: endianness = .big
    case _ where lenient: endianness = .little
    case let other: throw .unsupportedDataEncoding(other)
    }
    guard bytes[6] == 1 || lenient else { throw .unsupportedVersion(UInt32(bytes[6])) }
    let r = ByteReader(bytes: bytes, endianness: endianness, fileClass: fileClass)
    let is64 = fileClass == .bits64
    let size = is64 ? 64 : 52
    guard bytes.count >= size else { throw .truncated(.fileHeader) }
    // Offsets of Elf64_Ehdr / Elf32_Ehdr fields after e_entry, e_phoff, e_shoff.
    let w = r.wordSize
    self.bytes = bytes
    self.reader = r
    self.fileClass = fileClass
    self.endianness = endianness
    self.osABI = bytes[7]
    self.abiVersion = bytes[8]
    self.type = FileType(rawValue: r.load(UInt16.self, at: 16))
    self.machine = Machine(rawValue: r.load(UInt16.self, at: 18))
    self.version = r.load(UInt32.self, at: 20)
    guard version == 1 || lenient else { throw .unsupportedVersion(version) }
    self.entry = r.word(at: 24)
    self.programHeaderOffset = r.word(at: 24 + w)
    self.sectionHeaderOffset = r.word(at: 24 + 2 * w)
    let rest = 24 + 3 * w
    self.flags = r.load(UInt32.self, at: rest)
    self.headerSize = r.load(UInt16.self, at: rest + 4)
    self.programHeaderEntrySize = r.load(UInt16.self, at: rest + 6)
    let phnum = r.load(UInt16.self, at: rest + 8)
    self.sectionHeaderEntrySize = r.load(UInt16.self, at: rest + 10)
    let shnum = r.load(UInt16.self, at: rest + 12)
    let shstrndx = r.load(UInt16.self, at: rest + 14)
    guard Int(headerSize) >= size || lenient else { throw .entrySizeMismatch(.fileHeader) }

    // Extended numbering (gABI "Sections", "Program Header"): the real
    // values are in the fields of section 0.
    var sectionCount = UInt64(shnum)
    var nameIndex = UInt64(shstrndx)
    var programHeaderCount = UInt64(phnum)
    if sectionHeaderOffset != 0,
      shnum == 0 || shstrndx == Self.extendedIndex || phnum == Self.extendedProgramHeaderCount
    {
      let entrySize = Int(sectionHeaderEntrySize)
      var zeroRange: Range<Int>? = nil
      if !lenient {
        zeroRange = try Self.initialSectionRange(
          r, offset: sectionHeaderOffset, entrySize: entrySize, fileClass: fileClass)
      } else if entrySize >= SectionHeader.size(fileClass) {
        zeroRange = try? r.checkedRange(offset: sectionHeaderOffset, count: 1, size: UInt64(entrySize), .initialSection)
      }
      if let zeroRange {
        let zero = SectionHeader(reader: r, at: zeroRange.lowerBound)
        if shnum == 0 { sectionCount = zero.size }
        if shstrndx == Self.extendedIndex { nameIndex = UInt64(zero.link) }
        if phnum == Self.extendedProgramHeaderCount { programHeaderCount = UInt64(zero.info) }
      }
    }
    if sectionHeaderOffset == 0 { sectionCount = 0 }
    self.sectionCount = sectionCount
    self.sectionNameTableIndex = nameIndex
    self.programHeaderCount = programHeaderCount
  }

  /// The bytes of section 0, for extended numbering, or an error.
  static func initialSectionRange(_ r: ByteReader, offset: UInt64, entrySize: Int, fileClass: ELFClass) throws(ELFError)
    -> Range<Int>
  {
    guard entrySize == SectionHeader.size(fileClass) else { throw .entrySizeMismatch(.sectionHeaderTable) }
    return try r.checkedRange(offset: offset, count: 1, size: UInt64(entrySize), .initialSection)
  }

  /// The bytes `offset ..< offset + size` of the file, or
  /// ``ELFError/offsetOutOfRange(_:)`` / ``ELFError/overflow``.
  public func bytes(offset: UInt64, size: UInt64, _ what: ELFError.Item) throws(ELFError) -> UnsafeRawBufferPointer {
    let range = try reader.checkedRange(offset: offset, count: 1, size: size, what)
    return UnsafeRawBufferPointer(rebasing: bytes[range])
  }
}
