import Foundation
import Testing

@Suite("stacklayout")
struct StackLayoutToolTests {
  static let readmeExample = [
    "build", "--arg", "./first_arg", "--arg", "./second_arg", "--env", "FOO=BAR", "--env", "PATH=/bin",
    "--aux", "AT_CLKTCK=100", "--random", "0102030405060708090a0b0c0d0e0f10", "--execfn", "/usr/bin/foo",
    "--platform", "x86_64",
  ]

  func parse(_ block: [UInt8], base: String, bits: String = "64") throws -> Outcome {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("stack-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: file) }
    try Data(block).write(to: URL(fileURLWithPath: file))
    return try runProduct("stacklayout", ["parse", "--base", base, "--bits", bits, file])
  }

  /// The crate README's minimal example: 240 bytes, and its addresses.
  @Test func buildsAndParsesTheCrateExample() throws {
    let built = try runProduct("stacklayout", Self.readmeExample)
    #expect(built.exitStatus == 0)
    #expect(built.standardOutput.count == 240)
    let parsed = try parse(built.standardOutput, base: "0x7fff0000")
    #expect(parsed.stdout == """
      argc 2
      argv[0] @ 0x7fff00b0 "./first_arg"
      argv[1] @ 0x7fff00bc "./second_arg"
      envp[0] @ 0x7fff00c9 "FOO=BAR"
      envp[1] @ 0x7fff00d1 "PATH=/bin"
      AT_PLATFORM = 0x7fff0090 "x86_64"
      AT_CLKTCK = 0x64
      AT_RANDOM = 0x7fff0097 [0102030405060708090a0b0c0d0e0f10]
      AT_EXECFN = 0x7fff00db "/usr/bin/foo"

      """)
  }

  @Test func kernelLayoutIn32Bits() throws {
    let built = try runProduct("stacklayout", [
      "build", "--layout", "kernel", "--bits", "32", "--top", "0xc0000000", "--gap", "24", "--arg", "prog",
      "--env", "A=1", "--aux", "AT_PAGESZ=4096", "--platform", "i686", "--random", String(repeating: "ab", count: 16),
      "--execfn", "/bin/prog", "--kernel-order",
    ])
    #expect(built.exitStatus == 0)
    let base = try #require(built.stderr.split(separator: " ").last?.dropLast())  // "base 0x…\n"
    #expect((UInt(base.dropFirst(2), radix: 16) ?? 1) % 16 == 0)
    let parsed = try parse(built.standardOutput, base: String(base), bits: "32")
    let lines = parsed.stdout.split(separator: "\n")
    #expect(lines.first == "argc 1")
    #expect(lines.contains { $0.hasPrefix("argv[0] @ 0x") && $0.hasSuffix("\"prog\"") })
    #expect(lines.contains { $0.hasPrefix("AT_PLATFORM = 0x") && $0.hasSuffix("\"i686\"") })
    #expect(lines.contains("AT_PAGESZ = 0x1000"))
  }

  @Test func malformedInputAndUsageErrors() throws {
    let garbage = try parse([UInt8](repeating: 0xff, count: 64), base: "0x1000")
    #expect(garbage.exitStatus == 1)
    #expect(garbage.stderr.hasPrefix("stacklayout: malformed stack: "))
    let truncated = try parse([2, 0, 0], base: "0x1000")
    #expect(truncated.exitStatus == 1)
    #expect(truncated.stderr == "stacklayout: malformed stack: truncated block\n")
    let noBase = try runProduct("stacklayout", ["parse"])
    #expect(noBase.exitStatus == 2)
    let badEnvironment = try runProduct("stacklayout", ["build", "--env", "NOEQUALS"])
    #expect(badEnvironment.exitStatus == 1)
    #expect(badEnvironment.stderr == "stacklayout: environment entry 0 has no '='\n")
    let badKey = try runProduct("stacklayout", ["build", "--aux", "AT_NOPE=1"])
    #expect(badKey.exitStatus == 2)
  }
}
