import ELF
import Testing

/// Builds small ELF files byte by byte, in either byte order.
struct ELFWriter {
  var bytes: [UInt8] = []
  let bigEndian: Bool

  mutating func u8(_ v: UInt8) { bytes.append(v) }
  mutating func u16(_ v: UInt16) { append(UInt64(v), 2) }
  mutating func u32(_ v: UInt32) { append(UInt64(v), 4) }
  mutating func u64(_ v: UInt64) { append(v, 8) }
  mutating func append(_ v: UInt64, _ n: Int) {
    for i in 0..<n {
      let shift = bigEndian ? (n - 1 - i) * 8 : i * 8
      bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift)))
    }
  }
}

/// An ELF32 big-endian relocatable file for `EM_PPC` with two sections:
/// the null section and `.shstrtab`.
func bigEndian32File(shnum: UInt16 = 2, shstrndx: UInt16 = 1, section0Size: UInt32 = 0, section0Link: UInt32 = 0) -> [UInt8] {
  var w = ELFWriter(bigEndian: true)
  w.bytes = [0x7f, 0x45, 0x4c, 0x46, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  let names: [UInt8] = Array("\0.shstrtab\0".utf8)
  let namesOffset: UInt32 = 52
  let shoff = namesOffset + UInt32(names.count)  // unaligned on purpose
  w.u16(1)  // e_type ET_REL
  w.u16(20)  // e_machine EM_PPC
  w.u32(1)  // e_version
  w.u32(0x1000_0010)  // e_entry
  w.u32(0)  // e_phoff
  w.u32(shoff)  // e_shoff
  w.u32(0x8000_0001)  // e_flags
  w.u16(52); w.u16(32); w.u16(0); w.u16(40); w.u16(shnum); w.u16(shstrndx)
  w.bytes += names
  // Section 0.
  w.u32(0); w.u32(0); w.u32(0); w.u32(0); w.u32(0); w.u32(section0Size); w.u32(section0Link); w.u32(0); w.u32(0); w.u32(0)
  // .shstrtab
  w.u32(1); w.u32(3); w.u32(0); w.u32(0); w.u32(namesOffset); w.u32(UInt32(names.count)); w.u32(0); w.u32(0); w.u32(1); w.u32(0)
  return w.bytes
}

@Suite struct HandmadeFileTests {
  @Test func bigEndian32() throws {
    let file = FileBytes(bigEndian32File())
    let elf = try ELFFile(bytes: file.buffer)
    #expect(elf.fileClass == .bits32)
    #expect(elf.endianness == .big)
    #expect(elf.type == .relocatable)
    #expect(elf.machine == .powerPC)
    #expect(elf.entry == 0x1000_0010)
    #expect(elf.flags == 0x8000_0001)
    #expect(elf.sectionCount == 2)
    #expect(elf.sectionNameTableIndex == 1)
    let sections = try elf.sections()
    #expect(sections.count == 2)
    #expect(sections[1].type == .stringTable)
    #expect(string(try elf.name(of: sections[1])) == ".shstrtab")
    #expect(string(try elf.name(of: sections[0])) == "")
    #expect(try elf.programHeaders().isEmpty)
  }

  @Test func extendedSectionNumbering() throws {
    // e_shnum 0 and e_shstrndx SHN_XINDEX: the values are in section 0.
    let file = FileBytes(bigEndian32File(shnum: 0, shstrndx: 0xffff, section0Size: 2, section0Link: 1))
    let elf = try ELFFile(bytes: file.buffer)
    #expect(elf.sectionCount == 2)
    #expect(elf.sectionNameTableIndex == 1)
    #expect(string(try elf.name(of: try elf.sections()[1])) == ".shstrtab")
  }

  @Test func extendedNumberingOutOfRange() throws {
    let file = FileBytes(bigEndian32File(shnum: 0, shstrndx: 0xffff, section0Size: 0xffff_ffff, section0Link: 7))
    let elf = try ELFFile(bytes: file.buffer)
    #expect(throws: ELFError.offsetOutOfRange(.sectionHeaderTable)) { try elf.sections() }
  }

  @Test func identificationErrors() throws {
    func error(_ bytes: [UInt8]) -> ELFError? {
      let file = FileBytes(bytes)
      do { _ = try ELFFile(bytes: file.buffer); return nil } catch { return error }
    }
    var good = bigEndian32File()
    #expect(error([]) == .truncated(.identification))
    #expect(error([0x7f, 0x45]) == .truncated(.identification))
    #expect(error(Array("#!/bin/sh\n".utf8)) == .notELF)
    good[4] = 3
    #expect(error(good) == .unsupportedClass(3))
    good[4] = 1; good[5] = 0
    #expect(error(good) == .unsupportedDataEncoding(0))
    good[5] = 2; good[6] = 2
    #expect(error(good) == .unsupportedVersion(2))
    good[6] = 1
    #expect(error(Array(good[0..<51])) == .truncated(.fileHeader))
    good[41] = 40  // e_ehsize
    #expect(error(good) == .entrySizeMismatch(.fileHeader))
  }

  @Test func stringTable() throws {
    let bytes: [UInt8] = Array("\0abc\0de".utf8)
    try bytes.withUnsafeBytes { (raw) throws in
      let table = StringTable(bytes: raw)
      #expect(string(try table.string(at: 1)) == "abc")
      #expect(string(try table.string(at: 3)) == "c")
      #expect(string(try table.string(at: 0)) == "")
      #expect(throws: ELFError.stringNotTerminated) { try table.string(at: 5) }
      #expect(throws: ELFError.indexOutOfRange(.stringTable)) { try table.string(at: 7) }
      #expect(throws: ELFError.indexOutOfRange(.stringTable)) { try table.string(at: .max) }
    }
  }

  @Test func overflowingOffsets() throws {
    var bytes = bigEndian32File()
    // e_shoff = 0xffffffff with 2 entries of 40 bytes: out of range.
    bytes[32...35] = [0xff, 0xff, 0xff, 0xff]
    let file = FileBytes(bytes)
    let elf = try ELFFile(bytes: file.buffer)
    #expect(throws: ELFError.offsetOutOfRange(.sectionHeaderTable)) { try elf.sections() }
  }
}
