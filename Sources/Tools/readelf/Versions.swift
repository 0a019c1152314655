// `-V`/`--version-info`: the version sections, as GNU readelf 2.40 prints
// them (process_version_sections in binutils' readelf.c), in section
// order:
//
//   Version symbols section '.gnu.version' contains 12 entries:
//    Addr: 0x0000000000000538  Offset: 0x00000538  Link: 3 (.dynsym)
//     000:   0 (*local*)       0 (*local*)       2 (GLIBC_2.2.5)   1 (*global*)
//
//   Version needs section '.gnu.version_r' contains 1 entry:
//    Addr: 0x0000000000000558  Offset: 0x00000558  Link: 4 (.dynstr)
//     000000: Version: 1  File: libc.so.6  Cnt: 1
//     0x0010:   Name: GLIBC_2.2.5  Flags: none  Version: 2
//
// Implementation notes: the definition and requirement sections are walked
// the way GNU walks them, entry by entry within the section's bytes, so
// that a damaged chain gives GNU's partial listing and its messages
// ("past end of section", "Invalid vd_next field"); every step either
// moves forward by at least an entry's size or stops, so the walks end.
// The names in the version symbols listing come from the tables the
// dynamic section names, through ``SymbolVersions``.
import ELF
import Runtime

extension Dump {
  func versionSections() throws(ELFError) {
    let sections: ELFFile.Sections
    switch gnuSectionHeaders() {
    case .none:
      Out.text("\nNo version information found in this file.\n")
      return
    case .failed:
      return
    case .table(let table):
      sections = table
    }
    let names = SectionNameTable(elf)
    let dynamic = try? gnuDynamicTable()
    let dynamicStrings = versionNameStrings(sections, names, dynamic)
    var versions: SymbolVersions? = nil
    var found = false
    for index in 0..<sections.count {
      let section = sections[index]
      switch section.type {
      case .gnuVersionDefinitions:
        found = true
        versionDefinitions(section, sections, names, dynamicStrings)
      case .gnuVersionNeeds:
        found = true
        versionRequirements(section, sections, names, dynamicStrings)
      case .gnuVersionSymbols:
        if versions == nil { versions = SymbolVersions(self, dynamic: dynamic) }
        if let versions, versionSymbols(section, sections, names, versions) { found = true }
      default:
        break
      }
    }
    if !found { Out.text("\nNo version information found in this file.\n") }
  }

  /// The string table of the names in the definition and requirement
  /// listings (GNU's `dynamic_strings`): the first `SHT_STRTAB` section
  /// named `.dynstr`, which GNU reads with the section headers; only if
  /// there is none (or it cannot be read) the table the dynamic section
  /// names (`DT_STRTAB`, `DT_STRSZ`).
  func versionNameStrings(
    _ sections: ELFFile.Sections, _ names: SectionNameTable, _ dynamic: GNUDynamicTable?
  ) -> UnsafeRawBufferPointer? {
    let wanted: StaticString = ".dynstr"
    let wantedBytes = UnsafeRawBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount)
    for section in sections where section.type == .stringTable {
      guard let name = names.name(of: section), name.elementsEqual(wantedBytes) else { continue }
      if section.size != 0, let bytes = try? elf.bytes(offset: section.offset, size: section.size, .stringTable) {
        return bytes
      }
      break
    }
    return dynamic?.strings
  }

  /// The title's second line: ` Addr: 0x%016lx  Offset: 0x%08lx  Link: %u (`.
  func writeAddressLine(_ section: ELFFile.SectionHeader) {
    Out.text(" Addr: 0x")
    Out.hex(section.address, digits: 16)
    Out.text("  Offset: 0x")
    Out.hex(section.offset, digits: 8)
    Out.text("  Link: ")
    Out.decimal(UInt64(section.link))
    Out.text(" (")
  }

  /// The title of a definition or requirement section.
  func writeVersionTitle(
    _ title: StaticString, _ section: ELFFile.SectionHeader, _ sections: ELFFile.Sections, _ names: SectionNameTable
  ) {
    Out.text(title)
    names.writePrintable(section)
    Out.text("' contains ")
    Out.decimal(UInt64(section.info))
    Out.text(section.info == 1 ? " entry:\n" : " entries:\n")
    writeAddressLine(section)
    names.writePrintable(index: UInt64(section.link), in: sections)
    Out.text(")\n")
  }

  /// `%#06zx` as GNU prints table offsets: `0x` and four or more hex
  /// digits, but `000000` for 0 (C's `#` flag adds no prefix to 0).
  func writeTableOffset(_ value: UInt64) {
    if value == 0 {
      Out.text("000000")
    } else {
      Out.text("0x")
      Out.hex(value, digits: 4)
    }
  }

  /// GNU's get_ver_flags: `none`, or `BASE`, `WEAK`, `INFO` and
  /// `<unknown>` joined by ` | `.
  func writeVersionFlags(_ flags: UInt16) {
    if flags == 0 {
      Out.text("none")
      return
    }
    if flags & 1 != 0 { Out.text("BASE") }
    if flags & 2 != 0 {
      if flags & 1 != 0 { Out.text(" | ") }
      Out.text("WEAK")
    }
    if flags & 4 != 0 {
      if flags & 3 != 0 { Out.text(" | ") }
      Out.text("INFO")
    }
    if flags & ~7 != 0 {
      if flags & 7 != 0 { Out.text(" | ") }
      Out.text("<unknown>")
    }
  }

  /// `Name: %s` with a name of the dynamic string table, or GNU's text
  /// for an offset outside it (`valid_dynamic_name`).
  func dynamicName(_ strings: UnsafeRawBufferPointer?, _ offset: UInt32) -> UnsafeRawBufferPointer? {
    guard let strings else { return nil }
    return SymbolNames.string(in: strings, at: UInt64(offset))
  }

  /// A warning with a hexadecimal field value: `TEXT%lx`.
  func warnHex(_ text: StaticString, _ value: UInt32) {
    reportWarning { line in
      line.append(text)
      line.appendHex(UInt(value))
    }
  }

  // MARK: Definitions

  func versionDefinitions(
    _ section: ELFFile.SectionHeader, _ sections: ELFFile.Sections, _ names: SectionNameTable,
    _ strings: UnsafeRawBufferPointer?
  ) {
    writeVersionTitle("\nVersion definition section '", section, sections, names)
    guard let data = sectionData(section, "version definition section") else { return }
    let reader = FieldReader(bytes: data, bigEndian: elf.endianness == .big)
    let size = UInt64(data.count)
    let total = UInt64(section.info)
    var index: UInt64 = 0
    var entry: UInt64 = 0
    while entry < total {
      guard reader.fits(index, 20) else { break }
      let version = reader.u16(index)
      let flags = reader.u16(index + 2)
      let number = reader.u16(index + 4)
      let count = UInt64(reader.u16(index + 6))
      let auxiliary = UInt64(reader.u32(index + 12))
      let next = reader.u32(index + 16)
      Out.text("  ")
      writeTableOffset(index)
      Out.text(": Rev: ")
      Out.decimal(UInt64(version))
      Out.text("  Flags: ")
      writeVersionFlags(flags)
      Out.text("  Index: ")
      Out.decimal(UInt64(number))
      Out.text("  Cnt: ")
      Out.decimal(count)
      Out.text("  ")
      guard auxiliary <= size - index else { break }
      var position = index + auxiliary
      guard reader.fits(position, 8) else { break }
      var name = reader.u32(position)
      var auxiliaryNext = UInt64(reader.u32(position + 4))
      if let text = dynamicName(strings, name) {
        Out.text("Name: ")
        Out.bytes(text)
      } else {
        Out.text("Name index: ")
        Out.decimal(UInt64(name))
      }
      Out.newline()
      var sum = index + auxiliary
      var parent: UInt64 = 1
      while parent < count {
        if auxiliaryNext < 8 && !(parent == count - 1 && auxiliaryNext == 0) {
          warnHex("Invalid vda_next field of ", UInt32(auxiliaryNext))
          parent = count
          break
        }
        guard auxiliaryNext <= size - position else { break }
        sum += auxiliaryNext
        position += auxiliaryNext
        guard reader.fits(position, 8) else { break }
        name = reader.u32(position)
        auxiliaryNext = UInt64(reader.u32(position + 4))
        Out.text("  ")
        writeTableOffset(sum)
        Out.text(": Parent ")
        Out.decimal(parent)
        if let text = dynamicName(strings, name) {
          Out.text(": ")
          Out.bytes(text)
        } else {
          Out.text(", name index: ")
          Out.decimal(UInt64(name))
        }
        Out.newline()
        parent += 1
      }
      if parent < count { Out.text("  Version def aux past end of section\n") }
      if next < 20 && !(entry == total - 1 && next == 0) {
        warnHex("Invalid vd_next field of ", next)
        entry = total
        break
      }
      guard UInt64(next) <= size - index else { break }
      index += UInt64(next)
      entry += 1
    }
    if entry < total { Out.text("  Version definition past end of section\n") }
  }

  /// A section's bytes as GNU's get_data reads them, or `nil` with its
  /// message (none for an empty section).
  func sectionData(_ section: ELFFile.SectionHeader, _ reason: StaticString) -> UnsafeRawBufferPointer? {
    guard section.size != 0 else { return nil }
    if let data = try? elf.bytes(offset: section.offset, size: section.size, .versionTable) { return data }
    reportReadError(section.size, reason)
    return nil
  }

  // MARK: Requirements

  func versionRequirements(
    _ section: ELFFile.SectionHeader, _ sections: ELFFile.Sections, _ names: SectionNameTable,
    _ strings: UnsafeRawBufferPointer?
  ) {
    writeVersionTitle("\nVersion needs section '", section, sections, names)
    guard let data = sectionData(section, "Version Needs section") else { return }
    let reader = FieldReader(bytes: data, bigEndian: elf.endianness == .big)
    let size = UInt64(data.count)
    let total = UInt64(section.info)
    var index: UInt64 = 0
    var entry: UInt64 = 0
    while entry < total {
      guard reader.fits(index, 16) else { break }
      let version = reader.u16(index)
      let count = UInt64(reader.u16(index + 2))
      let file = reader.u32(index + 4)
      let auxiliary = UInt64(reader.u32(index + 8))
      let next = reader.u32(index + 12)
      Out.text("  ")
      writeTableOffset(index)
      Out.text(": Version: ")
      Out.decimal(UInt64(version))
      if let text = dynamicName(strings, file) {
        Out.text("  File: ")
        Out.bytes(text)
      } else {
        Out.text("  File: ")
        Out.hex(UInt64(file))
      }
      Out.text("  Cnt: ")
      Out.decimal(count)
      Out.newline()
      guard auxiliary <= size - index else { break }
      var position = index + auxiliary
      var sum = position
      var needed: UInt64 = 0
      while needed < count {
        guard reader.fits(position, 16) else { break }
        let flags = reader.u16(position + 4)
        let other = reader.u16(position + 6)
        let name = reader.u32(position + 8)
        let auxiliaryNext = UInt64(reader.u32(position + 12))
        Out.text("  ")
        writeTableOffset(sum)
        if let text = dynamicName(strings, name) {
          Out.text(":   Name: ")
          Out.bytes(text)
        } else {
          Out.text(":   Name index: ")
          Out.hex(UInt64(name))
        }
        Out.text("  Flags: ")
        writeVersionFlags(flags)
        Out.text("  Version: ")
        Out.decimal(UInt64(other))
        Out.newline()
        if auxiliaryNext < 16 && !(needed == count - 1 && auxiliaryNext == 0) {
          warnHex("Invalid vna_next field of ", UInt32(auxiliaryNext))
          needed = count
          break
        }
        guard auxiliaryNext <= size - position else { break }
        sum += auxiliaryNext
        position += auxiliaryNext
        needed += 1
      }
      if needed < count { reportWarning { $0.append("Missing Version Needs auxiliary information") } }
      if next < 16 && !(entry == total - 1 && next == 0) {
        warnHex("Invalid vn_next field of ", next)
        entry = total
        break
      }
      guard UInt64(next) <= size - index else { break }
      index += UInt64(next)
      entry += 1
    }
    if entry < total { reportWarning { $0.append("Missing Version Needs information") } }
  }

  // MARK: Version symbols

  /// The version symbols section; false if GNU skips it without counting
  /// it as version information (a link outside the section table).
  func versionSymbols(
    _ section: ELFFile.SectionHeader, _ sections: ELFFile.Sections, _ names: SectionNameTable,
    _ versions: SymbolVersions
  ) -> Bool {
    guard UInt64(section.link) < UInt64(sections.count) else { return false }
    let symbolSection = sections[Int(section.link)]
    guard UInt64(symbolSection.link) < UInt64(sections.count) else { return false }
    let total = section.size / 2
    // GNU reads the symbols (only their number is used) and their string
    // table, and shows nothing more if either cannot be read.
    guard let symbolCount = gnuSymbolCount(symbolSection, names) else { return true }
    let stringSection = sections[Int(symbolSection.link)]
    guard stringSection.size != 0 else { return true }
    guard let strings = try? elf.bytes(offset: stringSection.offset, size: stringSection.size, .stringTable) else {
      reportReadError(stringSection.size, "version string table")
      return true
    }

    Out.text("\nVersion symbols section '")
    names.writePrintable(section)
    Out.text("' contains ")
    Out.decimal(total)
    Out.text(total == 1 ? " entry:\n" : " entries:\n")
    writeAddressLine(section)
    names.writePrintable(symbolSection)
    Out.text(")\n")

    // The entries are read where DT_VERSYM points, not at the section.
    guard total != 0 else { return true }
    let start = versions.segments.offset(of: versions.versymAddress ?? 0, size: total &* 2)
    let reader = FieldReader(bytes: elf.bytes, bigEndian: elf.endianness == .big)
    guard total <= UInt64(elf.bytes.count) / 2, reader.fits(start, total * 2) else {
      reportReadError(total &* 2, "version symbol data")
      return true
    }
    var row: UInt64 = 0
    while row < total {
      Out.text("  ")
      Out.hex(row, digits: 3)
      Out.byte(UInt8(ascii: ":"))
      var column: UInt64 = 0
      while column < 4 && row + column < total {
        let value = reader.u16(start + (row + column) * 2)
        writeVersionSymbol(value, entry: row + column, symbolCount: symbolCount, versions, strings)
        column += 1
      }
      Out.newline()
      row += 4
    }
    return true
  }

  /// One entry of the version symbols listing: `%4x%c` (`h` for a hidden
  /// version), then `(NAME)`, padded to 18 columns. The name is found as
  /// GNU finds it: the first requirement whose `vna_other` is the value,
  /// then (for values other than 0x8001) the first definition whose
  /// `vd_ndx` is the index; a name in both is `*both*`, a name offset
  /// outside the string table `*invalid*`.
  func writeVersionSymbol(
    _ value: UInt16, entry: UInt64, symbolCount: UInt64, _ versions: SymbolVersions,
    _ strings: UnsafeRawBufferPointer
  ) {
    switch value {
    case 0:
      Out.text("   0 (*local*)    ")
      return
    case 1:
      Out.text("   1 (*global*)   ")
      return
    default: break
    }
    let index = value & 0x7fff
    Out.spaces(4 - Out.hexLength(UInt64(index)))
    Out.hex(UInt64(index))
    Out.byte(value & 0x8000 != 0 ? UInt8(ascii: "h") : 32)
    guard entry < symbolCount else {
      reportWarning { $0.append("invalid index into symbol array") }
      return
    }
    var written = 5
    // nil: no name; an empty buffer with `invalid`/`both` set: the texts.
    var name: UnsafeRawBufferPointer? = nil
    var invalid = false
    var both = false
    if versions.hasRequirements, let offset = versions.requirement(value: value, auxiliary: "version need aux (2)") {
      if let text = SymbolNames.string(in: strings, at: UInt64(offset)) { name = text } else { invalid = true }
    }
    var definition: SymbolVersions.Definition? = nil
    if value != 0x8001 && versions.hasDefinitions {
      versions.noteDefinitionWalk()
      definition = versions.definition(index: index)
      if definition.map({ !$0.readable }) ?? true {
        // The walk reached the entry it cannot read: no definition.
        if versions.definitionWalkFails { reportReadError(20, "version def") }
        definition = nil
      }
    }
    if let definition {
      // GNU stops the entry (no name, no padding) when the definition's
      // first name cannot be read.
      guard definition.name >= 0 else {
        reportReadError(8, "version def aux")
        return
      }
      if let text = SymbolNames.string(in: strings, at: UInt64(definition.name)) {
        if name != nil && !invalid {
          both = true
        } else {
          name = text
          invalid = false
        }
      } else {
        invalid = true
        name = nil
      }
    }
    if both {
      Out.text("(*both*)")
      Out.spaces(12 - 6 - 1)
      written += 12 + 1
    } else if invalid {
      Out.text("(*invalid*)")
      Out.spaces(12 - 9 - 1)
      written += 12 + 1
    } else if let name {
      Out.byte(UInt8(ascii: "("))
      Out.bytes(name)
      Out.byte(UInt8(ascii: ")"))
      // `%-*s` of ")" with width 12 - length: a negative width is a
      // width too (C takes it as the `-` flag), so long names get padding.
      let padding = Swift.max(0, abs(12 - name.count) - 1)
      Out.spaces(padding)
      written += 1 + name.count + 1 + padding
    }
    if written < 18 { Out.spaces(18 - written) }
  }
}
