// Dynamic symbols found the way a dynamic loader finds them: through the
// dynamic table alone, with no section headers (which a loaded image need
// not have in memory, and which a stripped file may lack).

extension ELFFile {
  /// The dynamic symbols of an object as the dynamic table describes them:
  /// the symbol table (`DT_SYMTAB`, `DT_SYMENT`) with the dynamic string
  /// table (`DT_STRTAB`, `DT_STRSZ`), its hash tables (`DT_GNU_HASH`,
  /// `DT_HASH`) and its symbol versions (`DT_VERSYM`, `DT_VERDEF`,
  /// `DT_VERDEFNUM`), with lookup by name and version.
  ///
  /// The dynamic table does not give the symbol table's size. The count is
  /// the SysV hash table's `nchain` (one chain entry per symbol, gABI
  /// "Hash Table"); without one, it is found in the GNU hash table: one
  /// past the last symbol of the chain that starts at the highest bucket
  /// (chains are laid out in symbol order and each ends with a value whose
  /// lowest bit is set), or `symoffset` if every bucket is empty. This is
  /// how glibc counts the symbols of a library without sections.
  ///
  /// Lookup uses the GNU hash table when there is one and the SysV table
  /// otherwise, and only finds defined symbols (`st_shndx` not
  /// `SHN_UNDEF`): a loader looks for definitions.
  public struct DynamicSymbols: @unchecked Sendable {
    /// The symbol table, names in the dynamic string table.
    public let symbols: SymbolTable
    /// The GNU hash table (`DT_GNU_HASH`), if there is one.
    public let gnuHash: GNUHashTable?
    /// The SysV hash table (`DT_HASH`), if there is one.
    public let sysvHash: SysVHashTable?
    /// The version index of every symbol (`DT_VERSYM`), or `nil` for an
    /// unversioned object.
    public let versions: VersionSymbols?
    /// The versions the object defines (`DT_VERDEF`, `DT_VERDEFNUM`), or
    /// `nil`.
    public let definitions: VersionDefinitions?

    /// Whether symbol `index` is defined (its section is not `SHN_UNDEF`).
    func isDefined(_ index: Int) -> Bool { symbols[index].sectionIndex != 0 }

    /// The first symbol in `name`'s hash chain named `name` for which
    /// `accept` holds.
    func index(named name: some Collection<UInt8>, where accept: (Int) -> Bool) -> Int? {
      if let gnuHash { return gnuHash.index(named: name, where: accept) }
      return sysvHash?.index(named: name, where: accept)
    }

    /// The version index (`vd_ndx`, hidden bit cleared) of the version
    /// definition named `version`, or `nil` if the object defines no such
    /// version. The base definition (`VER_FLG_BASE`), which names the
    /// object itself, is not a version symbols can have.
    public func definitionIndex(named version: some Collection<UInt8>) -> UInt16? {
      guard let definitions else { return nil }
      for definition in definitions where definition.flags & VersionDefinition.base == 0 {
        var names = definition.names.makeIterator()
        guard let first = names.next(), let name = try? definitions.name(at: first.nameOffset) else { continue }
        if name.elementsEqual(version) { return definition.index & VersionSymbols.indexMask }
      }
      return nil
    }

    /// The index of the defined symbol named `name` whose version is
    /// `version`, or `nil`.
    ///
    /// A symbol has the version when its version index (`DT_VERSYM`, the
    /// hidden bit 0x8000 masked) is that of the version definition named
    /// `version` (``definitionIndex(named:)``); hidden (non-default)
    /// versions match too, as they do for a versioned reference in a
    /// loader. In an object without `DT_VERSYM` every symbol matches, as
    /// glibc and the kernel's own vDSO parser
    /// (`tools/testing/selftests/vDSO/parse_vdso.c`) treat an unversioned
    /// vDSO.
    public func index(named name: some Collection<UInt8>, version: some Collection<UInt8>) -> Int? {
      guard let versions else { return index(named: name) { isDefined($0) } }
      guard let wanted = definitionIndex(named: version) else { return nil }
      return index(named: name) { i in isDefined(i) && versions[i] & VersionSymbols.indexMask == wanted }
    }

    /// The index of the defined symbol named `name`, whatever its version,
    /// or `nil`; with versions, the default version (not hidden) is
    /// preferred, as an unversioned reference binds to it.
    public func index(named name: some Collection<UInt8>) -> Int? {
      if let versions,
        let found = index(named: name, where: { i in isDefined(i) && versions[i] & VersionSymbols.hidden == 0 })
      {
        return found
      }
      return index(named: name) { isDefined($0) }
    }

    /// The defined symbol named `name` with version `version`, or `nil`
    /// (see ``index(named:version:)``).
    public func lookup(name: some Collection<UInt8>, version: some Collection<UInt8>) -> Symbol? {
      index(named: name, version: version).map { symbols[$0] }
    }

    /// The defined symbol named `name`, preferring its default version, or
    /// `nil` (see ``index(named:)``).
    public func lookup(name: some Collection<UInt8>) -> Symbol? {
      index(named: name).map { symbols[$0] }
    }

    /// The name of the version of symbol `index` (`0 ..< symbols.count`):
    /// the version definition its version index names; `nil` if the
    /// object is unversioned, for the indexes 0 (local) and 1 (global), or
    /// if no definition has the index.
    public func versionName(ofSymbolAt index: Int) -> UnsafeRawBufferPointer? {
      guard let versions else { return nil }
      return try? ELFFile.versionName(index: versions[index], definitions: definitions, requirements: nil)
    }
  }

  /// The dynamic symbols as the dynamic table describes them (see
  /// ``DynamicSymbols``), in either address mode: for a loaded image
  /// (``init(loadedImage:)``) this reads nothing but the dynamic table and
  /// the tables it names.
  ///
  /// Errors: ``ELFError/indexOutOfRange(_:)`` with
  /// ``ELFError/Item/symbolTable`` if there is no `DT_SYMTAB`, with
  /// ``ELFError/Item/hashTable`` if there is neither `DT_GNU_HASH` nor
  /// `DT_HASH` (nothing gives the symbol count) or a GNU hash table's
  /// `symoffset` exceeds it, with ``ELFError/Item/versionTable`` for a
  /// `DT_VERDEF` without `DT_VERDEFNUM`;
  /// ``ELFError/entrySizeMismatch(_:)`` if `DT_SYMENT` is not the size of
  /// `ElfN_Sym`; ``ELFError/offsetOutOfRange(_:)`` for a table whose
  /// address is in no `PT_LOAD` segment or that does not lie in the
  /// buffer; the errors of ``dynamicEntries()``,
  /// ``dynamicStringTable()``, ``versionSymbols(offset:count:)`` and
  /// ``versionDefinitions(offset:size:count:strings:)``.
  public func dynamicSymbols() throws(ELFError) -> DynamicSymbols {
    let entries = try dynamicEntries()
    guard let symbolAddress = entries.first(.symbolTable) else { throw .indexOutOfRange(.symbolTable) }
    let symbolSize = Symbol.size(fileClass)
    if let entrySize = entries.first(.symbolEntrySize), entrySize != UInt64(symbolSize) {
      throw .entrySizeMismatch(.symbolTable)
    }
    let symbolOffset = try position(of: symbolAddress, .symbolTable)
    let strings = try dynamicStringTable()

    // The SysV table: nbucket, nchain, buckets, chains (32-bit words).
    var sysv: (buckets: Range<Int>, chains: Range<Int>)? = nil
    if let address = entries.first(.hash) {
      let header = try reader.checkedRange(offset: try position(of: address, .hashTable), count: 2, size: 4, .hashTable)
      let bucketCount = reader.load(UInt32.self, at: header.lowerBound)
      let chainCount = reader.load(UInt32.self, at: header.lowerBound + 4)
      let buckets = try reader.checkedRange(offset: UInt64(header.upperBound), count: UInt64(bucketCount), size: 4, .hashTable)
      let chains = try reader.checkedRange(offset: UInt64(buckets.upperBound), count: UInt64(chainCount), size: 4, .hashTable)
      sysv = (buckets, chains)
    }

    // The GNU table: nbuckets, symoffset, bloom_size, bloom_shift, the
    // Bloom words, the buckets, then the chain values from symoffset on.
    var gnu: (symbolOffset: UInt32, bloomShift: UInt32, bloom: Range<Int>, buckets: Range<Int>)? = nil
    if let address = entries.first(.gnuHash) {
      let header = try reader.checkedRange(offset: try position(of: address, .hashTable), count: 4, size: 4, .hashTable)
      let bucketCount = reader.load(UInt32.self, at: header.lowerBound)
      let symbolOffset = reader.load(UInt32.self, at: header.lowerBound + 4)
      let bloomCount = reader.load(UInt32.self, at: header.lowerBound + 8)
      let bloomShift = reader.load(UInt32.self, at: header.lowerBound + 12)
      let bloom = try reader.checkedRange(
        offset: UInt64(header.upperBound), count: UInt64(bloomCount), size: UInt64(reader.wordSize), .hashTable)
      let buckets = try reader.checkedRange(offset: UInt64(bloom.upperBound), count: UInt64(bucketCount), size: 4, .hashTable)
      gnu = (symbolOffset, bloomShift, bloom, buckets)
    }

    let count: Int
    if let sysv {
      count = sysv.chains.count / 4
    } else if let gnu {
      count = try gnuHashSymbolCount(symbolOffset: gnu.symbolOffset, buckets: gnu.buckets)
    } else {
      throw .indexOutOfRange(.hashTable)
    }
    let symbolRange = try reader.checkedRange(offset: symbolOffset, count: UInt64(count), size: UInt64(symbolSize), .symbolTable)
    let symbols = SymbolTable(reader: reader, offset: symbolRange.lowerBound, count: count, strings: strings)

    var gnuHash: GNUHashTable? = nil
    if let gnu {
      guard Int(gnu.symbolOffset) <= count else { throw .indexOutOfRange(.hashTable) }
      let chains = try reader.checkedRange(
        offset: UInt64(gnu.buckets.upperBound), count: UInt64(count - Int(gnu.symbolOffset)), size: 4, .hashTable)
      gnuHash = GNUHashTable(
        reader: reader, symbols: symbols, bucketCount: UInt32(gnu.buckets.count / 4), symbolOffset: gnu.symbolOffset,
        bloomCount: UInt32(gnu.bloom.count / reader.wordSize), bloomShift: gnu.bloomShift,
        bloomOffset: gnu.bloom.lowerBound, bucketOffset: gnu.buckets.lowerBound, chainOffset: chains.lowerBound)
    }
    var sysvHash: SysVHashTable? = nil
    if let sysv {
      sysvHash = SysVHashTable(
        reader: reader, symbols: symbols, bucketCount: UInt32(sysv.buckets.count / 4),
        chainCount: UInt32(sysv.chains.count / 4), bucketOffset: sysv.buckets.lowerBound,
        chainOffset: sysv.chains.lowerBound)
    }

    var versions: VersionSymbols? = nil
    if let address = entries.first(.versionSymbols) {
      versions = try versionSymbols(offset: try position(of: address, .versionTable), count: UInt64(count))
    }
    var definitions: VersionDefinitions? = nil
    if let address = entries.first(.versionDefinitions) {
      guard let definitionCount = entries.first(.versionDefinitionsCount) else { throw .indexOutOfRange(.versionTable) }
      let start = try position(of: address, .versionTable)
      guard start <= UInt64(bytes.count) else { throw .offsetOutOfRange(.versionTable) }
      // The dynamic table gives no size: the chain may use the rest of the
      // buffer, and is validated against it.
      definitions = try versionDefinitions(
        offset: start, size: UInt64(bytes.count) - start, count: definitionCount, strings: strings)
    }
    return DynamicSymbols(
      symbols: symbols, gnuHash: gnuHash, sysvHash: sysvHash, versions: versions, definitions: definitions)
  }

  /// The position of a table the dynamic table points to, or
  /// ``ELFError/offsetOutOfRange(_:)`` if no segment holds its address.
  func position(of address: UInt64, _ what: ELFError.Item) throws(ELFError) -> UInt64 {
    guard let position = try offset(ofAddress: address) else { throw .offsetOutOfRange(what) }
    return position
  }

  /// The number of symbols a GNU hash table covers: one past the end of
  /// the chain of the highest bucket, or `symoffset` if all buckets are
  /// empty. The chain values follow the buckets; each step reads four
  /// more bytes of the buffer, so the walk ends at its end at the latest.
  func gnuHashSymbolCount(symbolOffset: UInt32, buckets: Range<Int>) throws(ELFError) -> Int {
    var highest: UInt32 = 0
    var position = buckets.lowerBound
    while position < buckets.upperBound {
      highest = max(highest, reader.load(UInt32.self, at: position))
      position += 4
    }
    // Bucket values below symoffset (0 is the empty bucket) start no chain.
    guard highest >= symbolOffset, highest != 0 else { return Int(symbolOffset) }
    var index = Int(highest)
    var chain = buckets.upperBound + (index - Int(symbolOffset)) * 4
    while true {
      guard chain <= bytes.count - 4 else { throw .offsetOutOfRange(.hashTable) }
      if reader.load(UInt32.self, at: chain) & 1 != 0 { return index + 1 }
      index += 1
      chain += 4
    }
  }
}
