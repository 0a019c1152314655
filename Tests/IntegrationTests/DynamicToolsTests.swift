import Foundation
import Glibc
import Testing

/// The freestanding tools linked as dynamic executables against
/// `libswiftnolibc.so`, with our ld.so as their `PT_INTERP`: built once per
/// test run by Scripts/build-dynamic-tools.sh, from the objects of the
/// static-PIE tree (`.build-pie/release`, or `NOLIBC_PIE_PRODUCTS`), into a
/// fresh directory that is removed when the test process exits. The script
/// header explains what the library holds and why.
struct DynamicTools: Sendable {
  /// The script's output: `bin/TOOL` and `lib/libswiftnolibc.so`, plus
  /// `data/` with the files the tests read and `lone/bin/hello` (absolute,
  /// no symbolic links).
  let directory: String
  /// Our ld.so (absolute, no symbolic links): the tools' `PT_INTERP`.
  let ldso: String
  /// glibc's dynamic linker, the reference.
  static let glibcLoader = "/lib64/ld-linux-x86-64.so.2"

  /// The static-PIE tree whose objects are linked.
  static let pieDirectory: String = {
    if let explicit = ProcessInfo.processInfo.environment["NOLIBC_PIE_PRODUCTS"] { return explicit }
    return repositoryRoot + "/.build-pie/release"
  }()

  private static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  struct BuildFailure: Error, CustomStringConvertible {
    var description: String
  }

  private static let built: Result<DynamicTools, BuildFailure> = build()

  /// The tools, built on first use; a test fails with the script's message
  /// if they could not be built.
  static func shared() throws -> DynamicTools {
    _ = try Products.path("ld.so")
    try #require(
      FileManager.default.fileExists(atPath: pieDirectory + "/Runtime.build"),
      "\(pieDirectory) is missing: build the static-PIE tree first (bash Scripts/build-pie.sh)")
    return try built.get()
  }

  private static func build() -> Result<DynamicTools, BuildFailure> {
    let ldso = URL(fileURLWithPath: Products.directory + "/ld.so").resolvingSymlinksInPath().path
    let script = repositoryRoot + "/Scripts/build-dynamic-tools.sh"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dynamic-tools-\(UUID().uuidString)")
      .resolvingSymlinksInPath().path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script, pieDirectory, directory]
    process.environment = ProcessInfo.processInfo.environment.merging(["NOLIBC_LDSO": ldso]) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    do { try process.run() } catch { return .failure(BuildFailure(description: "cannot run \(script): \(error)")) }
    let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    Cleanup.directory = directory
    atexit { if let directory = Cleanup.directory { try? FileManager.default.removeItem(atPath: directory) } }
    guard process.terminationStatus == 0 else {
      return .failure(BuildFailure(description: "\(script) failed (\(process.terminationStatus)):\n\(message)"))
    }
    // Files the tools read. Only fstat touches data/stat, so that no other
    // test's read changes the access time it prints.
    let data = directory + "/data"
    do {
      try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
      try Data(Self.inputFile).write(to: URL(fileURLWithPath: data + "/input"))
      try Data("stat me\n".utf8).write(to: URL(fileURLWithPath: data + "/stat"))
      // The dynamic hello alone, where $ORIGIN/../lib has no library. A
      // hard link, not a copy: a file this process has open for writing
      // would be inherited by the children other tests spawn meanwhile, and
      // running it would fail with ETXTBSY until they exec.
      try FileManager.default.createDirectory(atPath: directory + "/lone/bin", withIntermediateDirectories: true)
      try FileManager.default.linkItem(atPath: directory + "/bin/hello", toPath: directory + "/lone/bin/hello")
    } catch { return .failure(BuildFailure(description: "cannot prepare \(directory): \(error)")) }
    return .success(DynamicTools(directory: directory, ldso: ldso))
  }

  /// What `data/input` holds: lines of text and a few bytes that are not UTF-8.
  static let inputFile: [UInt8] = Array("first line\nsecond line\n".utf8) + [0xff, 0x00, 0xfe, 10]

  /// The built directory, for the exit handler (a C function pointer
  /// cannot capture it).
  private enum Cleanup {
    nonisolated(unsafe) static var directory: String?
  }

  func tool(_ name: String) -> String { directory + "/bin/" + name }
  var library: String { directory + "/lib/libswiftnolibc.so" }
  var data: String { directory + "/data" }
  /// The dynamic `hello`, linked into `lone/bin`, which has no `../lib`.
  var loneHello: String { directory + "/lone/bin/hello" }

  /// How a dynamic tool is started.
  enum Mode: String, CustomStringConvertible, CaseIterable, Sendable {
    /// execve of the tool: the kernel loads our ld.so from PT_INTERP.
    case direct
    /// `ld.so [OPTIONS] TOOL [ARGS]`: our ld.so as a command.
    case command
    /// `ld-linux-x86-64.so.2 [OPTIONS] TOOL [ARGS]`: glibc's, the reference
    /// that tells a loader bug from a bad build.
    case glibc

    var description: String { rawValue }
  }

  /// Runs `program` (a dynamic tool's path) in `mode` with `arguments`
  /// after argv[0], which is the program's path in every mode, as the
  /// kernel and both loaders give it. `options` go to the loader (command
  /// and glibc modes only).
  func run(
    program: String, _ arguments: [[UInt8]] = [], mode: Mode, options: [String] = [], environment: [[UInt8]] = [],
    input: [UInt8] = [], stdoutPath: String? = nil
  ) throws -> Outcome {
    let executable: String
    let loaderArguments: [String]
    switch mode {
    case .direct:
      precondition(options.isEmpty, "a program run directly takes no loader options")
      executable = program
      loaderArguments = []
    case .command:
      executable = ldso
      loaderArguments = [ldso] + options
    case .glibc:
      executable = Self.glibcLoader
      loaderArguments = [Self.glibcLoader] + options
    }
    return try IntegrationTests.run(
      executable, arguments: (loaderArguments + [program]).map { Array($0.utf8) } + arguments,
      environment: environment, input: input, stdoutPath: stdoutPath)
  }

  /// Runs the static build of tool `name` with the argv that the dynamic
  /// one gets in `run`.
  func runStatic(
    _ name: String, _ arguments: [[UInt8]] = [], environment: [[UInt8]] = [], input: [UInt8] = [],
    stdoutPath: String? = nil
  ) throws -> Outcome {
    try IntegrationTests.run(
      try Products.path(name), arguments: [Array(tool(name).utf8)] + arguments, environment: environment, input: input,
      stdoutPath: stdoutPath)
  }
}

/// One argument of a case: text, raw bytes, or a file the build made.
enum DynamicToolArgument: Sendable, CustomStringConvertible {
  case text(String)
  case bytes([UInt8])
  /// The built `libswiftnolibc.so`.
  case library
  /// The built dynamic `hello`.
  case hello
  /// `data/input` (``DynamicTools/inputFile``).
  case input
  /// `data/stat`, read by `fstat` only.
  case statFile

  func bytes(_ tools: DynamicTools) -> [UInt8] {
    switch self {
    case .text(let text): Array(text.utf8)
    case .bytes(let bytes): bytes
    case .library: Array(tools.library.utf8)
    case .hello: Array(tools.tool("hello").utf8)
    case .input: Array((tools.data + "/input").utf8)
    case .statFile: Array((tools.data + "/stat").utf8)
    }
  }

  var description: String {
    switch self {
    case .text(let text): text.isEmpty ? "''" : text
    case .bytes(let bytes): bytes.map { String(format: "\\x%02x", $0) }.joined()
    case .library: "LIB"
    case .hello: "HELLO"
    case .input: "INPUT"
    case .statFile: "STATFILE"
    }
  }
}

/// A tool run compared between the static and the dynamic build.
struct DynamicToolCase: Sendable, CustomTestStringConvertible {
  var tool: String
  var arguments: [DynamicToolArgument] = []
  var environment: [String] = []
  var input: [UInt8] = []
  /// Standard output goes there instead of a file (for example /dev/full).
  var stdoutPath: String? = nil
  /// Standard error is compared up to the end of this text, which must be
  /// in it: what follows is an address, which differs between the builds.
  var standardErrorUpTo: String? = nil

  var testDescription: String { ([tool] + arguments.map(\.description)).joined(separator: " ") }

  static let environment = ["A=1", "EMPTY=", "B=x=y", "NOEQUALS", "A=second"]

  static let all: [DynamicToolCase] = [
    DynamicToolCase(tool: "hello"),
    DynamicToolCase(tool: "hello", stdoutPath: "/dev/full"),
    DynamicToolCase(
      tool: "args",
      arguments: [.text("a b"), .text(""), .bytes([0xff, 0xfe, 0x80, 0x41]), .text("--"), .text("-x"), .text("é")]),
    DynamicToolCase(tool: "printenv", environment: environment),
    DynamicToolCase(tool: "printenv", arguments: [.text("B"), .text("A"), .text("EMPTY")], environment: environment),
    DynamicToolCase(tool: "printenv", arguments: [.text("A"), .text("MISSING")], environment: environment),
    DynamicToolCase(tool: "printenv", arguments: [.text("-0"), .text("B"), .text("A")], environment: environment),
    DynamicToolCase(tool: "printenv", arguments: [.text("--bogus")]),
    DynamicToolCase(tool: "exitcode", arguments: [.text("42")]),
    DynamicToolCase(tool: "exitcode"),
    DynamicToolCase(tool: "exitcode", arguments: [.text("300")]),
    DynamicToolCase(
      tool: "cat", arguments: [.input, .text("-"), .text("/nonexistent/file")], input: Array("from stdin\n".utf8)),
    DynamicToolCase(tool: "cat", input: (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }),
    DynamicToolCase(tool: "readelf", arguments: [.text("-h"), .hello]),
    DynamicToolCase(tool: "readelf", arguments: [.text("-l"), .text("-d"), .text("-r"), .text("--dyn-syms"), .library]),
    DynamicToolCase(tool: "readelf", arguments: [.text("-h"), .text("/nonexistent/file")]),
    DynamicToolCase(tool: "readelf", arguments: [.text("-h"), .input]),
    DynamicToolCase(tool: "probe", arguments: [.text("collections")]),
    DynamicToolCase(tool: "probe", arguments: [.text("stdin")], input: Array("a\nbc\n".utf8)),
    DynamicToolCase(tool: "probe", arguments: [.text("serialize")]),
    DynamicToolCase(tool: "probe", arguments: [.text("env"), .text("NAME")], environment: ["NAME=first", "NAME=2"]),
    DynamicToolCase(tool: "probe", arguments: [.text("lines"), .text("3")]),
    DynamicToolCase(tool: "fstat", arguments: [.statFile]),
    DynamicToolCase(tool: "stacklayout", arguments: StackLayoutToolTests.readmeExample.map { .text($0) }),
    DynamicToolCase(tool: "stacklayout", arguments: [.text("parse"), .text("--base"), .text("0x1000"), .input]),
    DynamicToolCase(tool: "crashtest", arguments: [.text("exit"), .text("abc")]),
    DynamicToolCase(tool: "crashtest", arguments: [.text("doublefree")]),
    DynamicToolCase(tool: "crashtest", arguments: [.text("wildfree")]),
    DynamicToolCase(tool: "crashtest", arguments: [.text("precondition")], standardErrorUpTo: "trap at 0x"),
    DynamicToolCase(tool: "crashtest", arguments: [.text("segv")], standardErrorUpTo: "instruction 0x"),
    DynamicToolCase(tool: "crashtest", arguments: [.text("stack")], standardErrorUpTo: "at address 0x"),
  ]
}

@Suite("dynamic tools")
struct DynamicToolsTests {
  typealias Mode = DynamicTools.Mode

  /// Each tool, linked against libswiftnolibc.so, behaves exactly as its
  /// static build: the same standard output, standard error and status
  /// (or signal) for the same argv, environment and input.
  @Test(arguments: DynamicToolCase.all, Mode.allCases)
  func behavesLikeTheStaticBuild(_ testCase: DynamicToolCase, mode: Mode) throws {
    let tools = try DynamicTools.shared()
    let arguments = testCase.arguments.map { $0.bytes(tools) }
    let environment = testCase.environment.map { Array($0.utf8) }
    let expected = try tools.runStatic(
      testCase.tool, arguments, environment: environment, input: testCase.input, stdoutPath: testCase.stdoutPath)
    let outcome = try tools.run(
      program: tools.tool(testCase.tool), arguments, mode: mode, environment: environment, input: testCase.input,
      stdoutPath: testCase.stdoutPath)
    #expect(outcome.exitStatus == expected.exitStatus, "\(summary(outcome))")
    #expect(outcome.signal == expected.signal, "\(summary(outcome))")
    #expect(outcome.standardOutput == expected.standardOutput, "\(firstDifference(outcome.stdout, expected.stdout, labels: ("dynamic", "static")))")
    if let marker = testCase.standardErrorUpTo {
      let ours = try #require(outcome.stderr.range(of: marker), "no \"\(marker)\" in: \(outcome.stderr)")
      let theirs = try #require(expected.stderr.range(of: marker), "no \"\(marker)\" in: \(expected.stderr)")
      #expect(outcome.stderr[..<ours.upperBound] == expected.stderr[..<theirs.upperBound])
      #expect(outcome.stderr.filter { $0 == "\n" }.count == expected.stderr.filter { $0 == "\n" }.count)
    } else {
      #expect(outcome.standardError == expected.standardError, "\(firstDifference(outcome.stderr, expected.stderr, labels: ("dynamic", "static")))")
    }
  }

  /// The build is what the tests mean to test: every tool names our ld.so
  /// as its interpreter and is a position-independent executable with a
  /// dynamic section.
  @Test func everyToolIsDynamicWithOurInterpreter() throws {
    let tools = try DynamicTools.shared()
    let names = try FileManager.default.contentsOfDirectory(atPath: tools.directory + "/bin").sorted()
    #expect(names.count >= 10, "\(names)")
    for name in names {
      let headers = try DynamicProgramHeaders(path: tools.tool(name))
      #expect(headers.type == 3, "\(name): not ET_DYN")  // ET_DYN
      #expect(headers.interpreter == tools.ldso, "\(name): PT_INTERP")
      #expect(headers.segments.contains { $0.type == 2 }, "\(name): no PT_DYNAMIC")
      #expect(headers.segments.contains { $0.type == DynamicProgramHeaders.gnuRelro }, "\(name): no PT_GNU_RELRO")
    }
    let library = try DynamicProgramHeaders(path: tools.library)
    #expect(library.type == 3)
    #expect(library.interpreter == nil)
  }

  /// `/proc/self/maps` of the dynamic `maps` tool: the program, the library
  /// and the loader are mapped, nothing is writable and executable, and the
  /// RELRO range of the program and of the library is read-only.
  @Test(arguments: Mode.allCases)
  func mapsShowNoWritableCodeAndReadOnlyRELRO(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    let program = tools.tool("maps")
    let outcome = try tools.run(program: program, mode: mode)
    #expect(outcome.exitStatus == 0, "\(summary(outcome))")
    let mappings = outcome.stdout.split(separator: "\n").compactMap(DynamicMapping.init)
    try #require(!mappings.isEmpty, "no mappings in: \(outcome.stdout)")
    let loader = mode == .glibc ? URL(fileURLWithPath: DynamicTools.glibcLoader).resolvingSymlinksInPath().path : tools.ldso
    for file in [program, tools.library, loader] {
      #expect(mappings.contains { $0.path == file }, "\(file) is not mapped:\n\(outcome.stdout)")
    }
    for mapping in mappings {
      #expect(!(mapping.writable && mapping.executable), "writable and executable: \(mapping.line)")
    }
    for file in [program, tools.library] {
      let headers = try DynamicProgramHeaders(path: file)
      let relro = try #require(headers.segments.first { $0.type == DynamicProgramHeaders.gnuRelro })
      let firstLoad = try #require(headers.segments.first { $0.type == 1 })
      let mapped = mappings.filter { $0.path == file }
      let base = try #require(mapped.first { $0.offset == 0 }, "\(file): no mapping at offset 0").start
      let bias = base - (firstLoad.virtualAddress & ~0xfff)
      // As the loaders protect it: whole pages, the last partial page not.
      let start = (bias + relro.virtualAddress) & ~0xfff
      let end = (bias + relro.virtualAddress + relro.memorySize) & ~0xfff
      #expect(end > start, "\(file): empty RELRO")
      var address = start
      while address < end {
        let page = address
        let covering = mapped.first { $0.start <= page && page < $0.end }
        #expect(
          covering?.permissions.hasPrefix("r--") == true,
          "\(file): RELRO page \(String(page, radix: 16)) is \(covering?.line ?? "unmapped")")
        address = covering.map { max($0.end, page + 0x1000) } ?? page + 0x1000
      }
    }
  }

  /// The program and the library land at different addresses on each run.
  @Test(arguments: [Mode.direct, Mode.command])
  func loadAddressesChangeFromRunToRun(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    func bases() throws -> [UInt] {
      let outcome = try tools.run(program: tools.tool("maps"), mode: mode)
      let mappings = outcome.stdout.split(separator: "\n").compactMap(DynamicMapping.init)
      return try [tools.tool("maps"), tools.library].map { file in
        try #require(mappings.first { $0.path == file && $0.offset == 0 }, "\(file) not mapped").start
      }
    }
    let first = try bases()
    let second = try bases()
    let third = try bases()
    // Three runs all at one address would take ASLR being off.
    #expect(!(first == second && second == third), "\(first) \(second) \(third)")
  }

  /// The auxiliary vector a dynamic tool sees describes the tool, not the
  /// loader, in every mode (command mode rewrites AT_PHDR, AT_PHNUM,
  /// AT_ENTRY, AT_EXECFN), with the same keys as the static build's.
  @Test(arguments: Mode.allCases)
  func auxiliaryVectorDescribesTheTool(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    let program = tools.tool("auxv")
    let outcome = try tools.run(program: program, mode: mode)
    #expect(outcome.exitStatus == 0, "\(summary(outcome))")
    let expected = try tools.runStatic("auxv")
    let values = auxiliaryValues(outcome.stdout)
    #expect(values.map(\.key) == auxiliaryValues(expected.stdout).map(\.key))
    func value(_ key: String) -> String? { values.first { $0.key == key }?.value }
    func number(_ key: String) -> UInt? {
      guard let text = value(key) else { return nil }
      return text.hasPrefix("0x") ? UInt(text.dropFirst(2), radix: 16) : UInt(text)
    }
    let headers = try DynamicProgramHeaders(path: program)
    let phdr = try #require(headers.segments.first { $0.type == 6 })  // PT_PHDR
    #expect(number("AT_PHNUM") == UInt(headers.segments.count))
    #expect(number("AT_PHENT") == 56)
    #expect(value("AT_EXECFN") == program)
    let entry = try #require(number("AT_ENTRY"))
    let programHeaders = try #require(number("AT_PHDR"))
    // Both are the load bias plus a link-time address.
    #expect(entry &- programHeaders == headers.entry &- phdr.virtualAddress)
    // AT_BASE is the interpreter's load address. glibc's ld.so run as a
    // command leaves the kernel's 0 there; ours sets its own base, as the
    // kernel would have.
    if mode != .glibc {
      let base = try #require(number("AT_BASE"))
      #expect(base != 0 && base % 4096 == 0, "AT_BASE \(String(base, radix: 16))")
    }
  }

  /// The vDSO entry points that the runtime resolves (symbol lookup of the
  /// ELF module inside the dynamic tool) are those of the static build.
  @Test(arguments: Mode.allCases)
  func vdsoEntryPointsAreResolved(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    let outcome = try tools.run(program: tools.tool("vdso"), mode: mode)
    let expected = try tools.runStatic("vdso")
    #expect(outcome.exitStatus == 0, "\(summary(outcome))")
    // Without the addresses, which move from run to run.
    func table(_ text: String) -> [String] {
      text.split(separator: "\n").dropFirst().map { $0.split(separator: " ").dropLast().joined(separator: " ") }
    }
    #expect(table(outcome.stdout) == table(expected.stdout))
    #expect(table(outcome.stdout).count > 2, "\(outcome.stdout)")
  }

  /// A tool moved away from its library: ld.so fails with its one-line
  /// message and status 127, as glibc's does; the tool never runs.
  @Test(arguments: Mode.allCases)
  func missingLibraryIsAnError(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    try withLoneHello(tools) { hello in
      let outcome = try tools.run(program: hello, mode: mode)
      #expect(outcome.exitStatus == 127, "\(summary(outcome))")
      #expect(outcome.signal == nil)
      #expect(outcome.standardOutput.isEmpty)
      if mode == .glibc {
        #expect(outcome.stderr.contains("libswiftnolibc.so: cannot open shared object file"), "\(outcome.stderr)")
      } else {
        #expect(
          outcome.stderr.hasPrefix("ld.so: libswiftnolibc.so : cannot open shared object file: No such file or directory"),
          "\(outcome.stderr)")
        #expect(outcome.stderr.filter { $0 == "\n" }.count == 1, "\(outcome.stderr)")
      }
    }
  }

  /// The moved tool runs again when LD_LIBRARY_PATH names the library's
  /// directory (after one that does not exist), in every mode; the
  /// variable comes first in the environment.
  @Test(arguments: Mode.allCases)
  func libraryIsFoundThroughLD_LIBRARY_PATH(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    try withLoneHello(tools) { hello in
      let environment = ["LD_LIBRARY_PATH=/nonexistent:" + tools.directory + "/lib", "OTHER=1"].map { Array($0.utf8) }
      let outcome = try tools.run(program: hello, mode: mode, environment: environment)
      #expect(outcome.exitStatus == 0, "\(summary(outcome))")
      #expect(outcome.stdout == "hello world\n")
    }
  }

  /// The moved tool runs again with `--library-path`, with an empty
  /// environment and with LD_LIBRARY_PATH naming a wrong directory (the
  /// option wins over the variable).
  @Test(arguments: [Mode.command, Mode.glibc])
  func libraryIsFoundThroughTheLibraryPathOption(mode: Mode) throws {
    let tools = try DynamicTools.shared()
    try withLoneHello(tools) { hello in
      for environment in [[], ["LD_LIBRARY_PATH=/nonexistent"]] {
        let outcome = try tools.run(
          program: hello, mode: mode, options: ["--library-path", "/nonexistent:" + tools.directory + "/lib"],
          environment: environment.map { Array($0.utf8) })
        #expect(outcome.exitStatus == 0, "environment \(environment): \(summary(outcome))")
        #expect(outcome.stdout == "hello world\n", "environment \(environment)")
      }
    }
  }

  /// Runs `body` with the dynamic `hello` alone in a directory where
  /// `$ORIGIN/../lib` has no libswiftnolibc.so (``DynamicTools/loneHello``).
  private func withLoneHello(_ tools: DynamicTools, _ body: (String) throws -> Void) throws {
    let hello = tools.loneHello
    try #require(FileManager.default.isExecutableFile(atPath: hello))
    try #require(!FileManager.default.fileExists(atPath: tools.directory + "/lone/lib"))
    try body(hello)
  }
}

/// The lines of the `auxv` tool (`AT_NAME:   value`), in order.
private func auxiliaryValues(_ text: String) -> [(key: String, value: String)] {
  text.split(separator: "\n").compactMap { line in
    guard let colon = line.firstIndex(of: ":") else { return nil }
    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
  }
}

/// A line of /proc/self/maps.
private struct DynamicMapping {
  var start: UInt
  var end: UInt
  var permissions: String
  var offset: UInt
  var path: String
  var line: String

  var writable: Bool { permissions.dropFirst().first == "w" }
  var executable: Bool { permissions.dropFirst(2).first == "x" }

  init?(_ line: Substring) {
    let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
    guard fields.count >= 5 else { return nil }
    let range = fields[0].split(separator: "-")
    guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16),
      let offset = UInt(fields[2], radix: 16)
    else { return nil }
    self.start = start
    self.end = end
    self.permissions = String(fields[1])
    self.offset = offset
    self.path = fields.count > 5 ? fields[5].trimmingCharacters(in: .whitespaces) : ""
    self.line = String(line)
  }
}

/// The ELF header fields and program headers of an x86-64 ELF file, read
/// directly (ELF-64 object file format: e_type at 16, e_entry at 24,
/// e_phoff at 32, e_phentsize and e_phnum at 54 and 56; 56-byte entries).
struct DynamicProgramHeaders {
  struct Segment {
    var type: UInt32
    var flags: UInt32
    var offset: UInt
    var virtualAddress: UInt
    var fileSize: UInt
    var memorySize: UInt
  }

  static let gnuRelro: UInt32 = 0x6474_e552

  var type: UInt16
  var entry: UInt
  var segments: [Segment] = []
  /// PT_INTERP's path, without its NUL.
  var interpreter: String?

  init(path: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: path).map(Array.init), "cannot read \(path)")
    try #require(bytes.count >= 64 && bytes[0..<4] == [0x7f, 0x45, 0x4c, 0x46] && bytes[4] == 2, "\(path): not ELF64")
    func word(_ at: Int, _ size: Int) throws -> UInt {
      try #require(at + size <= bytes.count, "\(path): truncated")
      return (0..<size).reversed().reduce(0) { $0 << 8 | UInt(bytes[at + $1]) }
    }
    type = UInt16(try word(16, 2))
    entry = try word(24, 8)
    let tableOffset = Int(try word(32, 8))
    let entrySize = Int(try word(54, 2))
    let count = Int(try word(56, 2))
    try #require(entrySize == 56, "\(path): e_phentsize \(entrySize)")
    for index in 0..<count {
      let at = tableOffset + index * entrySize
      let segment = Segment(
        type: UInt32(try word(at, 4)), flags: UInt32(try word(at + 4, 4)), offset: try word(at + 8, 8),
        virtualAddress: try word(at + 16, 8), fileSize: try word(at + 32, 8), memorySize: try word(at + 40, 8))
      segments.append(segment)
      if segment.type == 3 {  // PT_INTERP
        let start = Int(segment.offset)
        let end = start + Int(segment.fileSize)
        try #require(end <= bytes.count && end > start, "\(path): PT_INTERP out of the file")
        interpreter = String(decoding: bytes[start..<end].prefix { $0 != 0 }, as: UTF8.self)
      }
    }
  }
}

