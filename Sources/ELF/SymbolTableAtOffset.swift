extension ELFFile {
  /// `count` symbols (`ElfN_Sym`) at file offset `offset`, with their
  /// names in `strings`: a symbol table located by the caller.
  ///
  /// ``symbols(in:)`` takes everything from the section header and
  /// rejects a table whose `sh_entsize` or `sh_link` is wrong; this is for
  /// readers that decide those themselves (GNU readelf reads
  /// `sh_size / sizeof (ElfN_Sym)` entries whatever `sh_entsize` says,
  /// and shows names as `<corrupt>` when the string table is missing,
  /// which an empty `strings` gives).
  ///
  /// Errors: ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow``
  /// (with ``ELFError/Item/symbolTable``) if the entries are not inside
  /// the file.
  public func symbols(offset: UInt64, count: UInt64, strings: StringTable) throws(ELFError) -> SymbolTable {
    let size = Symbol.size(fileClass)
    let range = try reader.checkedRange(offset: offset, count: count, size: UInt64(size), .symbolTable)
    return SymbolTable(reader: reader, offset: range.lowerBound, count: range.count / size, strings: strings)
  }
}
