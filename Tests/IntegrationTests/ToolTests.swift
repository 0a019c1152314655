import Foundation
import Testing

@Suite("Freestanding tools")
struct ToolTests {
  @Test func helloPrintsHelloWorld() throws {
    let outcome = try runProduct("hello")
    #expect(outcome.stdout == "hello world\n")
    #expect(outcome.standardError.isEmpty)
    #expect(outcome.exitStatus == 0)
  }

  @Test func helloReportsAWriteErrorOnAFullDevice() throws {
    let path = try Products.path("hello")
    let outcome = try run(path, arguments: [Array(path.utf8)], stdoutPath: "/dev/full")
    #expect(outcome.exitStatus == 1)
    #expect(outcome.stderr == "\(path): write error (errno 28)\n")
  }

  @Test func argsWithNoArguments() throws {
    let path = try Products.path("args")
    let outcome = try run(path, arguments: [Array(path.utf8)])
    #expect(outcome.stdout == path + "\n")
    #expect(outcome.exitStatus == 0)
  }

  @Test func argsLikeTheSeedTranscript() throws {
    let path = try Products.path("args")
    let outcome = try run(path, arguments: [Array("./target/bin".utf8), Array("a1".utf8), Array("a2".utf8)])
    #expect(outcome.stdout == "./target/bin\na1\na2\n")
  }

  @Test func argsWithEmptyStrings() throws {
    let outcome = try runProduct("args", ["", "x", "", ""])
    let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(Array(lines.dropFirst()) == ["", "x", "", "", ""])
  }

  @Test func argsWithNonUTF8Bytes() throws {
    let path = try Products.path("args")
    let odd: [UInt8] = [0xff, 0xfe, 0x80, 0x41, 0xc3]
    let outcome = try run(path, arguments: [Array(path.utf8), odd, [0x01, 0x7f]])
    #expect(outcome.standardOutput == Array(path.utf8) + [10] + odd + [10, 0x01, 0x7f, 10])
  }

  @Test func argsWithOne128KiBArgument() throws {
    let path = try Products.path("args")
    // The kernel limits one argument to MAX_ARG_STRLEN, 32 pages: 131072
    // bytes including the NUL.
    let big = (0..<131_071).map { UInt8(97 + $0 % 26) }
    let outcome = try run(path, arguments: [Array(path.utf8), big])
    #expect(outcome.standardOutput == Array(path.utf8) + [10] + big + [10])
    #expect(outcome.exitStatus == 0)
  }

  @Test func printenvPrintsTheWholeEnvironment() throws {
    let environment = ["A=1", "EMPTY=", "B=two words", "NOEQUALS", "A=second"]
    let outcome = try runProduct("printenv", environment: environment)
    #expect(outcome.stdout == environment.map { $0 + "\n" }.joined())
    #expect(outcome.exitStatus == 0)
  }

  @Test func printenvWithAnEmptyEnvironment() throws {
    let outcome = try runProduct("printenv")
    #expect(outcome.standardOutput.isEmpty)
    #expect(outcome.exitStatus == 0)
  }

  @Test func printenvPrintsNamedVariables() throws {
    let outcome = try runProduct("printenv", ["B", "A", "EMPTY"], environment: ["A=1", "EMPTY=", "B=x=y", "A=2"])
    #expect(outcome.stdout == "x=y\n1\n\n")
    #expect(outcome.exitStatus == 0)
  }

  @Test func printenvFailsWhenAVariableIsMissing() throws {
    let outcome = try runProduct("printenv", ["A", "MISSING", "A=1", "AB"], environment: ["A=1", "ABC=2"])
    #expect(outcome.stdout == "1\n")
    #expect(outcome.standardError.isEmpty)
    #expect(outcome.exitStatus == 1)
  }

  @Test func printenvNullTerminated() throws {
    let outcome = try runProduct("printenv", ["-0"], environment: ["A=1", "B=2"])
    #expect(outcome.standardOutput == Array("A=1\u{0}B=2\u{0}".utf8))
    let named = try runProduct("printenv", ["--null", "B"], environment: ["A=1", "B=2"])
    #expect(named.standardOutput == Array("2\u{0}".utf8))
  }

  @Test func printenvRejectsUnknownOptions() throws {
    let short = try runProduct("printenv", ["-x"])
    #expect(short.exitStatus == 2)
    #expect(short.stderr == "printenv: invalid option -- 'x'\nTry 'printenv --help' for more information.\n")
    let long = try runProduct("printenv", ["--bogus"])
    #expect(long.exitStatus == 2)
    #expect(long.stderr == "printenv: unrecognized option '--bogus'\nTry 'printenv --help' for more information.\n")
    let help = try runProduct("printenv", ["--help"])
    #expect(help.exitStatus == 0)
    #expect(help.stdout.hasPrefix("Usage: printenv [OPTION]... [VARIABLE]..."))
  }

  @Test func printenvWithTenThousandVariables() throws {
    let environment = (0..<10_000).map { "VARIABLE_\($0)=value \($0)" }
    let all = try runProduct("printenv", environment: environment)
    #expect(all.stdout == environment.map { $0 + "\n" }.joined())
    #expect(all.exitStatus == 0)
    let last = try runProduct("printenv", ["VARIABLE_9999", "VARIABLE_0"], environment: environment)
    #expect(last.stdout == "value 9999\nvalue 0\n")
  }

  @Test func printenvAgreesWithCoreutils() throws {
    let environment = ["PATH=/usr/bin:/bin", "X=1", "Y=", "Z=a=b"]
    let ours = try runProduct("printenv", ["Z", "Y", "X", "Q"], environment: environment)
    let theirs = try run(
      "/usr/bin/printenv", arguments: ["printenv", "Z", "Y", "X", "Q"].map { Array($0.utf8) },
      environment: environment.map { Array($0.utf8) })
    #expect(ours.standardOutput == theirs.standardOutput)
    #expect(ours.exitStatus == theirs.exitStatus)
  }

  @Test(arguments: [("0", 0), ("7", 7), ("255", 255)])
  func exitcodeExitsWithItsArgument(argument: String, status: Int32) throws {
    let outcome = try runProduct("exitcode", [argument])
    #expect(outcome.exitStatus == status)
    #expect(outcome.standardOutput.isEmpty)
  }

  @Test func exitcodeRejectsBadNumbers() throws {
    for bad in ["256", "-1", "x", "", "1000"] {
      let outcome = try runProduct("exitcode", [bad])
      #expect(outcome.exitStatus == 2, "exitcode \(bad)")
      #expect(outcome.stderr.hasPrefix("exitcode: invalid status '\(bad)'"))
    }
    #expect(try runProduct("exitcode").exitStatus == 0)
    #expect(try runProduct("exitcode", ["1", "2"]).exitStatus == 2)
  }
}
