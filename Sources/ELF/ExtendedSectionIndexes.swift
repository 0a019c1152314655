// Extended section indexes (gABI, "Sections", `SHT_SYMTAB_SHNDX`): a
// symbol whose section index does not fit in the 16-bit `st_shndx` has
// `SHN_XINDEX` (0xffff) there, and its real index is the 32-bit entry of
// the same position in a section of type `SHT_SYMTAB_SHNDX` whose
// `sh_link` is the symbol table.

extension ELFFile {
  /// The entries of an `SHT_SYMTAB_SHNDX` section: one 32-bit section
  /// index per symbol of the linked symbol table, meaningful where that
  /// symbol's `st_shndx` is `SHN_XINDEX` (0 elsewhere).
  public struct ExtendedSectionIndexes: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of entries.
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The section index of symbol `index` (`0 ..< count`).
    public subscript(index: Int) -> UInt32 {
      precondition(index >= 0 && index < count, "index out of range")
      return reader.load(UInt32.self, at: offset + index * 4)
    }
  }

  /// The entries of an `SHT_SYMTAB_SHNDX` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow`` (with
  /// ``ELFError/Item/symbolTable``) if the section is not inside the
  /// file.
  public func extendedSectionIndexes(in section: SectionHeader) throws(ELFError) -> ExtendedSectionIndexes {
    guard section.type == .symbolTableSectionIndices else { throw .unexpectedSectionType(section.type) }
    let range = try reader.checkedRange(offset: section.offset, count: section.size / 4, size: 4, .symbolTable)
    return ExtendedSectionIndexes(reader: reader, offset: range.lowerBound, count: range.count / 4)
  }

  /// The extended section indexes of the symbol table at section index
  /// `symbolTableIndex`: the first `SHT_SYMTAB_SHNDX` section (in section
  /// order) whose `sh_link` is that index, or `nil` if there is none.
  ///
  /// Errors: those of ``sections()`` and ``extendedSectionIndexes(in:)``.
  public func extendedSectionIndexes(forSymbolTableAt symbolTableIndex: Int) throws(ELFError) -> ExtendedSectionIndexes? {
    for section in try sections()
    where section.type == .symbolTableSectionIndices && UInt64(section.link) == UInt64(symbolTableIndex) {
      return try extendedSectionIndexes(in: section)
    }
    return nil
  }

  /// `SHN_XINDEX`: the symbol's section index is in its
  /// ``ExtendedSectionIndexes`` entry.
  public static let extendedSectionIndex: UInt16 = 0xffff

  /// The section index of symbol `index` of a table: its `st_shndx`, or,
  /// when that is `SHN_XINDEX` and `extended` has an entry for the
  /// symbol, that entry. Special indexes (`SHN_UNDEF`, `SHN_ABS`,
  /// `SHN_COMMON` …) are returned as they are.
  @inlinable
  public static func sectionIndex(
    of symbol: Symbol, at index: Int, extended: ExtendedSectionIndexes?
  ) -> UInt32 {
    if symbol.sectionIndex == extendedSectionIndex, let extended, index >= 0, index < extended.count {
      return extended[index]
    }
    return UInt32(symbol.sectionIndex)
  }
}
