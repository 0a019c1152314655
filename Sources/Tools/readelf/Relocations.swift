// `-r`: the relocation sections, as GNU readelf 2.40 prints them
// (process_relocs and dump_relocations in binutils' readelf.c):
//
//   Relocation section '.rela.dyn' at offset 0x5f8 contains 7 entries:
//       Offset             Info             Type               Symbol's Value  Symbol's Name + Addend
//   0000000000003fc0  0000000100000006 R_X86_64_GLOB_DAT      0000000000000000 __libc_start_main@GLIBC_2.34 + 0
//
// `SHT_REL`, `SHT_RELA` and `SHT_RELR` sections in section order; RELR
// sections as the list of relocated addresses ("  5 offsets"), as 2.40
// prints them. Relocation types are named for x86-64 and i386 (the
// machines of this system); other machines' types print as
// `unrecognized: <type>`.
//
// Implementation notes: a large file has hundreds of thousands of
// relocations, most of them R_X86_64_RELATIVE without a symbol, so each
// line is written straight into the output buffer (``Out/reserve(_:)``)
// with no per-entry allocation; symbol names and version suffixes go
// through `SymbolNames` and `SymbolVersions`, made once per file.
import ELF
import Runtime

extension Dump {
  func relocations() throws(ELFError) {
    // GNU has no section headers when it cannot read them.
    let sections = try? elf.sections()
    let names = SectionNameTable(elf)
    var versions: SymbolVersions? = nil
    var found = false
    for index in 0..<(sections?.count ?? 0) {
      let section = sections.unsafelyUnwrapped[index]
      let type = section.type
      guard type == .relocations || type == .relocationsWithAddends || type == .relativeRelocations,
        section.size != 0
      else { continue }
      Out.text("\nRelocation section ")
      if names.bytes == nil {
        // GNU prints sh_name with %d when there is no section-name table.
        Out.signed(Int64(Int32(bitPattern: section.nameOffset)))
      } else {
        Out.byte(UInt8(ascii: "'"))
        names.writePrintable(section)
        Out.byte(UInt8(ascii: "'"))
      }
      // GNU reads the section headers with the entry size of REL, RELA
      // and RELR sections set to the structure's size (CHECK_ENTSIZE, with
      // an error message if it was not), so counts and reads use that.
      let naturalSize: UInt64 =
        type == .relativeRelocations ? (is32 ? 4 : 8) : type == .relocations ? (is32 ? 8 : 16) : (is32 ? 12 : 24)
      let count = section.size / naturalSize
      var corrected = section
      corrected.entrySize = naturalSize
      Out.text(" at offset ")
      Out.hexPrefixed(section.offset, zeroWithoutPrefix: true)
      Out.text(" contains ")
      Out.decimal(count)
      Out.text(count == 1 ? " entry:\n" : " entries:\n")

      if type == .relativeRelocations {
        writeRelativeRelocations(corrected)
        found = true
        continue
      }
      var symbols: ELFFile.SymbolTable? = nil
      var extended: ELFFile.ExtendedSectionIndexes? = nil
      var strings: UnsafeRawBufferPointer? = nil
      var isDynamic = false
      if section.link != 0, let table = sections, UInt64(section.link) < UInt64(table.count) {
        // GNU skips (after the heading) a section whose link is not a
        // symbol table, or whose symbols cannot be read.
        var symbolSection = table[Int(section.link)]
        guard symbolSection.type == .symbolTable || symbolSection.type == .dynamicSymbols else { continue }
        // GNU corrects a symbol table's entry size too.
        symbolSection.entrySize = is32 ? 16 : 24
        guard let loaded = try? elf.symbols(in: symbolSection) else { continue }
        // Extended section indexes (SHT_SYMTAB_SHNDX): GNU reads them with
        // the symbols, and no symbols if it cannot.
        var indexesReadable = true
        for candidate in table
        where candidate.type == .symbolTableSectionIndices && UInt64(candidate.link) == UInt64(section.link) {
          if candidate.size != 0, let indexes = try? elf.extendedSectionIndexes(in: candidate),
            indexes.count >= loaded.count
          {
            extended = indexes
          } else {
            indexesReadable = false
          }
          break
        }
        guard indexesReadable else { continue }
        symbols = loaded
        // A symbol table linked to section 0 has no string table for GNU.
        strings = symbolSection.link == 0 ? nil : loaded.strings.bytes
        isDynamic = symbolSection.type == .dynamicSymbols
        if isDynamic && versions == nil { versions = symbolVersions() }
      }
      let table: ELFFile.Relocations
      do throws(ELFError) {
        table = try elf.relocations(in: corrected)
      } catch {
        reportReadError(section.size, is32 ? "32-bit relocation data" : "64-bit relocation data")
        found = true
        continue
      }
      writeRelocationTable(
        table, symbols: symbols, extended: extended, strings: strings, versions: isDynamic ? versions : nil,
        sections: sections, names: names)
      found = true
    }
    if !found {
      // GNU's hint when the dynamic table names relocations that no
      // section holds (section headers stripped).
      if let dynamic = try gnuDynamicTable(), hasDynamicRelocations(dynamic) {
        Out.text("\nThere are no static relocations in this file.")
        Out.text("\nTo see the dynamic relocations add --use-dynamic to the command line.\n")
      } else {
        Out.text("\nThere are no relocations in this file.\n")
      }
    }
  }

  /// Whether the last `DT_RELSZ`, `DT_RELASZ`, `DT_RELRSZ` or
  /// `DT_PLTRELSZ` entry of the table is not 0 (GNU's `dynamic_info`).
  func hasDynamicRelocations(_ dynamic: GNUDynamicTable) -> Bool {
    var sizes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    for entry in dynamic.entries {
      switch entry.tag {
      case .relocationsSize: sizes.0 = entry.value
      case .relocationsWithAddendsSize: sizes.1 = entry.value
      case .relativeRelocationsSize: sizes.2 = entry.value
      case .pltRelocationsSize: sizes.3 = entry.value
      default: break
      }
    }
    return sizes.0 != 0 || sizes.1 != 0 || sizes.2 != 0 || sizes.3 != 0
  }

  /// An `SHT_RELR` section: the number of relocated addresses, then each
  /// address as a full-width hex word (GNU 2.40 shows neither symbols nor
  /// the encoded entries).
  func writeRelativeRelocations(_ section: ELFFile.SectionHeader) {
    let relocations: ELFFile.RelativeRelocations
    do throws(ELFError) {
      relocations = try elf.relativeRelocations(in: section)
    } catch {
      reportReadError(section.size, "RELR relocation data")
      return
    }
    var count: UInt64 = 0
    for _ in relocations { count += 1 }
    Out.text("  ")
    Out.decimal(count)
    Out.text(count == 1 ? " offset\n" : " offsets\n")
    let digits = is32 ? 8 : 16
    for address in relocations {
      let p = Out.reserve(17)
      putHex(p, address, digits)
      p[digits] = 10
      Out.count += digits + 1
    }
  }

  /// The entries of an `SHT_REL` or `SHT_RELA` section, one line each.
  func writeRelocationTable(
    _ table: ELFFile.Relocations, symbols: ELFFile.SymbolTable?, extended: ELFFile.ExtendedSectionIndexes?,
    strings: UnsafeRawBufferPointer?, versions: SymbolVersions?, sections: ELFFile.Sections?, names: SectionNameTable
  ) {
    let addends = table.hasAddends
    if is32 {
      Out.text(
        addends
          ? " Offset     Info    Type                Sym. Value  Symbol's Name + Addend\n"
          : " Offset     Info    Type                Sym. Value  Symbol's Name\n")
    } else {
      Out.text(
        addends
          ? "    Offset             Info             Type               Symbol's Value  Symbol's Name + Addend\n"
          : "    Offset             Info             Type               Symbol's Value  Symbol's Name\n")
    }
    let digits = is32 ? 8 : 16
    let machine = RelocationMachine(elf.machine)
    let symbolCount = symbols?.count ?? 0
    for index in 0..<table.count {
      let r = table[index]
      // Offset, info and type: at most 2 * 16 + 3 + 22 bytes.
      let p = Out.reserve(64)
      putHex(p, r.offset, digits)
      p[digits] = 32
      p[digits + 1] = 32
      putHex(p + digits + 2, r.info, digits)
      p[2 * digits + 2] = 32
      Out.count += 2 * digits + 3
      writeRelocationType(r.type, machine)

      let symbolIndex = Int(r.symbolIndex)
      if symbolIndex != 0 {
        guard let symbols, symbolIndex < symbolCount else {
          reportError { line in
            line.append(" bad symbol index: ")
            line.append(hex8: UInt64(symbolIndex))
            line.append(" in reloc")
          }
          Out.newline()
          continue
        }
        let symbol = symbols[symbolIndex]
        Out.byte(32)
        if symbol.type == .gnuIndirectFunction {
          writeIndirectFunctionName(symbol, symbolIndex: symbolIndex, strings: strings, versions: versions)
        } else {
          Out.hex(symbol.value, digits: digits)
          Out.text(is32 ? "   " : " ")
        }
        if symbol.nameOffset == 0 {
          let sectionIndex = SymbolLine.internalSectionIndex(symbol, at: symbolIndex, extended: extended)
          writeUnnamedSymbol(symbol, sectionIndex: sectionIndex, sections: sections, names: names)
        } else if let strings {
          if let name = SymbolNames.string(in: strings, at: UInt64(symbol.nameOffset)) {
            SymbolNames.write(name)
            versions?.writeSuffix(
              symbolIndex: symbolIndex, symbol: symbol, isDynamic: true, strings: strings, requirementNumber: false)
          } else {
            reportError { line in
              line.append("<corrupt string table index: ")
              line.append(decimal3: UInt64(symbol.nameOffset))
              line.append(">")
            }
          }
        } else {
          Out.text("<string table index: ")
          Out.decimal(UInt64(symbol.nameOffset), width: 3)
          Out.byte(UInt8(ascii: ">"))
        }
        if let addend = r.addend {
          Out.text(addend < 0 ? " - " : " + ")
          Out.hex(addend.magnitude)
        }
      } else if let addend = r.addend {
        Out.spaces(is32 ? 12 : 20)
        if addend < 0 { Out.byte(UInt8(ascii: "-")) }
        Out.hex(addend.magnitude)
      }
      Out.newline()
    }
  }

  /// The type column: GNU's name padded to 22 columns, or
  /// `unrecognized: %-7lx`.
  @inline(__always)
  func writeRelocationType(_ type: UInt32, _ machine: RelocationMachine) {
    if let name = machine.name(type) {
      Out.left(name, 22)
    } else {
      Out.text("unrecognized: ")
      Out.hexLeft(UInt64(type), width: 7)
    }
  }

  /// A relocation against an `STT_GNU_IFUNC` symbol: GNU shows the name
  /// with `()` instead of the value (the function is called to get the
  /// address), padded to 14 columns (8 in ELF32) plus one, then the name
  /// again in the name column. `??` for a name it cannot read.
  func writeIndirectFunctionName(
    _ symbol: ELFFile.Symbol, symbolIndex: Int, strings: UnsafeRawBufferPointer?, versions: SymbolVersions?
  ) {
    let width = is32 ? 8 : 14
    let written: Int
    if let strings, symbol.nameOffset != 0, let name = SymbolNames.string(in: strings, at: UInt64(symbol.nameOffset)) {
      written = SymbolNames.write(name)
      versions?.writeSuffix(
        symbolIndex: symbolIndex, symbol: symbol, isDynamic: true, strings: strings, requirementNumber: false)
    } else {
      Out.text("??")
      written = 2
    }
    Out.text("()")
    // printf ("%-*s", n, " "): n columns, at least one.
    Out.spaces(written <= width ? width + 1 - written : 1)
  }

  /// A symbol without a name: a section symbol is shown by its section's
  /// name (or `ABS`, `COMMON`, `LARGE_COMMON`, `<section 0x…>`), any other
  /// as `<null>`. `sectionIndex` is binutils' internal index (see
  /// ``SymbolLine/internalSectionIndex(_:at:extended:)``): extended
  /// indexes resolved, reserved ones at 0xffffff00 and above.
  func writeUnnamedSymbol(
    _ symbol: ELFFile.Symbol, sectionIndex index: UInt32, sections: ELFFile.Sections?, names: SectionNameTable
  ) {
    guard symbol.type == .section else {
      Out.text("<null>")
      return
    }
    if let sections, UInt64(index) < UInt64(sections.count) {
      // section_name_print, then print_symbol.
      if let bytes = names.bytes {
        if let name = SymbolNames.string(in: bytes, at: UInt64(sections[Int(index)].nameOffset)) {
          SymbolNames.write(name)
        } else {
          Out.text("<corrupt>")
        }
      } else {
        Out.text("<no-strings>")
      }
    } else if index == 0xffff_fff1 {
      Out.text("ABS")
    } else if index == 0xffff_fff2 {
      Out.text("COMMON")
    } else if index == 0xffff_ff02 && elf.machine == .x86_64 {
      Out.text("LARGE_COMMON")
    } else {
      Out.text("<section 0x")
      Out.hex(UInt64(index))
      Out.byte(UInt8(ascii: ">"))
    }
  }
}

/// Writes `digits` lowercase hex digits of `value` at `p` (zero-padded,
/// high digits dropped).
@inline(__always)
func putHex(_ p: UnsafeMutablePointer<UInt8>, _ value: UInt64, _ digits: Int) {
  let table = Out.hexDigits.utf8Start
  var v = value
  var i = digits
  while i > 0 {
    i -= 1
    p[i] = table[Int(v & 15)]
    v >>= 4
  }
}

extension MessageLine {
  /// `%08lx`.
  mutating func append(hex8 value: UInt64) {
    let digits: StaticString = "0123456789abcdef"
    var length = 8
    while value >> UInt64(4 * length) != 0 && length < 16 { length += 1 }
    var shift = 4 * (length - 1)
    while shift >= 0 {
      let d = Int((value >> UInt64(shift)) & 15)
      append(UnsafeRawBufferPointer(start: digits.utf8Start + d, count: 1))
      shift -= 4
    }
  }

  /// `%3ld`.
  mutating func append(decimal3 value: UInt64) {
    if value < 10 { append("  ") } else if value < 100 { append(" ") }
    appendDecimal(Int(truncatingIfNeeded: value))
  }
}

/// The relocation type names of a machine (`elf_x86_64_reloc_type` and
/// `elf_i386_reloc_type` of binutils 2.40's include/elf headers).
enum RelocationMachine {
  case x86_64, i386, other

  init(_ machine: ELFFile.Machine) {
    switch machine {
    // EM_X86_64, and EM_L1OM (180) and EM_K1OM (181), which GNU names the
    // same way.
    case .x86_64: self = .x86_64
    case ELFFile.Machine(rawValue: 180), ELFFile.Machine(rawValue: 181): self = .x86_64
    // EM_386 and EM_IAMCU (6).
    case .i386, ELFFile.Machine(rawValue: 6): self = .i386
    default: self = .other
    }
  }

  @inline(__always)
  func name(_ type: UInt32) -> StaticString? {
    switch self {
    case .x86_64: Self.x86_64Name(type)
    case .i386: Self.i386Name(type)
    case .other: nil
    }
  }

  static func x86_64Name(_ type: UInt32) -> StaticString? {
    switch type {
    case 0: "R_X86_64_NONE"
    case 1: "R_X86_64_64"
    case 2: "R_X86_64_PC32"
    case 3: "R_X86_64_GOT32"
    case 4: "R_X86_64_PLT32"
    case 5: "R_X86_64_COPY"
    case 6: "R_X86_64_GLOB_DAT"
    case 7: "R_X86_64_JUMP_SLOT"
    case 8: "R_X86_64_RELATIVE"
    case 9: "R_X86_64_GOTPCREL"
    case 10: "R_X86_64_32"
    case 11: "R_X86_64_32S"
    case 12: "R_X86_64_16"
    case 13: "R_X86_64_PC16"
    case 14: "R_X86_64_8"
    case 15: "R_X86_64_PC8"
    case 16: "R_X86_64_DTPMOD64"
    case 17: "R_X86_64_DTPOFF64"
    case 18: "R_X86_64_TPOFF64"
    case 19: "R_X86_64_TLSGD"
    case 20: "R_X86_64_TLSLD"
    case 21: "R_X86_64_DTPOFF32"
    case 22: "R_X86_64_GOTTPOFF"
    case 23: "R_X86_64_TPOFF32"
    case 24: "R_X86_64_PC64"
    case 25: "R_X86_64_GOTOFF64"
    case 26: "R_X86_64_GOTPC32"
    case 27: "R_X86_64_GOT64"
    case 28: "R_X86_64_GOTPCREL64"
    case 29: "R_X86_64_GOTPC64"
    case 30: "R_X86_64_GOTPLT64"
    case 31: "R_X86_64_PLTOFF64"
    case 32: "R_X86_64_SIZE32"
    case 33: "R_X86_64_SIZE64"
    case 34: "R_X86_64_GOTPC32_TLSDESC"
    case 35: "R_X86_64_TLSDESC_CALL"
    case 36: "R_X86_64_TLSDESC"
    case 37: "R_X86_64_IRELATIVE"
    case 38: "R_X86_64_RELATIVE64"
    case 39: "R_X86_64_PC32_BND"
    case 40: "R_X86_64_PLT32_BND"
    case 41: "R_X86_64_GOTPCRELX"
    case 42: "R_X86_64_REX_GOTPCRELX"
    case 250: "R_X86_64_GNU_VTINHERIT"
    case 251: "R_X86_64_GNU_VTENTRY"
    default: nil
    }
  }

  static func i386Name(_ type: UInt32) -> StaticString? {
    switch type {
    case 0: "R_386_NONE"
    case 1: "R_386_32"
    case 2: "R_386_PC32"
    case 3: "R_386_GOT32"
    case 4: "R_386_PLT32"
    case 5: "R_386_COPY"
    case 6: "R_386_GLOB_DAT"
    case 7: "R_386_JUMP_SLOT"
    case 8: "R_386_RELATIVE"
    case 9: "R_386_GOTOFF"
    case 10: "R_386_GOTPC"
    case 11: "R_386_32PLT"
    case 14: "R_386_TLS_TPOFF"
    case 15: "R_386_TLS_IE"
    case 16: "R_386_TLS_GOTIE"
    case 17: "R_386_TLS_LE"
    case 18: "R_386_TLS_GD"
    case 19: "R_386_TLS_LDM"
    case 20: "R_386_16"
    case 21: "R_386_PC16"
    case 22: "R_386_8"
    case 23: "R_386_PC8"
    case 24: "R_386_TLS_GD_32"
    case 25: "R_386_TLS_GD_PUSH"
    case 26: "R_386_TLS_GD_CALL"
    case 27: "R_386_TLS_GD_POP"
    case 28: "R_386_TLS_LDM_32"
    case 29: "R_386_TLS_LDM_PUSH"
    case 30: "R_386_TLS_LDM_CALL"
    case 31: "R_386_TLS_LDM_POP"
    case 32: "R_386_TLS_LDO_32"
    case 33: "R_386_TLS_IE_32"
    case 34: "R_386_TLS_LE_32"
    case 35: "R_386_TLS_DTPMOD32"
    case 36: "R_386_TLS_DTPOFF32"
    case 37: "R_386_TLS_TPOFF32"
    case 38: "R_386_SIZE32"
    case 39: "R_386_TLS_GOTDESC"
    case 40: "R_386_TLS_DESC_CALL"
    case 41: "R_386_TLS_DESC"
    case 42: "R_386_IRELATIVE"
    case 43: "R_386_GOT32X"
    case 200: "R_386_USED_BY_INTEL_200"
    case 250: "R_386_GNU_VTINHERIT"
    case 251: "R_386_GNU_VTENTRY"
    default: nil
    }
  }
}
