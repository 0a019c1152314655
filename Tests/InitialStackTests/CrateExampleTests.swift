import InitialStack
import Testing

/// The minimal example of the `linux-libc-auxv` 0.2.1 README, a
/// conformance case: same inputs, same 240 bytes, same printed lines.
@Suite struct CrateExampleTests {
  /// The crate's `Debug` names of the keys the example prints.
  static func crateName(_ key: AuxiliaryVectorKey) -> String {
    switch key {
    case .null: "Null"
    case .platform: "Platform"
    case .clockTicks: "Clktck"
    case .random: "Random"
    case .executableFileName: "ExecFn"
    default: "\(key.rawValue)"
    }
  }

  static func exampleBuilder() throws -> InitialStackBuilder {
    var builder = InitialStackBuilder(layout: .linuxLibcAuxv, wordSize: .bits64)
    try builder.addArgument("./first_arg\0")
    try builder.addArgument("./second_arg")
    try builder.addEnvironmentVariable("FOO=BAR\0")
    try builder.addEnvironmentVariable("PATH=/bin")
    try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .clockTicks, value: 100))
    try builder.setRandomBytes(Array(1...16))
    try builder.setExecutableFileName("/usr/bin/foo")
    try builder.setPlatform("x86_64")
    return builder
  }

  @Test func readmeMinimalExample() throws {
    let builder = try Self.exampleBuilder()
    #expect(try builder.totalSize == 240)
    #expect(try builder.requiredBaseAddress == nil)
    try withAlignedBuffer(count: try builder.totalSize) { buffer in
      #expect(try builder.serialize(into: buffer, baseAddress: 0x7fff_0000) == 240)
      let parsed = try ParsedInitialStack(bytes: UnsafeRawBufferPointer(buffer), baseAddress: 0x7fff_0000, wordSize: .bits64)
      var lines: [String] = []
      lines.append("There are \(parsed.argumentCount) arguments.")
      lines.append("There are \(parsed.environmentPointers.count) environment variables.")
      // The crate's iterator includes the AT_NULL entry.
      lines.append("There are \(parsed.auxiliaryVector.count + 1) auxiliary vector entries/AT variables.")
      lines.append(" argv")
      for (i, pointer) in parsed.argumentPointers.enumerated() { lines.append(" [\(i)] @ \(hex(pointer))") }
      lines.append(" envp")
      for (i, pointer) in parsed.environmentPointers.enumerated() { lines.append(" [\(i)] @ \(hex(pointer))") }
      lines.append(" aux")
      for entry in parsed.auxiliaryVector {
        let marker = entry.key.valueKind.pointsIntoDataArea ? "@ " : ""
        lines.append(" \(Self.crateName(entry.key)) => \(marker)\(hex(entry.value))")
      }
      // The AT_NULL pair the crate's iterator ends with.
      let null = parsed.auxiliaryVector.bytes.count - 16
      #expect(parsed.auxiliaryVector.bytes[null..<null + 16].allSatisfy { $0 == 0 })
      lines.append(" Null => 0x0")
      #expect(
        lines == [
          "There are 2 arguments.",
          "There are 2 environment variables.",
          "There are 5 auxiliary vector entries/AT variables.",
          " argv",
          " [0] @ 0x7fff00b0",
          " [1] @ 0x7fff00bc",
          " envp",
          " [0] @ 0x7fff00c9",
          " [1] @ 0x7fff00d1",
          " aux",
          " Platform => @ 0x7fff0090",
          " Clktck => 0x64",
          " Random => @ 0x7fff0097",
          " ExecFn => @ 0x7fff00db",
          " Null => 0x0",
        ])
      // The data behind the pointers.
      #expect(parsed.arguments.map(\.bytes) == [Array("./first_arg".utf8), Array("./second_arg".utf8)])
      #expect(parsed.environment.map(\.bytes) == [Array("FOO=BAR".utf8), Array("PATH=/bin".utf8)])
      #expect(Array(try parsed.string(at: parsed.auxiliaryVector[.platform]!)) == Array("x86_64".utf8))
      #expect(Array(try parsed.string(at: parsed.auxiliaryVector[.executableFileName]!)) == Array("/usr/bin/foo".utf8))
      #expect(Array(try parsed.randomBytes(at: parsed.auxiliaryVector[.random]!)) == Array(1...16))
      #expect(parsed.auxiliaryVector.first { $0.key == .random }?.typedValue == .randomBytes(address: 0x7fff_0097))
      // The final zero word at the top.
      #expect(buffer[232..<240].allSatisfy { $0 == 0 })
    }
  }

  /// The same block for the current address space: the pointers can be
  /// followed in place.
  @Test func currentAddressSpace() throws {
    let builder = try Self.exampleBuilder()
    try withAlignedBuffer(count: 240) { buffer in
      try builder.serialize(into: buffer)
      let base = UInt(bitPattern: buffer.baseAddress)
      let parsed = try ParsedInitialStack(bytes: UnsafeRawBufferPointer(buffer), baseAddress: base, wordSize: .bits64)
      let argv1 = UnsafePointer<CChar>(bitPattern: parsed.argumentPointers[1])!
      #expect(String(cString: argv1) == "./second_arg")
      #expect(parsed.argumentPointers[0] == base + 0xb0)
    }
  }
}
