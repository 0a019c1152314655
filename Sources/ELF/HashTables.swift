extension ELFFile {
  /// The GNU hash of a symbol name (`dl_new_hash`: `h = h * 33 + c`,
  /// from 5381).
  public static func gnuHash(_ name: some Collection<UInt8>) -> UInt32 {
    var h: UInt32 = 5381
    for c in name { h = h &* 33 &+ UInt32(c) }
    return h
  }

  /// The System V hash of a symbol name (gABI `elf_hash`).
  public static func sysvHash(_ name: some Collection<UInt8>) -> UInt32 {
    var h: UInt32 = 0
    for c in name {
      h = (h << 4) &+ UInt32(c)
      let g = h & 0xf000_0000
      if g != 0 { h ^= g >> 24 }
      h &= ~g
    }
    return h
  }

  /// A GNU hash table (`SHT_GNU_HASH`, `DT_GNU_HASH`) over its symbol
  /// table: `nbuckets`, `symoffset`, `bloom_size`, `bloom_shift` (32-bit
  /// words), the Bloom filter (`bloom_size` words of the file class), the
  /// buckets (32-bit) and one 32-bit chain value per symbol from
  /// `symoffset`.
  public struct GNUHashTable: @unchecked Sendable {
    let reader: ByteReader
    /// The symbols the table indexes (the section at `sh_link`).
    public let symbols: SymbolTable
    public let bucketCount: UInt32
    /// The index of the first symbol in the table (earlier ones are not
    /// hashed).
    public let symbolOffset: UInt32
    public let bloomCount: UInt32
    public let bloomShift: UInt32
    let bloomOffset: Int
    let bucketOffset: Int
    let chainOffset: Int

    /// The index in ``symbols`` of the symbol named `name`, or `nil`.
    public func index(named name: some Collection<UInt8>) -> Int? {
      index(named: name) { _ in true }
    }

    /// The index in ``symbols`` of the first symbol in `name`'s chain that
    /// is named `name` and for whose index `accept` is true (to choose
    /// among versions of a name), or `nil`.
    public func index(named name: some Collection<UInt8>, where accept: (Int) -> Bool) -> Int? {
      guard bucketCount != 0, bloomCount != 0 else { return nil }
      let h = ELFFile.gnuHash(name)
      let bits = UInt32(reader.wordSize * 8)
      let word = reader.word(at: bloomOffset + Int((h / bits) % bloomCount) * reader.wordSize)
      let mask = (1 as UInt64) << UInt64(h % bits) | (1 as UInt64) << UInt64((h >> (bloomShift & 31)) % bits)
      guard word & mask == mask else { return nil }
      var i = Int(reader.load(UInt32.self, at: bucketOffset + Int(h % bucketCount) * 4))
      guard i >= Int(symbolOffset) else { return nil }
      // The chain table covers symbolOffset ..< symbols.count; the loop
      // ends there at the latest.
      while i < symbols.count {
        let h2 = reader.load(UInt32.self, at: chainOffset + (i - Int(symbolOffset)) * 4)
        if h | 1 == h2 | 1, let candidate = try? symbols.name(of: symbols[i]), candidate.elementsEqual(name), accept(i) {
          return i
        }
        if h2 & 1 != 0 { return nil }
        i += 1
      }
      return nil
    }

    /// The symbol named `name`, or `nil`.
    public func lookup(name: some Collection<UInt8>) -> Symbol? {
      index(named: name).map { symbols[$0] }
    }
  }

  /// The GNU hash table of an `SHT_GNU_HASH` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/indexOutOfRange(_:)`` with ``ELFError/Item/hashTable`` if
  /// `symoffset` exceeds the symbol count; bounds errors of the table and
  /// of the symbol table at `sh_link`.
  public func gnuHashTable(in section: SectionHeader) throws(ELFError) -> GNUHashTable {
    guard section.type == .gnuHash else { throw .unexpectedSectionType(section.type) }
    let symbols = try symbols(in: try sections().section(at: UInt64(section.link), .linkedSection))
    let data = try bytes(offset: section.offset, size: section.size, .hashTable)
    let start = section.offset
    let r = ByteReader(bytes: data, endianness: endianness, fileClass: fileClass)
    let buckets = try r.read(UInt32.self, at: 0, .hashTable)
    let symbolOffset = try r.read(UInt32.self, at: 4, .hashTable)
    let bloomCount = try r.read(UInt32.self, at: 8, .hashTable)
    let bloomShift = try r.read(UInt32.self, at: 12, .hashTable)
    guard Int(symbolOffset) <= symbols.count else { throw .indexOutOfRange(.hashTable) }
    let chains = UInt64(symbols.count - Int(symbolOffset))
    let bloom = try reader.checkedRange(offset: start + 16, count: UInt64(bloomCount), size: UInt64(reader.wordSize), .hashTable)
    let bucketRange = try reader.checkedRange(offset: UInt64(bloom.upperBound), count: UInt64(buckets), size: 4, .hashTable)
    let chainRange = try reader.checkedRange(offset: UInt64(bucketRange.upperBound), count: chains, size: 4, .hashTable)
    guard UInt64(chainRange.upperBound) <= start + UInt64(data.count) else { throw .offsetOutOfRange(.hashTable) }
    return GNUHashTable(
      reader: reader, symbols: symbols, bucketCount: buckets, symbolOffset: symbolOffset, bloomCount: bloomCount,
      bloomShift: bloomShift, bloomOffset: bloom.lowerBound, bucketOffset: bucketRange.lowerBound,
      chainOffset: chainRange.lowerBound)
  }

  /// A System V hash table (`SHT_HASH`, `DT_HASH`) over its symbol table:
  /// `nbucket`, `nchain`, the buckets and the chains, all 32-bit words
  /// (as on every Linux target but s390x and Alpha, whose 64-bit entries
  /// this does not read).
  public struct SysVHashTable: @unchecked Sendable {
    let reader: ByteReader
    /// The symbols the table indexes (the section at `sh_link`).
    public let symbols: SymbolTable
    public let bucketCount: UInt32
    public let chainCount: UInt32
    let bucketOffset: Int
    let chainOffset: Int

    /// The index in ``symbols`` of the symbol named `name`, or `nil`.
    public func index(named name: some Collection<UInt8>) -> Int? {
      index(named: name) { _ in true }
    }

    /// The index in ``symbols`` of the first symbol in `name`'s chain that
    /// is named `name` and for whose index `accept` is true, or `nil`.
    public func index(named name: some Collection<UInt8>, where accept: (Int) -> Bool) -> Int? {
      guard bucketCount != 0 else { return nil }
      let h = ELFFile.sysvHash(name)
      var i = Int(reader.load(UInt32.self, at: bucketOffset + Int(h % bucketCount) * 4))
      // At most nchain steps: a cycle in the chains cannot loop forever.
      var steps = 0
      while i != 0, i < Int(chainCount), i < symbols.count, steps <= Int(chainCount) {
        if let candidate = try? symbols.name(of: symbols[i]), candidate.elementsEqual(name), accept(i) { return i }
        i = Int(reader.load(UInt32.self, at: chainOffset + i * 4))
        steps += 1
      }
      return nil
    }

    /// The symbol named `name`, or `nil`.
    public func lookup(name: some Collection<UInt8>) -> Symbol? {
      index(named: name).map { symbols[$0] }
    }
  }

  /// The System V hash table of an `SHT_HASH` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// bounds errors of the table and of the symbol table at `sh_link`.
  public func sysvHashTable(in section: SectionHeader) throws(ELFError) -> SysVHashTable {
    guard section.type == .hash else { throw .unexpectedSectionType(section.type) }
    let symbols = try symbols(in: try sections().section(at: UInt64(section.link), .linkedSection))
    let data = try bytes(offset: section.offset, size: section.size, .hashTable)
    let r = ByteReader(bytes: data, endianness: endianness, fileClass: fileClass)
    let buckets = try r.read(UInt32.self, at: 0, .hashTable)
    let chains = try r.read(UInt32.self, at: 4, .hashTable)
    let bucketRange = try reader.checkedRange(offset: section.offset + 8, count: UInt64(buckets), size: 4, .hashTable)
    let chainRange = try reader.checkedRange(offset: UInt64(bucketRange.upperBound), count: UInt64(chains), size: 4, .hashTable)
    guard UInt64(chainRange.upperBound) <= section.offset + section.size else { throw .offsetOutOfRange(.hashTable) }
    return SysVHashTable(
      reader: reader, symbols: symbols, bucketCount: buckets, chainCount: chains,
      bucketOffset: bucketRange.lowerBound, chainOffset: chainRange.lowerBound)
  }
}
