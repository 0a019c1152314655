/// An error reading an ELF file.
///
/// Reading reports every malformation of untrusted bytes with one of these
/// cases; it never traps, never loops without bound and never reads outside
/// the given buffer.
public enum ELFError: Error, Equatable, Sendable {
  /// The part of the file an error is about.
  public enum Item: Equatable, Sendable {
    /// `e_ident`, the first 16 bytes.
    case identification
    /// The file header (`Elf32_Ehdr` / `Elf64_Ehdr`).
    case fileHeader
    /// The program header table (`e_phoff`, `e_phnum`, `e_phentsize`).
    case programHeaderTable
    /// The section header table (`e_shoff`, `e_shnum`, `e_shentsize`).
    case sectionHeaderTable
    /// Section 0, which holds the extended section count and string table
    /// index (`SHN_XINDEX`, `PN_XNUM`).
    case initialSection
    /// The contents of a section (`sh_offset`, `sh_size`).
    case sectionData
    /// The contents of a segment (`p_offset`, `p_filesz`).
    case segmentData
    /// The section-header string table (`e_shstrndx`).
    case sectionNameTable
    /// A string table.
    case stringTable
    /// A symbol table (`SHT_SYMTAB`, `SHT_DYNSYM`).
    case symbolTable
    /// The section linked by `sh_link`.
    case linkedSection
    /// The dynamic table (`PT_DYNAMIC` or `SHT_DYNAMIC`).
    case dynamicTable
    /// The dynamic string table (`DT_STRTAB`, `DT_STRSZ`).
    case dynamicStringTable
    /// A relocation table (`SHT_REL`, `SHT_RELA`, `SHT_RELR`).
    case relocationTable
    /// A note (`SHT_NOTE`, `PT_NOTE`).
    case note
    /// A symbol hash table (`SHT_HASH`, `SHT_GNU_HASH`).
    case hashTable
    /// A symbol version table (`SHT_GNU_versym`, `SHT_GNU_verdef`,
    /// `SHT_GNU_verneed`).
    case versionTable
  }

  /// The file does not start with `\x7fELF`.
  case notELF
  /// `EI_CLASS` is neither `ELFCLASS32` nor `ELFCLASS64`.
  case unsupportedClass(UInt8)
  /// `EI_DATA` is neither `ELFDATA2LSB` nor `ELFDATA2MSB`.
  case unsupportedDataEncoding(UInt8)
  /// `EI_VERSION` or `e_version` is not `EV_CURRENT` (1).
  case unsupportedVersion(UInt32)
  /// The file ends inside `what`.
  case truncated(Item)
  /// An offset or size of `what` points outside the file.
  case offsetOutOfRange(Item)
  /// The entry size of `what` is not the size of its structure.
  case entrySizeMismatch(Item)
  /// A section is not of the type the operation needs.
  case unexpectedSectionType(ELFFile.SectionType)
  /// A string runs to the end of its table without a NUL.
  case stringNotTerminated
  /// An index (a section index, a string offset) of `what` is out of range.
  case indexOutOfRange(Item)
  /// Offset or size arithmetic overflows.
  case overflow
}
