import InitialStack
import Testing

/// Randomized inputs, built then parsed, give back the inputs: both
/// layouts, both word sizes, empty vectors, 4,000-byte strings, every key,
/// duplicate keys.
@Suite struct RoundTripTests {
  static let knownKeys: [UInt] = Array(1...33).filter { ![15, 24, 25, 31].contains($0) } + Array(40...47) + [51]

  struct Case {
    var builder: InitialStackBuilder
    var arguments: [[UInt8]] = []
    var environment: [[UInt8]] = []
    /// Expected entries, first-insertion order, last value wins;
    /// data values as negative markers resolved later.
    var entries: [(key: UInt, value: UInt, data: UInt8)] = []  // data: 0 none, 1 platform, 2 base, 3 execfn, 4 random
    var platform: [UInt8] = [], basePlatform: [UInt8] = [], fileName: [UInt8] = [], random: [UInt8] = []

    mutating func record(_ key: UInt, _ value: UInt, _ data: UInt8) {
      if let i = entries.firstIndex(where: { $0.key == key }) { entries[i] = (key, value, data) } else { entries.append((key, value, data)) }
    }
  }

  static func randomString(_ rng: inout SplitMix64, environment: Bool) -> [UInt8] {
    let length = rng.next() % 20 == 0 ? 4000 : Int(rng.next() % 24)
    var bytes = (0..<length).map { _ in UInt8.random(in: 1...255, using: &rng) }
    if environment { bytes.insert(UInt8(ascii: "="), at: Int(rng.next() % UInt64(bytes.count + 1))) }
    return bytes
  }

  static func randomCase(_ rng: inout SplitMix64, layout: InitialStackLayout, wordSize: WordSize) throws -> Case {
    var c = Case(builder: InitialStackBuilder(layout: layout, wordSize: wordSize))
    for _ in 0..<Int(rng.next() % 9) {
      var s = randomString(&rng, environment: false)
      c.arguments.append(s)
      if rng.next() % 4 == 0 { s.append(0) }  // a trailing NUL is dropped
      try c.builder.addArgument(bytes: s)
    }
    for _ in 0..<Int(rng.next() % 9) {
      let s = randomString(&rng, environment: true)
      c.environment.append(s)
      try c.builder.addEnvironmentVariable(bytes: s)
    }
    let all = rng.next() % 8 == 0
    let keys = all ? knownKeys : (0..<Int(rng.next() % 12)).map { _ in knownKeys.randomElement(using: &rng)! }
    for key in keys + (rng.next() % 3 == 0 ? [UInt(100 + rng.next() % 1000)] : []) {
      let value = UInt(truncatingIfNeeded: rng.next()) & wordSize.maximumValue
      try c.builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: AuxiliaryVectorKey(rawValue: key), value: value))
      c.record(key, value, 0)
      if rng.next() % 5 == 0 {  // a duplicate: the last value wins
        try c.builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: AuxiliaryVectorKey(rawValue: key), value: 7))
        c.record(key, 7, 0)
      }
    }
    for _ in 0..<Int(rng.next() % 6) {
      switch rng.next() % 4 {
      case 0:
        c.platform = Array(randomString(&rng, environment: false).prefix(30))
        try c.builder.setPlatform(String(decoding: c.platform.map { $0 & 0x7f | 1 }, as: UTF8.self))
        c.platform = c.platform.map { $0 & 0x7f | 1 }
        c.record(15, 0, 1)
      case 1:
        c.basePlatform = [UInt8]("i686".utf8)
        try c.builder.setBasePlatform("i686")
        c.record(24, 0, 2)
      case 2:
        c.fileName = randomString(&rng, environment: false)
        try c.builder.setExecutableFileName(bytes: c.fileName)
        c.record(31, 0, 3)
      default:
        c.random = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        try c.builder.setRandomBytes(c.random)
        c.record(25, 0, 4)
      }
    }
    return c
  }

  static func check(_ c: Case, seed: UInt64) throws {
    let builder = c.builder
    let size = try builder.totalSize
    let base: UInt
    switch builder.layout {
    case .linuxLibcAuxv: base = builder.wordSize == .bits64 ? 0x7fff_0000_0000 : 0xbf00_0000
    case .kernel(let top, _):
      base = try #require(try builder.requiredBaseAddress)
      #expect(base % 16 == 0)
      #expect(base + UInt(size) == top)
    }
    try withAlignedBuffer(count: size + 8) { buffer in
      #expect(try builder.serialize(into: buffer, baseAddress: base) == size)
      let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<size])
      let parsed = try ParsedInitialStack(bytes: bytes, baseAddress: base, wordSize: builder.wordSize)
      #expect(parsed.argumentCount == c.arguments.count, "seed \(seed)")
      #expect(parsed.arguments.map(\.bytes) == c.arguments, "seed \(seed)")
      #expect(parsed.environment.map(\.bytes) == c.environment, "seed \(seed)")
      // The zero word at the top, and the file name right below it.
      let w = builder.wordSize.byteCount
      #expect(bytes[(size - w)...].allSatisfy { $0 == 0 })
      var expected = c.entries
      if case .linuxLibcAuxv = builder.layout {
        if !expected.contains(where: { $0.key == 31 }) { expected.append((31, 0, 3)) }
        expected.sort { $0.key < $1.key }
      }
      let got = Array(parsed.auxiliaryVector)
      #expect(got.map(\.key.rawValue) == expected.map(\.key), "seed \(seed)")
      for (entry, want) in zip(got, expected) {
        switch want.data {
        case 0: #expect(entry.value == want.value, "seed \(seed)")
        case 4: #expect(Array(try parsed.randomBytes(at: entry.value)) == c.random)
        default:
          let string = Array(try parsed.string(at: entry.value))
          #expect(string == [c.platform, c.basePlatform, c.fileName][Int(want.data) - 1], "seed \(seed)")
          if want.data == 3 { #expect(parsed.offset(of: entry.value)! + string.count + 1 + w == size) }
        }
      }
    }
  }

  @Test(arguments: [WordSize.bits64, .bits32])
  func linuxLibcAuxvLayout(wordSize: WordSize) throws {
    for seed in UInt64(0)..<1500 {
      var rng = SplitMix64(seed: seed)
      try Self.check(try Self.randomCase(&rng, layout: .linuxLibcAuxv, wordSize: wordSize), seed: seed)
    }
  }

  @Test(arguments: [WordSize.bits64, .bits32])
  func kernelLayout(wordSize: WordSize) throws {
    for seed in UInt64(0)..<1500 {
      var rng = SplitMix64(seed: seed &+ 1_000_000)
      let top: UInt = wordSize == .bits64
        ? 0x7ffc_0000_0000 + UInt(rng.next() % 0x1000) * 4096 - UInt(rng.next() % 64)
        : 0xff00_0000 - UInt(rng.next() % 0x1000) * 4096 + UInt(rng.next() % 64)
      let layout = InitialStackLayout.kernel(stackTop: top, alignmentGap: UInt(rng.next() % 8192))
      try Self.check(try Self.randomCase(&rng, layout: layout, wordSize: wordSize), seed: seed)
    }
  }

  /// Standalone auxiliary vectors (`/proc/<pid>/auxv`): encode, then
  /// decode, in both word sizes.
  @Test(arguments: [WordSize.bits64, .bits32])
  func standaloneAuxiliaryVector(wordSize: WordSize) throws {
    for seed in UInt64(0)..<500 {
      var rng = SplitMix64(seed: seed)
      let entries = (0..<Int(rng.next() % 40)).map { _ in
        AuxiliaryVectorEntry(
          key: AuxiliaryVectorKey(rawValue: UInt(1 + rng.next() % 100)),
          value: UInt(truncatingIfNeeded: rng.next()) & wordSize.maximumValue)
      }
      let size = AuxiliaryVectorEntries.encodedSize(count: entries.count, wordSize: wordSize)
      #expect(size == (entries.count + 1) * 2 * wordSize.byteCount)
      try withAlignedBuffer(count: size + 3) { buffer in
        #expect(try AuxiliaryVectorEntries.encode(entries, wordSize: wordSize, into: buffer) == size)
        // Unaligned, with trailing bytes after AT_NULL.
        let decoded = try AuxiliaryVectorEntries(validating: UnsafeRawBufferPointer(buffer), wordSize: wordSize)
        #expect(Array(decoded) == entries)
        #expect(decoded.count == entries.count)
        #expect(throws: InitialStackError.missingTerminator(.auxiliaryVector)) {
          try AuxiliaryVectorEntries(validating: UnsafeRawBufferPointer(rebasing: buffer[0..<(size - 1)]), wordSize: wordSize)
        }
      }
    }
  }
}
