extension ELFFile {
  /// A relocation entry (`Elf32_Rel`/`Elf64_Rel`, `Elf32_Rela`/`Elf64_Rela`).
  public struct Relocation: Equatable, Sendable {
    /// `r_offset`: the location to relocate (a section offset in a
    /// relocatable file, a virtual address otherwise).
    public var offset: UInt64
    /// `r_info`: symbol index and type, as in the file (32 or 64 bits).
    public var info: UInt64
    /// `r_addend` for `SHT_RELA`; `nil` for `SHT_REL` (the addend is at
    /// the location).
    public var addend: Int64?
    /// The symbol table index: `ELF64_R_SYM` (`info >> 32`) or
    /// `ELF32_R_SYM` (`info >> 8`).
    public var symbolIndex: UInt32
    /// The processor-specific type: `ELF64_R_TYPE` (low 32 bits) or
    /// `ELF32_R_TYPE` (low 8 bits).
    public var type: UInt32

    static func size(_ fileClass: ELFClass, addends: Bool) -> Int {
      (fileClass == .bits64 ? 16 : 8) + (addends ? (fileClass == .bits64 ? 8 : 4) : 0)
    }

    /// Decodes the entry at `offset`; the table was bounds-checked.
    init(reader r: ByteReader, at o: Int, addends: Bool) {
      let w = r.wordSize
      offset = r.word(at: o)
      info = r.word(at: o + w)
      if r.fileClass == .bits64 {
        symbolIndex = UInt32(truncatingIfNeeded: info >> 32)
        type = UInt32(truncatingIfNeeded: info)
        addend = addends ? r.load(Int64.self, at: o + 16) : nil
      } else {
        symbolIndex = UInt32(truncatingIfNeeded: info >> 8)
        type = UInt32(truncatingIfNeeded: info & 0xff)
        addend = addends ? Int64(r.load(Int32.self, at: o + 8)) : nil
      }
    }
  }

  /// The entries of an `SHT_REL` or `SHT_RELA` section, decoded on access.
  public struct Relocations: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of entries.
    public let count: Int
    /// Whether entries have an explicit addend (`SHT_RELA`).
    public let hasAddends: Bool

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The relocation at `index` (`0 ..< count`).
    public subscript(index: Int) -> Relocation {
      precondition(index >= 0 && index < count, "index out of range")
      let size = Relocation.size(reader.fileClass, addends: hasAddends)
      return Relocation(reader: reader, at: offset + index * size, addends: hasAddends)
    }
  }

  /// The relocations of an `SHT_REL` or `SHT_RELA` section. The symbol
  /// table they refer to is the section at `sh_link`; in a relocatable
  /// file, `sh_info` is the section they apply to.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/entrySizeMismatch(_:)`` if `sh_entsize` is neither 0 nor
  /// the size of the entry; bounds errors of the table.
  public func relocations(in section: SectionHeader) throws(ELFError) -> Relocations {
    let addends: Bool
    if section.type == .relocationsWithAddends {
      addends = true
    } else if section.type == .relocations {
      addends = false
    } else {
      throw .unexpectedSectionType(section.type)
    }
    let size = Relocation.size(fileClass, addends: addends)
    guard section.entrySize == 0 || section.entrySize == UInt64(size) else {
      throw .entrySizeMismatch(.relocationTable)
    }
    let range = try reader.checkedRange(
      offset: section.offset, count: section.size / UInt64(size), size: UInt64(size), .relocationTable)
    return Relocations(reader: reader, offset: range.lowerBound, count: range.count / size, hasAddends: addends)
  }

  /// Relative relocations in the compressed `SHT_RELR` format (`DT_RELR`),
  /// yielding the address of every word to relocate.
  ///
  /// Each entry is a word. An even entry is an address: it is relocated,
  /// and the next bitmap starts at the word after it. An odd entry is a
  /// bitmap: bit `i` (1 ... 63, or 1 ... 31 for ELF32) set means the word
  /// at `base + (i - 1) * wordSize` is relocated; then `base` advances by
  /// 63 (31) words. Arithmetic wraps, so no entry can trap.
  public struct RelativeRelocations: Sequence, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of entries (words), not of relocated addresses.
    public let entryCount: Int

    /// A view of `SHT_RELR` entries in `bytes` (whole words; extra bytes
    /// at the end are ignored), for a file of the given class and byte
    /// order.
    public init(bytes: UnsafeRawBufferPointer, endianness: Endianness, fileClass: ELFClass) {
      reader = ByteReader(bytes: bytes, endianness: endianness, fileClass: fileClass)
      offset = 0
      entryCount = bytes.count / reader.wordSize
    }

    init(reader: ByteReader, offset: Int, entryCount: Int) {
      self.reader = reader
      self.offset = offset
      self.entryCount = entryCount
    }

    public struct Iterator: IteratorProtocol {
      let reader: ByteReader
      let offset: Int
      let entryCount: Int
      var entry = 0
      /// The remaining bits of the current bitmap (bit 0 is the next word).
      var bitmap: UInt64 = 0
      /// The address of the word bit 0 of `bitmap` stands for.
      var address: UInt64 = 0
      /// The start of the next bitmap's range.
      var base: UInt64 = 0

      public mutating func next() -> UInt64? {
        let w = UInt64(reader.wordSize)
        while true {
          if bitmap != 0 {
            let skip = UInt64(bitmap.trailingZeroBitCount)
            let result = address &+ skip &* w
            bitmap >>= skip + 1  // smart shift: 64 gives 0, never traps
            address = result &+ w
            return result
          }
          guard entry < entryCount else { return nil }
          let word = reader.word(at: offset + entry * reader.wordSize)
          entry += 1
          if word & 1 == 0 {
            base = word &+ w
            return word
          }
          let bits = UInt64(reader.wordSize * 8 - 1)
          bitmap = word >> 1
          address = base
          base = base &+ bits &* w
        }
      }
    }

    public func makeIterator() -> Iterator {
      Iterator(reader: reader, offset: offset, entryCount: entryCount)
    }
  }

  /// The relative relocations of an `SHT_RELR` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/entrySizeMismatch(_:)`` if `sh_entsize` is neither 0 nor
  /// the word size; bounds errors of the table.
  public func relativeRelocations(in section: SectionHeader) throws(ELFError) -> RelativeRelocations {
    guard section.type == .relativeRelocations else { throw .unexpectedSectionType(section.type) }
    return try relativeRelocations(offset: section.offset, size: section.size, entrySize: section.entrySize)
  }

  /// The relative relocations named by the dynamic table (`DT_RELR`,
  /// `DT_RELRSZ`, `DT_RELRENT`), or `nil` if there are none.
  ///
  /// Errors: ``ELFError/offsetOutOfRange(_:)`` if `DT_RELR` is in no
  /// segment; the errors of ``relativeRelocations(in:)``.
  public func dynamicRelativeRelocations() throws(ELFError) -> RelativeRelocations? {
    let entries = try dynamicEntries()
    guard let address = entries.first(.relativeRelocations) else { return nil }
    let size = entries.first(.relativeRelocationsSize) ?? 0
    let entrySize = entries.first(.relativeRelocationEntrySize) ?? 0
    guard let offset = try self.offset(ofAddress: address) else { throw .offsetOutOfRange(.relocationTable) }
    return try relativeRelocations(offset: offset, size: size, entrySize: entrySize)
  }

  func relativeRelocations(offset: UInt64, size: UInt64, entrySize: UInt64) throws(ELFError) -> RelativeRelocations {
    let w = UInt64(reader.wordSize)
    guard entrySize == 0 || entrySize == w else { throw .entrySizeMismatch(.relocationTable) }
    let range = try reader.checkedRange(offset: offset, count: size / w, size: w, .relocationTable)
    return RelativeRelocations(reader: reader, offset: range.lowerBound, entryCount: range.count / Int(w))
  }
}
