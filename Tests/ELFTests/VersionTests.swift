import ELF
import Foundation
import Testing

/// The "Version definition" and "Version needs" lines of `readelf -V`,
/// rebuilt from the views (offsets, names, flags, indexes).
func versionLines(_ elf: ELFFile) throws -> [String] {
  var lines: [String] = []
  func hex(_ v: Int) -> String { String(format: "0x%04x", v) }
  for section in try elf.sections() {
    if section.type == .gnuVersionDefinitions {
      let table = try elf.versionDefinitions(in: section)
      for d in table {
        var names = d.names.makeIterator()
        guard let first = names.next() else { Issue.record("no name"); continue }
        lines.append("\(hex(d.offset)) def \(d.version) \(d.flags) \(d.index) \(d.names.count) \(string(try table.name(at: first.nameOffset)))")
        var j = 1
        while let parent = names.next() {
          lines.append("\(hex(parent.offset)) parent \(j) \(string(try table.name(at: parent.nameOffset)))")
          j += 1
        }
      }
    } else if section.type == .gnuVersionNeeds {
      let table = try elf.versionRequirements(in: section)
      for r in table {
        lines.append("\(hex(r.offset)) need \(r.version) \(string(try table.name(at: r.fileOffset))) \(r.versions.count)")
        for v in r.versions {
          lines.append("\(hex(v.offset)) name \(string(try table.name(at: v.nameOffset))) \(v.flags) \(v.other)")
        }
      }
    }
  }
  return lines
}

/// The same lines parsed from GNU readelf's output.
func readelfVersionLines(_ path: String) throws -> [String] {
  var lines: [String] = []
  var mode = ""
  for line in try readelf("-V", path).split(separator: "\n") {
    if line.hasPrefix("Version definition section") { mode = "def"; continue }
    if line.hasPrefix("Version needs section") { mode = "need"; continue }
    if line.hasPrefix("Version symbols section") { mode = ""; continue }
    let words = line.split(separator: " ")
    guard mode != "", words.count > 1, words[0].hasSuffix(":"), !line.hasPrefix(" Addr") else { continue }
    var offset = String(words[0].dropLast())
    if offset == "000000" { offset = "0x0000" }
    let rest = Array(words.dropFirst())
    if mode == "def" {
      if rest[0] == "Rev:" {
        // Rev: 1  Flags: BASE  Index: 1  Cnt: 1  Name: libc.so.6
        let flags = rest[3] == "BASE" ? 1 : rest[3] == "WEAK" ? 2 : rest[3] == "none" ? 0 : -1
        lines.append("\(offset) def \(rest[1]) \(flags) \(rest[5]) \(rest[7]) \(rest[9])")
      } else {
        // Parent 1: GLIBC_2.2.5
        lines.append("\(offset) parent \(rest[1].dropLast()) \(rest[2])")
      }
    } else {
      if rest[0] == "Version:" {
        lines.append("\(offset) need \(rest[1]) \(rest[3]) \(rest[5])")
      } else {
        // Name: GLIBC_2.3  Flags: none  Version: 2
        let flags = rest[3] == "none" ? 0 : rest[3] == "WEAK" ? 2 : -1
        lines.append("\(offset) name \(rest[1]) \(flags) \(rest[5])")
      }
    }
  }
  return lines
}

@Suite struct VersionTests {
  @Test(arguments: ["/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6"])
  func definitionsAndRequirementsMatchReadelf(path: String) throws {
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    let expected = try readelfVersionLines(path)
    #expect(!expected.isEmpty)
    #expect(try versionLines(elf) == expected)
  }

  @Test func symbolVersionNamesMatchReadelf() throws {
    let path = "/usr/lib/x86_64-linux-gnu/libc.so.6"
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    let sections = try elf.sections()
    let versym = try elf.versionSymbols(in: try #require(sections.first { $0.type == .gnuVersionSymbols }))
    let definitions = try elf.versionDefinitions(in: try #require(sections.first { $0.type == .gnuVersionDefinitions }))
    let dynsym = try elf.symbols(in: try #require(sections.first { $0.type == .dynamicSymbols }))
    #expect(versym.count == dynsym.count)
    // readelf --dyn-syms prints name@VERSION (hidden) or name@@VERSION.
    var expected: [String: String] = [:]
    for line in try readelf("--dyn-syms", path).split(separator: "\n") {
      guard let name = line.split(separator: " ").last, name.contains("@") else { continue }
      let parts = name.split(separator: "@", omittingEmptySubsequences: false)
      expected[String(parts[0])] = String(name.dropFirst(parts[0].count))
    }
    var checked = 0
    for index in 1..<dynsym.count {
      let symbol = dynsym[index]
      let name = string(try dynsym.name(of: symbol))
      let value = versym[index]
      guard let version = try ELFFile.versionName(index: value, definitions: definitions, requirements: nil) else { continue }
      let mark = value & ELFFile.VersionSymbols.hidden != 0 || symbol.sectionIndex == 0 ? "@" : "@@"
      if let e = expected[name], e == mark + string(version) { checked += 1 }
    }
    #expect(checked > 2500)
  }

  @Test func malformedChainsAreErrors() throws {
    let path = "/bin/ls"
    let original = try FileBytes(path: path).array
    let file0 = FileBytes(original)
    let elf0 = try ELFFile(bytes: file0.buffer)
    let section = try #require(try elf0.sections().first { $0.type == .gnuVersionNeeds })
    let base = Int(section.offset)
    // vn_next of the first entry pointing back to itself (a loop), to 8
    // (inside itself), past the end; vn_cnt huge; vn_aux past the end.
    let cases: [(Int, [UInt8])] = [
      (base + 12, [0, 0, 0, 0]), (base + 12, [8, 0, 0, 0]), (base + 12, [0xff, 0xff, 0, 0]),
      (base + 2, [0xff, 0xff]), (base + 8, [0xf0, 0xff, 0xff, 0x7f]),
    ]
    for (offset, patch) in cases {
      var bytes = original
      bytes.replaceSubrange(offset..<offset + patch.count, with: patch)
      let file = FileBytes(bytes)
      let elf = try ELFFile(bytes: file.buffer)
      let s = try #require(try elf.sections().first { $0.type == .gnuVersionNeeds })
      #expect(throws: ELFError.self) { _ = try elf.versionRequirements(in: s) }
    }
    // sh_info (count) larger than the section can hold.
    let file = FileBytes(original)
    let elf = try ELFFile(bytes: file.buffer)
    var s = try #require(try elf.sections().first { $0.type == .gnuVersionNeeds })
    s.info = 1_000_000
    #expect(throws: ELFError.truncated(.versionTable)) { _ = try elf.versionRequirements(in: s) }
    s.info = 0
    var none = try elf.versionRequirements(in: s).makeIterator()
    #expect(none.next() == nil)
  }
}
