extension ELFFile {
  /// A dynamic table entry (`Elf32_Dyn` / `Elf64_Dyn`).
  public struct DynamicEntry: Equatable, Sendable {
    /// `d_tag` (signed; 32-bit tags are sign-extended).
    public var tag: DynamicTag
    /// `d_un`: `d_val` or `d_ptr`, depending on the tag.
    public var value: UInt64

    static func size(_ fileClass: ELFClass) -> Int { fileClass == .bits64 ? 16 : 8 }

    init(reader r: ByteReader, at o: Int) {
      if r.fileClass == .bits64 {
        tag = DynamicTag(rawValue: r.load(Int64.self, at: o))
        value = r.load(UInt64.self, at: o + 8)
      } else {
        tag = DynamicTag(rawValue: Int64(r.load(Int32.self, at: o)))
        value = UInt64(r.load(UInt32.self, at: o + 4))
      }
    }
  }

  /// The dynamic table up to (not including) its `DT_NULL`, decoded on
  /// access.
  public struct DynamicEntries: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of entries before `DT_NULL` (or the end of the table).
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The entry at `index` (`0 ..< count`).
    public subscript(index: Int) -> DynamicEntry {
      precondition(index >= 0 && index < count, "index out of range")
      return DynamicEntry(reader: reader, at: offset + index * DynamicEntry.size(reader.fileClass))
    }

    /// The value of the first entry with `tag`, or `nil`.
    public func first(_ tag: DynamicTag) -> UInt64? {
      for entry in self where entry.tag == tag { return entry.value }
      return nil
    }
  }

  /// The dynamic table: the file image of `PT_DYNAMIC`, or else the
  /// `SHT_DYNAMIC` section; empty if there is neither. In a loaded image
  /// (``AddressMode/virtualAddresses``) the table is found at the segment's
  /// (or section's) virtual address, where the loader put it.
  ///
  /// Errors: bounds errors of the program header table, section header
  /// table or dynamic table; ``ELFError/offsetOutOfRange(_:)`` with
  /// ``ELFError/Item/dynamicTable`` if, in a loaded image, its address is
  /// in no `PT_LOAD` segment.
  public func dynamicEntries() throws(ELFError) -> DynamicEntries {
    var table: UnsafeRawBufferPointer? = nil
    for segment in try programHeaders() where segment.type == .dynamic {
      table = try bytes(
        offset: try tableOffset(offset: segment.offset, address: segment.virtualAddress), size: segment.fileSize,
        .dynamicTable)
      break
    }
    if table == nil {
      for section in try sections() where section.type == .dynamic {
        table = try bytes(
          offset: try tableOffset(offset: section.offset, address: section.address), size: section.size, .dynamicTable)
        break
      }
    }
    guard let table, let base = table.baseAddress, let start = bytes.baseAddress else {
      return DynamicEntries(reader: reader, offset: 0, count: 0)
    }
    let offset = base - start
    let size = DynamicEntry.size(fileClass)
    let capacity = table.count / size
    var count = 0
    while count < capacity, DynamicEntry(reader: reader, at: offset + count * size).tag != .null { count += 1 }
    return DynamicEntries(reader: reader, offset: offset, count: count)
  }

  /// The dynamic string table: `DT_STRTAB` (an address, translated to a
  /// position in the buffer through the `PT_LOAD` segments by
  /// ``offset(ofAddress:)``) and `DT_STRSZ`; or, for a file without such
  /// segments, the section linked by the `SHT_DYNAMIC` section.
  ///
  /// Errors: ``ELFError/indexOutOfRange(_:)`` with
  /// ``ELFError/Item/dynamicStringTable`` if there is none or its address
  /// is in no segment; bounds errors.
  public func dynamicStringTable() throws(ELFError) -> StringTable {
    let entries = try dynamicEntries()
    if let address = entries.first(.stringTable), let size = entries.first(.stringTableSize),
      let offset = try self.offset(ofAddress: address)
    {
      return StringTable(bytes: try bytes(offset: offset, size: size, .dynamicStringTable))
    }
    let table = try sections()
    for section in table where section.type == .dynamic {
      return try stringTable(in: try table.section(at: UInt64(section.link), .dynamicStringTable))
    }
    throw .indexOutOfRange(.dynamicStringTable)
  }

  /// The strings named by every entry with `tag` (`DT_NEEDED`, `DT_RPATH`,
  /// ...), in the order of the table.
  public func dynamicStrings(_ tag: DynamicTag) throws(ELFError) -> [UnsafeRawBufferPointer] {
    let entries = try dynamicEntries()
    var result: [UnsafeRawBufferPointer] = []
    guard entries.contains(where: { $0.tag == tag }) else { return result }
    let strings = try dynamicStringTable()
    for entry in entries where entry.tag == tag { result.append(try strings.string(at: entry.value)) }
    return result
  }

  /// The libraries the file needs (`DT_NEEDED`), in order.
  public func neededLibraries() throws(ELFError) -> [UnsafeRawBufferPointer] { try dynamicStrings(.needed) }

  /// The shared object name (`DT_SONAME`), or `nil`.
  public func soname() throws(ELFError) -> UnsafeRawBufferPointer? { try dynamicStrings(.soname).first }

  /// The library search path `DT_RPATH` (deprecated), or `nil`.
  public func rpath() throws(ELFError) -> UnsafeRawBufferPointer? { try dynamicStrings(.rpath).first }

  /// The library search path `DT_RUNPATH`, or `nil`.
  public func runpath() throws(ELFError) -> UnsafeRawBufferPointer? { try dynamicStrings(.runpath).first }
}
