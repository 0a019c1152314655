extension ELFError {
  /// A one-line English description of the error, for tools' messages
  /// (`the section header table extends past the end of the file`).
  public var message: String {
    switch self {
    case .notELF: "not an ELF file - it has the wrong magic bytes at the start"
    case .unsupportedClass(let value): "unsupported ELF class \(value) (EI_CLASS)"
    case .unsupportedDataEncoding(let value): "unsupported data encoding \(value) (EI_DATA)"
    case .unsupportedVersion(let value): "unsupported ELF version \(value)"
    case .truncated(let item): "the file ends inside \(item.noun)"
    case .offsetOutOfRange(let item): "\(item.noun) extends past the end of the file"
    case .entrySizeMismatch(let item): "the entry size of \(item.noun) is not the size of its structure"
    case .unexpectedSectionType(let type): "a section of type 0x\(String(type.rawValue, radix: 16)) is not the kind needed here"
    case .stringNotTerminated: "a string runs to the end of its table without a NUL"
    case .indexOutOfRange(let item): "an index in \(item.noun) is out of range"
    case .overflow: "an offset or size overflows"
    }
  }
}

extension ELFError.Item {
  /// The part of the file, as a noun phrase.
  public var noun: String {
    switch self {
    case .identification: "the identification bytes (e_ident)"
    case .fileHeader: "the file header"
    case .programHeaderTable: "the program header table"
    case .sectionHeaderTable: "the section header table"
    case .initialSection: "section header 0"
    case .sectionData: "a section's contents"
    case .segmentData: "a segment's contents"
    case .sectionNameTable: "the section name string table"
    case .stringTable: "a string table"
    case .symbolTable: "a symbol table"
    case .linkedSection: "a linked section (sh_link)"
    case .dynamicTable: "the dynamic section"
    case .dynamicStringTable: "the dynamic string table"
    case .relocationTable: "a relocation table"
    case .note: "a note"
    case .hashTable: "a hash table"
    case .versionTable: "a symbol version table"
    }
  }
}
