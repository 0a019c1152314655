import ELF
import Testing

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

@Suite struct RobustnessTests {
  /// Every prefix of a small object up to 2 KiB, then a sample of longer
  /// prefixes: each gives an error or a valid reading, never a crash.
  @Test func truncatedObject() throws {
    let path = try compileObject(sampleC)
    let whole = try FileBytes(path: path)
    let all = whole.array
    var lengths = Array(0...min(2048, all.count))
    var generator = SplitMix64(state: 1)
    for _ in 0..<300 { lengths.append(Int.random(in: 0...all.count, using: &generator)) }
    for length in lengths {
      let prefix = FileBytes(Array(all[0..<length]))
      exercise(prefix.buffer)
      if length < 64 { #expect(throws: ELFError.self) { try ELFFile(bytes: prefix.buffer) } }
    }
    // The whole file reads without error.
    let elf = try ELFFile(bytes: whole.buffer)
    #expect(try elf.sections().count > 5)
  }

  @Test func truncatedSharedObject() throws {
    let whole = try FileBytes(path: "/bin/ls")
    let all = whole.array
    var generator = SplitMix64(state: 2)
    for _ in 0..<100 {
      let prefix = FileBytes(Array(all[0..<Int.random(in: 0...all.count, using: &generator)]))
      exercise(prefix.buffer)
    }
  }

  /// Random mutations of headers and tables: errors or valid readings.
  @Test(arguments: ["object", "/bin/ls", "big32"])
  func mutatedHeaders(_ which: String) throws {
    let original: [UInt8]
    switch which {
    case "object": original = try FileBytes(path: try compileObject(sampleC)).array
    case "big32": original = bigEndian32File()
    default: original = try FileBytes(path: which).array
    }
    let elf = try FileBytes(original)
    let parsed = try ELFFile(bytes: elf.buffer)
    // Interesting places: the file header, the program and section header
    // tables, and the start of every section.
    var hotSpots: [Range<Int>] = [0..<64]
    let ph = Int(parsed.programHeaderOffset)
    hotSpots.append(ph..<min(original.count, ph + 56 * Int(parsed.programHeaderCount)))
    let sh = Int(parsed.sectionHeaderOffset)
    hotSpots.append(sh..<min(original.count, sh + Int(parsed.sectionHeaderEntrySize) * Int(parsed.sectionCount)))
    for section in try parsed.sections() where section.offset < original.count {
      hotSpots.append(Int(section.offset)..<min(original.count, Int(section.offset) + 64))
    }
    hotSpots = hotSpots.filter { !$0.isEmpty }
    var generator = SplitMix64(state: UInt64(which.utf8.count))
    for _ in 0..<(which == "/bin/ls" ? 300 : 1500) {
      var mutated = original
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        let spot = hotSpots.randomElement(using: &generator)!
        let i = Int.random(in: spot, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: mutated[i] = UInt8.random(in: 0...255, using: &generator)
        case 1: mutated[i] = 0xff
        case 2: mutated[i] = 0
        default: mutated[i] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
        }
      }
      let file = FileBytes(mutated)
      exercise(file.buffer)
    }
  }
}
