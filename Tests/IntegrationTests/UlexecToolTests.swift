import Foundation
import Glibc
import Testing

/// `ulexec PROGRAM ARGS...` must behave as the kernel's exec of PROGRAM:
/// real programs of the machine, programs built here in every linking mode
/// (Tests/Fixtures/Ulexec/probe.c), busybox and our own tools are run both
/// ways with the same argv and environment, and their standard output,
/// standard error and exit status (or signal) must be identical. Then
/// every way ulexec refuses to start a program.
@Suite("ulexec")
struct UlexecToolTests {
  // MARK: Real programs of the machine

  @Test func echoHelloWorld() throws {
    let outcome = try expectSameAsDirect("/bin/echo", ["/bin/echo", "hello", "world"])
    #expect(outcome.stdout == "hello world\n")
  }

  /// `ls -l /` lists /tmp and /proc, whose link counts, sizes and times
  /// change all the time while tests run in parallel (each run of a process
  /// makes and removes a directory in /tmp; /proc has a link per process):
  /// their lines are compared by mode and name only. Every other byte of
  /// the output, standard error and status must be the same.
  @Test func lsLongListingOfRoot() throws {
    let ulexec = try Products.path("ulexec")
    let argv = bytes(["/bin/ls", "-l", "/"])
    let environment = bytes(["LC_ALL=C", "TZ=UTC", "PATH=/usr/bin:/bin"])
    let direct = try run("/bin/ls", arguments: argv, environment: environment)
    let loaded = try run(ulexec, arguments: [Array(ulexec.utf8)] + argv, environment: environment)
    func masked(_ outcome: Outcome) -> Outcome {
      var outcome = outcome
      let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        let fields = line.split(separator: " ")
        guard let name = fields.last, name == "tmp" || name == "proc" else { return String(line) }
        return "\(fields[0]) (link count, size and time not compared) \(name)"
      }
      outcome.standardOutput = Array(lines.joined(separator: "\n").utf8)
      return outcome
    }
    expectSame(masked(loaded), masked(direct), "ls -l /")
    #expect(loaded.exitStatus == 0 && loaded.stdout.hasPrefix("total ") && loaded.stdout.contains(" usr\n"))
  }

  @Test func lsErrorGoesToStandardErrorWithItsStatus() throws {
    let outcome = try expectSameAsDirect(
      "/bin/ls", ["/bin/ls", "/nonexistent-ulexec-test"], environment: ["LC_ALL=C"])
    #expect(outcome.exitStatus == 2)
    #expect(outcome.stderr.contains("No such file or directory"))
  }

  @Test func envPrintsTheEnvironmentItWasGiven() throws {
    let environment = ["A=1", "B=two words", "EMPTY=", "PATH=/usr/bin:/bin"]
    let outcome = try expectSameAsDirect("/usr/bin/env", ["/usr/bin/env"], environment: environment)
    #expect(outcome.stdout == environment.map { $0 + "\n" }.joined())
  }

  /// `python3` without a slash: ulexec finds it in PATH as execvp does.
  @Test func pythonFoundInPath() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
      "/usr/bin/python3 is missing: install python3 (apt-get install -y python3)")
    let outcome = try expectSameAsDirect(
      "/usr/bin/python3", ["python3", "-c", "print(6*7)"], environment: ["PATH=/usr/bin:/bin", "LC_ALL=C"])
    #expect(outcome.stdout == "42\n")
  }

  @Test func exitStatusesPropagate() throws {
    let falseOutcome = try expectSameAsDirect("/bin/false", ["/bin/false"])
    #expect(falseOutcome.exitStatus == 1)
    let shell = try expectSameAsDirect("/bin/sh", ["/bin/sh", "-c", "exit 7"])
    #expect(shell.exitStatus == 7)
  }

  /// A program killed by a signal dies by it under ulexec too: the crash
  /// reporter's handler that ulexec's runtime installed is gone.
  @Test func deathBySignalPropagates() throws {
    let outcome = try expectSameAsDirect("/bin/sh", ["/bin/sh", "-c", "kill -SEGV $$"])
    #expect(outcome.signal == SIGSEGV)
    #expect(outcome.stderr == "")
  }

  /// What stays of ulexec's image, as documented: /proc/self/cmdline shows
  /// ulexec's arguments, /proc/self/exe is ulexec.
  @Test func procSelfShowsUlexecsCommandLineAndExecutable() throws {
    let ulexec = try Products.path("ulexec")
    let cmdline = try run(
      ulexec, arguments: bytes([ulexec, "/bin/cat", "/proc/self/cmdline"]), environment: [])
    #expect(cmdline.exitStatus == 0)
    #expect(cmdline.standardOutput == Array((ulexec + "\0/bin/cat\0/proc/self/cmdline\0").utf8))
    let exe = try run(ulexec, arguments: bytes([ulexec, "/bin/readlink", "/proc/self/exe"]), environment: [])
    let real = URL(fileURLWithPath: ulexec).resolvingSymlinksInPath().path
    #expect(exe.exitStatus == 0)
    #expect(exe.stdout == real + "\n")
  }

  // MARK: Programs built here, in every linking mode

  /// The probe (Tests/Fixtures/Ulexec/probe.c) prints its arguments and
  /// environment, its auxiliary vector (keys in order, values or facts
  /// about them), whether its stack, strings and AT_RANDOM bytes are in
  /// the [stack] mapping, its signal state, its thread name, descriptors
  /// left open on its files, and runs malloc, a thread and TLS.
  @Test(arguments: ProbeFlavor.allCases)
  func probeSeesWhatTheKernelGivesIt(_ flavor: ProbeFlavor) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let probe = try buildProbe(flavor, in: directory)
    let argv: [[UInt8]] = [Array(probe.utf8)] + bytes(["--exit", "3", "odd arg", "", "\t"]) + [[0xff, 0x0a, 0x80]]
    let environment = ["A=1", "B=x y", "PATH=/usr/bin:/bin"]
    let pair = try runBothWays(probe, argv, environment: environment)
    expectSame(pair.ulexec, pair.direct, "probe \(flavor)")
    let output = pair.ulexec.stdout
    #expect(pair.ulexec.exitStatus == 3)
    for line in [
      "stack pointer: in [stack]", "argv[0] in [stack]: \(probe)", "argv[6] in [stack]: \\xff\\x0a\\x80",
      "env in [stack]: B=x y", "auxv 25: 16 bytes in [stack]", "auxv 31: \"\(probe)\" in [stack]",
      "auxv 15: \"x86_64\" in [stack]", "caught signals: 0, ignored: 0", "alternate signal stack: disabled",
      "malloc: 3", "thread: 42, main thread's value: 6",
      "descriptors open on the program or its interpreter: 0",
      "comm: \(String(URL(fileURLWithPath: probe).lastPathComponent.prefix(15)))",
      flavor.isDynamic ? "auxv 7: an ELF header" : "auxv 7: 0",
      "interpreter: \(flavor.interpreter ?? "none")",
    ] {
      #expect(output.contains(line + "\n"), "probe \(flavor): no line \"\(line)\" in\n\(output)")
    }
    #expect(pair.ulexec.stderr == "probe: a line on standard error\n")
  }

  // MARK: busybox

  @Test func busyboxEchoAndLs() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: "/bin/busybox"),
      "/bin/busybox is missing: install busybox-static (apt-get install -y busybox-static)")
    let echo = try expectSameAsDirect("/bin/busybox", ["/bin/busybox", "echo", "hi"])
    #expect(echo.stdout == "hi\n")
    let list = try expectSameAsDirect("/bin/busybox", ["/bin/busybox", "ls", "/"])
    #expect(list.stdout.contains("usr\n"))
    let status = try expectSameAsDirect("/bin/busybox", ["/bin/busybox", "sh", "-c", "echo out; echo err >&2; exit 5"])
    #expect(status.exitStatus == 5 && status.stdout == "out\n" && status.stderr == "err\n")
  }

  // MARK: Our own tools

  @Test func ourHello() throws {
    let hello = try Products.path("hello")
    let outcome = try expectSameAsDirect(hello, [hello])
    #expect(outcome.stdout == "hello world\n")
  }

  /// Odd arguments, including options that ulexec itself would take: after
  /// PROGRAM everything belongs to the program.
  @Test func ourArgsWithOddArguments() throws {
    let args = try Products.path("args")
    let argv: [[UInt8]] =
      [Array(args.utf8)] + bytes(["", "two words", "tab\there", "new\nline", "--help", "--", "-"]) + [[0xff, 0xfe]]
    let outcome = try runBothWays(args, argv, environment: [])
    expectSame(outcome.ulexec, outcome.direct, "args")
    #expect(outcome.ulexec.standardOutput == argv.flatMap { $0 + [0x0a] })
  }

  /// `ulexec -- PROGRAM`: `--` ends ulexec's options.
  @Test func doubleDashEndsUlexecsOptions() throws {
    let ulexec = try Products.path("ulexec")
    let args = try Products.path("args")
    let outcome = try run(ulexec, arguments: bytes([ulexec, "--", args, "--version"]), environment: [])
    #expect(outcome.exitStatus == 0)
    #expect(outcome.stdout == "\(args)\n--version\n")
  }

  @Test func ourPrintenv() throws {
    let printenv = try Products.path("printenv")
    let environment = ["ONE=1", "TWO=zwei drei", "EMPTY="]
    let all = try expectSameAsDirect(printenv, [printenv], environment: environment)
    #expect(all.stdout == "ONE=1\nTWO=zwei drei\nEMPTY=\n")
    let one = try expectSameAsDirect(printenv, [printenv, "TWO"], environment: environment)
    #expect(one.stdout == "zwei drei\n")
    let missing = try expectSameAsDirect(printenv, [printenv, "MISSING"], environment: environment)
    #expect(missing.exitStatus == 1)
  }

  @Test func ourExitcode() throws {
    let exitcode = try Products.path("exitcode")
    let outcome = try expectSameAsDirect(exitcode, [exitcode, "42"])
    #expect(outcome.exitStatus == 42)
  }

  /// Our `auxv` prints the vector it was started with. Addresses differ
  /// between any two runs (the vDSO, AT_RANDOM, and for a static-PIE the
  /// image); everything else must be the same: the keys in order, every
  /// other value, AT_EXECFN, and the entry point relative to the program
  /// headers.
  @Test func ourAuxvSeesTheKernelsVector() throws {
    let auxv = try Products.path("auxv")
    let pair = try runBothWays(auxv, [Array(auxv.utf8)], environment: ["A=1"])
    #expect(pair.direct.exitStatus == 0 && pair.ulexec.exitStatus == 0, "\(summary(pair.ulexec))")
    let direct = auxvEntries(pair.direct.stdout)
    let loaded = auxvEntries(pair.ulexec.stdout)
    #expect(loaded.map(\.key) == direct.map(\.key), "keys or their order differ:\n\(pair.ulexec.stdout)")
    let addresses: Set<String> = ["AT_SYSINFO_EHDR", "AT_PHDR", "AT_ENTRY", "AT_RANDOM"]
    for (entry, reference) in zip(loaded, direct) where entry.key == reference.key && !addresses.contains(entry.key) {
      #expect(entry.value == reference.value, "\(entry.key): \(entry.value) under ulexec, \(reference.value) directly")
    }
    #expect(loaded.first { $0.key == "AT_EXECFN" }?.value == auxv)
    #expect(loaded.first { $0.key == "AT_BASE" }?.value == "0x0")
    func entryOffset(_ entries: [(key: String, value: String)]) -> UInt64? {
      guard let entry = entries.first(where: { $0.key == "AT_ENTRY" }).flatMap({ hex($0.value) }),
        let headers = entries.first(where: { $0.key == "AT_PHDR" }).flatMap({ hex($0.value) })
      else { return nil }
      return entry &- headers
    }
    #expect(entryOffset(loaded) != nil && entryOffset(loaded) == entryOffset(direct))
    for key in ["AT_SYSINFO_EHDR", "AT_RANDOM"] {
      #expect(loaded.first { $0.key == key }.flatMap { hex($0.value) }.map { $0 != 0 } == true, "\(key) missing")
    }
  }

  /// ulexec starting ulexec, and our ld.so as a command.
  @Test func ulexecRunsUlexecAndOurLoader() throws {
    let ulexec = try Products.path("ulexec")
    let nested = try run(ulexec, arguments: bytes([ulexec, ulexec, "/bin/echo", "nested"]), environment: [])
    #expect(nested.exitStatus == 0 && nested.stdout == "nested\n", "\(summary(nested))")
    let ldso = try Products.path("ld.so")
    let hello = try Products.path("hello")
    let loader = try expectSameAsDirect(ldso, [ldso, hello])
    #expect(loader.stdout == "hello world\n")
  }

  // MARK: Options

  @Test func helpAndVersion() throws {
    let ulexec = try Products.path("ulexec")
    let help = try run(ulexec, arguments: bytes([ulexec, "--help"]), environment: [])
    #expect(help.exitStatus == 0 && help.stdout.hasPrefix("Usage: ulexec ") && help.stderr == "")
    let version = try run(ulexec, arguments: bytes([ulexec, "--version"]), environment: [])
    #expect(version.exitStatus == 0 && version.stdout.hasPrefix("ulexec ") && version.stderr == "")
  }

  // MARK: Errors

  @Test func noArguments() throws {
    let ulexec = try Products.path("ulexec")
    for argv in [[ulexec], [ulexec, "--"]] {
      expectFailure(
        try run(ulexec, arguments: bytes(argv), environment: []), status: 127,
        "ulexec : missing program name (try 'ulexec --help')")
    }
  }

  @Test func unknownOption() throws {
    let ulexec = try Products.path("ulexec")
    expectFailure(
      try run(ulexec, arguments: bytes([ulexec, "--bogus", "/bin/true"]), environment: []), status: 127,
      "--bogus : unrecognized option (try 'ulexec --help')")
  }

  @Test func missingProgram() throws {
    expectFailure(
      try runUlexec(["/nonexistent-ulexec-test/program"]), status: 127,
      "/nonexistent-ulexec-test/program : cannot open file: No such file or directory")
    expectFailure(try runUlexec([""]), status: 127, " : cannot open file: No such file or directory")
    // A path through a regular file: the shell's 126 for ENOTDIR.
    expectFailure(try runUlexec(["/bin/sh/x"]), status: 126, "/bin/sh/x : cannot open file: Not a directory")
  }

  @Test func programNotInPath() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    expectFailure(
      try runUlexec(["no-such-command-ulexec"], environment: ["PATH=\(directory):/usr/bin:/bin"]), status: 127,
      "no-such-command-ulexec : command not found")
    // `--help` after `--` is a program name, searched in PATH.
    expectFailure(try runUlexec(["--", "--help"], environment: ["PATH=\(directory)"]), status: 127,
      "--help : command not found")
  }

  /// A file found in PATH that cannot be executed makes execvp fail with
  /// EACCES (after trying the rest of PATH); the first executable one wins.
  @Test func pathSearchSkipsWhatCannotBeExecuted() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let first = directory + "/first"
    let second = directory + "/second"
    try FileManager.default.createDirectory(atPath: first, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: "/bin/echo", toPath: first + "/tool")
    try setMode(first + "/tool", 0o644)
    try FileManager.default.createDirectory(atPath: first + "/subdir", withIntermediateDirectories: true)
    expectFailure(
      try runUlexec(["tool", "x"], environment: ["PATH=\(first)"]), status: 126,
      "tool : cannot execute: Permission denied")
    expectFailure(
      try runUlexec(["subdir"], environment: ["PATH=\(first)"]), status: 126,
      "subdir : cannot execute: Permission denied")
    try FileManager.default.copyItem(atPath: "/bin/echo", toPath: second + "/tool")
    let found = try runUlexec(["tool", "found"], environment: ["PATH=\(first):\(second)"])
    #expect(found.exitStatus == 0 && found.stdout == "found\n", "\(summary(found))")
  }

  @Test func directory() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    expectFailure(try runUlexec([directory]), status: 126, "\(directory) : is a directory")
  }

  @Test func fileWithoutExecutePermission() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = directory + "/echo"
    try FileManager.default.copyItem(atPath: "/bin/echo", toPath: file)
    try setMode(file, 0o644)
    expectFailure(try runUlexec([file, "x"]), status: 126, "\(file) : cannot execute: Permission denied")
  }

  @Test func notAnELFFile() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let script = try writeExecutable(directory + "/script", Array("#!/bin/sh\necho script\n".utf8))
    expectFailure(try runUlexec([script]), status: 126, "\(script) : not an ELF file")
    let empty = try writeExecutable(directory + "/empty", [])
    expectFailure(try runUlexec([empty]), status: 126, "\(empty) : not an ELF file")
  }

  /// /bin/true cut in its file header, in its program headers and in its
  /// first segment.
  @Test(arguments: [40, 200, 4096])
  func truncatedELFFile(_ length: Int) throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
    try #require(original.count > length)
    let file = try writeExecutable(directory + "/true-\(length)", Array(original.prefix(length)))
    expectFailure(try runUlexec([file]), status: 126, "\(file) : truncated file")
  }

  @Test func elfForAnotherMachineOrClass() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
    var machine = original
    machine[18] = 183  // EM_AARCH64
    machine[19] = 0
    let arm = try writeExecutable(directory + "/true-aarch64", machine)
    expectFailure(try runUlexec([arm]), status: 126, "\(arm) : wrong machine 183 (only x86-64, machine 62, is loaded)")
    original[4] = 1  // ELFCLASS32
    let narrow = try writeExecutable(directory + "/true-elf32", original)
    expectFailure(
      try runUlexec([narrow]), status: 126, "\(narrow) : wrong ELF class 1 (only 64-bit objects are loaded)")
  }

  /// A dynamic program whose PT_INTERP names a missing file (127, as the
  /// shell reports execve's ENOENT), a file without execute permission or
  /// a file that is not ELF (126); the message names the program that
  /// wanted it.
  @Test func unusableInterpreter() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let missing = try buildProbe(
      .glibcPIE, in: directory, name: "missing-interpreter",
      extraFlags: ["-Wl,--dynamic-linker=\(directory)/missing.so"])
    expectFailure(
      try runUlexec([missing]), status: 127,
      "\(directory)/missing.so : cannot open file: No such file or directory (the interpreter of \(missing))")
    let text = try writeExecutable(directory + "/text.so", Array("not a loader\n".utf8))
    let textUser = try buildProbe(
      .glibcPIE, in: directory, name: "text-interpreter", extraFlags: ["-Wl,--dynamic-linker=\(text)"])
    expectFailure(
      try runUlexec([textUser]), status: 126, "\(text) : not an ELF file (the interpreter of \(textUser))")
    try setMode(text, 0o644)
    expectFailure(
      try runUlexec([textUser]), status: 126,
      "\(text) : cannot execute: Permission denied (the interpreter of \(textUser))")
  }
}

// MARK: - Helpers

/// The ways the probe is linked.
enum ProbeFlavor: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case muslStatic = "musl-static"
  case muslDynamic = "musl-dynamic"
  case glibcStatic = "glibc-static"
  case glibcStaticPIE = "glibc-static-pie"
  case glibcPIE = "glibc-pie"
  case glibcNoPIE = "glibc-no-pie"

  var testDescription: String { rawValue }

  var compiler: String { self == .muslStatic || self == .muslDynamic ? "/usr/bin/musl-gcc" : "/usr/bin/gcc" }

  var flags: [String] {
    switch self {
    case .muslStatic, .glibcStatic: ["-static"]
    case .muslDynamic: []
    case .glibcStaticPIE: ["-static-pie", "-fPIE"]
    case .glibcPIE: ["-pie", "-fPIE"]
    case .glibcNoPIE: ["-no-pie", "-fno-PIE"]
    }
  }

  var isDynamic: Bool { interpreter != nil }

  /// PT_INTERP.
  var interpreter: String? {
    switch self {
    case .muslDynamic: "/lib/ld-musl-x86_64.so.1"
    case .glibcPIE, .glibcNoPIE: "/lib64/ld-linux-x86-64.so.2"
    default: nil
    }
  }
}

/// Compiles Tests/Fixtures/Ulexec/probe.c as `flavor` into `directory`.
private func buildProbe(
  _ flavor: ProbeFlavor, in directory: String, name: String? = nil, extraFlags: [String] = []
) throws -> String {
  try #require(
    FileManager.default.isExecutableFile(atPath: flavor.compiler),
    flavor.compiler.hasSuffix("musl-gcc")
      ? "musl-gcc is missing: install musl-tools (apt-get install -y musl-tools)"
      : "gcc is missing: install gcc (apt-get install -y gcc)")
  if let interpreter = flavor.interpreter, flavor == .muslDynamic {
    try #require(
      FileManager.default.fileExists(atPath: interpreter),
      "\(interpreter) is missing: install musl-tools (apt-get install -y musl-tools)")
  }
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let source = root.appendingPathComponent("Tests/Fixtures/Ulexec/probe.c").path
  let output = directory + "/" + (name ?? "probe-\(flavor.rawValue)")
  let compile = try run(
    flavor.compiler,
    arguments: bytes([flavor.compiler, "-O1", "-pthread"] + flavor.flags + extraFlags + ["-o", output, source]),
    environment: bytes(["PATH=/usr/bin:/bin"]))
  try #require(compile.exitStatus == 0, "\(flavor.compiler) failed for \(flavor):\n\(compile.stderr)")
  return output
}

/// A fresh directory of its own (absolute, no symbolic links).
private func temporaryDirectory() throws -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("ulexec-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.resolvingSymlinksInPath().path
}

private func writeExecutable(_ path: String, _ contents: [UInt8]) throws -> String {
  try #require(FileManager.default.createFile(atPath: path, contents: Data(contents)))
  try setMode(path, 0o755)
  return path
}

private func setMode(_ path: String, _ mode: Int) throws {
  try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

private func bytes(_ strings: [String]) -> [[UInt8]] { strings.map { Array($0.utf8) } }

/// Runs `ulexec ARGUMENTS...` with `environment`.
private func runUlexec(_ arguments: [String], environment: [String] = []) throws -> Outcome {
  let ulexec = try Products.path("ulexec")
  return try run(ulexec, arguments: bytes([ulexec] + arguments), environment: bytes(environment))
}

/// Runs `executable` with `argv` (argv[0] as the program is named to
/// ulexec) directly, and as `ulexec argv...`, with the same environment.
private func runBothWays(
  _ executable: String, _ argv: [[UInt8]], environment: [String]
) throws -> (direct: Outcome, ulexec: Outcome) {
  let ulexec = try Products.path("ulexec")
  let environment = bytes(environment)
  let direct = try run(executable, arguments: argv, environment: environment)
  let loaded = try run(ulexec, arguments: [Array(ulexec.utf8)] + argv, environment: environment)
  return (direct, loaded)
}

/// ``runBothWays(_:_:environment:)`` and the check that both ran the same;
/// returns the outcome under ulexec.
@discardableResult
private func expectSameAsDirect(
  _ executable: String, _ argv: [String], environment: [String] = [],
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Outcome {
  let pair = try runBothWays(executable, bytes(argv), environment: environment)
  expectSame(pair.ulexec, pair.direct, argv.joined(separator: " "), sourceLocation: sourceLocation)
  return pair.ulexec
}

private func sameOutcome(_ a: Outcome, _ b: Outcome) -> Bool {
  a.exitStatus == b.exitStatus && a.signal == b.signal && a.standardOutput == b.standardOutput
    && a.standardError == b.standardError
}

private func expectSame(
  _ loaded: Outcome, _ direct: Outcome, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  // A plain Bool, so that a failure prints the two outcomes as text, not
  // their bytes.
  let same = sameOutcome(loaded, direct)
  #expect(
    same, "\(what): under ulexec\n\(summary(loaded))\ndirectly\n\(summary(direct))", sourceLocation: sourceLocation)
}

/// Checks one of ulexec's failures: `status`, nothing on standard output,
/// and exactly the line `ulexec: MESSAGE` on standard error.
private func expectFailure(
  _ outcome: Outcome, status: Int32, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(outcome.exitStatus == status, "\(summary(outcome))", sourceLocation: sourceLocation)
  #expect(outcome.stdout == "", "the program ran: \(summary(outcome))", sourceLocation: sourceLocation)
  #expect(outcome.stderr == "ulexec: \(message)\n", sourceLocation: sourceLocation)
}

/// The lines `AT_NAME:   value` of our auxv tool.
private func auxvEntries(_ text: String) -> [(key: String, value: String)] {
  text.split(separator: "\n").compactMap { line in
    guard let colon = line.firstIndex(of: ":") else { return nil }
    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
  }
}

private func hex(_ text: String) -> UInt64? {
  UInt64(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16)
}
