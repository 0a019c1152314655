import Foundation
import Glibc
import Testing

/// The programs and libraries of Tests/Fixtures/Loader, built once per test
/// run by its build.sh into a fresh directory, with our `ld.so` as their
/// `PT_INTERP`. The directory is removed when the test process exits.
struct LoaderFixtures: Sendable {
  /// Where build.sh put them (absolute, no symbolic links).
  let directory: String
  /// Our ld.so (absolute): the interpreter baked into the programs.
  let ldso: String
  /// glibc's dynamic linker, the reference.
  static let glibcLoader = "/lib64/ld-linux-x86-64.so.2"

  struct BuildFailure: Error, CustomStringConvertible {
    var description: String
  }

  private static let built: Result<LoaderFixtures, BuildFailure> = build()

  /// The fixtures, built on first use; a test fails with build.sh's message
  /// if they could not be built.
  static func shared() throws -> LoaderFixtures {
    _ = try Products.path("ld.so")
    return try built.get()
  }

  private static func build() -> Result<LoaderFixtures, BuildFailure> {
    let ldso = URL(fileURLWithPath: Products.directory + "/ld.so").standardizedFileURL.resolvingSymlinksInPath().path
    guard FileManager.default.isExecutableFile(atPath: ldso) else {
      return .failure(BuildFailure(description: "\(ldso) is missing"))
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let script = root.appendingPathComponent("Tests/Fixtures/Loader/build.sh").path
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ldso-fixtures-\(UUID().uuidString)")
      .resolvingSymlinksInPath().path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script, directory, ldso]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do { try process.run() } catch { return .failure(BuildFailure(description: "cannot run \(script): \(error)")) }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      return .failure(BuildFailure(description: "\(script) failed (\(process.terminationStatus)):\n\(message)"))
    }
    Cleanup.directory = directory
    atexit { if let directory = Cleanup.directory { try? FileManager.default.removeItem(atPath: directory) } }
    return .success(LoaderFixtures(directory: directory, ldso: ldso))
  }

  /// The built directory, for the exit handler (a C function pointer
  /// cannot capture it).
  private enum Cleanup {
    nonisolated(unsafe) static var directory: String?
  }

  func path(_ name: String) -> String { directory + "/" + name }

  /// How a program is started.
  enum Mode: String, CustomStringConvertible, CaseIterable {
    /// execve of the program: the kernel loads our ld.so from PT_INTERP.
    case direct
    /// `ld.so [OPTIONS] PROGRAM [ARGS]`: our ld.so as a command.
    case command
    /// `ld-linux-x86-64.so.2 [OPTIONS] PROGRAM [ARGS]`: glibc's, the reference.
    case glibc

    var description: String { rawValue }
  }

  /// The environment every run gets after `environment`: nothing from the
  /// test runner's (no LD_LIBRARY_PATH, no LD_PRELOAD).
  static let baseEnvironment = ["FIXTURE=loader"]

  /// Runs fixture `program` (a path relative to the directory) in `mode`
  /// with `arguments` after it; `options` go to the loader (command and
  /// glibc modes only). argv[0] is the program's absolute path in every
  /// mode, so the program sees the same argv. The environment is
  /// `environment` then `baseEnvironment` (the variables under test come
  /// first, where a loader that lost track of envp would miss them), or
  /// nothing at all with `emptyEnvironment`.
  func run(
    _ program: String, _ arguments: [String] = [], mode: Mode, options: [String] = [], environment: [String] = [],
    emptyEnvironment: Bool = false
  ) throws -> Outcome {
    let programPath = program.hasPrefix("/") ? program : path(program)
    let argv: [String]
    let executable: String
    switch mode {
    case .direct:
      precondition(options.isEmpty, "a program run directly takes no loader options")
      executable = programPath
      argv = [programPath] + arguments
    case .command:
      executable = ldso
      argv = [ldso] + options + [programPath] + arguments
    case .glibc:
      executable = Self.glibcLoader
      argv = [Self.glibcLoader] + options + [programPath] + arguments
    }
    return try IntegrationTests.run(
      executable, arguments: argv.map { Array($0.utf8) },
      environment: (emptyEnvironment ? [] : environment + Self.baseEnvironment).map { Array($0.utf8) })
  }
}


/// GNU readelf with the C locale: the oracle for what the fixtures contain.
private func readelf(_ option: String, _ file: String) throws -> String {
  let outcome = try run(
    "/usr/bin/readelf", arguments: ["readelf", "-W", option, file].map { Array($0.utf8) },
    environment: [Array("LC_ALL=C".utf8)])
  try #require(outcome.exitStatus == 0, "readelf \(option) \(file): \(outcome.stderr)")
  return outcome.stdout
}

/// Checks that `outcome` is ld.so's failure: exit status 127, no signal,
/// nothing on standard output (the program never ran), and on standard
/// error exactly one line `ld.so: <what> : <why>` whose `<what>` contains
/// `what` (if given) and whose `<why>` matches.
private func expectLoaderError(
  _ outcome: Outcome, what: String?, why: LoaderErrorCase.Why, _ context: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(outcome.exitStatus == 127, "\(context): \(summary(outcome))", sourceLocation: sourceLocation)
  #expect(outcome.signal == nil, "\(context): \(summary(outcome))", sourceLocation: sourceLocation)
  #expect(outcome.stdout == "", "\(context): the program ran", sourceLocation: sourceLocation)
  let message = outcome.stderr
  #expect(
    message.hasSuffix("\n") && message.filter { $0 == "\n" }.count == 1, "\(context): not one line: \(message)",
    sourceLocation: sourceLocation)
  guard message.hasPrefix("ld.so: "), let separator = message.range(of: " : ") else {
    Issue.record("\(context): not `ld.so: <what> : <why>`: \(message)", sourceLocation: sourceLocation)
    return
  }
  let whatPart = String(message[message.index(message.startIndex, offsetBy: 7)..<separator.lowerBound])
  let whyPart = String(message[separator.upperBound...].dropLast(message.hasSuffix("\n") ? 1 : 0))
  #expect(!whatPart.isEmpty && !whyPart.isEmpty, "\(context): \(message)", sourceLocation: sourceLocation)
  if let what {
    #expect(
      whatPart.contains(what), "\(context): <what> should name \(what): \(message)", sourceLocation: sourceLocation)
  }
  switch why {
  case .exactly(let text):
    #expect(whyPart == text, "\(context): <why> should be \"\(text)\": \(message)", sourceLocation: sourceLocation)
  case .startsWith(let text):
    #expect(
      whyPart.hasPrefix(text), "\(context): <why> should start \"\(text)\": \(message)", sourceLocation: sourceLocation)
  case .anything:
    break
  }
}

/// A fixture program that ld.so must refuse to start (Tests/Fixtures/Loader,
/// "Errors" in build.sh).
struct LoaderErrorCase: Sendable, CustomTestStringConvertible {
  /// What an error message's `<why>` must be.
  enum Why: Sendable {
    case exactly(String)
    case startsWith(String)
    /// Only the form is checked (the issue gives no wording for the case).
    case anything
  }

  var program: String
  /// Part of the `<what>` of the message: the object that failed.
  var what: String?
  var why: Why
  /// Whether glibc's ld.so fails on it too (exit status 127): a check that
  /// the fixture is broken as intended.
  var glibcFails: Bool
  var testDescription: String { program }
}

@Suite("ld.so")
struct LoaderToolTests {
  // MARK: - The fixtures

  /// The fixtures hold what the tests claim to exercise: every relocation
  /// type (checked with GNU readelf, not assumed from the sources), DT_RELR,
  /// both hash styles, lazy and immediate binding, and our ld.so as the
  /// interpreter.
  @Test func fixturesContainEveryRelocationType() throws {
    let fixtures = try LoaderFixtures.shared()
    let expected: [(file: String, types: [String])] = [
      ("relr/libuse.so", ["R_X86_64_64", "R_X86_64_PC32", "R_X86_64_GLOB_DAT", "R_X86_64_JUMP_SLOT"]),
      ("rela/libdata.so", ["R_X86_64_RELATIVE", "R_X86_64_GLOB_DAT"]),
      ("rela/libuse.so", ["R_X86_64_NONE", "R_X86_64_64", "R_X86_64_PC32"]),
      ("relocs", ["R_X86_64_COPY", "R_X86_64_GLOB_DAT", "R_X86_64_JUMP_SLOT"]),
      ("copyreloc", ["R_X86_64_COPY", "R_X86_64_JUMP_SLOT", "R_X86_64_IRELATIVE"]),
      ("ifunc", ["R_X86_64_IRELATIVE", "R_X86_64_JUMP_SLOT"]),
      ("lib/libifunc.so", ["R_X86_64_IRELATIVE"]),
      ("lib/libtls.so", ["R_X86_64_DTPMOD64", "R_X86_64_DTPOFF64", "R_X86_64_TPOFF64"]),
      ("lib/libtls2.so", ["R_X86_64_DTPMOD64", "R_X86_64_DTPOFF64"]),
      ("tls", ["R_X86_64_TPOFF64"]),
    ]
    for (file, types) in expected {
      let relocations = try readelf("-r", fixtures.path(file))
      for type in types {
        #expect(relocations.contains(" \(type) "), "no \(type) in \(file)")
      }
    }
    // RELATIVE relocations packed as DT_RELR in relr/ and in relocs.
    for file in ["relr/libdata.so", "relocs"] {
      #expect(try readelf("-d", fixtures.path(file)).contains("(RELR)"), "\(file) has no DT_RELR")
      #expect(!(try readelf("-r", fixtures.path(file)).contains("R_X86_64_RELATIVE")), "\(file) has RELA RELATIVE")
    }
    // SysV hash only in rela/, GNU hash only in relr/.
    let sysv = try readelf("-d", fixtures.path("rela/libdata.so"))
    #expect(sysv.contains("(HASH)") && !sysv.contains("(GNU_HASH)"))
    let gnu = try readelf("-d", fixtures.path("relr/libdata.so"))
    #expect(gnu.contains("(GNU_HASH)") && !gnu.contains("(HASH)"))
    // Lazy PLT in relocs, BIND_NOW in relocs-now.
    #expect(!(try readelf("-d", fixtures.path("relocs")).contains("NOW")))
    #expect(try readelf("-d", fixtures.path("relocs-now")).contains("NOW"))
    // Kinds of executables.
    #expect(try readelf("-h", fixtures.path("copyreloc")).contains("EXEC (Executable file)"))
    #expect(try readelf("-h", fixtures.path("false-dynamic")).contains("EXEC (Executable file)"))
    #expect(try readelf("-h", fixtures.path("relocs")).contains("DYN (Position-Independent Executable file)"))
    #expect(try readelf("-h", fixtures.path("errors/libaarch64.so")).contains("AArch64"))
    #expect(try readelf("-h", fixtures.path("errors/lib32.so")).contains("ELF32"))
    for program in ["false-dynamic", "false-pie", "relocs", "copyreloc", "tls", "auxv", "auxv-nopie", "maps"] {
      #expect(
        try readelf("-l", fixtures.path(program)).contains("[Requesting program interpreter: \(fixtures.ldso)]"),
        "\(program)'s PT_INTERP is not our ld.so")
    }
    for program in ["false-static", "false-static-pie"] {
      #expect(!(try readelf("-l", fixtures.path(program)).contains("INTERP")))
    }
  }

  // MARK: - The seed book's programs

  /// rc.so and false, static, dynamic (non-PIE), PIE and static-PIE: exit
  /// status 1 (RC) when started by the kernel (with our ld.so as
  /// PT_INTERP for the dynamic ones), by our ld.so as a command, and by
  /// glibc's. A static or static-PIE program given to our ld.so has
  /// nothing to link: ld.so loads it and jumps to its entry. (glibc's
  /// ld.so execs a static program instead.)
  @Test(arguments: ["false-static", "false-dynamic", "false-pie", "false-static-pie"])
  func seedProgramExitsWithOne(program: String) throws {
    let fixtures = try LoaderFixtures.shared()
    for mode in LoaderFixtures.Mode.allCases {
      let outcome = try fixtures.run(program, mode: mode)
      #expect(outcome.exitStatus == 1, "\(program), \(mode): \(summary(outcome))")
      #expect(outcome.signal == nil)
      #expect(outcome.stdout == "" && outcome.stderr == "", "\(program), \(mode): \(summary(outcome))")
    }
  }

  // MARK: - Same output as glibc's ld.so

  /// The C programs print what they observe (values, addresses compared
  /// across objects, initializer order); under our ld.so, as interpreter
  /// and as command, they print exactly what they print under glibc's.
  ///
  /// glibc's ld.so gives `__tls_get_addr` only to objects that have it in
  /// their lookup scope, which needs something that depends on it: the
  /// reference run of `tls` preloads libc.so.6 (which needs ld.so). Ours
  /// provides it whatever the libraries need.
  @Test(arguments: [
    "relocs", "relocs-now", "copyreloc", "ifunc", "tls", "initorder", "versions", "origin-rpath", "origin-runpath",
  ])
  func sameOutputAsGlibc(program: String) throws {
    let fixtures = try LoaderFixtures.shared()
    let arguments = ["one", "two"]
    let reference = try fixtures.run(
      program, arguments, mode: .glibc, options: program == "tls" ? ["--preload", "libc.so.6"] : [])
    try #require(reference.exitStatus == 0 && reference.stderr == "", "glibc: \(summary(reference))")
    try #require(!reference.stdout.isEmpty && !reference.stdout.contains(": no\n"), "glibc: \(reference.stdout)")
    for mode in [LoaderFixtures.Mode.direct, .command] {
      let outcome = try fixtures.run(program, arguments, mode: mode)
      #expect(outcome.exitStatus == 0, "\(program), \(mode): \(summary(outcome))")
      #expect(outcome.signal == nil)
      #expect(outcome.stderr == "", "\(program), \(mode)")
      #expect(
        outcome.stdout == reference.stdout,
        "\(program), \(mode): \(firstDifference(outcome.stdout, reference.stdout))")
    }
  }

  /// The order itself, not only glibc's: each library's DT_INIT then its
  /// DT_INIT_ARRAY in order, libraries after everything they need (c b a
  /// d l r for the graph in initorder.c), each given argc, argv and envp;
  /// the program's own initializers not run.
  @Test func initializersRunDependenciesFirst() throws {
    let fixtures = try LoaderFixtures.shared()
    for mode in [LoaderFixtures.Mode.direct, .command] {
      let outcome = try fixtures.run("initorder", ["one", "two"], mode: mode)
      #expect(outcome.exitStatus == 0, "\(mode): \(summary(outcome))")
      let lines = outcome.stdout.split(separator: "\n").map(String.init)
      let initializers = lines.filter { $0.contains(": DT_INIT") }
      var expected: [String] = []
      for name in ["c", "b", "a", "d", "l", "r"] {
        for what in ["DT_INIT", "DT_INIT_ARRAY[0]", "DT_INIT_ARRAY[1]"] { expected.append("\(name): \(what) argc=3") }
      }
      #expect(initializers == expected, "\(mode): \(outcome.stdout)")
      #expect(lines.filter { $0.hasPrefix("  argv[1]=") }.allSatisfy { $0 == "  argv[1]=one envp[0]=FIXTURE=loader" })
      #expect(lines.filter { $0.hasPrefix("  dependencies") }.count == 15)
      #expect(!outcome.stdout.contains(": no\n"), "\(mode): \(outcome.stdout)")
      #expect(!outcome.stdout.contains("program .init_array ran"))
      #expect(lines.last == "main: l and r initialized: yes")
    }
  }

  // MARK: - Command mode and the initial process state

  /// argv shifted (options after the program are the program's), AT_PHDR,
  /// AT_PHNUM, AT_ENTRY and AT_EXECFN those of the program, AT_BASE an ELF
  /// shared object (ld.so), rsp 16-byte aligned and rdx 0 at the entry:
  /// the same output whether the kernel started ld.so as PT_INTERP or ld.so
  /// was run as a command. The same as under glibc's ld.so as a command
  /// except rdx (glibc passes its _dl_fini) and AT_BASE (glibc's leaves the
  /// kernel's 0 there; ours gives what the kernel would have given had the
  /// program named it as PT_INTERP).
  @Test(arguments: ["auxv", "auxv-nopie"])
  func initialStateIsTheKernels(program: String) throws {
    let fixtures = try LoaderFixtures.shared()
    let path = fixtures.path(program)
    let arguments = ["a", "--preload", "b"]
    let direct = try fixtures.run(program, arguments, mode: .direct)
    let command = try fixtures.run(program, arguments, mode: .command)
    let glibc = try fixtures.run(program, arguments, mode: .glibc)
    for (mode, outcome) in [("direct", direct), ("command", command), ("glibc", glibc)] {
      #expect(outcome.exitStatus == 0 && outcome.stderr == "", "\(mode): \(summary(outcome))")
    }
    let lines = direct.stdout.split(separator: "\n").map(String.init)
    let expectedStart = [
      "argc: 4", "argv: \(path)", "argv: a", "argv: --preload", "argv: b", "argv ends with NULL: yes",
      "argc at the entry stack pointer: yes", "envp: FIXTURE=loader",
      "AT_PHDR is this program's program header table: yes", "AT_PHNUM is e_phnum: yes", "AT_PHENT: 56",
      "AT_ENTRY is _start: yes", "AT_EXECFN: \(path)", "AT_BASE: an ELF shared object", "AT_SECURE: 0",
      "AT_PAGESZ: 4096", "AT_RANDOM present: yes", "rsp modulo 16 at _start: 0", "rdx at _start: 0",
    ]
    #expect(lines == expectedStart, "direct: \(direct.stdout)")
    #expect(command.stdout == direct.stdout, "command: \(firstDifference(command.stdout, direct.stdout))")
    func withoutRDXAndBase(_ text: String) -> [Substring] {
      text.split(separator: "\n").filter { !$0.hasPrefix("rdx at _start:") && !$0.hasPrefix("AT_BASE:") }
    }
    #expect(
      withoutRDXAndBase(command.stdout) == withoutRDXAndBase(glibc.stdout),
      "ours: \(command.stdout)\nglibc: \(glibc.stdout)")
  }

  /// Loader options shift argv by more than one word, and the program's
  /// stack must still be whole when there is no environment at all: the
  /// same output as when the kernel starts the program, no envp entries.
  @Test func commandModeWithEmptyEnvironment() throws {
    let fixtures = try LoaderFixtures.shared()
    let direct = try fixtures.run("auxv", ["x"], mode: .direct, emptyEnvironment: true)
    #expect(direct.exitStatus == 0 && !direct.stdout.contains("envp:"), "\(summary(direct))")
    let optionSets = [
      [], ["--library-path", "/nonexistent"], ["--preload", fixtures.path("lib/libpreload.so")],
      ["--library-path", "/nonexistent", "--library-path", "/nonexistent"],
    ]
    for options in optionSets {
      let outcome = try fixtures.run("auxv", ["x"], mode: .command, options: options, emptyEnvironment: true)
      #expect(outcome.exitStatus == 0, "\(options): \(summary(outcome))")
      let expected = options.first == "--preload" ? "libpreload.so initialized\n" + direct.stdout : direct.stdout
      #expect(outcome.stdout == expected, "\(options): \(firstDifference(outcome.stdout, expected))")
    }
  }

  /// --library-path and LD_LIBRARY_PATH find libwho.so (needwho has no
  /// DT_RPATH), in that order, skipping directories that do not exist;
  /// without them it is not found. As glibc's ld.so does.
  @Test func libraryPathAndLD_LIBRARY_PATH() throws {
    let fixtures = try LoaderFixtures.shared()
    let lp1 = fixtures.path("lp1")
    let lp2 = fixtures.path("lp2")
    let cases: [(modes: [LoaderFixtures.Mode], options: [String], environment: [String], who: String)] = [
      ([.command, .glibc], ["--library-path", lp1], [], "lp1"),
      ([.command, .glibc], ["--library-path", "/nonexistent:" + lp1], [], "lp1"),
      ([.direct, .command, .glibc], [], ["LD_LIBRARY_PATH=" + lp2], "lp2"),
      ([.direct, .command, .glibc], [], ["LD_LIBRARY_PATH=/nonexistent::" + lp2], "lp2"),
      ([.command, .glibc], ["--library-path", lp1], ["LD_LIBRARY_PATH=" + lp2], "lp1"),
    ]
    for (modes, options, environment, who) in cases {
      for mode in modes {
        let outcome = try fixtures.run(
          "needwho", mode: mode, options: mode == .direct ? [] : options, environment: environment)
        #expect(
          outcome.exitStatus == 0 && outcome.stdout == "who: \(who)\n" && outcome.stderr == "",
          "\(mode) \(options) \(environment): \(summary(outcome))")
      }
    }
    for mode in [LoaderFixtures.Mode.direct, .command] {
      expectLoaderError(
        try fixtures.run("needwho", mode: mode), what: "libwho.so",
        why: .startsWith("cannot open shared object file: No such file or directory"), "needwho, \(mode), no path")
    }
  }

  /// --preload and LD_PRELOAD: libpreload.so is initialized and its who()
  /// comes before libwho.so's in the lookup scope.
  @Test func preloading() throws {
    let fixtures = try LoaderFixtures.shared()
    let preload = fixtures.path("lib/libpreload.so")
    let lp1 = fixtures.path("lp1")
    let expected = "libpreload.so initialized\nwho: preload\n"
    let cases: [(modes: [LoaderFixtures.Mode], options: [String], environment: [String])] = [
      ([.command, .glibc], ["--preload", preload, "--library-path", lp1], []),
      ([.direct, .command, .glibc], [], ["LD_PRELOAD=" + preload, "LD_LIBRARY_PATH=" + lp1]),
      ([.command, .glibc], ["--library-path", lp1], ["LD_PRELOAD=" + preload]),
    ]
    for (modes, options, environment) in cases {
      for mode in modes {
        let outcome = try fixtures.run("needwho", mode: mode, options: options, environment: environment)
        #expect(
          outcome.exitStatus == 0 && outcome.stdout == expected && outcome.stderr == "",
          "\(mode) \(options) \(environment): \(summary(outcome))")
      }
    }
  }

  /// With AT_SECURE (a set-user-ID program: the kernel sets it when the
  /// effective and real ids differ), LD_LIBRARY_PATH is ignored: needwho
  /// does not find libwho.so through it, while the same program without
  /// the bit does. The set-user-ID copies belong to nobody (65534), made
  /// by root; another user can use a set-group-ID copy for one of its
  /// supplementary groups. A user with neither cannot make AT_SECURE
  /// happen, and the test is then disabled.
  @Test(.enabled(if: SecureCopy.possible, "needs root or a supplementary group to make a set-ID program"))
  func ldLibraryPathIgnoredWhenSecure() throws {
    let fixtures = try LoaderFixtures.shared()
    let environment = ["LD_LIBRARY_PATH=" + fixtures.path("lp1")]
    let auxv = try SecureCopy.make(fixtures.path("auxv"))
    let secure = try fixtures.run(auxv, mode: .direct)
    #expect(secure.exitStatus == 0, "\(summary(secure))")
    #expect(secure.stdout.contains("AT_SECURE: 1\n"), "no AT_SECURE: \(secure.stdout)")
    let plain = try fixtures.run("needwho", mode: .direct, environment: environment)
    #expect(plain.stdout == "who: lp1\n", "\(summary(plain))")
    let needwho = try SecureCopy.make(fixtures.path("needwho"))
    expectLoaderError(
      try fixtures.run(needwho, mode: .direct, environment: environment), what: "libwho.so",
      why: .startsWith("cannot open shared object file: No such file or directory"),
      "set-ID needwho with LD_LIBRARY_PATH")
  }

  // MARK: - Memory protections

  /// /proc/self/maps of a program under our ld.so (as interpreter and as
  /// command): no mapping is writable and executable, and the pages of
  /// every object's PT_GNU_RELRO range (the program, its libraries and
  /// ld.so itself; start and end rounded down to pages, as they are
  /// protected) are read-only. Load bases come from the mapping of each
  /// file's offset 0.
  @Test func noWritableExecutableMappingAndRELROReadOnly() throws {
    let fixtures = try LoaderFixtures.shared()
    let objects = [
      fixtures.path("maps"), fixtures.path("rela/libuse.so"), fixtures.path("rela/libdata.so"), fixtures.ldso,
    ]
    for mode in [LoaderFixtures.Mode.direct, .command] {
      let outcome = try fixtures.run("maps", mode: mode)
      try #require(outcome.exitStatus == 0, "\(mode): \(summary(outcome))")
      let mappings = outcome.stdout.split(separator: "\n").compactMap(Mapping.init)
      try #require(mappings.count > 5, "\(mode): \(outcome.stdout)")
      for mapping in mappings {
        #expect(!(mapping.writable && mapping.executable), "\(mode): writable and executable: \(mapping.line)")
      }
      var protectedPages: [String: Int] = [:]
      for object in objects {
        let headers = try ProgramHeaders(path: object)
        guard let relro = headers.relro else { continue }
        let first = try #require(
          mappings.first { $0.path == object && $0.offset == 0 },
          "\(mode): \(object) is not mapped:\n\(outcome.stdout)")
        let base = first.start - (headers.firstLoadAddress & ~UInt64(4095))
        let start = (base + relro.lowerBound) & ~UInt64(4095)
        let end = (base + relro.upperBound) & ~UInt64(4095)
        var page = start
        while page < end {
          let covering = mappings.first { $0.start <= page && page < $0.end }
          #expect(covering != nil, "\(mode): RELRO page \(String(page, radix: 16)) of \(object) not mapped")
          if let covering {
            #expect(!covering.writable, "\(mode): RELRO page of \(object) is writable: \(covering.line)")
          }
          protectedPages[object, default: 0] += 1
          page += 4096
        }
      }
      // The program and libdata.so each have 8 KiB of relocated const
      // pointers in RELRO: the check above cannot have been empty.
      #expect(protectedPages[fixtures.path("maps"), default: 0] >= 2, "\(mode): \(protectedPages)")
      #expect(protectedPages[fixtures.path("rela/libdata.so"), default: 0] >= 2, "\(mode): \(protectedPages)")
    }
  }

  // MARK: - Errors

  static let errorCases: [LoaderErrorCase] = [
    LoaderErrorCase(
      program: "missing", what: "libabsent.so",
      why: .startsWith("cannot open shared object file: No such file or directory"), glibcFails: true),
    LoaderErrorCase(program: "notelf", what: "libnotelf.so", why: .exactly("not an ELF file"), glibcFails: true),
    LoaderErrorCase(
      program: "wrongmachine", what: "libaarch64.so", why: .startsWith("wrong machine"), glibcFails: true),
    LoaderErrorCase(program: "wrongclass", what: "lib32.so", why: .anything, glibcFails: true),
    // glibc's ld.so maps the missing part and dies of SIGBUS reading it.
    LoaderErrorCase(program: "truncated", what: "libtruncated.so", why: .exactly("truncated file"), glibcFails: false),
    LoaderErrorCase(program: "tooshort", what: "libtooshort.so", why: .anything, glibcFails: true),
    LoaderErrorCase(program: "undefined", what: nil, why: .exactly("undefined symbol: gone_var"), glibcFails: true),
    // glibc's ld.so binds lazily and fails at the call, after main's output.
    LoaderErrorCase(
      program: "undefined-lazy", what: nil, why: .exactly("undefined symbol: gone_function"), glibcFails: true),
    LoaderErrorCase(
      program: "runpath-not-inherited", what: "libleaf.so",
      why: .startsWith("cannot open shared object file: No such file or directory"), glibcFails: true),
  ]

  /// Each broken dependency stops the program before it runs, with one
  /// line `ld.so: <what> : <why>` and exit status 127, both as
  /// interpreter and as command.
  @Test(arguments: errorCases)
  func errorPath(_ error: LoaderErrorCase) throws {
    let fixtures = try LoaderFixtures.shared()
    for mode in [LoaderFixtures.Mode.direct, .command] {
      expectLoaderError(
        try fixtures.run(error.program, mode: mode), what: error.what, why: error.why, "\(error.program), \(mode)")
    }
    if error.glibcFails {
      let reference = try fixtures.run(error.program, mode: .glibc)
      #expect(reference.exitStatus == 127, "glibc: \(summary(reference))")
    }
  }

  /// Command mode with a program that cannot be loaded at all.
  @Test func commandModeProgramErrors() throws {
    let fixtures = try LoaderFixtures.shared()
    expectLoaderError(
      try fixtures.run("/nonexistent/program", mode: .command), what: "/nonexistent/program",
      why: .startsWith("cannot open"), "missing program")
    #expect(try fixtures.run("/nonexistent/program", mode: .command).stderr.hasSuffix("No such file or directory\n"))
    expectLoaderError(
      try fixtures.run("errors/notelf-program", mode: .command), what: "notelf-program",
      why: .exactly("not an ELF file"),
      "script as program")
    expectLoaderError(
      try fixtures.run("errors/libtruncated.so", mode: .command), what: "libtruncated.so",
      why: .exactly("truncated file"), "truncated program")
  }
}

/// One line of /proc/self/maps.
private struct Mapping {
  var start: UInt64
  var end: UInt64
  var writable: Bool
  var executable: Bool
  var offset: UInt64
  var path: String
  var line: String

  init?(_ line: Substring) {
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    guard fields.count >= 5 else { return nil }
    let range = fields[0].split(separator: "-")
    guard range.count == 2, let start = UInt64(range[0], radix: 16), let end = UInt64(range[1], radix: 16),
      let offset = UInt64(fields[2], radix: 16)
    else { return nil }
    let permissions = Array(fields[1])
    guard permissions.count == 4 else { return nil }
    self.start = start
    self.end = end
    self.writable = permissions[1] == "w"
    self.executable = permissions[2] == "x"
    self.offset = offset
    self.path = fields.count >= 6 ? fields[5...].joined(separator: " ") : ""
    self.line = String(line)
  }
}

/// The program headers of an ELF64 file that matter here: the first
/// PT_LOAD's address and the PT_GNU_RELRO range (file-relative addresses).
private struct ProgramHeaders {
  var firstLoadAddress: UInt64 = 0
  var relro: Range<UInt64>?

  init(path: String) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    func word<T: FixedWidthInteger>(_ offset: Int, _: T.Type) throws -> T {
      try #require(offset + MemoryLayout<T>.size <= bytes.count, "\(path) is too short")
      return bytes[offset..<(offset + MemoryLayout<T>.size)].reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }
    try #require(bytes.count > 64 && bytes[4] == 2, "\(path) is not ELF64")
    let phoff = Int(try word(32, UInt64.self))
    let phentsize = Int(try word(54, UInt16.self))
    let phnum = Int(try word(56, UInt16.self))
    var sawLoad = false
    for i in 0..<phnum {
      let header = phoff + i * phentsize
      let type = try word(header, UInt32.self)
      let address = try word(header + 16, UInt64.self)
      let size = try word(header + 40, UInt64.self)
      if type == 1 && !sawLoad {  // PT_LOAD
        firstLoadAddress = address
        sawLoad = true
      }
      if type == 0x6474_e552 {  // PT_GNU_RELRO
        relro = address..<(address + size)
      }
    }
  }
}

/// Set-ID copies of fixture programs, to make the kernel pass AT_SECURE.
enum SecureCopy {
  /// A supplementary group other than the real group id, for a set-group-ID
  /// copy when not root.
  static let supplementaryGroup: gid_t? = {
    let count = getgroups(0, nil)
    guard count > 0 else { return nil }
    var groups = [gid_t](repeating: 0, count: Int(count))
    guard getgroups(count, &groups) == count else { return nil }
    return groups.first { $0 != getgid() }
  }()

  static var possible: Bool { getuid() == 0 || supplementaryGroup != nil }

  /// Copies `path` next to itself, unique name, and makes the copy
  /// set-user-ID nobody (as root) or set-group-ID a supplementary group.
  static func make(_ path: String) throws -> String {
    let copy = path + "-secure-\(UUID().uuidString.prefix(8))"
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    if getuid() == 0 {
      try #require(chown(copy, 65534, gid_t.max) == 0, "chown: \(String(cString: strerror(errno)))")
      try #require(chmod(copy, 0o4755) == 0, "chmod: \(String(cString: strerror(errno)))")
    } else {
      let group = try #require(supplementaryGroup)
      try #require(chown(copy, uid_t.max, group) == 0, "chown: \(String(cString: strerror(errno)))")
      try #require(chmod(copy, 0o2755) == 0, "chmod: \(String(cString: strerror(errno)))")
    }
    return copy
  }
}
