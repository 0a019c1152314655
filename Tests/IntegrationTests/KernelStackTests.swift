import Foundation
import InitialStack
import Testing

/// The `kernel` layout against the real thing: `stackdump` writes the block
/// the kernel built for it (argc up to the top of the stack); rebuilding it
/// from its parsed values — same strings, same auxiliary vector in the same
/// order, same random bytes, same stack top, and the kernel's random
/// alignment gap set to the observed value — must give the same bytes.
@Suite("Kernel stack layout")
struct KernelStackTests {
  static func dump(_ arguments: [[UInt8]], environment: [[UInt8]]) throws -> (block: [UInt8], base: UInt, top: UInt) {
    let path = try Products.path("stackdump")
    let outcome = try run(path, arguments: [Array(path.utf8)] + arguments, environment: environment)
    try #require(outcome.exitStatus == 0, "\(outcome.stderr)")
    let fields = outcome.stderr.split(whereSeparator: { $0 == " " || $0 == "\n" })
    let base = try #require(UInt(fields[1].dropFirst(2), radix: 16))
    let top = try #require(UInt(fields[3].dropFirst(2), radix: 16))
    #expect(top - base == UInt(outcome.standardOutput.count))
    #expect(top % 4096 == 0, "the stack top is the end of the stack mapping")
    #expect(base % 16 == 0, "argc is 16-byte aligned")
    return (outcome.standardOutput, base, top)
  }

  static func rebuild(_ block: [UInt8], base: UInt, top: UInt) throws -> [UInt8] {
    try block.withUnsafeBytes { bytes in
      let stack = try ParsedInitialStack(bytes: bytes, baseAddress: base, wordSize: .bits64)
      // The gap: argv[0]'s string is the lowest string; the platform string
      // ends where the aligned-down gap left it.
      let lowestString = stack.argumentPointers.first ?? stack.environmentPointers.first!
      let platformAddress = try #require(stack.auxiliaryVector[.platform])
      let platform = try stack.string(at: platformAddress)
      let gap = lowestString - (platformAddress + UInt(platform.count) + 1)

      var builder = InitialStackBuilder(layout: .kernel(stackTop: top, alignmentGap: gap), wordSize: .bits64)
      for string in stack.arguments { try builder.addArgument(bytes: Array(try string.get())) }
      for string in stack.environment { try builder.addEnvironmentVariable(bytes: Array(try string.get())) }
      for entry in stack.auxiliaryVector {
        switch entry.key {
        case .platform: try builder.setPlatform(String(decoding: try stack.string(at: entry.value), as: UTF8.self))
        case .basePlatform:
          try builder.setBasePlatform(String(decoding: try stack.string(at: entry.value), as: UTF8.self))
        case .executableFileName: try builder.setExecutableFileName(bytes: Array(try stack.string(at: entry.value)))
        case .random: try builder.setRandomBytes(Array(try stack.randomBytes(at: entry.value)))
        default: try builder.addAuxiliaryEntry(entry)
        }
      }
      #expect(try builder.requiredBaseAddress == base)
      var rebuilt = [UInt8](repeating: 0xee, count: try builder.totalSize)
      try rebuilt.withUnsafeMutableBytes { try builder.serialize(into: $0, baseAddress: base) }
      return rebuilt
    }
  }

  @Test(arguments: [
    ([], []),
    (["one", "", "two words"], ["A=1", "EMPTY=", "LONG=" + String(repeating: "x", count: 4000)]),
    ((0..<200).map { "argument-\($0)" }, (0..<300).map { "V\($0)=\($0)" }),
  ])
  func rebuildsTheKernelsBlockByteForByte(arguments: [String], environment: [String]) throws {
    let (block, base, top) = try Self.dump(arguments.map { Array($0.utf8) }, environment: environment.map { Array($0.utf8) })
    let rebuilt = try Self.rebuild(block, base: base, top: top)
    #expect(rebuilt.count == block.count)
    if let first = zip(rebuilt, block).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
      Issue.record("first difference at offset \(first.offset) (address 0x\(String(base + UInt(first.offset), radix: 16)))")
    }
    #expect(rebuilt == block)
  }

  @Test func nonUTF8Strings() throws {
    let (block, base, top) = try Self.dump([[0xff, 0xfe, 0x41]], environment: [[0x42, 0x3d, 0x80, 0x81]])
    #expect(try Self.rebuild(block, base: base, top: top) == block)
  }
}
