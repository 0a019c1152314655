import Foundation
import Testing

/// The freestanding products must be static executables with no libc: no
/// interpreter, no dynamic section, no undefined symbols.
@Suite("Static executables")
struct StaticExecutableTests {
  static let products = ["hello", "args", "printenv", "exitcode", "crashtest"]

  @Test(arguments: products)
  func hasNoInterpreterAndNoDynamicSection(product: String) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Products.path(product))))
    func word<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
      bytes[offset..<(offset + MemoryLayout<T>.size)].reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }
    #expect(Array(bytes[0..<4]) == [0x7f, 0x45, 0x4c, 0x46])
    #expect(bytes[4] == 2)  // ELFCLASS64
    #expect(word(18, UInt16.self) == 62)  // EM_X86_64
    let phoff = Int(word(32, UInt64.self))
    let phentsize = Int(word(54, UInt16.self))
    let phnum = Int(word(56, UInt16.self))
    var types: [UInt32] = []
    for i in 0..<phnum { types.append(word(phoff + i * phentsize, UInt32.self)) }
    #expect(!types.contains(3), "PT_INTERP")
    #expect(!types.contains(2), "PT_DYNAMIC")
    #expect(types.contains(1), "PT_LOAD")
    // No segment is writable and executable at once.
    for i in 0..<phnum where types[i] == 1 {
      let flags: UInt32 = word(phoff + i * phentsize + 4, UInt32.self)
      #expect(flags & 3 != 3, "PT_LOAD \(i) is W+X")
    }
  }

  @Test(arguments: products)
  func hasNoUndefinedSymbols(product: String) throws {
    let path = try Products.path(product)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
    process.arguments = ["-u", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(String(decoding: output, as: UTF8.self) == "")
  }
}

/// The size and instruction budgets of `hello` (deterministic measurements,
/// not timings; the peers' figures are in Benchmarks/hello/run.sh).
@Suite("hello budgets")
struct HelloBudgetTests {
  static func strippedSize(_ path: String) throws -> Int {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("hello-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let outcome = try run("/usr/bin/strip", arguments: ["strip", "-o", copy, path].map { Array($0.utf8) })
    try #require(outcome.exitStatus == 0, "strip failed: \(outcome.stderr)")
    return try FileManager.default.attributesOfItem(atPath: copy)[.size] as! Int
  }

  @Test func defaultBuildIsAtMost4KiBStripped() throws {
    #expect(try Self.strippedSize(Products.path("hello")) <= 4096)
  }

  @Test func minimalProfileIsAtMost1KiBStrippedAndWorks() throws {
    let path = Products.directory.replacingOccurrences(of: ".build-freestanding", with: ".build-minimal") + "/hello"
    try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing: Scripts/test.sh builds it")
    #expect(try Self.strippedSize(path) <= 1024)
    let outcome = try run(path, arguments: [Array(path.utf8)])
    #expect(outcome.stdout == "hello world\n")
    #expect(outcome.exitStatus == 0)
  }

  @Test func runsAtMost300InstructionsFromStartToExit() throws {
    let valgrind = "/usr/bin/valgrind"
    try #require(FileManager.default.isExecutableFile(atPath: valgrind), "valgrind is needed (apt-get install valgrind)")
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("callgrind-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    let outcome = try run(
      valgrind, arguments: ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, try Products.path("hello")]
        .map { Array($0.utf8) })
    #expect(outcome.stdout == "hello world\n")
    let collected = outcome.stderr.split(separator: "\n").first { $0.contains("Collected :") }
    let count = collected.flatMap { Int($0.split(separator: " ").last ?? "") }
    #expect(count != nil && count! <= 300, "\(collected ?? "no Collected line")")
  }
}
