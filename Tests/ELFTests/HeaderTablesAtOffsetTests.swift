import ELF
import Testing

@Suite struct HeaderTablesAtOffsetTests {
  @Test func sectionsAtOffsetMatchTheHeader() throws {
    let file = FileBytes(bigEndian32File())
    let elf = try ELFFile(bytes: file.buffer)
    let fromHeader = try elf.sections()
    let located = try elf.sections(offset: elf.sectionHeaderOffset, count: elf.sectionCount)
    #expect(located.count == fromHeader.count)
    for index in 0..<located.count { #expect(located[index] == fromHeader[index]) }
    // One entry only, and none.
    #expect(try elf.sections(offset: elf.sectionHeaderOffset, count: 1).count == 1)
    #expect(try elf.sections(offset: 0, count: 0).count == 0)
  }

  @Test func tablesOutsideTheFileAreErrors() throws {
    let file = FileBytes(bigEndian32File())
    let elf = try ELFFile(bytes: file.buffer)
    #expect(throws: ELFError.offsetOutOfRange(.sectionHeaderTable)) {
      try elf.sections(offset: elf.sectionHeaderOffset, count: 3)
    }
    #expect(throws: ELFError.offsetOutOfRange(.programHeaderTable)) {
      try elf.programHeaders(offset: UInt64(file.buffer.count) - 8, count: 1)
    }
    #expect(throws: ELFError.overflow) { try elf.programHeaders(offset: 16, count: UInt64.max / 4) }
    #expect(throws: ELFError.overflow) { try elf.sections(offset: UInt64.max, count: 1) }
  }

  @Test func programHeadersAtOffsetReadTheStructures() throws {
    // Reading the 32 bytes after the file header as a program header: the
    // fields are the big-endian words found there.
    let file = FileBytes(bigEndian32File())
    let elf = try ELFFile(bytes: file.buffer)
    let table = try elf.programHeaders(offset: 0, count: 1)
    #expect(table.count == 1)
    // Bytes 0..3 of the file are the magic: p_type 0x7f454c46.
    #expect(table[0].type.rawValue == 0x7f45_4c46)
  }
}

@Suite struct LenientHeaderTests {
  /// `bigEndian32File()` with some identification and header bytes replaced.
  func patched(_ changes: [(Int, UInt8)]) -> FileBytes {
    var bytes = bigEndian32File()
    for (offset, value) in changes { bytes[offset] = value }
    return FileBytes(bytes)
  }

  @Test func strictRefusesWhatLenientReads() throws {
    // EI_VERSION 0, e_version 2 (big-endian word at 20), e_ehsize 40.
    for change in [[(6, UInt8(0))], [(23, UInt8(2))], [(41, UInt8(40))]] {
      let file = patched(change)
      #expect(throws: ELFError.self) { try ELFFile(bytes: file.buffer) }
      let elf = try ELFFile(bytes: file.buffer, lenient: true)
      #expect(elf.machine == .powerPC)
      #expect(elf.sectionCount == 2)
    }
  }

  @Test func unknownClassAndEncodingReadAsGNUReadsThem() throws {
    // EI_CLASS 3: ELF32; EI_DATA 0: little-endian (so e_machine 20 reads as 0x1400).
    let file = patched([(4, 3), (5, 0)])
    #expect(throws: ELFError.unsupportedClass(3)) { try ELFFile(bytes: file.buffer) }
    let elf = try ELFFile(bytes: file.buffer, lenient: true)
    #expect(elf.fileClass == .bits32)
    #expect(elf.endianness == .little)
    #expect(elf.machine.rawValue == 0x1400)
  }

  @Test func extendedNumberingWithoutReadableSectionZero() throws {
    // e_shnum 0 with e_shentsize 20 (smaller than Elf32_Shdr): strict
    // refuses, lenient keeps the count the header gives (0).
    let file = patched([(48, 0), (49, 0), (46, 0), (47, 20)])
    #expect(throws: ELFError.entrySizeMismatch(.sectionHeaderTable)) { try ELFFile(bytes: file.buffer) }
    let elf = try ELFFile(bytes: file.buffer, lenient: true)
    #expect(elf.sectionCount == 0)
    // The magic is still required.
    let notELF = patched([(1, 0x46)])
    #expect(throws: ELFError.notELF) { try ELFFile(bytes: notELF.buffer, lenient: true) }
  }
}
