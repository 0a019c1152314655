import ELF
import Foundation
import Testing

/// A minimal little-endian ELF64 file with one SHT_NOTE section holding
/// `notes`, aligned to `alignment`.
func fileWithNotes(_ notes: [UInt8], alignment: UInt8 = 4) -> FileBytes {
  var b = [UInt8](repeating: 0, count: 64)
  b[0] = 0x7f; b[1] = 0x45; b[2] = 0x4c; b[3] = 0x46; b[4] = 2; b[5] = 1; b[6] = 1
  b[20] = 1  // e_version
  b[52] = 64  // e_ehsize
  let shoff = 64 + notes.count
  withUnsafeBytes(of: UInt64(shoff).littleEndian) { b.replaceSubrange(40..<48, with: $0) }
  b[58] = 64  // e_shentsize
  b[60] = 2  // e_shnum
  b += notes
  b += [UInt8](repeating: 0, count: 64)  // section 0
  var sh = [UInt8](repeating: 0, count: 64)
  sh[4] = 7  // SHT_NOTE
  withUnsafeBytes(of: UInt64(64).littleEndian) { sh.replaceSubrange(24..<32, with: $0) }
  withUnsafeBytes(of: UInt64(notes.count).littleEndian) { sh.replaceSubrange(32..<40, with: $0) }
  sh[48] = alignment
  b += sh
  return FileBytes(b)
}

/// (owner, type, descriptor) of the readable notes, and the damage.
func readable(_ notes: [UInt8]) throws -> ([(String, UInt32, [UInt8])], ELFFile.NoteDamage?) {
  let file = fileWithNotes(notes)
  return try withExtendedLifetime(file) {
    let elf = try ELFFile(bytes: file.buffer)
    let (list, damage) = try elf.readableNotes(in: try elf.sections()[1])
    return (list.map { (string($0.name), $0.type.rawValue, Array($0.descriptor)) }, damage)
  }
}

@Suite struct ReadableNotesTests {
  /// "GNU"/type 3/5-byte descriptor padded to 8, then "ab"/type 7.
  var twoNotes: [UInt8] {
    var b: [UInt8] = []
    func word(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    word(4); word(5); word(3); b += [0x47, 0x4e, 0x55, 0]; b += [1, 2, 3, 4, 5, 0, 0, 0]
    word(3); word(0); word(7); b += [0x61, 0x62, 0, 0]
    return b
  }

  @Test func wellFormed() throws {
    let (notes, damage) = try readable(twoNotes)
    #expect(damage == nil)
    #expect(notes.count == 2)
    #expect(notes[0].0 == "GNU" && notes[0].1 == 3 && notes[0].2 == [1, 2, 3, 4, 5])
    #expect(notes[1].0 == "ab" && notes[1].1 == 7)
  }

  @Test func shortTail() throws {
    let (notes, damage) = try readable(twoNotes + [9, 9, 9, 9, 9])
    #expect(notes.count == 2)
    #expect(damage == .shortHeader(offset: 40, remaining: 5))
  }

  /// A last descriptor without its padding: `notes(in:)` reads it,
  /// `readableNotes(in:)` (readelf's rule) does not.
  @Test func unpaddedLastDescriptor() throws {
    let cut = Array(twoNotes.prefix(21))
    let (notes, damage) = try readable(cut)
    #expect(notes.isEmpty)
    #expect(damage == .sizesPastEnd(offset: 0, type: 3, nameSize: 4, descriptorSize: 5))
    let file = fileWithNotes(cut)
    try withExtendedLifetime(file) {
      let elf = try ELFFile(bytes: file.buffer)
      #expect(Array(try elf.notes(in: try elf.sections()[1])).count == 1)
    }
  }

  @Test func hugeSizes() throws {
    var b = twoNotes
    var bad: [UInt8] = []
    func word(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bad += $0 } }
    word(0xffff_ffff); word(0xffff_fff0); word(1)
    b += bad
    let (notes, damage) = try readable(b)
    #expect(notes.count == 2)
    #expect(damage == .sizesPastEnd(offset: 40, type: 1, nameSize: 0xffff_ffff, descriptorSize: 0xffff_fff0))
  }

  /// Every note section of real files is readable and matches `notes(in:)`.
  @Test(arguments: ["/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib32/libc.so.6"])
  func realFiles(path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { return }
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    for section in try elf.sections() where section.type == .note {
      let (notes, damage) = try elf.readableNotes(in: section)
      #expect(damage == nil)
      let all = try elf.notes(in: section)
      #expect(Array(notes).map(\.type) == Array(all).map(\.type))
      #expect(Array(notes).map(\.nameSize).allSatisfy { $0 > 0 })
    }
  }
}

@Suite struct DynamicTableTests {
  /// The table with its terminator has readelf's "contains N entries"
  /// count, one more than `dynamicEntries()`, and ends with DT_NULL.
  @Test(arguments: ["/bin/ls", "/usr/lib32/libc.so.6"])
  func throughTerminator(path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { return }
    let output = try readelf("-d", path)
    let header = try #require(output.split(separator: "\n").first { $0.hasPrefix("Dynamic section at offset") })
    let words = header.split(separator: " ")
    let offset = try #require(UInt64(words[4].dropFirst(2), radix: 16))
    let expected = try #require(Int(words[6]))
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    let segment = try #require(try elf.programHeaders().first { $0.type == .dynamic })
    #expect(segment.offset == offset)
    let entries = try elf.dynamicEntries(throughTerminatorAt: segment.offset, size: segment.fileSize)
    #expect(entries.count == expected)
    #expect(entries.count == (try elf.dynamicEntries()).count + 1)
    #expect(entries.last?.tag == .null)
    // Cut before the terminator: every whole entry, none of them DT_NULL.
    let size: UInt64 = elf.fileClass == .bits64 ? 16 : 8
    let cut = try elf.dynamicEntries(throughTerminatorAt: segment.offset, size: UInt64(expected - 1) * size + size / 2)
    #expect(cut.count == expected - 1)
    #expect(!cut.contains { $0.tag == .null })
    #expect(throws: ELFError.offsetOutOfRange(.dynamicTable)) {
      _ = try elf.dynamicEntries(throughTerminatorAt: UInt64(file.count) - 8, size: 16)
    }
  }
}
