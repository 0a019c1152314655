// `-S`: the section headers, as GNU readelf 2.40 prints them in its wide
// format (`process_section_headers` in binutils' readelf.c):
//
//   There are 39 section headers, starting at offset 0x3fb8:
//
//   Section Headers:
//     [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al
//     [ 0]                   NULL            0000000000000000 000000 000000 00      0   0  0
//     ...
//   Key to Flags:
//     ...
//
// The first line is left out when the file header is displayed too
// (`-h -S`, `-e`). GNU's consistency checks of `sh_link`, `sh_info` and
// `sh_size` are reproduced as its warnings on standard error, each before
// the line of its section, and so is its repair of a table's entry size:
// a symbol, relocation or group table with the wrong `sh_entsize` is
// reported and displayed with the size GNU expected.
import ELF
import Runtime

extension Dump {
  /// Displays the section headers with `-S`; without it, only reports
  /// what GNU reports as it reads them (GNU reads them for every option).
  func sectionHeaders() throws(ELFError) {
    let display = options.sectionHeaders
    if elf.sectionHeaderOffset == 0 {
      // GNU takes `e_shnum` as it stands; without a table it stops after
      // the first line.
      guard display else { return }
      let count = RawFileHeader(elf).sectionCount
      if count == 0 {
        Out.text("\nThere are no sections in this file.\n")
      } else if !options.fileHeader {
        writeSectionCount(UInt64(count))
      }
      return
    }
    if elf.sectionCount == 0 {
      reportWarning { line in
        line.append("possibly corrupt ELF file header - it has a non-zero section header offset,")
        line.append(" but no section headers")
      }
      return
    }
    if display && !options.fileHeader { writeSectionCount(elf.sectionCount) }
    guard let sections = loadSections(report: true) else { return }
    reportOutOfRangeLinks(sections)
    let table = SectionTable(elf, sections: sections, reportErrors: true)
    let unrepaired = checkTables(table)
    guard display else { return }

    Out.text(sections.count > 1 ? "\nSection Headers:\n" : "\nSection Header:\n")
    if elf.fileClass == .bits64 {
      Out.text("  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al\n")
    } else {
      Out.text("  [Nr] Name              Type            Addr     Off    Size   ES Flg Lk Inf Al\n")
    }
    let fileSize = UInt64(elf.bytes.count)
    for index in 0..<sections.count {
      let section = sections[index]
      checkLinks(section, index: index, in: sections)
      if section.size > fileSize, section.type != .noBits, section.type != .null,
        section.type.rawValue < 0x6000_0000
      {
        reportWarning { line in
          line.append("Size of section ")
          line.appendDecimal(index)
          line.append(" is larger than the entire file!")
        }
      }
      // The repair of `checkTables` (a no-op where the size was right).
      var entrySize = section.entrySize
      if let expected = expectedEntrySize(section.type), !unrepaired.contains(index) { entrySize = expected }
      writeSectionLine(section, index: index, entrySize: entrySize, table: table)
      if elf.fileClass == .bits32, section.link >= UInt32(sections.count), !isSpecialLink(section.link) {
        reportWarning { line in
          line.append("section ")
          line.appendDecimal(index)
          line.append(": sh_link value of ")
          line.appendDecimal(Int(section.link))
          line.append(" is larger than the number of sections")
        }
      }
    }
    writeFlagKey()
  }

  /// One line of the table.
  private func writeSectionLine(
    _ section: ELFFile.SectionHeader, index: Int, entrySize: UInt64, table: SectionTable
  ) {
    Out.text("  [")
    Out.decimal(UInt64(index), width: 2)
    Out.text("] ")
    table.withName(of: section) { SymbolNames.write($0, padTo: 17) }
    Out.byte(32)
    TypeNames.sectionType(section.type.rawValue, machine: elf.machine.rawValue, osabi: elf.osABI).writeLeft(15)
    Out.byte(32)
    if elf.fileClass == .bits64 {
      Out.hex(section.address, digits: 16)
      Out.byte(32)
      // `(long) sh_offset == sh_offset`: an offset of 2^63 or more is
      // printed in full.
      Out.hex(section.offset, digits: section.offset >> 63 == 0 ? 6 : 16)
    } else {
      Out.hex(section.address, digits: 8)
      Out.byte(32)
      Out.hex(section.offset, digits: 6)
    }
    Out.byte(32)
    Out.hex(section.size, digits: 6)
    Out.byte(32)
    Out.hex(entrySize, digits: 2)
    Out.byte(32)
    sectionFlags(section.flags.rawValue).writeRight(3)
    Out.byte(32)
    Out.decimal(UInt64(section.link), width: 2)
    Out.byte(32)
    Out.decimal(UInt64(section.info), width: 3)
    Out.byte(32)
    Out.decimal(section.addressAlignment, width: 2)
    Out.newline()
  }

  /// The key after the table; its last line names the letters of the
  /// file's OS/ABI and machine.
  private func writeFlagKey() {
    Out.text("Key to Flags:\n")
    Out.text("  W (write), A (alloc), X (execute), M (merge), S (strings), I (info),\n")
    Out.text("  L (link order), O (extra OS processing required), G (group), T (TLS),\n")
    Out.text("  C (compressed), x (unknown), o (OS specific), E (exclude),\n  ")
    switch elf.osABI {
    case OSABINumber.gnu, OSABINumber.freeBSD: Out.text("R (retain), D (mbind), ")
    case OSABINumber.none: Out.text("D (mbind), ")
    default: break
    }
    switch elf.machine.rawValue {
    case MachineNumber.x86_64, MachineNumber.l1om, MachineNumber.k1om: Out.text("l (large), ")
    case MachineNumber.arm: Out.text("y (purecode), ")
    case MachineNumber.ppc: Out.text("v (VLE), ")
    default: break
    }
    Out.text("p (processor specific)\n")
  }

  /// GNU's checks as it reads the headers (`get_section_headers`; note
  /// `>`, not `>=`).
  private func reportOutOfRangeLinks(_ sections: ELFFile.Sections) {
    let count = UInt32(sections.count)
    for index in 0..<sections.count {
      let section = sections[index]
      if section.link > count {
        reportWarning { line in
          line.append("Section ")
          line.appendDecimal(index)
          line.append(" has an out of range sh_link value of ")
          line.appendDecimal(Int(section.link))
        }
      }
      if section.flags.rawValue & 0x40 != 0, section.info > count {  // SHF_INFO_LINK
        reportWarning { line in
          line.append("Section ")
          line.appendDecimal(index)
          line.append(" has an out of range sh_info value of ")
          line.appendDecimal(Int(section.info))
        }
      }
    }
  }

  /// GNU's first pass over the sections, before it prints any: a table
  /// with the wrong entry size is reported (and displayed with the
  /// expected one); the dynamic symbols and `.dynstr` are read, and
  /// reported if they cannot be. Once a SHT_DYNSYM has been read, another
  /// is an error and skipped, its entry size left as it is: returns those.
  private func checkTables(_ table: SectionTable) -> [Int] {
    let sections = table.headers
    let fileSize = UInt64(elf.bytes.count)
    var dynamicSymbolsRead = false
    var dynamicStringsRead = false
    var unrepaired: [Int] = []
    for index in 0..<sections.count {
      let section = sections[index]
      if section.type == .dynamicSymbols && dynamicSymbolsRead {
        reportError { $0.append("File contains multiple dynamic symbol tables") }
        unrepaired.append(index)
        continue
      }
      if section.type == .stringTable && table.withName(of: section, { $0.elementsEqual(SectionTable.text(".dynstr")) })
      {
        if dynamicStringsRead {
          reportError { $0.append("File contains multiple dynamic string tables") }
          continue
        }
        // GNU reads nothing (and says nothing) for an empty table.
        if section.size != 0 && (section.offset > fileSize || section.size > fileSize - section.offset) {
          reportError { line in
            line.append("Reading ")
            line.appendDecimal(Int(truncatingIfNeeded: section.size))
            line.append(" bytes extends past end of file for dynamic strings")
          }
        } else {
          dynamicStringsRead = section.size != 0
        }
        continue
      }
      if let expected = expectedEntrySize(section.type), section.entrySize != expected {
        reportError { line in
          line.append("Section ")
          line.appendDecimal(index)
          line.append(" has invalid sh_entsize of ")
          line.appendHex(UInt(section.entrySize))
        }
        reportError { line in
          line.append("(Using the expected size of ")
          line.appendHex(UInt(expected))
          line.append(" for the rest of this dump)")
        }
      }
      if section.type == .dynamicSymbols {
        dynamicSymbolsRead = symbolCount(of: section, table: table, fileSize: fileSize) != nil
      }
    }
    return unrepaired
  }

  /// The section headers as GNU's `get_section_headers` reads them, or
  /// `nil` where it fails; with `report`, its messages. Quirk reproduced:
  /// with an `e_shentsize` larger than `ElfN_Shdr`, GNU warns, checks that
  /// `e_shentsize * count` bytes are in the file, and then reads the
  /// entries with the structure's own stride.
  func loadSections(report: Bool) -> ELFFile.Sections? {
    let count = UInt64(gnuSectionCount)
    let entrySize = UInt64(elf.sectionHeaderEntrySize)
    let size: UInt64 = elf.fileClass == .bits64 ? 64 : 40
    let offset = elf.sectionHeaderOffset
    guard count != 0, entrySize != 0, offset != 0 else { return nil }
    if entrySize < size {
      if report {
        reportError { line in
          line.append("The e_shentsize field in the ELF header is less than the size of an ELF section header")
        }
      }
      return nil
    }
    if entrySize > size, report {
      reportWarning { line in
        line.append("The e_shentsize field in the ELF header is larger than the size of an ELF section header")
      }
    }
    let fileSize = UInt64(elf.bytes.count)
    let (length, overflow) = count.multipliedReportingOverflow(by: entrySize)
    guard !overflow, offset <= fileSize, length <= fileSize - offset,
      let sections = try? elf.sections(offset: offset, count: count)
    else {
      if report {
        reportError { line in
          line.append("Reading ")
          line.appendDecimal(Int(truncatingIfNeeded: count &* entrySize))
          line.append(" bytes extends past end of file for section headers")
        }
      }
      return nil
    }
    return sections
  }

  /// `There are N section headers, starting at offset 0x…:` (`%#lx`: an
  /// offset of 0 is `0`).
  private func writeSectionCount(_ count: UInt64) {
    Out.text(count == 1 ? "There is " : "There are ")
    Out.decimal(count)
    Out.text(count == 1 ? " section header, starting at offset " : " section headers, starting at offset ")
    Out.hexPrefixed(elf.sectionHeaderOffset, zeroWithoutPrefix: true)
    Out.text(":\n")
  }

  /// The entry size GNU requires of a table section (`CHECK_ENTSIZE`), or
  /// `nil` for other types.
  private func expectedEntrySize(_ type: ELFFile.SectionType) -> UInt64? {
    let is64 = elf.fileClass == .bits64
    switch type.rawValue {
    case 2, 11: return is64 ? 24 : 16  // SHT_SYMTAB, SHT_DYNSYM: ElfN_Sym
    case 17: return 4  // SHT_GROUP: GRP_ENTRY_SIZE
    case 9: return is64 ? 16 : 8  // SHT_REL
    case 4: return is64 ? 24 : 12  // SHT_RELA
    case 19: return is64 ? 8 : 4  // SHT_RELR
    default: return nil
    }
  }

  /// SHN_BEFORE (0xff00) and SHN_AFTER (0xff01), which GNU accepts in the
  /// link field of an x86 or SPARC ELF32 file (Solaris ordering).
  private func isSpecialLink(_ link: UInt32) -> Bool {
    switch elf.machine.rawValue {
    case MachineNumber.i386, MachineNumber.iamcu, MachineNumber.x86_64, MachineNumber.l1om, MachineNumber.k1om,
      MachineNumber.oldSparcV9, MachineNumber.sparc32Plus, MachineNumber.sparcV9, MachineNumber.sparc:
      return link == 0xff00 || link == 0xff01
    default:
      return false
    }
  }

  /// GNU's checks of `sh_link` and `sh_info` for the section types whose
  /// fields must name another section, reported as warnings.
  private func checkLinks(_ section: ELFFile.SectionHeader, index: Int, in sections: ELFFile.Sections) {
    let count = UInt32(sections.count)
    let type = section.type.rawValue
    let dynamicFile = elf.type == .executable || elf.type == .sharedObject
    func typeAt(_ i: UInt32) -> UInt32 { sections[Int(i)].type.rawValue }
    func warn(_ first: StaticString, _ value: UInt32, _ last: StaticString) {
      reportWarning { line in
        line.append("[")
        appendPadded(&line, index, width: 2)
        line.append(first)
        line.appendDecimal(Int(value))
        line.append(last)
      }
    }

    switch type {
    case 4, 9, 18, 17, 5, 0x6fff_fff6, 0x6fff_ffff:
      // SHT_RELA, SHT_REL (a dynamic relocation section may have no
      // symbol table), SHT_SYMTAB_SHNDX, SHT_GROUP, SHT_HASH, SHT_GNU_HASH,
      // SHT_GNU_versym: a symbol table.
      if (type == 4 || type == 9) && section.link == 0 && dynamicFile { break }
      let link = section.link
      if link == 0 || link >= count || (typeAt(link) != 2 && typeAt(link) != 11) {
        warn("]: Link field (", link, ") should index a symtab section.")
      }
    case 6, 2, 11, 0x6fff_fffe, 0x6fff_fffd, 0x6fff_fff7:
      // SHT_DYNAMIC, SHT_SYMTAB, SHT_DYNSYM, SHT_GNU_verneed,
      // SHT_GNU_verdef, SHT_GNU_LIBLIST: a string table.
      let link = section.link
      if link == 0 || link >= count || typeAt(link) != 3 {
        warn("]: Link field (", link, ") should index a string section.")
      }
    case 14, 15, 16:
      if section.link != 0 { warn("]: Unexpected value (", section.link, ") in link field.") }
    default:
      break
    }

    switch type {
    case 4, 9:
      let info = section.info
      if info == 0 && dynamicFile { break }
      if info == 0 || info >= count {
        warn("]: Info field (", info, ") should index a relocatable section.")
        break
      }
      switch typeAt(info) {
      case 1, 8, 7, 14, 15, 16: break  // PROGBITS, NOBITS, NOTE, the arrays
      case let target where target >= 0x6000_0000: break
      default: warn("]: Info field (", info, ") should index a relocatable section.")
      }
    case 6, 5, 18, 14, 15, 16:
      if section.info != 0 { warn("]: Unexpected value (", section.info, ") in info field.") }
    case 17, 2, 11:
      break  // a symbol index
    case 8:
      break  // stripped sections keep their headers with type NOBITS
    default:
      if section.flags.rawValue & 0x40 != 0 {  // SHF_INFO_LINK
        if section.info < 1 || section.info >= count {
          // GNU's message has no newline: the next one follows on its line.
          Diagnostics.reported = true
          Out.flush()
          var line = MessageLine()
          line.append("readelf: Warning: [")
          appendPadded(&line, index, width: 2)
          line.append("]: Expected link to another section in info field")
          line.write()
        }
      } else if type < 0x6000_0000, section.flags.rawValue & 0x0100_0000 == 0, section.info != 0 {
        // Not SHF_GNU_MBIND, whose sections keep a memory type in sh_info.
        warn("]: Unexpected value (", section.info, ") in info field.")
      }
    }
  }

  /// GNU's `get_elf_section_flags` in its short form: a letter per flag,
  /// lowest bit first. The first OS-specific bit GNU does not know gives
  /// `o` and ends the OS-specific ones, the first processor-specific one
  /// `p` and ends them and every bit above 31; other unknown bits each
  /// give `x`.
  func sectionFlags(_ allFlags: UInt64) -> ShortText {
    var text = ShortText()
    var flags = allFlags
    let machine = elf.machine.rawValue
    let osabi = elf.osABI
    while flags != 0 {
      let flag = flags & (0 &- flags)
      flags &= ~flag
      let letter: UInt8
      switch flag {
      case 0x1: letter = UInt8(ascii: "W")
      case 0x2: letter = UInt8(ascii: "A")
      case 0x4: letter = UInt8(ascii: "X")
      case 0x10: letter = UInt8(ascii: "M")
      case 0x20: letter = UInt8(ascii: "S")
      case 0x40: letter = UInt8(ascii: "I")
      case 0x80: letter = UInt8(ascii: "L")
      case 0x100: letter = UInt8(ascii: "O")
      case 0x200: letter = UInt8(ascii: "G")
      case 0x400: letter = UInt8(ascii: "T")
      case 0x8000_0000: letter = UInt8(ascii: "E")
      case 0x800: letter = UInt8(ascii: "C")
      default:
        if flag == 0x1000_0000,
          machine == MachineNumber.x86_64 || machine == MachineNumber.l1om || machine == MachineNumber.k1om
        {
          letter = UInt8(ascii: "l")  // SHF_X86_64_LARGE
        } else if machine == MachineNumber.arm, flag == 0x2000_0000 {
          letter = UInt8(ascii: "y")  // SHF_ARM_PURECODE
        } else if machine == MachineNumber.ppc, flag == 0x1000_0000 {
          letter = UInt8(ascii: "v")  // SHF_PPC_VLE
        } else if flag & 0x0ff0_0000 != 0 {  // SHF_MASKOS
          if (osabi == OSABINumber.gnu || osabi == OSABINumber.freeBSD) && flag == 0x20_0000 {
            letter = UInt8(ascii: "R")  // SHF_GNU_RETAIN
          } else if (osabi == OSABINumber.gnu || osabi == OSABINumber.freeBSD || osabi == OSABINumber.none)
            && flag == 0x0100_0000
          {
            letter = UInt8(ascii: "D")  // SHF_GNU_MBIND
          } else {
            letter = UInt8(ascii: "o")
            flags &= ~0x0ff0_0000
          }
        } else if flag & 0xf000_0000 != 0 {  // SHF_MASKPROC
          letter = UInt8(ascii: "p")
          // GNU clears SHF_MASKPROC with `&= ~0xf0000000`, a 32-bit
          // unsigned complement: the bits above 31 go too.
          flags &= 0x0fff_ffff
        } else {
          letter = UInt8(ascii: "x")
        }
      }
      text.append(byte: letter)
    }
    return text
  }
}

/// `%*u` into a message.
func appendPadded(_ line: inout MessageLine, _ value: Int, width: Int) {
  var digits = 1
  var rest = value
  while rest >= 10 {
    rest /= 10
    digits += 1
  }
  for _ in digits..<Swift.max(digits, width) { line.append(" ") }
  line.appendDecimal(value)
}
