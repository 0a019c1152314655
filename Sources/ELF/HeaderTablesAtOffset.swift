extension ELFFile {
  /// `count` program headers (`ElfN_Phdr`, one after the other) at file
  /// offset `offset`: a program header table located by the caller.
  ///
  /// ``programHeaders()`` takes `e_phoff`, `e_phnum` and `e_phentsize`
  /// from the file header and rejects a table whose entry size is wrong;
  /// this is for readers that decide those themselves (GNU readelf reads
  /// a table with a too large `e_phentsize` with the structure's own
  /// stride).
  ///
  /// Errors: ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow``
  /// (with ``ELFError/Item/programHeaderTable``) if the entries are not
  /// inside the file.
  public func programHeaders(offset: UInt64, count: UInt64) throws(ELFError) -> ProgramHeaders {
    let size = ProgramHeader.size(fileClass)
    let range = try reader.checkedRange(offset: offset, count: count, size: UInt64(size), .programHeaderTable)
    return ProgramHeaders(reader: reader, offset: range.lowerBound, count: range.count / size)
  }

  /// `count` section headers (`ElfN_Shdr`, one after the other) at file
  /// offset `offset`: a section header table located by the caller (see
  /// ``programHeaders(offset:count:)``; ``sections()`` takes `e_shoff`,
  /// the section count and `e_shentsize` from the file header).
  ///
  /// Errors: ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow``
  /// (with ``ELFError/Item/sectionHeaderTable``) if the entries are not
  /// inside the file.
  public func sections(offset: UInt64, count: UInt64) throws(ELFError) -> Sections {
    let size = SectionHeader.size(fileClass)
    let range = try reader.checkedRange(offset: offset, count: count, size: UInt64(size), .sectionHeaderTable)
    return Sections(reader: reader, offset: range.lowerBound, count: range.count / size)
  }
}
