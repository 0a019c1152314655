import InitialStack
import Testing

/// Truncated, unaligned and garbage buffers give typed errors, never a
/// trap or an out-of-bounds read; builder inputs are validated.
@Suite struct MalformedInputTests {
  static func words(_ values: [UInt], _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
    try values.withUnsafeBytes(body)
  }

  static func parse(_ values: [UInt], base: UInt = 0x1000) throws(InitialStackError) -> ParsedInitialStack {
    var result: Result<ParsedInitialStack, InitialStackError>!
    values.withUnsafeBytes { bytes in
      result = Result { () throws(InitialStackError) in try ParsedInitialStack(bytes: bytes, baseAddress: base, wordSize: .bits64) }
    }
    return try result.get()
  }

  @Test func structuralErrors() throws {
    #expect(throws: InitialStackError.truncated) { try Self.parse([]) }
    #expect(throws: InitialStackError.misaligned(address: 0x1003)) { try Self.parse([0, 0, 0, 0], base: 0x1003) }
    #expect(throws: InitialStackError.argumentCountTooLarge(3)) { try Self.parse([3, 1, 2, 0]) }
    #expect(throws: InitialStackError.argumentCountTooLarge(UInt.max)) { try Self.parse([UInt.max, 0, 0]) }
    #expect(throws: InitialStackError.missingTerminator(.arguments)) { try Self.parse([1, 0x1000, 5, 0, 0, 0]) }
    #expect(throws: InitialStackError.missingTerminator(.environment)) { try Self.parse([0, 0, 5, 6]) }
    #expect(throws: InitialStackError.missingTerminator(.auxiliaryVector)) { try Self.parse([0, 0, 0, 6, 4096, 9]) }
    #expect(throws: InitialStackError.missingTerminator(.auxiliaryVector)) { try Self.parse([0, 0, 0, 6, 4096, 0]) }
    // Unknown keys do not end the vector; only AT_NULL does.
    #expect(try Self.parse([0, 0, 0, 999, 1, 6, 4096, 0, 0]).auxiliaryVector.map(\.key.rawValue) == [999, 6])
  }

  @Test func pointersAreReportedNotFollowed() throws {
    // argv[0] outside, argv[1] unterminated at the end, argv[2] fine.
    let words: [UInt] = [3, 0xdead_0000, 0x1000 + 8 * 9 + 7, 0x1000 + 8 * 9, 0, 0, 0, 0, 0, 0x4142_4300_0000_0000 | 0x44, 0x4545_4545_4545_4545]
    try words.withUnsafeBytes { bytes in
      let parsed = try ParsedInitialStack(bytes: bytes, baseAddress: 0x1000, wordSize: .bits64)
      #expect(parsed.argumentPointers.map { $0 } == [0xdead_0000, 0x1000 + 79, 0x1000 + 72])
      guard case .failure(.pointerOutOfRange(0xdead_0000)) = parsed.arguments[0] else { Issue.record("argv[0]"); return }
      guard case .failure(.unterminatedString) = parsed.arguments[1] else { Issue.record("argv[1]"); return }
      #expect(parsed.arguments[2].bytes == [0x44])
      #expect(throws: InitialStackError.pointerOutOfRange(0xfff)) { try parsed.string(at: 0xfff) }
      #expect(throws: InitialStackError.pointerOutOfRange(0x1000 + 80)) { try parsed.randomBytes(at: 0x1000 + 80) }
    }
  }

  /// Every prefix of a valid block, at every misalignment, and many random
  /// buffers: parsing and resolving every pointer give typed errors only.
  @Test(arguments: [WordSize.bits64, .bits32])
  func truncationAndGarbage(wordSize: WordSize) throws {
    var builder = try CrateExampleTests.exampleBuilder()
    if wordSize == .bits32 {
      builder = InitialStackBuilder(layout: .linuxLibcAuxv, wordSize: .bits32)
      try builder.addArgument("a")
      try builder.addEnvironmentVariable("B=c")
      try builder.setPlatform("i686")
      try builder.setRandomBytes(Array(repeating: 9, count: 16))
    }
    let size = try builder.totalSize
    try withAlignedBuffer(count: size + 16) { buffer in
      for shift in 0..<8 {
        let block = UnsafeMutableRawBufferPointer(rebasing: buffer[shift..<(shift + size)])
        try builder.serialize(into: block, baseAddress: 0x4000)
        for length in 0..<size {
          let prefix = UnsafeRawBufferPointer(rebasing: block[0..<length])
          do throws(InitialStackError) {
            let parsed = try ParsedInitialStack(bytes: prefix, baseAddress: 0x4000, wordSize: wordSize)
            Self.resolveEverything(parsed)
          } catch {
            // Any typed error is fine.
          }
        }
      }
    }
    var rng = SplitMix64(seed: 42)
    for _ in 0..<3000 {
      let count = Int(rng.next() % 200)
      let words = (0..<(count + 7) / 8).map { _ in
        // Small values make plausible counts, keys and in-range pointers.
        rng.next() % 3 == 0 ? UInt(rng.next() % 4) : rng.next() % 3 == 0 ? UInt(0x4000 + rng.next() % 220) : UInt(truncatingIfNeeded: rng.next())
      }
      try words.withUnsafeBytes { all in
        let bytes = UnsafeRawBufferPointer(rebasing: all[0..<min(count, all.count)])
        if let parsed = try? ParsedInitialStack(bytes: bytes, baseAddress: 0x4000, wordSize: wordSize) {
          Self.resolveEverything(parsed)
        }
        _ = try? AuxiliaryVectorEntries(validating: bytes, wordSize: wordSize).map { $0 }
      }
    }
  }

  static func resolveEverything(_ parsed: ParsedInitialStack) {
    _ = parsed.arguments.map(\.bytes)
    _ = parsed.environment.map(\.bytes)
    for entry in parsed.auxiliaryVector {
      _ = try? parsed.string(at: entry.value)
      _ = try? parsed.randomBytes(at: entry.value)
      _ = entry.typedValue
    }
  }

  @Test func builderErrors() throws {
    var builder = InitialStackBuilder(layout: .linuxLibcAuxv, wordSize: .bits32)
    #expect(throws: InitialStackError.environmentEntryWithoutEquals(index: 0)) { try builder.addEnvironmentVariable("FOO") }
    #expect(throws: InitialStackError.interiorNul(.argument, index: 0)) { try builder.addArgument("a\0b") }
    #expect(throws: InitialStackError.interiorNul(.argument, index: 0)) { try builder.addArgument("a\0\0") }
    #expect(throws: InitialStackError.interiorNul(.environment, index: 0)) { try builder.addEnvironmentVariable("A=\0b") }
    #expect(throws: InitialStackError.interiorNul(.platform, index: 0)) { try builder.setPlatform("x\0y") }
    #expect(throws: InitialStackError.randomBytesCount(15)) { try builder.setRandomBytes(Array(repeating: 0, count: 15)) }
    #expect(throws: InitialStackError.valueTooLarge(key: .entry, value: 0x1_0000_0000)) {
      try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .entry, value: 0x1_0000_0000))
    }
    try builder.addArgument("ok\0")
    #expect(builder.argumentCount == 1)
    let size = try builder.totalSize
    try withAlignedBuffer(count: size) { buffer in
      #expect(throws: InitialStackError.bufferTooSmall(required: size, available: size - 1)) {
        try builder.serialize(into: UnsafeMutableRawBufferPointer(rebasing: buffer[1...]), baseAddress: 0x1000)
      }
      #expect(throws: InitialStackError.addressOutOfRange) { try builder.serialize(into: buffer, baseAddress: 0xffff_fff0) }
    }
    let kernel = InitialStackBuilder(layout: .kernel(stackTop: 0x10_0000, alignmentGap: 100), wordSize: .bits64)
    let base = try #require(try kernel.requiredBaseAddress)
    try withAlignedBuffer(count: try kernel.totalSize) { buffer in
      #expect(throws: InitialStackError.baseAddressMismatch(expected: base, given: 0x1000)) {
        try kernel.serialize(into: buffer, baseAddress: 0x1000)
      }
    }
    #expect(throws: InitialStackError.addressOutOfRange) {
      try InitialStackBuilder(layout: .kernel(stackTop: 0x20, alignmentGap: 0), wordSize: .bits64).totalSize
    }
    #expect(throws: InitialStackError.addressOutOfRange) {
      try InitialStackBuilder(layout: .kernel(stackTop: 0x1_0000_1000), wordSize: .bits32).totalSize
    }
  }
}
