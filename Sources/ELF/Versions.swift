// Symbol versioning (the GNU extension documented in the LSB and in
// `elf.h`): a version index per dynamic symbol (`SHT_GNU_versym`), the
// versions a file defines (`SHT_GNU_verdef`) and those it needs from its
// libraries (`SHT_GNU_verneed`).
//
// The definition and requirement tables are linked lists inside a byte
// table: each entry says where its auxiliary entries and the next entry
// are, relative to itself. They are walked and validated once when a view
// is made, and walking again is then safe. Validation bounds the work by
// the table's size: an entry that is not the last must point forward by at
// least the size of its structure, so a table of n bytes has at most
// n / 20 entries, and a loop or a huge count is an error.

extension ELFFile {
  /// The version index of each symbol of a dynamic symbol table
  /// (`Elf32_Versym`/`Elf64_Versym`, a 16-bit value per symbol).
  ///
  /// Values: 0 local (`VER_NDX_LOCAL`), 1 global (`VER_NDX_GLOBAL`), and
  /// otherwise the index of a version definition or requirement; bit 15
  /// (`VERSYM_HIDDEN`, 0x8000) marks a hidden (non-default) version.
  public struct VersionSymbols: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of entries.
    public let count: Int

    /// `VERSYM_HIDDEN`: the symbol is not the default version of its name.
    public static let hidden: UInt16 = 0x8000
    /// `VERSYM_VERSION`: the mask for the version index.
    public static let indexMask: UInt16 = 0x7fff

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The raw value of entry `index` (`0 ..< count`), hidden bit included.
    public subscript(index: Int) -> UInt16 {
      precondition(index >= 0 && index < count, "index out of range")
      return reader.load(UInt16.self, at: offset + index * 2)
    }
  }

  /// The entries of an `SHT_GNU_versym` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/offsetOutOfRange(_:)`` / ``ELFError/overflow`` if it does
  /// not lie in the file.
  public func versionSymbols(in section: SectionHeader) throws(ELFError) -> VersionSymbols {
    guard section.type == .gnuVersionSymbols else { throw .unexpectedSectionType(section.type) }
    return try versionSymbols(offset: section.offset, count: section.size / 2)
  }

  /// `count` version entries at `offset` of the buffer (for tables found
  /// through `DT_VERSYM`, with the count of the symbol table).
  public func versionSymbols(offset: UInt64, count: UInt64) throws(ELFError) -> VersionSymbols {
    let range = try reader.checkedRange(offset: offset, count: count, size: 2, .versionTable)
    return VersionSymbols(reader: reader, offset: range.lowerBound, count: range.count / 2)
  }

  /// An auxiliary entry of a version definition (`ElfN_Verdaux`: a name)
  /// or of a version requirement (`ElfN_Vernaux`: a needed version).
  public struct VersionAuxiliary: Equatable, Sendable {
    /// The entry's offset in the table.
    public var offset: Int
    /// `vna_hash`: the ELF (SysV) hash of the name; 0 for `Verdaux`.
    public var hash: UInt32
    /// `vna_flags` (`VER_FLG_WEAK` …); 0 for `Verdaux`.
    public var flags: UInt16
    /// `vna_other`: the version index symbols use for this version; 0 for
    /// `Verdaux`.
    public var other: UInt16
    /// `vda_name`/`vna_name`: the name's offset in the linked string table.
    public var nameOffset: UInt32
    /// `vda_next`/`vna_next`: the next entry's offset from this one.
    public var next: UInt32
  }

  /// The auxiliary entries of one definition or requirement, validated
  /// when the table was made.
  public struct VersionAuxiliaries: Sequence, @unchecked Sendable {
    let reader: ByteReader
    let first: Int
    /// The number of entries (`vd_cnt`/`vn_cnt`).
    public let count: Int
    let isRequirement: Bool

    static func entry(_ r: ByteReader, at o: Int, requirement: Bool) -> VersionAuxiliary {
      if requirement {
        return VersionAuxiliary(
          offset: o, hash: r.load(UInt32.self, at: o), flags: r.load(UInt16.self, at: o + 4),
          other: r.load(UInt16.self, at: o + 6), nameOffset: r.load(UInt32.self, at: o + 8),
          next: r.load(UInt32.self, at: o + 12))
      }
      return VersionAuxiliary(
        offset: o, hash: 0, flags: 0, other: 0, nameOffset: r.load(UInt32.self, at: o),
        next: r.load(UInt32.self, at: o + 4))
    }

    public struct Iterator: IteratorProtocol {
      let reader: ByteReader
      let isRequirement: Bool
      var offset: Int
      var remaining: Int

      public mutating func next() -> VersionAuxiliary? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let entry = VersionAuxiliaries.entry(reader, at: offset, requirement: isRequirement)
        offset += Int(entry.next)
        return entry
      }
    }

    public func makeIterator() -> Iterator {
      Iterator(reader: reader, isRequirement: isRequirement, offset: first, remaining: count)
    }
  }

  /// A version definition (`ElfN_Verdef`).
  public struct VersionDefinition: @unchecked Sendable {
    /// The entry's offset in the table.
    public var offset: Int
    /// `vd_version`: the structure's revision (1).
    public var version: UInt16
    /// `vd_flags`: `VER_FLG_BASE` (1) for the file's own name, `VER_FLG_WEAK` (2).
    public var flags: UInt16
    /// `vd_ndx`: the version index symbols use for this definition.
    public var index: UInt16
    /// `vd_hash`: the ELF (SysV) hash of the version name.
    public var hash: UInt32
    /// `vd_aux`: the first auxiliary entry's offset from this entry.
    public var auxiliaryOffset: UInt32
    /// `vd_next`: the next definition's offset from this one (0 for the last).
    public var next: UInt32
    /// The names: the first is the version's own, the others its parents
    /// (`vd_cnt` entries).
    public var names: VersionAuxiliaries
    /// `VER_FLG_BASE`.
    public static let base: UInt16 = 1
    /// `VER_FLG_WEAK`.
    public static let weak: UInt16 = 2
  }

  /// A version requirement (`ElfN_Verneed`): the versions needed from one
  /// library.
  public struct VersionRequirement: @unchecked Sendable {
    /// The entry's offset in the table.
    public var offset: Int
    /// `vn_version`: the structure's revision (1).
    public var version: UInt16
    /// `vn_file`: the library's name, an offset in the linked string table.
    public var fileOffset: UInt32
    /// `vn_aux`: the first auxiliary entry's offset from this entry.
    public var auxiliaryOffset: UInt32
    /// `vn_next`: the next requirement's offset from this one (0 for the last).
    public var next: UInt32
    /// The needed versions (`vn_cnt` entries).
    public var versions: VersionAuxiliaries
  }

  /// The entries of a version definition (`SHT_GNU_verdef`) or
  /// requirement (`SHT_GNU_verneed`) table, validated when made.
  public struct VersionTable<Entry>: Sequence, @unchecked Sendable {
    let reader: ByteReader
    /// The number of entries (`sh_info`, `DT_VERDEFNUM`, `DT_VERNEEDNUM`).
    public let count: Int
    /// The string table of the names (the section at `sh_link`, or the
    /// dynamic string table).
    public let strings: StringTable
    let decode: (ByteReader, Int) -> Entry
    let nextOffset: (Entry) -> UInt32

    public struct Iterator: IteratorProtocol {
      let table: VersionTable
      var offset = 0
      var remaining: Int

      public mutating func next() -> Entry? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let entry = table.decode(table.reader, offset)
        offset += Int(table.nextOffset(entry))
        return entry
      }
    }

    public func makeIterator() -> Iterator { Iterator(table: self, remaining: count) }

    /// The name at `offset` of the table's string table.
    public func name(at offset: UInt32) throws(ELFError) -> UnsafeRawBufferPointer {
      try strings.string(at: UInt64(offset))
    }
  }

  /// The version definitions of a file.
  public typealias VersionDefinitions = VersionTable<VersionDefinition>
  /// The version requirements of a file.
  public typealias VersionRequirements = VersionTable<VersionRequirement>

  /// Walks a chain of `count` entries of `entrySize` bytes whose auxiliary
  /// lists hold entries of `auxiliarySize` bytes, checking that every
  /// structure lies in `r` and that the walk moves forward.
  static func validateVersionChain(
    _ r: ByteReader, count: UInt64, entrySize: Int, auxiliarySize: Int,
    fields: (Int) -> (auxiliaryCount: Int, auxiliaryOffset: UInt32, next: UInt32)
  ) throws(ELFError) {
    let size = r.bytes.count
    guard count <= UInt64(size / entrySize) else { throw .truncated(.versionTable) }
    var offset = 0
    var index: UInt64 = 0
    while index < count {
      guard size - offset >= entrySize else { throw .truncated(.versionTable) }
      let (auxiliaryCount, auxiliaryOffset, next) = fields(offset)
      guard auxiliaryCount <= size / auxiliarySize else { throw .truncated(.versionTable) }
      if auxiliaryCount > 0 {
        guard UInt64(auxiliaryOffset) <= UInt64(size - offset) else { throw .offsetOutOfRange(.versionTable) }
        var aux = offset + Int(auxiliaryOffset)
        var j = 0
        while j < auxiliaryCount {
          guard size - aux >= auxiliarySize else { throw .truncated(.versionTable) }
          if j + 1 < auxiliaryCount {
            let step = r.load(UInt32.self, at: aux + auxiliarySize - 4)
            guard step >= UInt32(auxiliarySize), UInt64(step) <= UInt64(size - aux) else {
              throw .offsetOutOfRange(.versionTable)
            }
            aux += Int(step)
          }
          j += 1
        }
      }
      if index + 1 < count {
        guard next >= UInt32(entrySize), UInt64(next) <= UInt64(size - offset) else {
          throw .offsetOutOfRange(.versionTable)
        }
        offset += Int(next)
      }
      index += 1
    }
  }

  /// The version definitions of an `SHT_GNU_verdef` section (`sh_info`
  /// entries, names in the section at `sh_link`).
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/truncated(_:)`` or ``ELFError/offsetOutOfRange(_:)`` with
  /// ``ELFError/Item/versionTable`` if an entry lies outside the section or
  /// the chain does not move forward; bounds errors of the section or its
  /// string table.
  public func versionDefinitions(in section: SectionHeader) throws(ELFError) -> VersionDefinitions {
    guard section.type == .gnuVersionDefinitions else { throw .unexpectedSectionType(section.type) }
    let linked = try sections().section(at: UInt64(section.link), .linkedSection)
    return try versionDefinitions(
      offset: section.offset, size: section.size, count: UInt64(section.info), strings: try stringTable(in: linked))
  }

  /// `count` version definitions in the `size` bytes at `offset` of the
  /// buffer (for a table found through `DT_VERDEF` and `DT_VERDEFNUM`).
  public func versionDefinitions(
    offset: UInt64, size: UInt64, count: UInt64, strings: StringTable
  ) throws(ELFError) -> VersionDefinitions {
    let table = try bytes(offset: offset, size: size, .versionTable)
    let r = ByteReader(bytes: table, endianness: endianness, fileClass: fileClass)
    try Self.validateVersionChain(r, count: count, entrySize: 20, auxiliarySize: 8) { o in
      (Int(r.load(UInt16.self, at: o + 6)), r.load(UInt32.self, at: o + 12), r.load(UInt32.self, at: o + 16))
    }
    return VersionDefinitions(
      reader: r, count: Int(count), strings: strings,
      decode: { r, o in
        let auxiliaryOffset = r.load(UInt32.self, at: o + 12)
        return VersionDefinition(
          offset: o, version: r.load(UInt16.self, at: o), flags: r.load(UInt16.self, at: o + 2),
          index: r.load(UInt16.self, at: o + 4), hash: r.load(UInt32.self, at: o + 8),
          auxiliaryOffset: auxiliaryOffset, next: r.load(UInt32.self, at: o + 16),
          names: VersionAuxiliaries(
            reader: r, first: o + Int(auxiliaryOffset), count: Int(r.load(UInt16.self, at: o + 6)),
            isRequirement: false))
      },
      nextOffset: { $0.next })
  }

  /// The version requirements of an `SHT_GNU_verneed` section (`sh_info`
  /// entries, names in the section at `sh_link`).
  ///
  /// Errors: as ``versionDefinitions(in:)``.
  public func versionRequirements(in section: SectionHeader) throws(ELFError) -> VersionRequirements {
    guard section.type == .gnuVersionNeeds else { throw .unexpectedSectionType(section.type) }
    let linked = try sections().section(at: UInt64(section.link), .linkedSection)
    return try versionRequirements(
      offset: section.offset, size: section.size, count: UInt64(section.info), strings: try stringTable(in: linked))
  }

  /// `count` version requirements in the `size` bytes at `offset` of the
  /// buffer (for a table found through `DT_VERNEED` and `DT_VERNEEDNUM`).
  public func versionRequirements(
    offset: UInt64, size: UInt64, count: UInt64, strings: StringTable
  ) throws(ELFError) -> VersionRequirements {
    let table = try bytes(offset: offset, size: size, .versionTable)
    let r = ByteReader(bytes: table, endianness: endianness, fileClass: fileClass)
    try Self.validateVersionChain(r, count: count, entrySize: 16, auxiliarySize: 16) { o in
      (Int(r.load(UInt16.self, at: o + 2)), r.load(UInt32.self, at: o + 8), r.load(UInt32.self, at: o + 12))
    }
    return VersionRequirements(
      reader: r, count: Int(count), strings: strings,
      decode: { r, o in
        let auxiliaryOffset = r.load(UInt32.self, at: o + 8)
        return VersionRequirement(
          offset: o, version: r.load(UInt16.self, at: o), fileOffset: r.load(UInt32.self, at: o + 4),
          auxiliaryOffset: auxiliaryOffset, next: r.load(UInt32.self, at: o + 12),
          versions: VersionAuxiliaries(
            reader: r, first: o + Int(auxiliaryOffset), count: Int(r.load(UInt16.self, at: o + 2)),
            isRequirement: true))
      },
      nextOffset: { $0.next })
  }

  /// The name of version index `index` (hidden bit ignored) among the
  /// definitions and requirements, or `nil` for 0, 1 and unknown indexes.
  public static func versionName(
    index: UInt16, definitions: VersionDefinitions?, requirements: VersionRequirements?
  ) throws(ELFError) -> UnsafeRawBufferPointer? {
    let wanted = index & VersionSymbols.indexMask
    guard wanted > 1 else { return nil }
    if let definitions {
      for definition in definitions where definition.index & VersionSymbols.indexMask == wanted {
        var names = definition.names.makeIterator()
        if let first = names.next() { return try definitions.name(at: first.nameOffset) }
      }
    }
    if let requirements {
      for requirement in requirements {
        for version in requirement.versions where version.other & VersionSymbols.indexMask == wanted {
          return try requirements.name(at: version.nameOffset)
        }
      }
    }
    return nil
  }
}
