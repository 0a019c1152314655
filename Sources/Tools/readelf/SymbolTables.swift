// `-s`/`--syms`, `--dyn-syms` and `-I`/`--histogram`, as GNU readelf 2.40
// prints them in its wide format (process_symbol_table and
// print_dynamic_symbol in binutils' readelf.c):
//
//   Symbol table '.dynsym' contains 12 entries:
//      Num:    Value          Size Type    Bind   Vis      Ndx Name
//        5: 00000000000010f9    13 FUNC    GLOBAL DEFAULT   11 library_add@@LIBCORPUS_1.0
//
// then the histograms of the hash tables' bucket list lengths.
//
// Implementation notes: a large file has hundreds of thousands of symbols
// (swift-frontend: 290 000, 47 MB of output), so each line is written
// straight into the output buffer: one reservation for the fixed columns,
// precomputed padded names for the common types, bindings and
// visibilities, and the name copied by ``SymbolNames/write(_:)``.
import ELF
import Runtime

extension Dump {
  func symbolTables() throws(ELFError) {
    // GNU reads the hash tables with the dynamic section, before it shows
    // any symbol: their messages come first.
    let hashTables = options.histogram ? readHashTables() : nil
    if options.symbols || options.dynamicSymbols {
      switch gnuSectionHeaders() {
      case .table(let sections):
        let names = SectionNameTable(elf)
        let versions = symbolVersions()
        for index in 0..<sections.count {
          let section = sections[index]
          guard section.type == .dynamicSymbols || (options.symbols && section.type == .symbolTable) else { continue }
          try symbolTable(section, at: index, sections, names, versions)
        }
      case .none:
        if options.symbols { Out.text("\nDynamic symbol information is not available for displaying symbols.\n") }
      case .failed:
        break
      }
    }
    if let hashTables { writeHistograms(hashTables) }
  }

  /// The section headers as GNU holds them after reading them
  /// (process_section_headers).
  enum GNUSectionHeaders {
    /// No table: `e_shoff` and `e_shnum` are both 0.
    case none
    /// A table GNU could not read (reported as it read the headers); GNU
    /// then turns `-s`, `--dyn-syms`, `-V` (and more) off for the file.
    case failed
    /// The table.
    case table(ELFFile.Sections)
  }

  func gnuSectionHeaders() -> GNUSectionHeaders {
    if elf.sectionHeaderOffset == 0 && RawFileHeader(elf).sectionCount == 0 { return .none }
    guard let sections = loadSections(report: false) else { return .failed }
    return .table(sections)
  }

  /// One symbol table: its title, column header and symbols.
  ///
  /// The table is read as GNU reads it (get_elf_symbols): GNU has already
  /// replaced a wrong `sh_entsize` by the size of `ElfN_Sym` when it read
  /// the section headers, so the count is `sh_size / sizeof (ElfN_Sym)`; a
  /// table that does not fit in the file is reported and shown empty; the
  /// names are in the section `sh_link` names, read as bytes whatever its
  /// type, and are all `<corrupt>` when there is no such section (or it
  /// does not fit: reported too).
  func symbolTable(
    _ section: ELFFile.SectionHeader, at sectionIndex: Int, _ sections: ELFFile.Sections, _ names: SectionNameTable,
    _ versions: SymbolVersions
  ) throws(ELFError) {
    let is64 = elf.fileClass == .bits64
    let entrySize: UInt64 = is64 ? 24 : 16
    let count = section.size / entrySize
    Out.text("\nSymbol table '")
    names.writePrintable(section)
    Out.text("' contains ")
    Out.decimal(count)
    Out.text(count == 1 ? " entry:\n" : " entries:\n")
    if is64 {
      Out.text("   Num:    Value          Size Type    Bind   Vis      Ndx Name\n")
    } else {
      Out.text("   Num:    Value  Size Type    Bind   Vis      Ndx Name\n")
    }
    guard let symbolCount = gnuSymbolCount(section, names) else { return }
    // Extended section indexes (SHN_XINDEX): GNU substitutes them for
    // st_shndx as it reads the symbols, and reads no symbols at all if the
    // index section is shorter than the table.
    var extended: ELFFile.ExtendedSectionIndexes? = nil
    for index in 0..<sections.count {
      let candidate = sections[index]
      guard candidate.type == .symbolTableSectionIndices, UInt64(candidate.link) == UInt64(sectionIndex) else {
        continue
      }
      guard candidate.size != 0, let indexes = try? elf.extendedSectionIndexes(in: candidate) else {
        if candidate.size != 0 { reportReadError(candidate.size, "symbol table section indices") }
        return
      }
      guard UInt64(indexes.count) >= symbolCount else {
        reportError { line in
          line.append("Index section ")
          appendPrintable(&line, names, candidate)
          line.append(" has an sh_size of ")
          appendAlternateHex(&line, candidate.size)
          line.append(" - expected ")
          appendAlternateHex(&line, section.size)
        }
        return
      }
      extended = indexes
      break
    }
    let strings = symbolStrings(section, sections, names)
    let table = try elf.symbols(offset: section.offset, count: symbolCount, strings: StringTable(bytes: strings))

    var line = SymbolLine(
      elf: elf, sectionCount: UInt64(sections.count), strings: strings, isDynamic: section.type == .dynamicSymbols,
      versions: versions)
    let checkLocals = elf.machine != .mips && elf.osABI != SymbolLine.osABISolaris
    for index in 0..<table.count {
      let symbol = table[index]
      let sectionIndex = SymbolLine.internalSectionIndex(symbol, at: index, extended: extended)
      line.write(index: index, symbol: symbol, sectionIndex: sectionIndex, sections: sections, names: names)
      // GNU warns about a local symbol past the table's first non-local
      // (sh_info), except for MIPS and Solaris files.
      if symbol.info >> 4 == 0 && checkLocals && UInt64(index) >= UInt64(section.info) {
        reportWarning { message in
          message.append("local symbol ")
          message.appendDecimal(index)
          message.append(" found at index >= ")
          appendPrintable(&message, names, section)
          message.append("'s sh_info value of ")
          message.appendDecimal(Int(section.info))
        }
      }
    }
  }

  /// The number of symbols GNU reads from a section (get_elf_symbols), or
  /// `nil` where it reads none: an empty section (silently), a wrong
  /// entry size, a section larger than the file or outside it (with GNU's
  /// messages). The entry size of a symbol table section is the size of
  /// `ElfN_Sym` whatever `sh_entsize` says: GNU replaced it when it read
  /// the section headers (`CHECK_ENTSIZE`).
  func gnuSymbolCount(_ section: ELFFile.SectionHeader, _ names: SectionNameTable) -> UInt64? {
    let symbolSize: UInt64 = elf.fileClass == .bits64 ? 24 : 16
    let isSymbolTable = section.type == .symbolTable || section.type == .dynamicSymbols
    let entrySize = isSymbolTable ? symbolSize : section.entrySize
    guard section.size != 0 else { return nil }
    let fileSize = UInt64(elf.bytes.count)
    guard entrySize != 0, entrySize <= section.size else {
      reportError { line in
        line.append("Section ")
        appendPrintable(&line, names, section)
        line.append(" has an invalid sh_entsize of ")
        appendAlternateHex(&line, entrySize)
      }
      return nil
    }
    guard section.size <= fileSize else {
      reportError { line in
        line.append("Section ")
        appendPrintable(&line, names, section)
        line.append(" has an invalid sh_size of ")
        appendAlternateHex(&line, section.size)
      }
      return nil
    }
    let count = section.size / entrySize
    guard count * symbolSize <= section.size + 1 else {
      reportError { line in
        line.append("Size (")
        appendAlternateHex(&line, section.size)
        line.append(") of section ")
        appendPrintable(&line, names, section)
        line.append(" is not a multiple of its sh_entsize (")
        appendAlternateHex(&line, entrySize)
        line.append(")")
      }
      return nil
    }
    guard section.offset <= fileSize - section.size, count * symbolSize <= fileSize - section.offset else {
      reportReadError(section.size, "symbols")
      return nil
    }
    return count
  }

  /// The string table of a symbol table's names, as GNU reads it: the
  /// section-header string table if `sh_link` is `e_shstrndx`, else the
  /// section `sh_link` as bytes (reported if it does not fit in the
  /// file); empty (every name `<corrupt>`) without one.
  func symbolStrings(
    _ section: ELFFile.SectionHeader, _ sections: ELFFile.Sections, _ names: SectionNameTable
  ) -> UnsafeRawBufferPointer {
    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
    if UInt64(section.link) == elf.sectionNameTableIndex { return names.bytes ?? empty }
    guard UInt64(section.link) < UInt64(sections.count) else { return empty }
    let linked = sections[Int(section.link)]
    guard linked.size != 0 else { return empty }
    if let bytes = try? elf.bytes(offset: linked.offset, size: linked.size, .stringTable) { return bytes }
    reportReadError(linked.size, "string table")
    return empty
  }

  /// `%#lx` in a message: `0x` and hex digits, `0` for 0.
  func appendAlternateHex(_ line: inout MessageLine, _ value: UInt64) {
    if value != 0 { line.append("0x") }
    line.appendHex(UInt(value))
  }

  /// A section's printable name (or `<corrupt>`) in a message line.
  func appendPrintable(_ message: inout MessageLine, _ names: SectionNameTable, _ section: ELFFile.SectionHeader) {
    let printable = SectionNameTable.printable(names.printableName(of: section))
    printable.withUnsafeBytes { message.append($0) }
  }
}

/// The writer of symbol lines: the file's constants, and the hot loop.
struct SymbolLine {
  let is64: Bool
  let machine: ELFFile.Machine
  let osABI: UInt8
  let sectionCount: UInt64
  let strings: UnsafeRawBufferPointer
  let isDynamic: Bool
  let versions: SymbolVersions

  /// The section index of a symbol as GNU holds it (get_elf_symbols):
  /// the extended index for `SHN_XINDEX` when the table has an
  /// `SHT_SYMTAB_SHNDX` section, and the reserved indexes (`st_shndx` ≥
  /// `SHN_LORESERVE`, 0xff00) moved up to 0xffffff00 and above, binutils'
  /// internal values (so an extended index of 0xff00 or more is an
  /// ordinary section, and `SHN_ABS` never compares as a section number).
  @inline(__always)
  static func internalSectionIndex(
    _ symbol: ELFFile.Symbol, at index: Int, extended: ELFFile.ExtendedSectionIndexes?
  ) -> UInt32 {
    let raw = symbol.sectionIndex
    if raw < 0xff00 { return UInt32(raw) }
    if raw == ELFFile.extendedSectionIndex, extended != nil {
      return ELFFile.sectionIndex(of: symbol, at: index, extended: extended)
    }
    return 0xffff_0000 | UInt32(raw)
  }

  static let osABIGNU: UInt8 = 3
  static let osABISolaris: UInt8 = 6
  static let osABIFreeBSD: UInt8 = 9

  init(elf: ELFFile, sectionCount: UInt64, strings: UnsafeRawBufferPointer, isDynamic: Bool, versions: SymbolVersions) {
    is64 = elf.fileClass == .bits64
    machine = elf.machine
    osABI = elf.osABI
    self.sectionCount = sectionCount
    self.strings = strings
    self.isDynamic = isDynamic
    self.versions = versions
  }

  /// The columns `" %-7s %-6s %-7s"` (type, binding, visibility) for the
  /// common values: types 0–6 (8 bytes each), bindings 0–2 (7 bytes
  /// each), visibilities DEFAULT (0) and HIDDEN (2) (8 bytes at 4 ×
  /// visibility). INTERNAL and PROTECTED are longer than their column and
  /// take the general path. Each table can be read eight bytes at any
  /// entry (the bindings carry one byte of padding for that).
  static let types: StaticString = " NOTYPE  OBJECT  FUNC    SECTION FILE    COMMON  TLS    "
  static let bindings: StaticString = " LOCAL  GLOBAL WEAK   "
  static let visibilities: StaticString = " DEFAULT HIDDEN "

  /// Writes one symbol line (GNU's print_dynamic_symbol).
  @inline(__always)
  mutating func write(
    index: Int, symbol: ELFFile.Symbol, sectionIndex: UInt32, sections: ELFFile.Sections, names: SectionNameTable
  ) {
    let type = symbol.info & 0xf
    let binding = symbol.info >> 4
    let visibility = symbol.other & 3
    let p = Out.reserve(96)
    var o = 0
    // "%6lu: "
    o = Self.decimal(p, o, UInt64(index), width: 6)
    p[o] = UInt8(ascii: ":")
    p[o + 1] = 32
    o += 2
    // The value, zero-padded to the address size.
    if is64 {
      Self.storeHex8(p + o, UInt32(truncatingIfNeeded: symbol.value >> 32))
      Self.storeHex8(p + o + 8, UInt32(truncatingIfNeeded: symbol.value))
      o += 16
    } else {
      Self.storeHex8(p + o, UInt32(truncatingIfNeeded: symbol.value))
      o += 8
    }
    p[o] = 32
    o += 1
    // The size: "%5lu" up to 99999, else "0x%lx".
    if symbol.size <= 99999 {
      o = Self.decimal(p, o, symbol.size, width: 5)
    } else {
      p[o] = UInt8(ascii: "0")
      p[o + 1] = UInt8(ascii: "x")
      o = Self.hex(p, o + 2, symbol.size, digits: 1)
    }
    // The common columns (visibility DEFAULT or HIDDEN, no other bits of
    // st_other) from the tables.
    let common = type <= 6 && binding <= 2 && symbol.other & 0xfd == 0 && osABI != Self.osABISolaris
    if common {
      // Word stores; the binding's eighth byte is overwritten by the
      // visibility.
      Self.copyWord(p + o, Self.types, from: Int(type) * 8)
      Self.copyWord(p + o + 8, Self.bindings, from: Int(binding) * 7)
      Self.copyWord(p + o + 15, Self.visibilities, from: Int(visibility) * 4)
      o += 23
      Out.count += o
    } else {
      Out.count += o
      writeUncommonColumns(symbol)
    }
    writeSectionIndex(sectionIndex)
    // GNU finds the version (and reports damaged version tables) after
    // the columns, before the name.
    let suffix = versions.suffix(
      symbolIndex: index, nameOffset: symbol.nameOffset, isDefined: sectionIndex != 0, isDynamic: isDynamic)
    writeName(symbol: symbol, sectionIndex: sectionIndex, sections: sections, names: names)
    versions.write(suffix, strings: strings)
    Out.byte(10)
  }

  /// Type, binding and visibility outside the tables: GNU's
  /// get_symbol_type, get_symbol_binding, get_symbol_visibility and the
  /// `[other]` note for bits of `st_other` beyond the visibility.
  @inline(never)
  func writeUncommonColumns(_ symbol: ELFFile.Symbol) {
    Out.byte(32)
    writeType(symbol.info & 0xf)
    Out.byte(32)
    writeBinding(symbol.info >> 4)
    Out.byte(32)
    if osABI == Self.osABISolaris {
      switch symbol.other {
      case 4: Out.left("EXPORTED", 7)
      case 5: Out.left("SINGLETON", 7)
      case 6: Out.left("ELIMINATE", 7)
      default: writeVisibility(symbol.other)
      }
      return
    }
    let visibility = symbol.other & 3
    writeVisibility(visibility)
    let other = symbol.other ^ visibility
    if other != 0 {
      Out.text(" [")
      writeOther(other)
      Out.text("] ")
    }
  }

  /// `%-7s` of get_symbol_visibility.
  func writeVisibility(_ visibility: UInt8) {
    switch visibility {
    case 0: Out.left("DEFAULT", 7)
    case 1: Out.left("INTERNAL", 7)
    case 2: Out.left("HIDDEN", 7)
    case 3: Out.left("PROTECTED", 7)
    default:
      // GNU also reports "Unrecognized visibility value" (Solaris only).
      reportError { line in
        line.append("Unrecognized visibility value: ")
        line.appendDecimal(Int(visibility))
      }
      Out.left("<unknown>", 7)
    }
  }

  /// `%-7s` of get_symbol_type.
  func writeType(_ type: UInt8) {
    switch type {
    case 0: Out.left("NOTYPE", 7)
    case 1: Out.left("OBJECT", 7)
    case 2: Out.left("FUNC", 7)
    case 3: Out.left("SECTION", 7)
    case 4: Out.left("FILE", 7)
    case 5: Out.left("COMMON", 7)
    case 6: Out.left("TLS", 7)
    case 8: Out.left("RELC", 7)
    case 9: Out.left("SRELC", 7)
    case 13...15:
      if machine == .arm && type == 13 {
        Out.left("THUMB_FUNC", 7)
      } else if machine == .sparcV9 && type == 13 {
        Out.left("REGISTER", 7)
      } else if machine.rawValue == 15 && type == 13 {  // EM_PARISC: STT_PARISC_MILLI
        Out.left("PARISC_MILLI", 7)
      } else {
        numbered("<processor specific>: ", type, width: 7)
      }
    case 10...12:
      if machine.rawValue == 15 && type == 11 {
        Out.left("HP_OPAQUE", 7)
      } else if machine.rawValue == 15 && type == 12 {
        Out.left("HP_STUB", 7)
      } else if type == 10 && (osABI == Self.osABIGNU || osABI == Self.osABIFreeBSD) {
        Out.left("IFUNC", 7)
      } else {
        numbered("<OS specific>: ", type, width: 7)
      }
    default: numbered("<unknown>: ", type, width: 7)
    }
  }

  /// `%-6s` of get_symbol_binding.
  func writeBinding(_ binding: UInt8) {
    switch binding {
    case 0: Out.left("LOCAL", 6)
    case 1: Out.left("GLOBAL", 6)
    case 2: Out.left("WEAK", 6)
    case 13...15: numbered("<processor specific>: ", binding, width: 6)
    case 10...12:
      if binding == 10 && osABI == Self.osABIGNU {
        Out.left("UNIQUE", 6)
      } else {
        numbered("<OS specific>: ", binding, width: 6)
      }
    default: numbered("<unknown>: ", binding, width: 6)
    }
  }

  /// A prefix and a decimal number, left-aligned in `width`.
  func numbered(_ prefix: StaticString, _ value: UInt8, width: Int) {
    Out.text(prefix)
    Out.decimal(UInt64(value))
    Out.spaces(width - prefix.utf8CodeUnitCount - Out.decimalLength(UInt64(value)))
  }

  /// get_symbol_other for the bits of `st_other` beyond the visibility.
  func writeOther(_ other: UInt8) {
    switch machine {
    case .aarch64 where other & 0x80 != 0:  // STO_AARCH64_VARIANT_PCS
      let rest = other & 0x7f
      Out.text("VARIANT_PCS")
      if rest != 0 {
        Out.text(" | ")
        Out.hex(UInt64(rest))
      }
      return
    case .riscV:
      // STO_RISCV_VARIANT_CC; other bits replace the text (GNU's snprintf
      // into the same buffer).
      if other & 0x80 != 0 && other & 0x7f == 0 {
        Out.text("VARIANT_CC")
      } else {
        Out.hex(UInt64(other & (other & 0x80 != 0 ? 0x7f : 0xff)))
      }
      return
    case .mips:
      switch other {
      case 1: Out.text("OPTIONAL"); return
      case 8: Out.text("MIPS PLT"); return
      case 0x20: Out.text("MIPS PIC"); return
      case 0x80: Out.text("MICROMIPS"); return
      case 0xa0: Out.text("MICROMIPS, MIPS PIC"); return
      case 0xf0: Out.text("MIPS16"); return
      default: break
      }
    case .powerPC64:
      // STO_PPC64_LOCAL_MASK (0xe0): the local entry point offset.
      if other & ~0xe0 == 0 {
        var value = Int(other >> 5)
        if value <= 6 {
          if value >= 2 { value = ((1 << value) >> 2) << 2 }  // ppc64_decode_local_entry
          Out.text("<localentry>: ")
          Out.decimal(UInt64(value))
          return
        }
      }
    default: break
    }
    Out.text("<other>: ")
    Out.hex(UInt64(other))
  }

  /// `" %4s "` of get_symbol_index_type.
  @inline(__always)
  func writeSectionIndex(_ index: UInt32) {
    let p = Out.reserve(40)
    if index != 0 && index < 0x8000_0000 && (sectionCount == 0 || UInt64(index) < sectionCount) {
      // " %3d " in four columns: " %4d " for up to 9999 sections.
      var o = 0
      p[0] = 32
      o = Self.decimal(p, 1, UInt64(index), width: 4)
      p[o] = 32
      Out.count += o + 1
      return
    }
    writeSpecialSectionIndex(index)
  }

  /// The other cases of get_symbol_index_type, on GNU's internal values
  /// (see ``internalSectionIndex(_:at:extended:)``).
  @inline(never)
  func writeSpecialSectionIndex(_ index: UInt32) {
    Out.byte(32)
    let raw = index & 0xffff
    switch index {
    case 0: Out.text(" UND")
    case 0xffff_fff1: Out.text(" ABS")
    case 0xffff_fff2: Out.text(" COM")
    default:
      if index == 0xffff_ff02 && (machine == .x86_64 || machine.rawValue == 180 || machine.rawValue == 181) {
        Out.text("LARGE_COM")  // SHN_X86_64_LCOMMON (also EM_L1OM, EM_K1OM)
      } else if (index == 0xffff_ff03 && machine == .mips) || (index == 0xffff_ff00 && machine.rawValue == 140) {
        Out.text("SCOM")  // SHN_MIPS_SCOMMON, SHN_TIC6X_SCOMMON
      } else if index == 0xffff_ff04 && machine == .mips {
        Out.text("SUND")  // SHN_MIPS_SUNDEFINED
      } else if index >= 0xffff_ff00 {
        // SHN_LOPROC … SHN_HIPROC, SHN_LOOS … SHN_HIOS, the rest reserved.
        Out.text(raw <= 0xff1f ? "PRC[0x" : raw <= 0xff3f ? "OS [0x" : "RSV[0x")
        Out.hex(UInt64(raw), digits: 4)
        Out.byte(UInt8(ascii: "]"))
      } else if sectionCount != 0 && UInt64(index) >= sectionCount {
        // `%3d` of an unsigned value: large ones print negative.
        Out.text("bad section index[")
        Out.signed(Int64(Int32(bitPattern: index)), width: 3)
        Out.byte(UInt8(ascii: "]"))
      } else {
        Out.signed(Int64(Int32(bitPattern: index)), width: 4)
      }
    }
    Out.byte(32)
  }

  /// The name (for a section symbol without one, its section's).
  @inline(__always)
  func writeName(symbol: ELFFile.Symbol, sectionIndex: UInt32, sections: ELFFile.Sections, names: SectionNameTable) {
    // A section symbol without a name is shown with its section's name.
    if symbol.info & 0xf == 3 && UInt64(sectionIndex) < sectionCount && symbol.nameOffset == 0 {
      if let name = names.name(of: sections[Int(sectionIndex)]) {
        SymbolNames.write(name)
      } else {
        SymbolNames.writeCorrupt()
      }
    } else if SymbolNames.writeName(in: strings, at: UInt64(symbol.nameOffset)) == nil {
      SymbolNames.writeCorrupt()
    }
  }

  // MARK: Digits

  /// `v` in decimal, right-aligned in `width` (at most 8) with spaces, at
  /// `p + o`; returns the new offset. Stores eight spaces first, so eight
  /// bytes from `p + o` must be writable.
  @inline(__always)
  static func decimal(_ p: UnsafeMutablePointer<UInt8>, _ o: Int, _ v: UInt64, width: Int) -> Int {
    var length = 1
    var power: UInt64 = 10
    while length < 20 && v >= power {
      length += 1
      power = power &* 10
    }
    let n = Swift.max(length, width)
    UnsafeMutableRawPointer(p + o).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
    var value = v
    var i = o + n
    repeat {
      i -= 1
      p[i] = UInt8(truncatingIfNeeded: 48 &+ value % 10)
      value /= 10
    } while value != 0
    return o + n
  }

  /// `v` in lowercase hex, zero-padded to `digits`, at `p + o`; returns
  /// the new offset.
  @inline(__always)
  static func hex(_ p: UnsafeMutablePointer<UInt8>, _ o: Int, _ v: UInt64, digits: Int) -> Int {
    let n = Swift.max(Out.hexLength(v), digits)
    let table = Out.hexDigits.utf8Start
    var value = v
    var i = o + n
    while i > o {
      i -= 1
      p[i] = table[Int(value & 15)]
      value >>= 4
    }
    return o + n
  }

  /// Stores `%08x` of `x` at `p`: the nibbles spread one per byte, most
  /// significant first, then made ASCII digits in one word.
  @inline(__always)
  static func storeHex8(_ p: UnsafeMutablePointer<UInt8>, _ x: UInt32) {
    var v = UInt64(x)
    v = (v | v << 16) & 0x0000_ffff_0000_ffff
    v = (v | v << 8) & 0x00ff_00ff_00ff_00ff
    v = (v | v << 4) & 0x0f0f_0f0f_0f0f_0f0f
    // Byte i holds nibble i; the text wants the highest nibble first.
    v = v.byteSwapped
    // 1 in each byte whose nibble is 10 or more ('a' - '0' - 10 = 39).
    let letters = ((v &+ 0x0606_0606_0606_0606) & 0x1010_1010_1010_1010) >> 4
    let ascii = v &+ 0x3030_3030_3030_3030 &+ letters &* 39
    UnsafeMutableRawPointer(p).storeBytes(of: ascii.littleEndian, as: UInt64.self)
  }

  /// Copies eight bytes of a static table (whose entries all have eight
  /// bytes from their start) with one load and one store.
  @inline(__always)
  static func copyWord(_ p: UnsafeMutablePointer<UInt8>, _ table: StaticString, from start: Int) {
    let word = UnsafeRawPointer(table.utf8Start + start).loadUnaligned(as: UInt64.self)
    UnsafeMutableRawPointer(p).storeBytes(of: word, as: UInt64.self)
  }
}

// MARK: Histogram (-I)

extension Dump {
  /// The hash tables `-I` describes, found as GNU finds them
  /// (get_num_dynamic_syms): through the dynamic table as GNU locates it,
  /// addresses translated by `offset_from_vma`, each table dropped (no
  /// histogram) when it cannot be read whole.
  struct HashTables {
    var sysv: SysVChains?
    var gnu: GNUChains?
    var reader: FieldReader
  }

  func readHashTables() -> HashTables? {
    guard let dynamic = try? gnuDynamicTable() else { return nil }
    var sysvAddress: UInt64 = 0
    var gnuAddress: UInt64 = 0
    for entry in dynamic.entries {
      if entry.tag == .hash { sysvAddress = entry.value }
      if entry.tag == .gnuHash { gnuAddress = entry.value }
    }
    let segments = LoadSegments(self)
    let reader = FieldReader(bytes: elf.bytes, bigEndian: elf.endianness == .big)
    let sysv = sysvAddress != 0 ? sysvHashChains(sysvAddress, segments, reader) : nil
    let gnu = gnuAddress != 0 ? gnuHashChains(gnuAddress, segments, reader) : nil
    return HashTables(sysv: sysv, gnu: gnu, reader: reader)
  }

  /// `-I`: the histograms of bucket list lengths of the SysV hash table
  /// (`DT_HASH`), then of the GNU hash table (`DT_GNU_HASH`).
  func writeHistograms(_ tables: HashTables) {
    if let sysv = tables.sysv { sysvHistogram(sysv, tables.reader) }
    if let gnu = tables.gnu { gnuHistogram(gnu, tables.reader) }
  }

  /// Where a SysV hash table's buckets and chains are, and their entry size.
  struct SysVChains {
    var bucketCount: UInt64
    var chainCount: UInt64
    var buckets: UInt64
    var chains: UInt64
    var entrySize: UInt64
  }

  /// Where a GNU hash table's buckets and chain values are.
  struct GNUChains {
    var bucketCount: UInt64
    var symbolOffset: UInt64
    var buckets: UInt64
    var chainCount: UInt64
    var chains: UInt64
  }

  /// `readelf: Error: TEXT[NUMBER[SUFFIX]]`.
  func reportMessage(_ text: StaticString, _ number: UInt64? = nil, _ suffix: StaticString = "") {
    reportError { line in
      line.append(text)
      if let number {
        appendUnsigned(&line, number)
        line.append(suffix)
      }
    }
  }

  /// GNU's `fseek` to a file offset before it reads a hash table: it
  /// fails (with GNU's message) for an offset that is negative as `off_t`.
  func seekSucceeds(_ offset: UInt64) -> Bool {
    guard offset > UInt64(Int64.max) else { return true }
    reportMessage("Unable to seek to start of dynamic information")
    return false
  }

  /// GNU's get_dynamic_data: `count` entries of `size` bytes read at
  /// `position`. Returns whether they were read (else GNU's message), and
  /// where the file position is afterwards: past them, unmoved if the
  /// count is refused before reading, at the end of the file after a short
  /// read.
  func readDynamicData(_ position: UInt64, count: UInt64, size: UInt64, _ reader: FieldReader) -> (Bool, UInt64) {
    let (total, overflow) = count.multipliedReportingOverflow(by: size)
    let fileSize = UInt64(elf.bytes.count)
    if overflow || total > fileSize {
      reportMessage("Invalid number of dynamic entries: ", count)
      return (false, position)
    }
    guard reader.fits(position, total) else {
      reportMessage("Unable to read in ", total, " bytes of dynamic data")
      return (false, Swift.max(position, fileSize))
    }
    return (true, position + total)
  }

  func sysvHashChains(_ address: UInt64, _ segments: LoadSegments, _ reader: FieldReader) -> SysVChains? {
    // 64-bit entries on 64-bit Alpha and s390 (hash_ent_size).
    let machine = elf.machine.rawValue
    let wide = elf.fileClass == .bits64 && (machine == 0x9026 || machine == 22 || machine == 0xa390)
    let size: UInt64 = wide ? 8 : 4
    let start = segments.offset(of: address, size: 16)
    guard seekSucceeds(start) else { return nil }
    guard reader.fits(start, size) else {
      reportMessage("Failed to read in number of buckets")
      return nil
    }
    guard reader.fits(start + size, size) else {
      reportMessage("Failed to read in number of chains")
      return nil
    }
    let bucketCount = reader.word(start, size: size)
    let chainCount = reader.word(start + size, size: size)
    guard bucketCount != 0, chainCount != 0 else { return nil }
    // The buckets, then the chains from wherever the file position is.
    let buckets = start + 2 * size
    let (bucketsRead, chains) = readDynamicData(buckets, count: bucketCount, size: size, reader)
    let (chainsRead, _) = readDynamicData(chains, count: chainCount, size: size, reader)
    guard bucketsRead, chainsRead else { return nil }
    return SysVChains(
      bucketCount: bucketCount, chainCount: chainCount, buckets: buckets, chains: chains, entrySize: size)
  }

  func gnuHashChains(_ address: UInt64, _ segments: LoadSegments, _ reader: FieldReader) -> GNUChains? {
    let header = segments.offset(of: address, size: 16)
    guard seekSucceeds(header) else { return nil }
    guard reader.fits(header, 16) else {
      reportMessage("Failed to read in number of buckets")
      return nil
    }
    let bucketCount = UInt64(reader.u32(header))
    let symbolOffset = UInt64(reader.u32(header + 4))
    let bloomWords = UInt64(reader.u32(header + 8))
    let bucketsAddress = address &+ 16 &+ bloomWords &* (elf.fileClass == .bits64 ? 8 : 4)
    let buckets = segments.offset(of: bucketsAddress, size: 4)
    guard seekSucceeds(buckets), readDynamicData(buckets, count: bucketCount, size: 4, reader).0 else { return nil }
    // The highest bucket; a bucket below symoffset drops the table.
    var highest: UInt64 = 0
    var i: UInt64 = 0
    while i < bucketCount {
      let value = UInt64(reader.u32(buckets + 4 * i))
      if value != 0 {
        if value < symbolOffset { return nil }
        highest = Swift.max(highest, value)
      }
      i += 1
    }
    guard highest != 0 else { return nil }
    // The chain of the highest bucket runs to a value with bit 0 set: its
    // end is the number of chain values.
    var chainCount = highest - symbolOffset
    var position = segments.offset(of: bucketsAddress &+ 4 &* (bucketCount &+ chainCount), size: 4)
    guard seekSucceeds(position) else { return nil }
    while true {
      guard reader.fits(position, 4) else {
        reportMessage("Failed to determine last chain length")
        return nil
      }
      chainCount += 1
      if reader.u32(position) & 1 != 0 { break }
      position += 4
    }
    let chains = segments.offset(of: bucketsAddress &+ 4 &* bucketCount, size: 4)
    guard seekSucceeds(chains), readDynamicData(chains, count: chainCount, size: 4, reader).0 else { return nil }
    return GNUChains(
      bucketCount: bucketCount, symbolOffset: symbolOffset, buckets: buckets, chainCount: chainCount, chains: chains)
  }

  func sysvHistogram(_ table: SysVChains, _ reader: FieldReader) {
    Out.text("\nHistogram for bucket list length (total of ")
    Out.decimal(table.bucketCount)
    Out.text(table.bucketCount == 1 ? " bucket):\n" : " buckets):\n")
    Out.text(" Length  Number     % of total  Coverage\n")
    var lengths = [UInt64](repeating: 0, count: Int(table.bucketCount))
    var visited = [Bool](repeating: false, count: Int(table.chainCount))
    var maximum: UInt64 = 0
    var symbols: UInt64 = 0
    for bucket in 0..<Int(table.bucketCount) {
      var index = reader.word(table.buckets &+ UInt64(bucket) &* table.entrySize, size: table.entrySize)
      while index > 0 {
        symbols += 1
        lengths[bucket] += 1
        if maximum < lengths[bucket] { maximum += 1 }
        if index >= table.chainCount || visited[Int(index)] {
          reportMessage("histogram chain is corrupt")
          break
        }
        visited[Int(index)] = true
        index = reader.word(table.chains &+ index &* table.entrySize, size: table.entrySize)
      }
    }
    writeHistogram(lengths, maximum: maximum, symbols: symbols)
  }

  func gnuHistogram(_ table: GNUChains, _ reader: FieldReader) {
    Out.text("\nHistogram for `.gnu.hash' bucket list length (total of ")
    Out.decimal(table.bucketCount)
    Out.text(table.bucketCount == 1 ? " bucket):\n" : " buckets):\n")
    Out.text(" Length  Number     % of total  Coverage\n")
    var lengths = [UInt64](repeating: 0, count: Int(table.bucketCount))
    var maximum: UInt64 = 0
    var symbols: UInt64 = 0
    for bucket in 0..<Int(table.bucketCount) {
      let first = UInt64(reader.u32(table.buckets &+ 4 &* UInt64(bucket)))
      guard first != 0 else { continue }
      var length: UInt64 = 1
      var position = first - table.symbolOffset
      while position < table.chainCount && reader.u32(table.chains &+ 4 &* position) & 1 == 0 {
        position += 1
        length += 1
      }
      lengths[bucket] = length
      maximum = Swift.max(maximum, length)
      symbols += length
    }
    writeHistogram(lengths, maximum: maximum, symbols: symbols)
  }

  /// The rows: per length, the number of buckets, their share of the
  /// buckets and the running share of the symbols.
  func writeHistogram(_ lengths: [UInt64], maximum: UInt64, symbols: UInt64) {
    guard !lengths.isEmpty else { return }
    var counts = [UInt64](repeating: 0, count: Int(maximum) + 1)
    for length in lengths { counts[Int(length)] += 1 }
    let buckets = Double(lengths.count)
    Out.text("      0  ")
    Out.decimalLeft(counts[0], width: 10)
    Out.text(" (")
    writeFixed1(Double(counts[0]) * 100.0 / buckets, width: 5)
    Out.text("%)\n")
    var covered: UInt64 = 0
    var length = 1
    while length <= Int(maximum) {
      covered += counts[length] * UInt64(length)
      Out.decimal(UInt64(length), width: 7)
      Out.text("  ")
      Out.decimalLeft(counts[length], width: 10)
      Out.text(" (")
      writeFixed1(Double(counts[length]) * 100.0 / buckets, width: 5)
      Out.text("%)    ")
      writeFixed1(Double(covered) * 100.0 / Double(symbols), width: 5)
      Out.text("%\n")
      length += 1
    }
  }
}

/// `%*.1f` of a finite non-negative double, right-aligned in `width`,
/// rounded as glibc's printf rounds: to nearest, ties to even, on the
/// exact binary value.
func writeFixed1(_ value: Double, width: Int) {
  // value × 10 = m × 2^e × 10 exactly; round it to an integer q.
  var q: UInt64 = 0
  if value > 0 && value.isFinite {
    let m = value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)
    let e = Int(value.exponent) - 52
    let n = m &* 10  // < 2^57
    if e >= 0 {
      q = e < 7 ? n << UInt64(e) : UInt64.max  // beyond what a percentage reaches
    } else if -e < 58 {
      let k = UInt64(-e)
      q = n >> k
      let remainder = n & ((1 << k) - 1)
      let half: UInt64 = 1 << (k - 1)
      if remainder > half || (remainder == half && q & 1 == 1) { q += 1 }
    }
  }
  let integer = q / 10
  Out.spaces(width - Out.decimalLength(integer) - 2)
  Out.decimal(integer)
  Out.byte(UInt8(ascii: "."))
  Out.byte(UInt8(truncatingIfNeeded: 48 + q % 10))
}
