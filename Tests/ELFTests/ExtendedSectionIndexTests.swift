import ELF
import Foundation
import Testing

/// An object with more sections than `st_shndx` can number (66 000 plus
/// the assembler's own), so that its symbols need `SHT_SYMTAB_SHNDX`.
func manySectionsObject() throws -> String {
  let dir = try temporaryDirectory()
  let s = dir.appendingPathComponent("many.s").path
  let o = dir.appendingPathComponent("many.o").path
  var source = ""
  for i in 0..<66_000 { source += ".section .t\(i),\"ax\"\n.globl s\(i)\ns\(i): .byte 0\n" }
  try source.write(toFile: s, atomically: true, encoding: .utf8)
  _ = try run("/usr/bin/as", ["-o", o, s])
  return o
}

/// Removes the temporary directory holding `path` (the object is some
/// megabytes).
func removeDirectory(of path: String) {
  try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
}

@Suite struct ExtendedSectionIndexTests {
  @Test func resolvesSectionIndexesBeyondTheReservedRange() throws {
    let path = try manySectionsObject()
    defer { removeDirectory(of: path) }
    let bytes = try FileBytes(path: path)
    let elf = try ELFFile(bytes: bytes.buffer)
    let sections = try elf.sections()
    #expect(sections.count > 0xff00)
    guard let symtabIndex = sections.firstIndex(where: { $0.type == .symbolTable }) else {
      Issue.record("no .symtab")
      return
    }
    let table = try elf.symbols(in: sections[symtabIndex])
    let extended = try #require(try elf.extendedSectionIndexes(forSymbolTableAt: symtabIndex))
    #expect(extended.count == table.count)
    // The section of each `sN` is the section named `.tN`, whatever its
    // index; past 0xff00 only the extended index gives it.
    var checked = 0
    var viaExtended = 0
    for (index, symbol) in table.enumerated() {
      let name = string(try table.name(of: symbol))
      guard name.hasPrefix("s"), let n = Int(name.dropFirst()) else { continue }
      let section = ELFFile.sectionIndex(of: symbol, at: index, extended: extended)
      #expect(string(try elf.name(of: sections[Int(section)])) == ".t\(n)")
      if symbol.sectionIndex == ELFFile.extendedSectionIndex { viaExtended += 1 }
      checked += 1
    }
    #expect(checked == 66_000)
    #expect(viaExtended > 0)
    // Without the index table an SHN_XINDEX symbol keeps its raw index.
    let last = table[table.count - 1]
    #expect(last.sectionIndex == ELFFile.extendedSectionIndex)
    #expect(ELFFile.sectionIndex(of: last, at: table.count - 1, extended: nil) == 0xffff)
  }

  @Test func noIndexSectionForAnOrdinaryTable() throws {
    let path = try compileObject(sampleC)
    let bytes = try FileBytes(path: path)
    let elf = try ELFFile(bytes: bytes.buffer)
    let sections = try elf.sections()
    let symtabIndex = try #require(sections.firstIndex(where: { $0.type == .symbolTable }))
    #expect(try elf.extendedSectionIndexes(forSymbolTableAt: symtabIndex) == nil)
    // A section of another type is refused.
    #expect(throws: ELFError.unexpectedSectionType(.symbolTable)) {
      try elf.extendedSectionIndexes(in: sections[symtabIndex])
    }
  }

  @Test func indexSectionOutsideTheFileIsAnError() throws {
    let path = try manySectionsObject()
    defer { removeDirectory(of: path) }
    let original = try FileBytes(path: path)
    var bytes = original.array
    let elf = try ELFFile(bytes: original.buffer)
    let sections = try elf.sections()
    let index = try #require(sections.firstIndex(where: { $0.type == .symbolTableSectionIndices }))
    // sh_size of the SHT_SYMTAB_SHNDX header: far past the end.
    let header = Int(elf.sectionHeaderOffset) + index * 64
    for i in 0..<8 { bytes[header + 32 + i] = 0x7f }
    let damaged = FileBytes(bytes)
    let file = try ELFFile(bytes: damaged.buffer)
    let symtabIndex = try #require(sections.firstIndex(where: { $0.type == .symbolTable }))
    #expect(throws: ELFError.self) { try file.extendedSectionIndexes(forSymbolTableAt: symtabIndex) }
  }

  @Test func symbolsAtAnOffsetMatchTheSectionView() throws {
    let path = try compileObject(sampleC)
    let bytes = try FileBytes(path: path)
    let elf = try ELFFile(bytes: bytes.buffer)
    let section = try #require(try elf.sections().first(where: { $0.type == .symbolTable }))
    let table = try elf.symbols(in: section)
    let located = try elf.symbols(offset: section.offset, count: section.size / 24, strings: table.strings)
    #expect(Array(located) == Array(table))
    // An empty string table: every name is out of range.
    let nameless = try elf.symbols(
      offset: section.offset, count: section.size / 24, strings: StringTable(bytes: UnsafeRawBufferPointer(start: nil, count: 0)))
    #expect(throws: ELFError.self) { try nameless.name(of: nameless[1]) }
    // Entries past the end of the file are refused.
    #expect(throws: ELFError.self) {
      try elf.symbols(offset: UInt64(bytes.count) - 10, count: 1, strings: table.strings)
    }
  }
}
