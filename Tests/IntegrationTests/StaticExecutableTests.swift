import Foundation
import Testing

/// A little-endian ELF64 executable read from a file, with what the linkage
/// checks need: header fields, program headers and the dynamic section.
/// Every read is bounds-checked; a malformed file fails the test.
struct ExecutableImage {
  /// One program header.
  struct Segment {
    var type: UInt32
    var flags: UInt32
    var offset: UInt64
    var address: UInt64
    var fileSize: UInt64
    var memorySize: UInt64
  }

  static let load: UInt32 = 1, dynamic: UInt32 = 2, interpreter: UInt32 = 3
  static let gnuStack: UInt32 = 0x6474_e551, gnuRelro: UInt32 = 0x6474_e552
  static let executableType: UInt16 = 2, sharedType: UInt16 = 3  // ET_EXEC, ET_DYN

  let path: String
  let bytes: [UInt8]
  let type: UInt16
  let entry: UInt64
  let programHeaderOffset: UInt64
  let segments: [Segment]

  init(path: String) throws {
    self.path = path
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    self.bytes = bytes
    try #require(
      bytes.count >= 64 && Array(bytes[0..<6]) == [0x7f, 0x45, 0x4c, 0x46, 2, 1],
      "\(path) is not a little-endian ELF64 file")
    #expect(Self.field(bytes, 18, UInt16.self) == 62, "\(path): e_machine is not EM_X86_64")
    type = Self.field(bytes, 16, UInt16.self)
    entry = Self.field(bytes, 24, UInt64.self)
    let programHeaderOffset = Self.field(bytes, 32, UInt64.self)
    self.programHeaderOffset = programHeaderOffset
    let size = Int(Self.field(bytes, 54, UInt16.self))
    let count = Int(Self.field(bytes, 56, UInt16.self))
    try #require(
      size == 56 && programHeaderOffset <= UInt64(bytes.count) && Int(programHeaderOffset) + size * count <= bytes.count,
      "\(path): bad program headers")
    segments = (0..<count).map { index in
      let at = Int(programHeaderOffset) + index * size
      return Segment(
        type: Self.field(bytes, at, UInt32.self), flags: Self.field(bytes, at + 4, UInt32.self),
        offset: Self.field(bytes, at + 8, UInt64.self), address: Self.field(bytes, at + 16, UInt64.self),
        fileSize: Self.field(bytes, at + 32, UInt64.self), memorySize: Self.field(bytes, at + 40, UInt64.self))
    }
  }

  /// A little-endian integer at `offset`; the caller has checked the range.
  static func field<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: Int, _: T.Type) -> T {
    (0..<MemoryLayout<T>.size).reduce(T(0)) { $0 | T(truncatingIfNeeded: bytes[offset + $1]) << (8 * $1) }
  }

  /// A 64-bit word at a file offset, checked.
  func word(atFileOffset offset: UInt64) throws -> UInt64 {
    try #require(offset <= UInt64(bytes.count) && UInt64(bytes.count) - offset >= 8, "\(path): offset \(offset) out of the file")
    return Self.field(bytes, Int(offset), UInt64.self)
  }

  func segments(ofType type: UInt32) -> [Segment] { segments.filter { $0.type == type } }

  /// The first `PT_LOAD`: it maps the ELF header (file offset 0), so the
  /// load bias is where the header is minus this segment's address.
  func firstLoad() throws -> Segment {
    let first = try #require(segments(ofType: Self.load).first, "\(path) has no PT_LOAD")
    try #require(first.offset == 0, "\(path): the first PT_LOAD does not map the ELF header")
    return first
  }

  /// The file offset that a link-time address is loaded from.
  func fileOffset(ofAddress address: UInt64) throws -> UInt64 {
    let segment = try #require(
      segments(ofType: Self.load).first { address >= $0.address && address - $0.address < $0.fileSize },
      "\(path): address 0x\(String(address, radix: 16)) is in no PT_LOAD's file part")
    return segment.offset + (address - segment.address)
  }

  /// The dynamic section's entries up to `DT_NULL` (empty without
  /// `PT_DYNAMIC`).
  func dynamicEntries() throws -> [(tag: UInt64, value: UInt64)] {
    guard let dynamic = segments(ofType: Self.dynamic).first else { return [] }
    var entries: [(tag: UInt64, value: UInt64)] = []
    var offset = dynamic.offset
    while offset + 16 <= dynamic.offset + dynamic.fileSize {
      let tag = try word(atFileOffset: offset)
      if tag == 0 { return entries }
      entries.append((tag, try word(atFileOffset: offset + 8)))
      offset += 16
    }
    Issue.record("\(path): the dynamic section has no DT_NULL")
    return entries
  }

  /// The relocation types of the `DT_RELA` table.
  func relaTypes() throws -> [UInt32] {
    let entries = try dynamicEntries()
    func value(_ tag: UInt64) -> UInt64? { entries.first { $0.tag == tag }?.value }
    guard let table = value(7) else { return [] }  // DT_RELA
    let size = value(8) ?? 0, entrySize = value(9) ?? 24  // DT_RELASZ, DT_RELAENT
    try #require(entrySize == 24, "\(path): DT_RELAENT is \(entrySize)")
    let start = try fileOffset(ofAddress: table)
    return try (0..<(size / 24)).map { UInt32(truncatingIfNeeded: try word(atFileOffset: start + $0 * 24 + 8)) }
  }
}

/// Every freestanding product is linked as its tree says (the tree under
/// test, `Products.mode`; the loader tools are static-PIE in both trees) and
/// needs nothing at run time: no interpreter, no libraries, no undefined
/// symbols, no segment that is writable and executable.
///
/// - static: `ET_EXEC`, no dynamic section (so no relocations at all);
/// - static-PIE: `ET_DYN` marked `DF_1_PIE`, a dynamic section whose only
///   relocations are `R_X86_64_RELATIVE` (`DT_RELA`) and packed relative
///   ones (`DT_RELR`), which the program applies to itself, and a
///   `PT_GNU_RELRO` inside a writable segment, which it then makes
///   read-only.
@Suite("Static executables")
struct StaticExecutableTests {
  static let products = Products.tools + Products.loaderTools

  @Test(arguments: products)
  func isLinkedAsItsTreeSays(product: String) throws {
    let image = try ExecutableImage(path: Products.path(product))
    #expect(image.segments(ofType: ExecutableImage.interpreter).isEmpty, "PT_INTERP")
    #expect(!image.segments(ofType: ExecutableImage.load).isEmpty, "PT_LOAD")
    // No segment is writable and executable at once, the stack included.
    for (index, segment) in image.segments.enumerated()
    where segment.type == ExecutableImage.load || segment.type == ExecutableImage.gnuStack {
      #expect(segment.flags & 3 != 3, "segment \(index) (type 0x\(String(segment.type, radix: 16))) is W+X")
    }
    #expect(image.segments(ofType: ExecutableImage.gnuStack).count == 1, "PT_GNU_STACK")

    switch Products.linkage(of: product) {
    case .static:
      #expect(image.type == ExecutableImage.executableType, "e_type \(image.type), not ET_EXEC")
      #expect(image.segments(ofType: ExecutableImage.dynamic).isEmpty, "PT_DYNAMIC")
    case .staticPIE:
      try Self.checkStaticPIE(image)
    }
  }

  static func checkStaticPIE(_ image: ExecutableImage) throws {
    #expect(image.type == ExecutableImage.sharedType, "e_type \(image.type), not ET_DYN")
    try #require(image.segments(ofType: ExecutableImage.dynamic).count == 1, "PT_DYNAMIC")
    let entries = try image.dynamicEntries()
    let tags = Set(entries.map(\.tag))
    // DT_NEEDED, DT_REL, DT_TEXTREL, DT_JMPREL: nothing a static-PIE could
    // resolve or would have to write into its code.
    for (tag, name) in [(1, "DT_NEEDED"), (17, "DT_REL"), (22, "DT_TEXTREL"), (23, "DT_JMPREL")] {
      #expect(!tags.contains(UInt64(tag)), "\(name)")
    }
    let flags1 = entries.first { $0.tag == 0x6fff_fffb }?.value ?? 0  // DT_FLAGS_1
    #expect(flags1 & 0x0800_0000 != 0, "DT_FLAGS_1 lacks DF_1_PIE")
    let types = try image.relaTypes()
    #expect(types.allSatisfy { $0 == 8 }, "relocation types other than R_X86_64_RELATIVE: \(Set(types).sorted())")

    let relros = image.segments(ofType: ExecutableImage.gnuRelro)
    try #require(relros.count == 1, "PT_GNU_RELRO")
    let relro = relros[0]
    #expect(relro.memorySize > 0)
    // RELRO lies inside a writable PT_LOAD: the relocations are written
    // there first, then it becomes read-only.
    #expect(
      image.segments(ofType: ExecutableImage.load).contains {
        $0.flags & 2 != 0 && relro.address >= $0.address && relro.address + relro.memorySize <= $0.address + $0.memorySize
      }, "PT_GNU_RELRO is not inside a writable PT_LOAD")
  }

  @Test(arguments: products)
  func hasNoUndefinedSymbols(product: String) throws {
    let path = try Products.path(product)
    let outcome = try run("/usr/bin/nm", arguments: ["nm", "-u", path].map { Array($0.utf8) })
    #expect(outcome.exitStatus == 0, "nm: \(outcome.stderr)")
    #expect(outcome.stdout == "")
  }
}

/// The size and instruction budgets of `hello` in the static tree
/// (deterministic measurements, not timings; the peers' figures are in
/// Benchmarks/hello/run.sh). The static-PIE tree's are in StaticPIETests.
@Suite("hello budgets")
struct HelloBudgetTests {
  static func strippedSize(_ path: String) throws -> Int {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("hello-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let outcome = try run("/usr/bin/strip", arguments: ["strip", "-o", copy, path].map { Array($0.utf8) })
    try #require(outcome.exitStatus == 0, "strip failed: \(outcome.stderr)")
    return try FileManager.default.attributesOfItem(atPath: copy)[.size] as! Int
  }

  /// The instructions `path` runs from its first to `exit_group`, counted
  /// by callgrind; the program must print "hello world".
  static func instructionCount(_ path: String) throws -> Int? {
    let valgrind = "/usr/bin/valgrind"
    try #require(FileManager.default.isExecutableFile(atPath: valgrind), "valgrind is needed (apt-get install valgrind)")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("callgrind-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let outcome = try run(
      valgrind, arguments: ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, path].map { Array($0.utf8) })
    #expect(outcome.stdout == "hello world\n")
    let collected = outcome.stderr.split(separator: "\n").first { $0.contains("Collected :") }
    let count = collected.flatMap { Int($0.split(separator: " ").last ?? "") }
    #expect(count != nil, "no Collected line from callgrind: \(outcome.stderr)")
    return count
  }

  @Test func defaultBuildIsAtMost4KiBStripped() throws {
    #expect(try Self.strippedSize(Products.path("hello", in: .static)) <= 4096)
  }

  @Test func minimalProfileIsAtMost1KiBStrippedAndWorks() throws {
    let path = Products.minimalDirectory + "/hello"
    try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: Scripts/test.sh builds it")
    #expect(try Self.strippedSize(path) <= 1024)
    let outcome = try run(path, arguments: [Array(path.utf8)])
    #expect(outcome.stdout == "hello world\n")
    #expect(outcome.exitStatus == 0)
  }

  @Test func runsAtMost300InstructionsFromStartToExit() throws {
    let count = try Self.instructionCount(Products.path("hello", in: .static))
    #expect(count ?? .max <= 300, "\(count.map(String.init) ?? "no count") instructions")
  }
}
