extension ELFFile {
  /// A section header (`Elf32_Shdr` / `Elf64_Shdr`).
  public struct SectionHeader: Equatable, Sendable {
    /// `sh_name`: the offset of the name in the section-header string
    /// table; see ``ELFFile/name(of:)``.
    public var nameOffset: UInt32
    /// `sh_type`.
    public var type: SectionType
    /// `sh_flags`.
    public var flags: SectionFlags
    /// `sh_addr`: the virtual address in memory, or 0.
    public var address: UInt64
    /// `sh_offset`: the file offset of the contents.
    public var offset: UInt64
    /// `sh_size`: bytes (none in the file for `SHT_NOBITS`).
    public var size: UInt64
    /// `sh_link`: a section index whose meaning depends on the type.
    public var link: UInt32
    /// `sh_info`: extra information depending on the type.
    public var info: UInt32
    /// `sh_addralign`.
    public var addressAlignment: UInt64
    /// `sh_entsize`: the size of each entry for tables, or 0.
    public var entrySize: UInt64

    static func size(_ fileClass: ELFClass) -> Int { fileClass == .bits64 ? 64 : 40 }

    /// Decodes the header at `offset`; the table was bounds-checked.
    init(reader r: ByteReader, at o: Int) {
      nameOffset = r.load(UInt32.self, at: o)
      type = SectionType(rawValue: r.load(UInt32.self, at: o + 4))
      if r.fileClass == .bits64 {
        flags = SectionFlags(rawValue: r.load(UInt64.self, at: o + 8))
        address = r.load(UInt64.self, at: o + 16)
        offset = r.load(UInt64.self, at: o + 24)
        size = r.load(UInt64.self, at: o + 32)
        link = r.load(UInt32.self, at: o + 40)
        info = r.load(UInt32.self, at: o + 44)
        addressAlignment = r.load(UInt64.self, at: o + 48)
        entrySize = r.load(UInt64.self, at: o + 56)
      } else {
        flags = SectionFlags(rawValue: r.word(at: o + 8))
        address = r.word(at: o + 12)
        offset = r.word(at: o + 16)
        size = r.word(at: o + 20)
        link = r.load(UInt32.self, at: o + 24)
        info = r.load(UInt32.self, at: o + 28)
        addressAlignment = r.word(at: o + 32)
        entrySize = r.word(at: o + 36)
      }
    }
  }

  /// The section header table, decoded on access.
  public struct Sections: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of sections, including the null section 0.
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The section header at `index` (`0 ..< count`).
    public subscript(index: Int) -> SectionHeader {
      precondition(index >= 0 && index < count, "index out of range")
      return SectionHeader(reader: reader, at: offset + index * SectionHeader.size(reader.fileClass))
    }

    /// The section at an index read from the file (`sh_link`,
    /// `e_shstrndx`, `st_shndx`), or ``ELFError/indexOutOfRange(_:)``.
    public func section(at index: UInt64, _ what: ELFError.Item) throws(ELFError) -> SectionHeader {
      guard index < UInt64(count) else { throw .indexOutOfRange(what) }
      return self[Int(index)]
    }
  }

  /// The section header table (`e_shoff`, the section count),
  /// bounds-checked.
  ///
  /// Errors: ``ELFError/entrySizeMismatch(_:)`` if `e_shentsize` is not the
  /// size of `ElfN_Shdr`; ``ELFError/offsetOutOfRange(_:)`` or
  /// ``ELFError/overflow`` if the table is not inside the file. No table
  /// gives an empty view.
  public func sections() throws(ELFError) -> Sections {
    guard sectionHeaderOffset != 0, sectionCount != 0 else { return Sections(reader: reader, offset: 0, count: 0) }
    let size = SectionHeader.size(fileClass)
    guard Int(sectionHeaderEntrySize) == size else { throw .entrySizeMismatch(.sectionHeaderTable) }
    let range = try reader.checkedRange(
      offset: sectionHeaderOffset, count: sectionCount, size: UInt64(size), .sectionHeaderTable)
    return Sections(reader: reader, offset: range.lowerBound, count: range.count / size)
  }

  /// The contents of a section in the file; empty for `SHT_NOBITS`.
  public func data(of section: SectionHeader) throws(ELFError) -> UnsafeRawBufferPointer {
    if section.type == .noBits { return UnsafeRawBufferPointer(rebasing: bytes[0..<0]) }
    return try bytes(offset: section.offset, size: section.size, .sectionData)
  }

  /// The section-header string table (`e_shstrndx`).
  public func sectionNameTable() throws(ELFError) -> StringTable {
    let table = try sections()
    guard sectionNameTableIndex != 0 else { throw .indexOutOfRange(.sectionNameTable) }
    return try stringTable(in: try table.section(at: sectionNameTableIndex, .sectionNameTable))
  }

  /// The name of a section (`sh_name` in the section-header string table),
  /// without its NUL.
  public func name(of section: SectionHeader) throws(ELFError) -> UnsafeRawBufferPointer {
    try sectionNameTable().string(at: UInt64(section.nameOffset))
  }

  /// The first section whose name is `name` (bytes, without NUL), or `nil`.
  public func section(named name: some Collection<UInt8>) throws(ELFError) -> SectionHeader? {
    let names = try sectionNameTable()
    for section in try sections() {
      guard let candidate = try? names.string(at: UInt64(section.nameOffset)) else { continue }
      if candidate.elementsEqual(name) { return section }
    }
    return nil
  }

  /// The string table held by a section (any type but `SHT_NOBITS`).
  public func stringTable(in section: SectionHeader) throws(ELFError) -> StringTable {
    guard section.type != .noBits else { throw .unexpectedSectionType(section.type) }
    return StringTable(bytes: try bytes(offset: section.offset, size: section.size, .stringTable))
  }
}
