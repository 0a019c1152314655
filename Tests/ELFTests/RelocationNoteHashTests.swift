import ELF
import Foundation
import Testing

/// `readelf -W -r`: per section, (name, [(offset, info, addend?)]) and, for
/// RELR, the list of offsets.
func readelfRelocations(_ path: String) throws -> (plain: [String: [(UInt64, UInt64, Int64?)]], relr: [String: [UInt64]]) {
  var plain: [String: [(UInt64, UInt64, Int64?)]] = [:]
  var relr: [String: [UInt64]] = [:]
  var current: String? = nil
  var isRELR = false
  for line in try readelf("-r", path).split(separator: "\n") {
    if line.hasPrefix("Relocation section '") {
      let name = line.dropFirst("Relocation section '".count).prefix(while: { $0 != "'" })
      current = String(name)
      isRELR = name.hasPrefix(".relr")
      if isRELR { relr[current!] = [] } else { plain[current!] = [] }
      continue
    }
    guard let section = current else { continue }
    let tokens = line.split(separator: " ")
    if isRELR {
      if tokens.count == 1, let v = UInt64(tokens[0], radix: 16) { relr[section]!.append(v) }
      continue
    }
    guard tokens.count >= 3, let offset = UInt64(tokens[0], radix: 16), let info = UInt64(tokens[1], radix: 16) else { continue }
    var addend: Int64? = nil
    if let sign = tokens.lastIndex(where: { $0 == "+" || $0 == "-" }), sign + 1 < tokens.count,
      let magnitude = UInt64(tokens[sign + 1], radix: 16)
    {
      addend = tokens[sign] == "-" ? -Int64(bitPattern: magnitude) : Int64(bitPattern: magnitude)
    } else if tokens.count == 4, let v = UInt64(tokens[3], radix: 16) {
      addend = Int64(bitPattern: v)  // no symbol: readelf prints the addend alone
    }
    plain[section]!.append((offset, info, addend))
  }
  return (plain, relr)
}

func compareRelocations(_ path: String, expectRELR: Bool = false) throws {
  let file = try FileBytes(path: path)
  let elf = try ELFFile(bytes: file.buffer)
  let expected = try readelfRelocations(path)
  var seen = 0
  var seenRELR = 0
  for section in try elf.sections() {
    let name = string(try elf.name(of: section))
    if section.type == .relocations || section.type == .relocationsWithAddends {
      let relocations = try elf.relocations(in: section)
      let lines = try #require(expected.plain[name], "\(path): \(name)")
      #expect(lines.count == relocations.count, "\(path): \(name) count")
      for (line, r) in zip(lines, relocations) {
        #expect(line.0 == r.offset)
        #expect(line.1 == r.info)
        #expect(r.symbolIndex == UInt32(r.info >> 32) && r.type == UInt32(truncatingIfNeeded: r.info))
        if section.type == .relocationsWithAddends {
          if let a = line.2 { #expect(a == r.addend, "\(path): \(name) addend at \(r.offset)") }
          #expect(r.addend != nil)
        } else {
          #expect(r.addend == nil)
        }
      }
      seen += 1
    } else if section.type == .relativeRelocations {
      let offsets = Array(try elf.relativeRelocations(in: section))
      #expect(offsets == expected.relr[name], "\(path): \(name)")
      if let dynamic = try elf.dynamicRelativeRelocations() { #expect(Array(dynamic) == offsets) }
      seenRELR += 1
    }
  }
  #expect(seen == expected.plain.count, "\(path): relocation section count")
  #expect(seenRELR == expected.relr.count)
  if expectRELR { #expect(seenRELR == 1) }
}

@Suite struct RelocationTests {
  @Test func binLs() throws { try compareRelocations("/bin/ls") }
  @Test func libc() throws { try compareRelocations("/usr/lib/x86_64-linux-gnu/libc.so.6") }
  @Test func object() throws { try compareRelocations(try compileObject(sampleC, flags: ["-fPIC"])) }

  @Test func packedRelativeRelocations() throws {
    let dir = try temporaryDirectory()
    let c = dir.appendingPathComponent("relr.c").path
    let exe = dir.appendingPathComponent("relr").path
    var source = "int x; int *p = &x; int *table[200] = {"
    for i in 0..<200 where i % 3 != 1 { source += "[\(i)] = &x, " }
    source += "};\nint main(void) { return *p + *table[5]; }\n"
    try source.write(toFile: c, atomically: true, encoding: .utf8)
    _ = try run("/usr/bin/cc", ["-fPIE", "-pie", "-Wl,-z,pack-relative-relocs", "-o", exe, c])
    try compareRelocations(exe, expectRELR: true)
  }

  @Test func handmadeRELR() {
    // 0x1000 (address), then bitmap: bits 1 and 3 → 0x1008, 0x1018;
    // then bitmap bit 63 → base 0x1008 + 63*8, + 62*8.
    let words: [UInt64] = [0x1000, 0b1011, 1 | (1 << 63)]
    var bytes: [UInt8] = []
    for w in words { withUnsafeBytes(of: w.littleEndian) { bytes += $0 } }
    let offsets = bytes.withUnsafeBytes {
      Array(ELFFile.RelativeRelocations(bytes: $0, endianness: .little, fileClass: .bits64))
    }
    let last: UInt64 = 0x1008 + 63 * 8 + 62 * 8
    let expected: [UInt64] = [0x1000, 0x1008, 0x1018, last]
    #expect(offsets == expected)
    // ELF32, big-endian: address 0x100, bitmap bit 31 → 0x104 + 30*4.
    let words32: [UInt32] = [0x100, 1 | (1 << 31)]
    var bytes32: [UInt8] = []
    for w in words32 { withUnsafeBytes(of: w.bigEndian) { bytes32 += $0 } }
    let offsets32 = bytes32.withUnsafeBytes {
      Array(ELFFile.RelativeRelocations(bytes: $0, endianness: .big, fileClass: .bits32))
    }
    let expected32: [UInt64] = [0x100, 0x104 + 30 * 4]
    #expect(offsets32 == expected32)
  }
}

/// The build ID `readelf -n` prints, in hex.
func readelfBuildID(_ path: String) throws -> String? {
  for line in try readelf("-n", path).split(separator: "\n") {
    // With -W the description and its data share one line.
    if let r = line.range(of: "Build ID: ") { return String(line[r.upperBound...]) }
  }
  return nil
}

func hex(_ bytes: UnsafeRawBufferPointer) -> String {
  bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

@Suite struct NoteTests {
  @Test(arguments: ["/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6"])
  func buildID(path: String) throws {
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    let expected = try #require(try readelfBuildID(path))
    #expect(try elf.buildID().map(hex) == expected)
    // Through the segments too.
    var fromSegments: String? = nil
    for segment in try elf.programHeaders() where segment.type == .note {
      for note in try elf.notes(in: segment) where note.isGNU && note.type == .gnuBuildID { fromSegments = hex(note.descriptor) }
    }
    #expect(fromSegments == expected)
  }

  @Test func allNotesMatchReadelf() throws {
    let path = "/bin/ls"
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    // readelf -n: "  Owner  Data size  Description" rows.
    var rows: [(String, UInt64)] = []
    for line in try readelf("-n", path).split(separator: "\n") {
      let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      if tokens.count >= 3, tokens[1].hasPrefix("0x"), let size = number(tokens[1], hex: true) { rows.append((String(tokens[0]), size)) }
    }
    var ours: [(String, UInt64)] = []
    for section in try elf.sections() where section.type == .note {
      for note in try elf.notes(in: section) { ours.append((string(note.name), UInt64(note.descriptor.count))) }
    }
    #expect(ours.count == rows.count)
    for (a, b) in zip(ours, rows) { #expect(a.0 == b.0 && a.1 == b.1) }
  }

  @Test func abiTag() throws {
    let file = try FileBytes(path: "/bin/ls")
    let elf = try ELFFile(bytes: file.buffer)
    var expected: String? = nil
    for line in try readelf("-n", "/bin/ls").split(separator: "\n") where line.contains("OS: ") {
      expected = String(line[line.range(of: "OS: ")!.lowerBound...])
    }
    let tag = try #require(try elf.abiTag())
    #expect(tag.os == 0)
    #expect(expected == "OS: Linux, ABI: \(tag.major).\(tag.minor).\(tag.patch)")
  }

  @Test func handmadeNotes() throws {
    // Two notes, 4-aligned: "GNU"/type 3/desc 5 bytes (padded to 8), then "ab"/type 7/no desc.
    var b: [UInt8] = []
    func word(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { b += $0 } }
    word(4); word(5); word(3); b += [0x47, 0x4e, 0x55, 0]; b += [1, 2, 3, 4, 5, 0, 0, 0]
    word(3); word(0); word(7); b += [0x61, 0x62, 0, 0]
    // The full bytes parse; a cut copy throws.
    let full = try notesOf(b)
    #expect(full.count == 2)
    #expect(full[0].0 == "GNU" && full[0].1 == 3 && full[0].2 == [1, 2, 3, 4, 5])
    #expect(full[1].0 == "ab" && full[1].1 == 7 && full[1].2 == [])
    #expect(throws: ELFError.truncated(.note)) { _ = try notesOf(Array(b.dropLast(10))) }
  }
}

/// Notes of a minimal ELF64 file with one SHT_NOTE section holding `notes`.
func notesOf(_ notes: [UInt8]) throws -> [(String, UInt32, [UInt8])] {
  let file = fileWithNotes(notes)
  let elf = try ELFFile(bytes: file.buffer)
  let section = try elf.sections()[1]
  return try elf.notes(in: section).map { (string($0.name), $0.type.rawValue, Array($0.descriptor)) }
}

@Suite struct HashLookupTests {
  @Test func libcGNUHash() throws {
    let file = try FileBytes(path: "/usr/lib/x86_64-linux-gnu/libc.so.6")
    let elf = try ELFFile(bytes: file.buffer)
    let gnu = try #require(try elf.sections().first { $0.type == .gnuHash })
    let table = try elf.gnuHashTable(in: gnu)
    let sysvSection = try elf.sections().first { $0.type == .hash }
    let sysv = try sysvSection.map { section throws(ELFError) in try elf.sysvHashTable(in: section) }
    var checked = 0
    for (i, symbol) in table.symbols.enumerated() where symbol.sectionIndex != 0 && i >= Int(table.symbolOffset) {
      let name = try table.symbols.name(of: symbol)
      let found = try #require(table.index(named: name), "\(string(name))")
      #expect(try table.symbols.name(of: table.symbols[found]).elementsEqual(name))
      if let sysv {
        let viaSysV = try #require(sysv.index(named: name))
        #expect(try sysv.symbols.name(of: sysv.symbols[viaSysV]).elementsEqual(name))
      }
      checked += 1
    }
    #expect(checked > 2000)
    #expect(table.lookup(name: "printf".utf8)?.type == .function)
    for absent in ["", "printf_", "no_such_symbol_xyz", "PRINTF", "memcpy2"] {
      #expect(table.lookup(name: absent.utf8) == nil, "\(absent)")
      if let sysv { #expect(sysv.lookup(name: absent.utf8) == nil) }
    }
  }

  @Test func sharedObjectBothStyles() throws {
    let dir = try temporaryDirectory()
    let c = dir.appendingPathComponent("lib.c").path
    let so = dir.appendingPathComponent("lib.so").path
    var source = ""
    for i in 0..<300 { source += "int function\(i)(void) { return \(i); }\nint variable\(i) = \(i);\n" }
    try source.write(toFile: c, atomically: true, encoding: .utf8)
    _ = try run("/usr/bin/cc", ["-shared", "-fPIC", "-Wl,--hash-style=both", "-o", so, c])
    let file = try FileBytes(path: so)
    let elf = try ELFFile(bytes: file.buffer)
    let gnu = try elf.gnuHashTable(in: try #require(try elf.sections().first { $0.type == .gnuHash }))
    let sysv = try elf.sysvHashTable(in: try #require(try elf.sections().first { $0.type == .hash }))
    for i in 0..<300 {
      for name in ["function\(i)", "variable\(i)"] {
        let a = try #require(gnu.lookup(name: name.utf8), "\(name)")
        let b = try #require(sysv.lookup(name: name.utf8), "\(name)")
        #expect(a == b)
        #expect(a.value != 0)
      }
      #expect(gnu.lookup(name: "function\(i)x".utf8) == nil)
      #expect(sysv.lookup(name: "function\(i)x".utf8) == nil)
    }
  }
}
