import Foundation
import Testing

/// `cat` against GNU cat: same output bytes, same messages, same status.
@Suite("cat")
struct CatTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("cat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = directory.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Runs our cat and GNU cat with the same arguments and input; expects
  /// identical stdout and status, and stderr identical but for the name.
  func compare(_ arguments: [String], input: [UInt8] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
    let ours = try runProduct("cat", arguments, input: input)
    let gnu = try run("/usr/bin/cat", arguments: (["cat"] + arguments).map { Array($0.utf8) }, input: input)
    #expect(ours.standardOutput == gnu.standardOutput, sourceLocation: sourceLocation)
    #expect(ours.exitStatus == gnu.exitStatus, sourceLocation: sourceLocation)
    #expect(ours.stderr == gnu.stderr, sourceLocation: sourceLocation)
    return ours
  }

  @Test func filesDashAndStandardInput() throws {
    let a = try file("a", Array("first\n".utf8))
    let b = try file("b", (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
    let empty = try file("empty", [])
    let input = Array("from standard input\n".utf8)
    _ = try compare([a, b], input: input)
    _ = try compare([a, "-", b, empty], input: input)
    _ = try compare([], input: input)
    _ = try compare(["-"], input: input)
    _ = try compare(["--", a], input: input)
    _ = try compare(["-u", a], input: input)
  }

  @Test func missingFilesAndDirectoriesAreReportedAndSkipped() throws {
    let a = try file("a", Array("still printed\n".utf8))
    let outcome = try compare([directory.appendingPathComponent("missing").path, a, directory.path, a])
    #expect(outcome.exitStatus == 1)
    #expect(outcome.stderr.contains("missing: No such file or directory"))
    #expect(outcome.stderr.contains(": Is a directory"))
    #expect(outcome.stdout == "still printed\nstill printed\n")
  }

  @Test func filesThatReportSizeZeroAreRead() throws {
    let ours = try runProduct("cat", ["/proc/self/status"])
    #expect(ours.stdout.hasPrefix("Name:\t"))
    _ = try compare(["/proc/version"])
  }

  @Test func invalidOptions() throws {
    _ = try compare(["-x"])
    _ = try compare(["--bogus"])
    let help = try runProduct("cat", ["--help"])
    #expect(help.stdout.hasPrefix("Usage: cat [OPTION]... [FILE]..."))
  }

  @Test func writeErrorsStopWithAMessage() throws {
    let a = try file("a", Array("x\n".utf8))
    let path = try Products.path("cat")
    let outcome = try run(path, arguments: [Array("cat".utf8), Array(a.utf8)], stdoutPath: "/dev/full")
    let gnu = try run("/usr/bin/cat", arguments: [Array("cat".utf8), Array(a.utf8)], stdoutPath: "/dev/full")
    #expect(outcome.exitStatus == 1)
    #expect(outcome.stderr == gnu.stderr)
  }

  /// Output opened for appending makes sendfile fail with EINVAL: the copy
  /// falls back to read/write; the same file as input and output is refused.
  @Test func appendModeOutputAndInputIsOutput() throws {
    let a = try file("a", Array("abc\n".utf8))
    let out = try file("out", Array("start\n".utf8))
    let cat = try Products.path("cat")
    let appended = try run("/bin/sh", arguments: ["sh", "-c", "exec \"$0\" \"$1\" >> \"$2\"", cat, a, out].map { Array($0.utf8) })
    #expect(appended.exitStatus == 0)
    #expect(try String(contentsOfFile: out, encoding: .utf8) == "start\nabc\n")
    let same = try run("/bin/sh", arguments: ["sh", "-c", "exec \"$0\" \"$1\" >> \"$1\"", cat, out].map { Array($0.utf8) })
    #expect(same.exitStatus == 1)
    #expect(same.stderr == "cat: \(out): input file is output file\n")
  }

  /// A large file into a pipe and into a file arrives byte for byte.
  @Test func largeFileThroughAPipeAndIntoAFile() throws {
    let big = (0..<(8 << 20)).map { UInt8(truncatingIfNeeded: ($0 >> 3) &* 31) }
    let source = try file("big", big)
    let cat = try Products.path("cat")
    let copy = directory.appendingPathComponent("copy").path
    let piped = try run(
      "/bin/sh", arguments: ["sh", "-c", "\"$0\" \"$1\" | \"$0\" > \"$2\"", cat, source, copy].map { Array($0.utf8) })
    #expect(piped.exitStatus == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(big))
    let direct = try run(cat, arguments: [Array(cat.utf8), Array(source.utf8)], stdoutPath: copy)
    #expect(direct.exitStatus == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(big))
  }

  /// No more system calls than GNU cat for the same copy (strace -c).
  @Test func noMoreSystemCallsThanGNUCat() throws {
    let strace = "/usr/bin/strace"
    try #require(FileManager.default.isExecutableFile(atPath: strace), "strace is needed (apt-get install strace)")
    let source = try file("sixteen", [UInt8](repeating: 7, count: 16 << 20))
    func calls(_ program: String) throws -> Int {
      let report = directory.appendingPathComponent("strace-\(UUID().uuidString)").path
      let outcome = try run(
        strace, arguments: ["strace", "-f", "-c", "-o", report, program, source].map { Array($0.utf8) },
        stdoutPath: "/dev/null")
      try #require(outcome.exitStatus == 0, "\(outcome.stderr)")
      let text = try String(contentsOfFile: report, encoding: .utf8)
      let total = text.split(separator: "\n").first { $0.hasSuffix("total") }?.split(separator: " ")
      return try #require(total.flatMap { Int($0[3]) })
    }
    let ours = try calls(Products.path("cat"))
    let gnu = try calls("/usr/bin/cat")
    #expect(ours <= gnu, "ours \(ours), GNU \(gnu)")
  }
}
