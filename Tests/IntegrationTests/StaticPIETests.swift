import Foundation
import Testing

/// What makes the static-PIE tree different from the static one, checked on
/// both trees side by side (whatever `NOLIBC_BUILD_MODE` says; both must have
/// been built, as `Scripts/test.sh` does): the kernel loads static-PIE tools
/// at a new address on each run, they relocate themselves before any Swift
/// code runs and then protect their RELRO range, they behave exactly like
/// the static tools, and an image whose relocations they cannot apply alone
/// is refused. The structure of each tree's files is checked by
/// StaticExecutableTests, and the rest of the integration tests run against
/// each tree in turn.
@Suite("Static-PIE builds")
struct StaticPIETests {
  /// One line of /proc/PID/maps.
  struct Mapping {
    var start: UInt64
    var end: UInt64
    var permissions: String
    var offset: UInt64
    var path: String
  }

  static func mappings(_ text: String) throws -> [Mapping] {
    try text.split(separator: "\n").map { line in
      let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
      try #require(fields.count >= 5, "maps line: \(line)")
      let range = fields[0].split(separator: "-")
      let start = try #require(UInt64(range[0], radix: 16), "maps line: \(line)")
      let end = try #require(range.count == 2 ? UInt64(range[1], radix: 16) : nil, "maps line: \(line)")
      let offset = try #require(UInt64(fields[2], radix: 16), "maps line: \(line)")
      let path = fields.count == 6 ? fields[5].trimmingCharacters(in: .whitespaces) : ""
      return Mapping(start: start, end: end, permissions: String(fields[1]), offset: offset, path: path)
    }
  }

  /// `AT_ENTRY` and `AT_PHDR` of one run of `auxv` from the tree given.
  static func entryAndHeaders(in tree: BuildMode) throws -> (entry: UInt64, headers: UInt64) {
    let outcome = try runProduct("auxv", in: tree)
    try #require(outcome.exitStatus == 0, "auxv: \(outcome.stderr)")
    let values = Dictionary(
      AuxvTests.parse(outcome.stdout).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let entry = try #require(values["AT_ENTRY"].flatMap(AuxvTests.number), "AT_ENTRY in \(outcome.stdout)")
    let headers = try #require(values["AT_PHDR"].flatMap(AuxvTests.number), "AT_PHDR in \(outcome.stdout)")
    return (entry, headers)
  }

  /// The acceptance criterion: a static-PIE tool runs at a different address
  /// each time (the kernel's ASLR), always at a page-aligned bias that
  /// moves its entry point and program headers together; a static tool runs
  /// at its link address every time.
  @Test func staticPIEToolsLoadAtANewAddressOnEachRun() throws {
    let setting = try String(contentsOfFile: "/proc/sys/kernel/randomize_va_space", encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    try #require(setting != "0", "ASLR is off on this machine (kernel.randomize_va_space = 0): nothing to observe")

    let pie = try ExecutableImage(path: Products.path("auxv", in: .staticPIE))
    let pieHeaders = try pie.firstLoad().address + pie.programHeaderOffset
    var biases: [UInt64] = []
    for _ in 0..<6 {
      let (entry, headers) = try Self.entryAndHeaders(in: .staticPIE)
      let bias = entry &- pie.entry
      #expect(bias != 0 && bias % 4096 == 0, "load bias 0x\(String(bias, radix: 16))")
      #expect(headers &- pieHeaders == bias, "AT_PHDR moved by another amount than AT_ENTRY")
      biases.append(bias)
    }
    // With 28 bits of randomness (x86-64's default), six runs collide with
    // a probability of about 6e-8.
    #expect(Set(biases).count == biases.count, "load biases \(biases.map { String($0, radix: 16) })")

    let fixed = try ExecutableImage(path: Products.path("auxv", in: .static))
    let fixedHeaders = try fixed.firstLoad().address + fixed.programHeaderOffset
    for _ in 0..<3 {
      let (entry, headers) = try Self.entryAndHeaders(in: .static)
      #expect(entry == fixed.entry && headers == fixedHeaders)
    }
  }

  /// After startup the static-PIE `maps` tool's own RELRO range is mapped
  /// read-only (the self-relocation's `mprotect` happened), its code is
  /// where the load bias says, and nothing in the process is writable and
  /// executable.
  @Test func relroIsReadOnlyAndNothingIsWritableAndExecutable() throws {
    let path = try Products.path("maps", in: .staticPIE)
    let image = try ExecutableImage(path: path)
    let outcome = try runProduct("maps", in: .staticPIE)
    try #require(outcome.exitStatus == 0, "maps: \(outcome.stderr)")
    let mappings = try Self.mappings(outcome.stdout)

    // The kernel names the file by its resolved path (release is a link).
    let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let own = mappings.filter { $0.path == file }
    let header = try #require(own.first { $0.offset == 0 }, "no mapping of \(file) at offset 0 in:\n\(outcome.stdout)")
    let bias = header.start &- (try image.firstLoad().address & ~4095)
    #expect(bias != 0 && bias % 4096 == 0)
    let entry = bias &+ image.entry
    #expect(
      mappings.contains { $0.start <= entry && entry < $0.end && $0.permissions == "r-xp" && $0.path == file },
      "the entry point 0x\(String(entry, radix: 16)) is not in the program's code")

    let relro = try #require(image.segments(ofType: ExecutableImage.gnuRelro).first, "\(path) has no PT_GNU_RELRO")
    let start = bias &+ (relro.address & ~4095)
    let end = bias &+ ((relro.address + relro.memorySize + 4095) & ~4095)
    let covering = mappings.filter { $0.start < end && $0.end > start }.sorted { $0.start < $1.start }
    try #require(!covering.isEmpty, "nothing mapped at RELRO 0x\(String(start, radix: 16))")
    #expect(covering.first!.start <= start && covering.last!.end >= end, "RELRO is not mapped in full")
    for (previous, next) in zip(covering, covering.dropFirst()) { #expect(previous.end == next.start, "a hole in RELRO") }
    for mapping in covering {
      #expect(mapping.permissions == "r--p", "RELRO 0x\(String(mapping.start, radix: 16)) is \(mapping.permissions)")
    }

    for mapping in mappings {
      let permissions = Array(mapping.permissions)
      #expect(
        !(permissions[1] == "w" && permissions[2] == "x"),
        "0x\(String(mapping.start, radix: 16)) \(mapping.permissions) \(mapping.path)")
    }
  }

  /// Tools whose output rests on pointers stored in their data (Swift
  /// metadata and witness tables, readelf's tables of names, option tables)
  /// give byte-identical results from both trees: in the static-PIE tree
  /// every such pointer was relocated at startup. argv[0] is the same in
  /// both, so that messages quoting it match.
  @Test(arguments: [
    ("readelf", ["-W", "-a", "HELLO"], [], []),
    ("readelf", ["-W", "-h", "-l", "-S", "-s", "-d", "-r", "-n", "READELF"], [], []),
    ("readelf", ["-W", "--dyn-syms", "-V", "-d", "/bin/true"], [], []),
    ("readelf", ["--help"], [], []),
    ("readelf", ["-Q"], [], []),
    ("probe", ["collections"], [], []),
    ("probe", ["env", "NAME"], ["NAME=value"], []),
    ("printenv", [], ["A=1", "B=two words"], []),
    ("printenv", ["--bogus"], [], []),
    ("args", ["one", "", "three"], [], []),
    ("cat", ["-", "/nonexistent"], [], Array("standard input\n".utf8)),
    ("stacklayout", ["build", "--arg", "x", "--env", "A=1", "--aux", "AT_PAGESZ=4096", "--hex"], [], []),
    ("auxv", ["--version"], [], []),
  ] as [(String, [String], [String], [UInt8])])
  func relocatedToolsBehaveAsTheStaticOnes(
    product: String, arguments: [String], environment: [String], input: [UInt8]
  ) throws {
    // Files to read: a product of the static tree and one of the static-PIE
    // tree, the same file for both runs.
    let files = ["HELLO": try Products.path("hello", in: .static), "READELF": try Products.path("readelf", in: .staticPIE)]
    let arguments = arguments.map { files[$0] ?? $0 }
    var outcomes: [Outcome] = []
    for tree in [BuildMode.static, .staticPIE] {
      outcomes.append(
        try run(
          try Products.path(product, in: tree), arguments: ([product] + arguments).map { Array($0.utf8) },
          environment: environment.map { Array($0.utf8) }, input: input))
    }
    let (fixed, relocated) = (outcomes[0], outcomes[1])
    #expect(fixed.signal == nil && relocated.signal == nil)
    #expect(relocated.exitStatus == fixed.exitStatus)
    #expect(relocated.stdout == fixed.stdout)
    #expect(relocated.stderr == fixed.stderr)
    #expect(!(fixed.standardOutput + fixed.standardError).isEmpty, "no output to compare")
  }

  /// The tools compared above do have pointers to relocate: the static-PIE
  /// readelf and probe carry RELR tables, so a relocation that was not
  /// applied would show.
  @Test(arguments: ["readelf", "probe", "printenv", "cat", "stacklayout"])
  func comparedToolsHaveRelocations(product: String) throws {
    let image = try ExecutableImage(path: Products.path(product, in: .staticPIE))
    let entries = try image.dynamicEntries()
    let relrSize = entries.first { $0.tag == 35 }?.value ?? 0  // DT_RELRSZ
    let relaSize = entries.first { $0.tag == 8 }?.value ?? 0  // DT_RELASZ
    #expect(relrSize + relaSize > 0, "\(product) has no relocations")
  }

  /// A static-PIE whose `DT_RELA` table holds a relocation other than
  /// `R_X86_64_RELATIVE` (or `R_X86_64_NONE`) cannot relocate itself: there
  /// is no symbol table to resolve against. It writes a fixed message and
  /// exits with 127, before running any Swift code. The image is the
  /// static-PIE `hello`, which has no relocations of its own, with its
  /// dynamic section rewritten to hold a one-entry `DT_RELA` table (placed
  /// in the dynamic section itself, past `DT_NULL`). RELATIVE and NONE are
  /// the controls: with them the same image runs normally.
  @Test(arguments: [
    (1, "R_X86_64_64"), (2, "R_X86_64_PC32"), (5, "R_X86_64_COPY"), (6, "R_X86_64_GLOB_DAT"),
    (7, "R_X86_64_JUMP_SLOT"), (16, "R_X86_64_DTPMOD64"), (18, "R_X86_64_TPOFF64"), (37, "R_X86_64_IRELATIVE"),
    (8, "R_X86_64_RELATIVE"), (0, "R_X86_64_NONE"),
  ])
  func refusesRelocationsItCannotApply(type: UInt32, name: String) throws {
    let original = try ExecutableImage(path: Products.path("hello", in: .staticPIE))
    let dynamic = try #require(original.segments(ofType: ExecutableImage.dynamic).first)
    let tags = try original.dynamicEntries().map(\.tag)
    try #require(
      !tags.contains(7) && !tags.contains(36),
      "the static-PIE hello has relocations of its own (DT_RELA or DT_RELR): the rewrite would drop them")
    try #require(dynamic.fileSize >= 96, "the dynamic section is too small to hold the crafted table")

    // DT_RELA, DT_RELASZ, DT_RELAENT, DT_NULL (64 bytes), then the entry
    // (r_offset, r_info, r_addend) at +64; its target is the word at +88,
    // in the same writable (not yet read-only) section.
    var words: [UInt64] = [7, dynamic.address + 64, 8, 24, 9, 24, 0, 0]
    words += [dynamic.address + 88, UInt64(type), 0x1234, 0]
    var bytes = original.bytes
    for (index, word) in words.enumerated() {
      for byte in 0..<8 { bytes[Int(dynamic.offset) + index * 8 + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pie-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // The executable is written by a child (install), not by this process:
    // a child that another test spawns while this process holds a file
    // open for writing inherits that descriptor, and exec of the file then
    // fails with ETXTBSY.
    let data = directory.appendingPathComponent("hello.bytes").path
    let path = directory.appendingPathComponent("hello").path
    try #require(FileManager.default.createFile(atPath: data, contents: Data(bytes)))
    let installed = try run("/usr/bin/install", arguments: ["install", "-m", "755", data, path].map { Array($0.utf8) })
    try #require(installed.exitStatus == 0, "install: \(installed.stderr)")
    #expect(try ExecutableImage(path: path).relaTypes() == [type])

    let outcome = try run(path, arguments: [Array("hello".utf8)])
    #expect(outcome.signal == nil, "\(name): signal \(outcome.signal ?? 0)")
    if type == 8 || type == 0 {
      #expect(outcome.stdout == "hello world\n", "\(name)")
      #expect(outcome.standardError.isEmpty, "\(name): \(outcome.stderr)")
      #expect(outcome.exitStatus == 0, "\(name)")
    } else {
      #expect(outcome.standardOutput.isEmpty, "\(name)")
      #expect(
        outcome.stderr == "static-PIE self-relocation: relocation type other than R_X86_64_RELATIVE\n", "\(name)")
      #expect(outcome.exitStatus == 127, "\(name)")
    }
  }

  /// What self-relocation costs `hello` in the static-PIE tree (5,640 bytes
  /// stripped and 492 instructions when measured, against 4,008 and 253 in
  /// the static tree): a budget with some room, so that growth is noticed.
  @Test func helloBudgets() throws {
    let path = try Products.path("hello", in: .staticPIE)
    #expect(try HelloBudgetTests.strippedSize(path) <= 6144)
    let count = try HelloBudgetTests.instructionCount(path)
    #expect(count ?? .max <= 550, "\(count.map(String.init) ?? "no count") instructions")
  }
}
