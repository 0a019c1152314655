import Foundation
import Testing

/// The files readelf is compared on (Scripts/readelf-corpus.sh: built test
/// programs of every kind plus files of the machine and our own tools).
enum ReadelfCorpus {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let files: [String] = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [root.appendingPathComponent("Scripts/readelf-corpus.sh").path]
    process.currentDirectoryURL = root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return [] }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map { path in
      path.hasPrefix("/") ? String(path) : root.appendingPathComponent(String(path)).path
    }
  }()
}

/// GNU readelf, the oracle, with the C locale.
func gnuReadelf(_ arguments: [String]) throws -> Outcome {
  try run("/usr/bin/readelf", arguments: (["readelf"] + arguments).map { Array($0.utf8) }, environment: [Array("LC_ALL=C".utf8)])
}

@Suite struct ReadelfToolTests {
  @Test func corpusHasEveryKindOfFile() throws {
    let files = ReadelfCorpus.files
    #expect(files.count >= 30, "corpus: \(files)")
    for name in ["/static", "/static-pie", "/relr", "/nopie", "/m32", "/m32-static", "/object.o", "/m32.o", "/shared.so", "/groups.o", "/nosections", "/readelf"] {
      #expect(files.contains { $0.hasSuffix(name) }, "no \(name) in the corpus")
    }
  }

  /// Each option on its own, with -W, on every file of the corpus: our
  /// output is byte-identical to GNU readelf's, and both succeed.
  @Test(arguments: ["-h", "-l", "-S", "-s", "--dyn-syms", "-d", "-r", "-n", "-V", "-e", "-g", "-u", "-I", "-a"])
  func identicalToGNUReadelf(option: String) throws {
    let ours = try Products.path("readelf")
    var identical = 0
    for file in ReadelfCorpus.files {
      let expected = try gnuReadelf(["-W", option, file])
      let actual = try run(ours, arguments: [ours, "-W", option, file])
      #expect(actual.exitStatus == 0, "readelf -W \(option) \(file): \(actual.stderr)")
      if actual.standardOutput == expected.standardOutput {
        identical += 1
      } else {
        let ourLines = actual.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let gnuLines = expected.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(ourLines, gnuLines).enumerated().first { $0.element.0 != $0.element.1 }
        let where_ = first.map { "line \($0.offset + 1):\n  ours: \($0.element.0)\n  GNU:  \($0.element.1)" }
          ?? "lengths \(ourLines.count) vs \(gnuLines.count) lines"
        Issue.record("readelf -W \(option) \(file) differs from GNU readelf at \(where_)")
      }
    }
    #expect(identical == ReadelfCorpus.files.count)
    #expect(identical >= 30)
  }

  @Test func severalFilesGetFileHeadersAsGNUPrintsThem() throws {
    let ours = try Products.path("readelf")
    let files = ["/bin/true", ours]
    let expected = try gnuReadelf(["-W", "-h", "-l"] + files)
    let actual = try run(ours, arguments: [ours, "-W", "-h", "-l"] + files)
    #expect(actual.exitStatus == 0)
    #expect(actual.stdout == expected.stdout)
  }

  @Test func missingFileIsAnErrorAndTheOthersAreStillShown() throws {
    let ours = try Products.path("readelf")
    let actual = try run(ours, arguments: [ours, "-h", "/nonexistent/x", "/bin/true"])
    #expect(actual.exitStatus == 1)
    #expect(actual.stderr == "readelf: Error: '/nonexistent/x': No such file\n")
    #expect(actual.stdout.contains("File: /bin/true\nELF Header:"))
  }

  @Test func directoryAndNonELFFilesAreErrors() throws {
    let ours = try Products.path("readelf")
    let directory = try run(ours, arguments: [ours, "-h", "/tmp"])
    #expect(directory.exitStatus == 1)
    #expect(directory.stderr == "readelf: Error: '/tmp' is not an ordinary file\n")
    let text = FileManager.default.temporaryDirectory.appendingPathComponent("readelf-\(UUID().uuidString).txt")
    try Data("this is not an ELF file, just some text\n".utf8).write(to: text)
    defer { try? FileManager.default.removeItem(at: text) }
    let notELF = try run(ours, arguments: [ours, "-a", text.path])
    #expect(notELF.exitStatus == 1)
    #expect(notELF.stderr == "readelf: Error: \(text.path): Failed to read file header\n")
    #expect(notELF.signal == nil)
  }

  /// Files too short for the identification or the header, and files
  /// with other magic bytes: GNU's message, exit status 1.
  @Test(arguments: [0, 5, 10, 30, 60, 200])
  func shortAndForeignFilesGetGNUMessages(length: Int) throws {
    let ours = try Products.path("readelf")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("readelf-\(UUID().uuidString)").path
    var bytes = [UInt8](repeating: 0x41, count: length)
    if length >= 60 { bytes.replaceSubrange(0..<5, with: [0x7f, 0x45, 0x4c, 0x46, 2]) }  // ELF magic, class 64
    if length == 200 { bytes[1] = 0x46 }  // damaged magic
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let expected = try gnuReadelf(["-h", path])
    let actual = try run(ours, arguments: [ours, "-h", path])
    if length == 60 {
      // A complete header of garbage: GNU prints it; so do we.
      #expect(actual.stdout == expected.stdout)
    } else {
      #expect(actual.exitStatus == 1 && expected.exitStatus == 1)
      #expect(actual.stderr == expected.stderr)
    }
  }

  /// ARM unwind tables (SHT_ARM_EXIDX) are not decoded: a warning says so
  /// and the exit status is 1, rather than output that looks complete.
  @Test func undecodedUnwindTablesAreReported() throws {
    let ours = try Products.path("readelf")
    let object = try #require(ReadelfCorpus.files.first { $0.hasSuffix("/object.o") })
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: object)))
    bytes[18] = 40  // e_machine = EM_ARM
    bytes[19] = 0
    let sectionHeaders = bytes[0x28..<0x30].reversed().reduce(0) { $0 << 8 | Int($1) }
    let type = sectionHeaders + 64 + 4  // section 1's sh_type
    bytes.replaceSubrange(type..<type + 4, with: [0x01, 0, 0, 0x70])  // SHT_ARM_EXIDX
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("readelf-\(UUID().uuidString).o").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let actual = try run(ours, arguments: [ours, "-W", "-u", path])
    #expect(actual.exitStatus == 1)
    #expect(actual.stderr.contains("readelf: Warning: decoding the unwind tables of machine type 0x28 is not implemented\n"))
    #expect(actual.signal == nil)
  }

  @Test func usageErrors() throws {
    let ours = try Products.path("readelf")
    let none = try run(ours, arguments: [ours])
    #expect(none.exitStatus == 1 && none.stderr.hasPrefix("Usage: readelf <option(s)> elf-file(s)"))
    let nothing = try run(ours, arguments: [ours, "-W", "/bin/true"])
    #expect(nothing.exitStatus == 1 && nothing.stderr.hasPrefix("Usage: readelf"))
    let noFile = try run(ours, arguments: [ours, "-h"])
    #expect(noFile.exitStatus == 1 && noFile.stderr.hasPrefix("readelf: Warning: Nothing to do.\n"))
    let invalid = try run(ours, arguments: [ours, "-Q", "/bin/true"])
    #expect(invalid.exitStatus == 1 && invalid.stderr.hasPrefix("readelf: invalid option -- 'Q'\n"))
    let unknown = try run(ours, arguments: [ours, "--bogus", "/bin/true"])
    #expect(unknown.exitStatus == 1 && unknown.stderr.hasPrefix("readelf: unrecognized option '--bogus'\n"))
    let help = try run(ours, arguments: [ours, "--help"])
    #expect(help.exitStatus == 0 && help.stdout.hasPrefix("Usage: readelf"))
    let shortHelp = try run(ours, arguments: [ours, "-H"])
    #expect(shortHelp.exitStatus == 0 && shortHelp.stdout == help.stdout)
    let combined = try run(ours, arguments: [ours, "-hW", "--segments", "--", "/bin/true"])
    let separate = try gnuReadelf(["-W", "-h", "-l", "/bin/true"])
    #expect(combined.exitStatus == 0 && combined.stdout == separate.stdout)
  }

  @Test func writeErrorIsReported() throws {
    let ours = try Products.path("readelf")
    let actual = try run(ours, arguments: [ours, "-W", "-h", "/bin/true"].map { Array($0.utf8) }, stdoutPath: "/dev/full")
    #expect(actual.exitStatus == 1)
    #expect(actual.stderr.contains("write error"))
  }
}

/// Runs `path` with string arguments (argv, including argv[0]).
func run(_ path: String, arguments: [String]) throws -> Outcome {
  try run(path, arguments: arguments.map { Array($0.utf8) })
}
