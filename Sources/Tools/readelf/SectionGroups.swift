// `-g`: the section groups (`SHT_GROUP`, the COMDAT groups of C++
// objects), as GNU readelf 2.40 prints them (`process_section_groups` in
// binutils' readelf.c):
//
//   COMDAT group section [    1] `.group' [_ZN1AC2Ev] contains 2 sections:
//      [Index]    Name
//      [    8]   .text._ZN1AC2Ev
//      [    9]   .rela.text._ZN1AC2Ev
//
// A group is named by the symbol its `sh_info` selects in the symbol table
// its `sh_link` names (by the section's name for an `STT_SECTION`
// symbol). GNU's complaints about damaged groups go to standard error as
// its errors, including its limits of ten messages per kind and process.
import ELF
import Runtime

/// GNU's message counters, which are static in its function: they count
/// over all the files of a run.
enum GroupMessageCounts {
  nonisolated(unsafe) static var overlarge = 0
  nonisolated(unsafe) static var alreadyInGroup = 0
  nonisolated(unsafe) static var sectionZeroReported = false
}

extension Dump {
  /// Displays the section groups with `-g`; GNU reads them for `-u` too,
  /// and then only reports what is wrong with them.
  func sectionGroups() throws(ELFError) {
    // (-u is off once the section headers could not be read.)
    guard options.sectionGroups || (options.unwind && sectionHeadersReadable) else { return }
    processSectionGroups(display: options.sectionGroups)
  }

  /// GNU's `process_section_groups`. False where GNU gives up (no section
  /// headers), which turns `-u` off.
  @discardableResult
  func processSectionGroups(display: Bool) -> Bool {
    guard gnuSectionCount != 0 else {
      if display { Out.text("\nThere are no section groups in this file.\n") }
      return true
    }
    guard let loaded = loadSections(report: false) else {
      reportError { $0.append("Section headers are not available!") }
      return false
    }
    let table = SectionTable(elf, sections: loaded, reportErrors: false)
    guard loaded.contains(where: { $0.type == .group }) else {
      if display { Out.text("\nThere are no section groups in this file.\n") }
      return true
    }
    let sections = table.headers
    let count = sections.count
    let reader = RawReader(elf)
    let fileSize = UInt64(elf.bytes.count)
    /// The group (section index) each section was put in, or -1.
    var groupOf = [Int](repeating: -1, count: count)

    // GNU reads a symbol table (and a string table) again only when a
    // group names another one than the group before, and so reports a
    // table it cannot read once for a run of groups.
    var cachedSymbolTable = -1
    var cachedSymbolCount: UInt64? = nil
    var cachedStringTable = -1
    var cachedStrings: UnsafeRawBufferPointer? = nil
    for index in 0..<count {
      let section = sections[index]
      guard section.type == .group else { continue }
      func complain(_ message: StaticString) {
        reportError { line in
          line.append(message)
          line.append(" `")
          table.appendPrintableName(of: section, to: &line)
          line.append("'")
        }
      }
      let link = Int(section.link)
      guard section.link < UInt32(count), sections[link].type == .symbolTable else {
        complain("Bad sh_link in group section")
        continue
      }
      let symbolTable = sections[link]
      var nameOverwritten = false
      if link != cachedSymbolTable {
        cachedSymbolTable = link
        cachedSymbolCount = symbolCount(of: symbolTable, table: table, fileSize: fileSize)
        // Quirk reproduced: GNU's `printable_section_name` returns a
        // static buffer, and the messages about a symbol table's entry
        // size or size print its name into it, replacing the group's name
        // in the message that follows.
        let symbolSize: UInt64 = elf.fileClass == .bits64 ? 24 : 16
        nameOverwritten =
          cachedSymbolCount == nil && symbolTable.size != 0
          && (symbolSize > symbolTable.size || symbolTable.size > fileSize)
      }
      guard let symbolCount = cachedSymbolCount else {
        if nameOverwritten {
          reportError { line in
            line.append("Corrupt header in group section `")
            table.appendPrintableName(of: symbolTable, to: &line)
            line.append("'")
          }
        } else {
          complain("Corrupt header in group section")
        }
        continue
      }
      guard UInt64(section.info) < symbolCount else {
        complain("Bad sh_info in group section")
        continue
      }
      let symbol = GroupSymbol(reader: reader, table: symbolTable, index: UInt64(section.info))

      // The group's name: a section's name for STT_SECTION, else the
      // symbol's name (`<corrupt>` outside its string table).
      var nameSection: ELFFile.SectionHeader? = nil
      var nameBytes = SectionTable.text("<corrupt>")
      if symbol.type == 3 {
        let sectionIndex = sectionIndex(of: symbol, symbolTable: link, symbolIndex: UInt64(section.info), in: sections)
        guard sectionIndex != 0, sectionIndex < UInt64(count) else {
          complain("Bad sh_info in group section")
          continue
        }
        nameSection = sections[Int(sectionIndex)]
        cachedStringTable = -1
        cachedStrings = nil
      } else {
        if symbolTable.link >= UInt32(count) {
          cachedStringTable = -1
          cachedStrings = nil
        } else if cachedStringTable != Int(symbolTable.link) {
          cachedStringTable = Int(symbolTable.link)
          cachedStrings = nil
          let strings = sections[Int(symbolTable.link)]
          if strings.size == 0 {
            // GNU reads nothing for an empty table, and says nothing.
          } else if strings.offset <= fileSize && strings.size <= fileSize - strings.offset {
            let start = Int(strings.offset)
            cachedStrings = UnsafeRawBufferPointer(rebasing: elf.bytes[start..<start + Int(strings.size)])
          } else {
            reportError { line in
              line.append("Reading ")
              line.appendDecimal(Int(truncatingIfNeeded: strings.size))
              line.append(" bytes extends past end of file for string table")
            }
          }
        }
        if let bytes = cachedStrings, UInt64(symbol.name) < UInt64(bytes.count) {
          let rest = UnsafeRawBufferPointer(rebasing: bytes[Int(symbol.name)...])
          nameBytes = UnsafeRawBufferPointer(rebasing: rest[0..<(rest.firstIndex(of: 0) ?? rest.count)])
        }
      }

      // GNU has repaired the entry size to 4 (see the section headers).
      let entrySize: UInt64 = 4
      guard entrySize <= section.size else {
        reportError { line in
          line.append("Section ")
          table.appendPrintableName(of: section, to: &line)
          line.append(" has sh_entsize (0x4) which is larger than its size (")
          line.append(section.size == 0 ? "0" : "0x")
          if section.size != 0 { line.appendHex(UInt(section.size)) }
          line.append(")")
        }
        continue
      }
      guard section.offset <= fileSize, section.size <= fileSize - section.offset else {
        reportError { line in
          line.append("Reading ")
          line.appendDecimal(Int(truncatingIfNeeded: section.size))
          line.append(" bytes extends past end of file for section data")
        }
        continue
      }
      // `unsigned int` arithmetic, as GNU's.
      let members = UInt32(truncatingIfNeeded: section.size / entrySize &- 1)
      let flags = reader.u32(at: section.offset)

      if display {
        Out.newline()
        writeGroupFlags(flags)
        Out.text("group section [")
        Out.decimal(UInt64(index), width: 5)
        Out.text("] `")
        table.writePrintableName(of: section)
        Out.text("' [")
        if let nameSection {
          table.withName(of: nameSection) { Out.bytes($0) }
        } else {
          Out.bytes(nameBytes)
        }
        Out.text("] contains ")
        Out.decimal(UInt64(members))
        Out.text(" sections:\n   [Index]    Name\n")
      }

      var position = section.offset + 4
      for _ in 0..<members {
        let entry = reader.u32(at: position)
        position += 4
        if entry >= UInt32(count) {
          GroupMessageCounts.overlarge += 1
          if GroupMessageCounts.overlarge <= 10 {
            reportError { line in
              line.append("section [")
              appendPadded(&line, Int(entry), width: 5)
              line.append("] in group section [")
              appendPadded(&line, index, width: 5)
              line.append("] > maximum section [")
              appendPadded(&line, count - 1, width: 5)
              line.append("]")
            }
            if GroupMessageCounts.overlarge == 10 {
              reportWarning { $0.append("Further error messages about overlarge group section indices suppressed") }
            }
          }
          continue
        }
        let member = Int(entry)
        if groupOf[member] >= 0 {
          if member != 0 {
            GroupMessageCounts.alreadyInGroup += 1
            if GroupMessageCounts.alreadyInGroup <= 10 {
              let previous = groupOf[member]
              reportError { line in
                line.append("section [")
                appendPadded(&line, member, width: 5)
                line.append("] in group section [")
                appendPadded(&line, index, width: 5)
                line.append("] already in group section [")
                appendPadded(&line, previous, width: 5)
                line.append("]")
              }
              if GroupMessageCounts.alreadyInGroup == 10 {
                reportWarning { $0.append("Further error messages about already contained group sections suppressed") }
              }
            }
            continue
          }
          // Section 0 in a group (the Intel compiler does it): reported
          // once per run, and listed again.
          if !GroupMessageCounts.sectionZeroReported {
            GroupMessageCounts.sectionZeroReported = true
            let previous = groupOf[0]
            reportError { line in
              line.append("section 0 in group section [")
              appendPadded(&line, previous, width: 5)
              line.append("]")
            }
          }
        }
        groupOf[member] = index
        if display {
          Out.text("   [")
          Out.decimal(UInt64(member), width: 5)
          Out.text("]   ")
          table.writePrintableName(of: sections[member])
          Out.newline()
        }
      }
    }
    return true
  }

  /// `get_group_flags`: `COMDAT ` (with its space), nothing for 0, or the
  /// number and what its bits are (without a space).
  private func writeGroupFlags(_ flags: UInt32) {
    if flags == 0 { return }
    if flags == 1 {
      Out.text("COMDAT ")
      return
    }
    Out.text("[0x")
    Out.hex(UInt64(flags))
    Out.text(": ")
    if flags & 0x0ff0_0000 != 0 { Out.text("<OS specific>") }
    if flags & 0xf000_0000 != 0 { Out.text("<PROC specific>") }
    if flags & ~(1 | 0x0ff0_0000 | 0xf000_0000) != 0 { Out.text("<unknown>") }
    Out.byte(UInt8(ascii: "]"))
  }

  /// The number of symbols GNU reads from a symbol table section
  /// (`get_elf_symbols`, with the entry size it has repaired to that of
  /// `ElfN_Sym`), or `nil` where GNU gets none; its messages are reported.
  func symbolCount(of symbols: ELFFile.SectionHeader, table: SectionTable, fileSize: UInt64) -> UInt64? {
    let entrySize: UInt64 = elf.fileClass == .bits64 ? 24 : 16
    guard symbols.size != 0 else { return nil }
    guard entrySize <= symbols.size else {
      reportError { line in
        line.append("Section ")
        table.appendPrintableName(of: symbols, to: &line)
        line.append(" has an invalid sh_entsize of 0x")
        line.appendHex(UInt(entrySize))
      }
      return nil
    }
    guard symbols.size <= fileSize else {
      reportError { line in
        line.append("Section ")
        table.appendPrintableName(of: symbols, to: &line)
        line.append(" has an invalid sh_size of 0x")
        line.appendHex(UInt(symbols.size))
      }
      return nil
    }
    guard symbols.offset <= fileSize, symbols.size <= fileSize - symbols.offset else {
      reportError { line in
        line.append("Reading ")
        line.appendDecimal(Int(symbols.size))
        line.append(" bytes extends past end of file for symbols")
      }
      return nil
    }
    return symbols.size / entrySize
  }

  /// The section index of a symbol as GNU reads it: `SHN_XINDEX` through
  /// an `SHT_SYMTAB_SHNDX` section linked to the symbol table, other
  /// reserved indices moved above 0xffff (so never a section).
  private func sectionIndex(
    of symbol: GroupSymbol, symbolTable: Int, symbolIndex: UInt64, in sections: ELFFile.Sections
  ) -> UInt64 {
    let index = UInt64(symbol.sectionIndex)
    if symbol.sectionIndex == 0xffff {
      for section in sections where section.type.rawValue == 18 && section.link == UInt32(symbolTable) {
        let position = section.offset &+ 4 &* symbolIndex
        if symbolIndex < section.size / 4 { return UInt64(RawReader(elf).u32(at: position)) }
      }
    }
    return index >= 0xff00 ? index + 0xffff_0000 : index
  }
}

/// The fields of a symbol that name a group.
struct GroupSymbol {
  var name: UInt32
  var type: UInt8
  var sectionIndex: UInt16

  /// The symbol at `index` of a table whose bytes are inside the file.
  init(reader: RawReader, table: ELFFile.SectionHeader, index: UInt64) {
    if reader.is64 {
      let offset = table.offset + 24 * index
      name = reader.u32(at: offset)
      type = reader.load(UInt8.self, at: offset + 4) & 0xf
      sectionIndex = reader.u16(at: offset + 6)
    } else {
      let offset = table.offset + 16 * index
      name = reader.u32(at: offset)
      type = reader.load(UInt8.self, at: offset + 12) & 0xf
      sectionIndex = reader.u16(at: offset + 14)
    }
  }
}
