extension ELFFile {
  /// A symbol table entry (`Elf32_Sym` / `Elf64_Sym`).
  public struct Symbol: Equatable, Sendable {
    /// `st_name`: the offset of the name in the linked string table; see
    /// ``SymbolTable/name(of:)``.
    public var nameOffset: UInt32
    /// `st_value`.
    public var value: UInt64
    /// `st_size`.
    public var size: UInt64
    /// `st_info`: type and binding.
    public var info: UInt8
    /// `st_other`: visibility.
    public var other: UInt8
    /// `st_shndx`: the section the symbol is defined in, or a special
    /// index (`SHN_UNDEF` 0, `SHN_ABS` 0xfff1, `SHN_COMMON` 0xfff2,
    /// `SHN_XINDEX` 0xffff).
    public var sectionIndex: UInt16

    /// `ELF64_ST_TYPE(st_info)`: the low four bits.
    public var type: SymbolType { SymbolType(rawValue: info & 0xf) }
    /// `ELF64_ST_BIND(st_info)`: the high four bits.
    public var binding: SymbolBinding { SymbolBinding(rawValue: info >> 4) }
    /// `ELF64_ST_VISIBILITY(st_other)`: the low two bits.
    public var visibility: SymbolVisibility { SymbolVisibility(rawValue: other & 3) }

    static func size(_ fileClass: ELFClass) -> Int { fileClass == .bits64 ? 24 : 16 }

    /// Decodes the entry at `offset`; the table was bounds-checked.
    init(reader r: ByteReader, at o: Int) {
      nameOffset = r.load(UInt32.self, at: o)
      if r.fileClass == .bits64 {
        info = r.load(UInt8.self, at: o + 4)
        other = r.load(UInt8.self, at: o + 5)
        sectionIndex = r.load(UInt16.self, at: o + 6)
        value = r.load(UInt64.self, at: o + 8)
        size = r.load(UInt64.self, at: o + 16)
      } else {
        value = r.word(at: o + 4)
        size = r.word(at: o + 8)
        info = r.load(UInt8.self, at: o + 12)
        other = r.load(UInt8.self, at: o + 13)
        sectionIndex = r.load(UInt16.self, at: o + 14)
      }
    }
  }

  /// A symbol table section with its linked string table, decoded on
  /// access. Entry 0 is the undefined symbol, as in the file.
  public struct SymbolTable: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of entries.
    public let count: Int
    /// The string table of the names (the section at `sh_link`).
    public let strings: StringTable

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The symbol at `index` (`0 ..< count`).
    public subscript(index: Int) -> Symbol {
      precondition(index >= 0 && index < count, "index out of range")
      return Symbol(reader: reader, at: offset + index * Symbol.size(reader.fileClass))
    }

    /// The name of a symbol, without its NUL.
    public func name(of symbol: Symbol) throws(ELFError) -> UnsafeRawBufferPointer {
      try strings.string(at: UInt64(symbol.nameOffset))
    }
  }

  /// The symbols of an `SHT_SYMTAB` or `SHT_DYNSYM` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/entrySizeMismatch(_:)`` if `sh_entsize` is not the size of
  /// `ElfN_Sym`; ``ELFError/indexOutOfRange(_:)`` if `sh_link` is not a
  /// section; bounds errors of the table or its string table.
  public func symbols(in section: SectionHeader) throws(ELFError) -> SymbolTable {
    guard section.type == .symbolTable || section.type == .dynamicSymbols else {
      throw .unexpectedSectionType(section.type)
    }
    let size = Symbol.size(fileClass)
    guard section.entrySize == UInt64(size) else { throw .entrySizeMismatch(.symbolTable) }
    let range = try reader.checkedRange(offset: section.offset, count: section.size / UInt64(size), size: UInt64(size), .symbolTable)
    let linked = try sections().section(at: UInt64(section.link), .linkedSection)
    return SymbolTable(reader: reader, offset: range.lowerBound, count: range.count / size, strings: try stringTable(in: linked))
  }
}
