import ELF
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The test process's own vDSO (`AT_SYSINFO_EHDR`), its whole file as the
/// kernel mapped it: first the page holding the header and program headers,
/// then the extent they describe, then again with the section headers in
/// reach (``ELFFile/fileExtent()``).
func ownVDSO() throws -> UnsafeRawBufferPointer {
  // getauxval is not in Swift's Glibc module: read the vector the kernel
  // keeps for /proc/self/auxv (key/value pairs of 64-bit words).
  let auxv = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/proc/self/auxv")))
  let words = auxv.withUnsafeBytes { Array($0.bindMemory(to: UInt.self)) }
  let index = try #require(stride(from: 0, to: words.count - 1, by: 2).first { words[$0] == 33 }, "no AT_SYSINFO_EHDR")
  let base = try #require(UnsafeRawPointer(bitPattern: words[index + 1]), "no vDSO")
  var length = 4096
  for _ in 0..<3 {
    let image = try ELFFile(loadedImage: UnsafeRawBufferPointer(start: base, count: length))
    length = max(length, Int(try image.fileExtent()))
  }
  return UnsafeRawBufferPointer(start: base, count: length)
}

/// The names the runtime resolves, all of version `LINUX_2.6` on x86-64.
let vdsoNames = [
  "__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time", "__vdso_clock_getres", "__vdso_getcpu",
]

/// Every defined dynamic symbol found through the sections (`.dynsym`,
/// `.gnu.version`, `.gnu.version_d`) of a file: (name, version or nil,
/// value).
func sectionSymbols(_ elf: ELFFile) throws -> [(name: String, version: String?, value: UInt64)] {
  let sections = try elf.sections()
  let dynsym = try #require(sections.first { $0.type == .dynamicSymbols })
  let symbols = try elf.symbols(in: dynsym)
  let versym = try sections.first { $0.type == .gnuVersionSymbols }.map { try elf.versionSymbols(in: $0) }
  let verdef = try sections.first { $0.type == .gnuVersionDefinitions }.map { try elf.versionDefinitions(in: $0) }
  var result: [(String, String?, UInt64)] = []
  for (i, symbol) in symbols.enumerated() where symbol.sectionIndex != 0 {
    let version = try versym.flatMap { try ELFFile.versionName(index: $0[i], definitions: verdef, requirements: nil) }
    result.append((string(try symbols.name(of: symbol)), version.map(string), symbol.value))
  }
  return result
}

/// Checks that the dynamic-table lookup of a loaded image finds every
/// symbol the sections of the same file list, with its version.
func compareWithSections(loaded: ELFFile, file: ELFFile) throws {
  let dynamic = try loaded.dynamicSymbols()
  let listed = try sectionSymbols(file)
  let dynsym = try #require(try file.sections().first { $0.type == .dynamicSymbols })
  #expect(dynamic.symbols.count == Int(dynsym.size / dynsym.entrySize), "symbol count from the hash table")
  for (name, version, value) in listed {
    if let version {
      let found = dynamic.lookup(name: name.bytes, version: version.bytes)
      #expect(found?.value == value, "\(name)@\(version)")
      if let index = dynamic.index(named: name.bytes, version: version.bytes) {
        #expect(dynamic.versionName(ofSymbolAt: index).map(string) == version)
      }
    } else {
      #expect(dynamic.lookup(name: name.bytes) != nil, "\(name)")
    }
  }
}

/// "Loads" a file as a loader would: every `PT_LOAD` segment's file bytes
/// at its address (minus the image base), zeros elsewhere.
func loadImage(_ file: [UInt8]) throws -> FileBytes {
  let bytes = FileBytes(file)
  let elf = try ELFFile(bytes: bytes.buffer)
  let loads = try elf.programHeaders().filter { $0.type == .load }
  let base = try #require(loads.map { $0.virtualAddress - $0.offset }.min())
  let end = try #require(loads.map { $0.virtualAddress + $0.memorySize }.max())
  var image = [UInt8](repeating: 0, count: Int(end - base))
  for segment in loads {
    let at = Int(segment.virtualAddress - base)
    image[at..<(at + Int(segment.fileSize))] = file[Int(segment.offset)..<Int(segment.offset + segment.fileSize)]
  }
  return FileBytes(image)
}

/// A shared object linked by lld, whose data segments sit at addresses a
/// page or more past their file offsets (so a file offset is not an image
/// position), with GNU hash only and versions: `f@@V1`, `v@@V1`, `g@V1`,
/// `g@@V2`, and unversioned `g1`, `g2`.
func versionedLibrary() throws -> String {
  let dir = try temporaryDirectory()
  let c = dir.appendingPathComponent("lib.c").path
  let map = dir.appendingPathComponent("lib.map").path
  let so = dir.appendingPathComponent("lib.so").path
  try """
    int v = 3;
    int f(int x) { return x + v; }
    __asm__(".symver g1,g@V1\\n.symver g2,g@@V2");
    int g1(void) { return 1; }
    int g2(void) { return 2; }
    """.write(toFile: c, atomically: true, encoding: .utf8)
  try "V1 { global: g; f; v; }; V2 { global: g; } V1;\n".write(toFile: map, atomically: true, encoding: .utf8)
  _ = try run("/usr/bin/env", ["clang", "-shared", "-fPIC", "-fuse-ld=lld", "-Wl,--version-script=" + map, "-o", so, c])
  return so
}

@Suite struct LoadedImageTests {
  @Test func vdsoSymbolsThroughTheDynamicTable() throws {
    let image = try ownVDSO()
    let vdso = try ELFFile(loadedImage: image)
    #expect(vdso.addressMode == .virtualAddresses)
    let symbols = try vdso.dynamicSymbols()
    #expect(symbols.gnuHash != nil && symbols.versions != nil && symbols.definitions != nil)
    #expect(symbols.definitionIndex(named: "LINUX_2.6".bytes) != nil)
    for name in vdsoNames {
      let symbol = try #require(symbols.lookup(name: name.bytes, version: "LINUX_2.6".bytes), "\(name)")
      #expect(symbol.type == .function)
      #expect(try vdso.offset(ofAddress: symbol.value) != nil)
    }
    #expect(symbols.lookup(name: "__vdso_clock_gettime".bytes, version: "LINUX_2.5".bytes) == nil)
    #expect(symbols.lookup(name: "__vdso_nothing".bytes, version: "LINUX_2.6".bytes) == nil)
    // The SysV table finds the same symbols.
    let sysv = try #require(symbols.sysvHash)
    for name in vdsoNames { #expect(sysv.lookup(name: name.bytes) == symbols.lookup(name: name.bytes)) }
  }

  /// The loaded-image reading agrees with the file reading of a copy of
  /// the same bytes through its sections.
  @Test func vdsoAgreesWithItsSections() throws {
    let image = try ownVDSO()
    let copy = FileBytes(Array(image))
    let file = try ELFFile(bytes: copy.buffer)
    let dynsym = try #require(try file.sections().first { $0.type == .dynamicSymbols })
    #expect(UInt64(image.count) == file.sectionHeaderOffset + file.sectionCount * UInt64(file.sectionHeaderEntrySize))
    #expect(dynsym.size > 0)
    try compareWithSections(loaded: try ELFFile(loadedImage: image), file: file)
    try compareWithSections(loaded: file, file: file)
  }

  /// The address found is the function: calling it gives the time glibc
  /// gives (the runtime's tests compare it with the system call).
  @Test func vdsoClockGettimeIsCallable() throws {
    let image = try ownVDSO()
    let vdso = try ELFFile(loadedImage: image)
    let symbol = try #require(try vdso.dynamicSymbols().lookup(name: "__vdso_clock_gettime".bytes, version: "LINUX_2.6".bytes))
    let position = try #require(try vdso.offset(ofAddress: symbol.value))
    typealias ClockGettime = @convention(c) (Int32, UnsafeMutablePointer<timespec>) -> Int32
    let function = unsafeBitCast(image.baseAddress! + Int(position), to: ClockGettime.self)
    var before = timespec()
    var during = timespec()
    var after = timespec()
    #expect(clock_gettime(CLOCK_MONOTONIC, &before) == 0)
    #expect(function(CLOCK_MONOTONIC, &during) == 0)
    #expect(clock_gettime(CLOCK_MONOTONIC, &after) == 0)
    func ns(_ t: timespec) -> Int { t.tv_sec * 1_000_000_000 + t.tv_nsec }
    #expect(ns(before) <= ns(during) && ns(during) <= ns(after))
    #expect(function(12345, &during) == -EINVAL)
  }

  @Test func fileExtentOfFiles() throws {
    for path in ["/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6"] {
      let file = try FileBytes(path: path)
      #expect(try ELFFile(bytes: file.buffer).fileExtent() == UInt64(file.count), "\(path)")
    }
  }

  /// A library with segments at other distances from their file offsets,
  /// GNU hash only (the symbol count comes from its chains) and versions,
  /// loaded into a buffer as a loader would.
  @Test func loadedLibraryWithVersions() throws {
    let path = try versionedLibrary()
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    let image = try loadImage(file.array)
    let loaded = try ELFFile(loadedImage: image.buffer)
    #expect(try loaded.imageBaseAddress() == 0)
    let dynamic = try loaded.dynamicSymbols()
    #expect(dynamic.sysvHash == nil && dynamic.gnuHash != nil)
    try compareWithSections(loaded: loaded, file: elf)
    try compareWithSections(loaded: elf, file: elf)
    // Versions: g@V1 and g@@V2 are different functions; g1 and g2 carry the
    // global index (1), which names no version.
    let g1 = try #require(dynamic.lookup(name: "g".bytes, version: "V1".bytes))
    let g2 = try #require(dynamic.lookup(name: "g".bytes, version: "V2".bytes))
    #expect(g1.value != g2.value)
    #expect(dynamic.lookup(name: "g".bytes)?.value == g2.value, "the default version")
    #expect(dynamic.lookup(name: "g1".bytes)?.value == g1.value)
    #expect(dynamic.lookup(name: "g1".bytes, version: "V1".bytes) == nil)
    #expect(dynamic.lookup(name: "f".bytes, version: "V2".bytes) == nil)
    #expect(dynamic.lookup(name: "__cxa_finalize".bytes) == nil, "undefined symbols are not definitions")
    // The data symbol's address is in the data segment, past its file
    // offset: read through the image it is the initial value 3.
    let v = try #require(dynamic.lookup(name: "v".bytes, version: "V1".bytes))
    let position = try #require(try loaded.offset(ofAddress: v.value))
    #expect(try #require(try elf.fileOffset(ofVirtualAddress: v.value)) != position)
    #expect(image.buffer.load(fromByteOffset: Int(position), as: Int32.self) == 3)
    // In the file, the same symbol is at its file offset.
    let filePosition = try #require(try elf.fileOffset(ofVirtualAddress: v.value))
    #expect(file.buffer.load(fromByteOffset: Int(filePosition), as: Int32.self) == 3)
  }

  @Test func libcVersionsInFileMode() throws {
    let file = try FileBytes(path: "/usr/lib/x86_64-linux-gnu/libc.so.6")
    let elf = try ELFFile(bytes: file.buffer)
    let dynamic = try elf.dynamicSymbols()
    let listed = try readelf("--dyn-syms", "/usr/lib/x86_64-linux-gnu/libc.so.6")
    // "   430: 00000000000cf420   106 FUNC    GLOBAL DEFAULT   16 clock_gettime@@GLIBC_2.17"
    var checked = 0
    for line in listed.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 8, fields[6] != "UND", let value = UInt64(fields[1], radix: 16) else { continue }
      let full = fields[7]
      guard let at = full.firstIndex(of: "@") else { continue }
      let name = full[..<at]
      let version = full[at...].drop(while: { $0 == "@" })
      guard !version.contains(" ") else { continue }
      #expect(dynamic.lookup(name: Array(name.utf8), version: Array(version.utf8))?.value == value, "\(full)")
      checked += 1
    }
    #expect(checked > 2000)
    #expect(dynamic.lookup(name: "memcpy".bytes)?.value == dynamic.lookup(name: "memcpy".bytes, version: "GLIBC_2.14".bytes)?.value)
  }
}

/// Damaged loaded images: a typed error, or a lookup that finds nothing
/// or the right symbol; never a trap.
@Suite struct MalformedLoadedImageTests {
  /// A copy of the vDSO with some dynamic entries changed.
  struct Image {
    var bytes: [UInt8]
    let dynamicOffset: Int
    let entryCount: Int

    init() throws {
      bytes = Array(try ownVDSO())
      let copy = FileBytes(bytes)
      let elf = try ELFFile(bytes: copy.buffer)
      let dynamic = try #require(try elf.programHeaders().first { $0.type == .dynamic })
      dynamicOffset = Int(dynamic.offset)
      entryCount = Int(dynamic.fileSize / 16)
    }

    func entryIndex(_ tag: ELFFile.DynamicTag) -> Int? {
      (0..<entryCount).first { tagAt($0) == tag.rawValue }
    }
    func tagAt(_ i: Int) -> Int64 {
      bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: dynamicOffset + 16 * i, as: Int64.self) }
    }
    func value(_ tag: ELFFile.DynamicTag) -> UInt64? {
      entryIndex(tag).map { i in
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: dynamicOffset + 16 * i + 8, as: UInt64.self) }
      }
    }
    /// Changes an entry's tag (to DT_DEBUG, which nothing here reads, to remove it).
    mutating func retag(_ tag: ELFFile.DynamicTag, to new: Int64 = 21) throws {
      let i = try #require(entryIndex(tag))
      bytes.withUnsafeMutableBytes { $0.storeBytes(of: new, toByteOffset: dynamicOffset + 16 * i, as: Int64.self) }
    }
    mutating func setValue(_ tag: ELFFile.DynamicTag, _ value: UInt64) throws {
      let i = try #require(entryIndex(tag))
      bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: dynamicOffset + 16 * i + 8, as: UInt64.self) }
    }
    mutating func store<T>(_ value: T, at offset: Int) {
      bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: offset, as: T.self) }
    }

    /// The dynamic symbols of a copy of the bytes, which the value keeps
    /// alive.
    struct Parsed {
      let storage: FileBytes
      let table: ELFFile.DynamicSymbols
      var gnuHash: ELFFile.GNUHashTable? { table.gnuHash }
      var sysvHash: ELFFile.SysVHashTable? { table.sysvHash }
      var versions: ELFFile.VersionSymbols? { table.versions }
      var count: Int { table.symbols.count }
      func lookup(name: [UInt8], version: [UInt8]) -> ELFFile.Symbol? { table.lookup(name: name, version: version) }
    }

    func symbols() throws(ELFError) -> Parsed {
      let copy = FileBytes(bytes)
      return Parsed(storage: copy, table: try ELFFile(loadedImage: copy.buffer).dynamicSymbols())
    }

    /// Looks up every name, with and without the version, in a fresh copy.
    func lookUpAll() throws(ELFError) -> [UInt64?] {
      let copy = FileBytes(bytes)
      return try withExtendedLifetime(copy) { () throws(ELFError) in
        let symbols = try ELFFile(loadedImage: copy.buffer).dynamicSymbols()
        return vdsoNames.flatMap { [symbols.lookup(name: $0.bytes, version: "LINUX_2.6".bytes)?.value, symbols.lookup(name: $0.bytes)?.value] }
      }
    }
  }

  @Test func sysvHashWhenThereIsNoGNUHash() throws {
    var image = try Image()
    let expected = try image.lookUpAll()
    try image.retag(.gnuHash)
    let symbols = try image.symbols()
    #expect(symbols.gnuHash == nil && symbols.sysvHash != nil)
    #expect(try image.lookUpAll() == expected)
  }

  @Test func gnuHashAloneCountsTheSymbols() throws {
    var image = try Image()
    let expected = try image.lookUpAll()
    let count = try image.symbols().count
    try image.retag(.hash)
    let symbols = try image.symbols()
    #expect(symbols.sysvHash == nil && symbols.count == count)
    #expect(try image.lookUpAll() == expected)
  }

  @Test func noHashTable() throws {
    var image = try Image()
    try image.retag(.hash)
    try image.retag(.gnuHash)
    #expect(throws: ELFError.indexOutOfRange(.hashTable)) { try image.symbols() }
  }

  @Test func noSymbolTable() throws {
    var image = try Image()
    try image.retag(.symbolTable)
    #expect(throws: ELFError.indexOutOfRange(.symbolTable)) { try image.symbols() }
  }

  @Test func symbolTableOutsideTheSegments() throws {
    var image = try Image()
    try image.setValue(.symbolTable, 0x7fff_0000_0000)
    #expect(throws: ELFError.offsetOutOfRange(.symbolTable)) { try image.symbols() }
    try image.setValue(.symbolTable, UInt64.max)
    #expect(throws: ELFError.offsetOutOfRange(.symbolTable)) { try image.symbols() }
  }

  @Test func wrongSymbolEntrySize() throws {
    var image = try Image()
    try image.setValue(.symbolEntrySize, 16)
    #expect(throws: ELFError.entrySizeMismatch(.symbolTable)) { try image.symbols() }
  }

  @Test func hugeHashTables() throws {
    var image = try Image()
    let sysv = try #require(image.value(.hash))
    image.store(UInt32.max, at: Int(sysv) + 4)  // nchain
    #expect(throws: ELFError.offsetOutOfRange(.hashTable)) { try image.symbols() }

    image = try Image()
    try image.retag(.hash)
    let gnu = try #require(image.value(.gnuHash))
    image.store(UInt32.max, at: Int(gnu))  // nbuckets
    #expect(throws: ELFError.self) { try image.symbols() }
    image = try Image()
    image.store(UInt32(0x4000_0000), at: Int(gnu) + 8)  // bloom_size
    #expect(throws: ELFError.self) { try image.symbols() }
  }

  /// A GNU hash chain that never ends (no end bit): counting the symbols
  /// stops at the end of the buffer at the latest; a bucket far past it
  /// is an error.
  @Test func unendingGNUChain() throws {
    var image = try Image()
    try image.retag(.hash)
    let gnu = Int(try #require(image.value(.gnuHash)))
    let original = image.bytes
    let word = { (offset: Int) in original.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) } }
    let buckets = Int(word(gnu))
    let symbolOffset = Int(word(gnu + 4))
    let bloom = Int(word(gnu + 8))
    let bucketStart = gnu + 16 + 8 * bloom
    let chainStart = bucketStart + 4 * buckets
    let count = try image.symbols().count
    for i in symbolOffset..<count {
      image.store(word(chainStart + 4 * (i - symbolOffset)) & ~1, at: chainStart + 4 * (i - symbolOffset))
    }
    // The walk goes on into the bytes after the chains: some count or an
    // error, and no trap.
    _ = try? image.symbols()
    image.bytes = original
    image.store(UInt32(0x0fff_ffff), at: bucketStart)
    #expect(throws: ELFError.offsetOutOfRange(.hashTable)) { try image.symbols() }
  }

  @Test func versionTables() throws {
    var image = try Image()
    try image.setValue(.versionDefinitionsCount, 1_000_000)
    #expect(throws: ELFError.truncated(.versionTable)) { try image.symbols() }
    image = try Image()
    try image.retag(.versionDefinitionsCount)
    #expect(throws: ELFError.indexOutOfRange(.versionTable)) { try image.symbols() }
    image = try Image()
    try image.setValue(.versionSymbols, UInt64(image.bytes.count) * 4)
    #expect(throws: ELFError.offsetOutOfRange(.versionTable)) { try image.symbols() }
    // Without DT_VERSYM the table is unversioned: any version matches.
    image = try Image()
    try image.retag(.versionSymbols)
    let symbols = try image.symbols()
    #expect(symbols.versions == nil)
    #expect(symbols.lookup(name: "__vdso_time".bytes, version: "ANYTHING".bytes) != nil)
    // Without DT_VERDEF no version can be found.
    image = try Image()
    try image.retag(.versionDefinitions)
    #expect(try image.symbols().lookup(name: "__vdso_time".bytes, version: "LINUX_2.6".bytes) == nil)
  }

  @Test func noLoadSegment() throws {
    var image = try Image()
    let copy = FileBytes(image.bytes)
    let elf = try ELFFile(bytes: copy.buffer)
    for (i, segment) in try elf.programHeaders().enumerated() where segment.type == .load {
      image.store(UInt32(0x6000_0000), at: Int(elf.programHeaderOffset) + 56 * i)
    }
    #expect(throws: ELFError.offsetOutOfRange(.dynamicTable)) { try image.symbols() }
  }

  /// Every prefix of the image and random byte changes in its tables: an
  /// error or a reading, never a trap or a hang.
  @Test func truncatedAndMutated() throws {
    let original = try Image().bytes
    for length in 0...original.count {
      let prefix = FileBytes(Array(original[0..<length]))
      _ = try? Image.exercise(prefix.buffer)
    }
    var generator = SplitMix64(state: 5)
    for _ in 0..<3000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        // Mostly the header and the dynamic tables (the first 0x780 bytes).
        let at = Int.random(in: 0..<min(0x780, bytes.count), using: &generator)
        bytes[at] = UInt8.random(in: 0...255, using: &generator)
      }
      let copy = FileBytes(bytes)
      _ = try? Image.exercise(copy.buffer)
    }
  }
}

/// Dynamic-table lookups of damaged real files, in both address modes:
/// errors or readings, never a trap or a hang.
@Suite struct DynamicSymbolRobustnessTests {
  @Test(arguments: ["/bin/ls", "library"])
  func mutatedDynamicTables(_ which: String) throws {
    let path = which == "library" ? try versionedLibrary() : which
    let original = try FileBytes(path: path).array
    let whole = FileBytes(original)
    defer { withExtendedLifetime(whole) {} }
    let elf = try ELFFile(bytes: whole.buffer)
    // Where the dynamic table and the tables it names are.
    var hotSpots: [Range<Int>] = [0..<64]
    let entries = try elf.dynamicEntries()
    if let dynamic = try elf.programHeaders().first(where: { $0.type == .dynamic }) {
      hotSpots.append(Int(dynamic.offset)..<Int(dynamic.offset + dynamic.fileSize))
    }
    for tag: ELFFile.DynamicTag in [.symbolTable, .stringTable, .hash, .gnuHash, .versionSymbols, .versionDefinitions] {
      if let address = entries.first(tag), let offset = try elf.fileOffset(ofVirtualAddress: address) {
        hotSpots.append(Int(offset)..<min(original.count, Int(offset) + 256))
      }
    }
    var generator = SplitMix64(state: 11)
    for round in 0..<1500 {
      var bytes = original
      let spot = hotSpots[round % hotSpots.count]
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        bytes[Int.random(in: spot, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      let copy = FileBytes(bytes)
      defer { withExtendedLifetime(copy) {} }
      for loaded in [false, true] {
        guard let file = try? (loaded ? ELFFile(loadedImage: copy.buffer) : ELFFile(bytes: copy.buffer)),
          let symbols = try? file.dynamicSymbols()
        else { continue }
        for i in 0..<min(symbols.symbols.count, 64) {
          let symbol = symbols.symbols[i]
          guard let name = try? symbols.symbols.name(of: symbol) else { continue }
          _ = symbols.lookup(name: name)
          if let version = symbols.versionName(ofSymbolAt: i) { _ = symbols.lookup(name: name, version: version) }
          _ = try? file.offset(ofAddress: symbol.value)
        }
      }
    }
  }
}

extension MalformedLoadedImageTests.Image {
  /// Everything a loaded image offers.
  static func exercise(_ bytes: UnsafeRawBufferPointer) throws(ELFError) {
    let elf = try ELFFile(loadedImage: bytes)
    _ = try? elf.fileExtent()
    _ = try? elf.imageBaseAddress()
    let symbols = try elf.dynamicSymbols()
    for i in 0..<symbols.symbols.count {
      _ = try? symbols.symbols.name(of: symbols.symbols[i])
      _ = symbols.versionName(ofSymbolAt: i)
    }
    for name in vdsoNames {
      if let s = symbols.lookup(name: name.bytes, version: "LINUX_2.6".bytes) { _ = try? elf.offset(ofAddress: s.value) }
      _ = symbols.lookup(name: name.bytes)
    }
  }
}
