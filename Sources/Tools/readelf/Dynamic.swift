// `-d`: the dynamic section, as GNU readelf 2.40 prints it
// (process_dynamic_section in binutils' readelf.c):
//
//   Dynamic section at offset 0x2de0 contains 26 entries:
//     Tag        Type                         Name/Value
//    0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]
//    0x000000000000000c (INIT)               0x1000
//
// GNU finds the table its own way (see ``Dump/gnuDynamicTable()``), which
// the relocations (`-r`) reuse for their "no static relocations" note.
import ELF
import Runtime

/// The dynamic table as GNU readelf finds it, with the strings its entries
/// name.
struct GNUDynamicTable {
  /// The file offset of the table (`dynamic_addr`).
  var offset: UInt64
  /// The entries, up to and including the first `DT_NULL`
  /// (`dynamic_nent` of them).
  var entries: ELFFile.DynamicEntries
  /// The dynamic string table (the `.dynstr` section, else `DT_STRTAB`
  /// and `DT_STRSZ`; see ``Dump/gnuDynamicStrings(_:)``), or `nil` if
  /// there is none inside the file: names are then shown as numbers.
  var strings: UnsafeRawBufferPointer?
}

extension Dump {
  /// Whether the file is ELF32 (GNU's `is_32bit_elf`).
  var is32: Bool { elf.fileClass == .bits32 }

  /// The dynamic table as GNU readelf locates it (process_program_headers):
  /// the file image of the `PT_DYNAMIC` segment, replaced by the section
  /// named `.dynamic` when the file has section headers: its offset and
  /// size, or none at all if it is `SHT_NOBITS` (a debug-info file). A
  /// `PT_DYNAMIC` without a `.dynamic` section (or with an empty one)
  /// keeps the segment's range. A table that does not fit in the file, a
  /// file without `PT_DYNAMIC` (relocatable objects, static executables)
  /// and an empty table give `nil`: "There is no dynamic section".
  func gnuDynamicTable() throws(ELFError) -> GNUDynamicTable? {
    guard let segments = try? elf.programHeaders() else { return nil }
    var found: ELFFile.ProgramHeader? = nil
    // GNU reads every PT_DYNAMIC and keeps the last ("more than one
    // dynamic segment" is only an error message).
    for segment in segments where segment.type == .dynamic { found = segment }
    guard let segment = found else { return nil }
    var offset = segment.offset
    var size = segment.fileSize
    if let section = sectionNamed(".dynamic"), section.size != 0 {
      if section.type == .noBits { return nil }
      offset = section.offset
      size = section.size
    }
    let fileSize = UInt64(elf.bytes.count)
    guard size != 0, offset <= fileSize, size <= fileSize - offset else { return nil }
    let entries = try elf.dynamicEntries(throughTerminatorAt: offset, size: size)
    return GNUDynamicTable(offset: offset, entries: entries, strings: gnuDynamicStrings(entries))
  }

  /// The first section with name `name`, as GNU's `find_section`; `nil`
  /// if there is none or the section headers or their names cannot be
  /// read.
  func sectionNamed(_ name: StaticString) -> ELFFile.SectionHeader? {
    firstSection(named: name, type: nil)
  }

  /// The first section with name `name` (and type `type`, if given).
  func firstSection(named name: StaticString, type: ELFFile.SectionType?) -> ELFFile.SectionHeader? {
    guard let table = try? elf.sections(), !table.isEmpty, let names = SectionNameTable(elf).bytes else { return nil }
    let wanted = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    for section in table where type == nil || section.type == type {
      guard let candidate = SymbolNames.string(in: names, at: UInt64(section.nameOffset)) else { continue }
      if candidate.elementsEqual(wanted) { return section }
    }
    return nil
  }

  /// The dynamic string table as GNU finds it. Quirk kept: the first
  /// `SHT_STRTAB` section named `.dynstr` wins (GNU loads it with the
  /// section headers, before it reads the dynamic table); without one,
  /// `DT_STRTAB` and `DT_STRSZ`, taken as soon as both have been seen
  /// (nonzero), the address mapped with
  /// ``gnuFileOffset(ofAddress:size:)``. `nil` if neither gives bytes
  /// inside the file.
  func gnuDynamicStrings(_ entries: ELFFile.DynamicEntries) -> UnsafeRawBufferPointer? {
    if let section = firstSection(named: ".dynstr", type: .stringTable), section.size != 0,
      let bytes = try? elf.bytes(offset: section.offset, size: section.size, .dynamicStringTable)
    {
      return bytes
    }
    var address: UInt64 = 0
    var size: UInt64 = 0
    for entry in entries {
      if entry.tag == .stringTable { address = entry.value }
      if entry.tag == .stringTableSize { size = entry.value }
      if address != 0 && size != 0 {
        return try? elf.bytes(offset: gnuFileOffset(ofAddress: address, size: size), size: size, .dynamicStringTable)
      }
    }
    return nil
  }

  /// The file offset of the virtual address range `address ..< address +
  /// size`, as GNU's `offset_from_vma` computes it: through the first
  /// `PT_LOAD` whose start rounded down to its alignment is at or below
  /// `address` and whose file image reaches `address + size`. Quirk kept:
  /// the rounding lets an address just below `p_vaddr` match (and wrap
  /// below `p_offset`). Without such a segment GNU uses the address itself
  /// as the offset.
  func gnuFileOffset(ofAddress address: UInt64, size: UInt64) -> UInt64 {
    guard let segments = try? elf.programHeaders() else { return address }
    for segment in segments where segment.type == .load {
      let start = segment.virtualAddress & (0 &- segment.alignment)
      if address >= start && address &+ size <= segment.virtualAddress &+ segment.fileSize {
        return address &- segment.virtualAddress &+ segment.offset
      }
    }
    return address
  }

  /// The program interpreter as GNU reads it for `-d` (with `fscanf
  /// ("%4096s")` at the last `PT_INTERP`'s offset): leading white space
  /// skipped, then up to the first white space or NUL.
  func gnuProgramInterpreter() -> UnsafeRawBufferPointer? {
    guard let segments = try? elf.programHeaders() else { return nil }
    var found: ELFFile.ProgramHeader? = nil
    for segment in segments where segment.type == .interpreter { found = segment }
    guard let segment = found, segment.offset < UInt64(elf.bytes.count) else { return nil }
    let bytes = elf.bytes
    var start = Int(segment.offset)
    while start < bytes.count, isCSpace(bytes[start]) { start += 1 }
    var end = start
    while end < bytes.count, end - start < 4096, bytes[end] != 0, !isCSpace(bytes[end]) { end += 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
  }

  /// `-d`. GNU reads the dynamic table whatever it displays and reports
  /// a bad `DT_SYMINENT` then; this does the same when called without
  /// `-d` (it then prints nothing).
  func dynamicSection() throws(ELFError) {
    let table = try gnuDynamicTable()
    if let table {
      for entry in table.entries where entry.tag.rawValue == Int64(DT.symbolInfoEntrySize) && entry.value != 4 {
        reportError { line in
          line.append("Bad value (")
          line.appendDecimal(Int(Int32(truncatingIfNeeded: entry.value)))
          line.append(") for SYMINENT entry")
        }
      }
    }
    guard options.dynamic else { return }
    guard let table else {
      Out.text("\nThere is no dynamic section in this file.\n")
      return
    }
    let count = table.entries.count
    // GNU omits this line when the table is at offset 0 (it tests
    // `dynamic_addr` for being set).
    if table.offset != 0 {
      Out.text("\nDynamic section at offset 0x")
      Out.hex(table.offset)
      Out.text(" contains ")
      Out.decimal(UInt64(count))
      Out.text(count == 1 ? " entry:\n" : " entries:\n")
    }
    Out.text("  Tag        Type                         Name/Value\n")
    var interpreter: UnsafeRawBufferPointer?? = .none
    for entry in table.entries {
      // GNU reads 32-bit tags and values zero-extended.
      let tag = is32 ? UInt64(UInt32(truncatingIfNeeded: entry.tag.rawValue)) : UInt64(bitPattern: entry.tag.rawValue)
      let value = entry.value
      Out.text(" 0x")
      Out.hex(tag, digits: is32 ? 8 : 16)
      Out.text(" (")
      let width = writeDynamicType(tag)
      Out.byte(UInt8(ascii: ")"))
      // printf ("%*s", n, " "): at least the one space, and a negative
      // width (a long unknown-tag text) pads on the left to |n|.
      let pad = (is32 ? 27 : 19) - width
      Out.spaces(Swift.max(pad < 0 ? -pad : pad, 1))
      switch tag {
      case DT.flags:
        writeDynamicFlags(value)
      case DT.auxiliary, DT.filter, DT.config, DT.depAudit, DT.audit:
        switch tag {
        case DT.auxiliary: Out.text("Auxiliary library")
        case DT.filter: Out.text("Filter library")
        case DT.config: Out.text("Configuration file")
        case DT.depAudit: Out.text("Dependency audit library")
        default: Out.text("Audit library")
        }
        if let name = dynamicName(table, value) {
          Out.text(": [")
          Out.bytes(name)
          Out.text("]\n")
        } else {
          Out.text(": 0x")
          Out.hex(value)
          Out.newline()
        }
      case DT.feature1:
        writeFlagList(value, DT.feature1Names)
      case DT.posFlag1:
        writeFlagList(value, DT.posFlag1Names)
      case DT.flags1:
        writeFlagList(value, DT.flags1Names)
      case DT.gnuFlags1:
        writeFlagList(value, DT.gnuFlags1Names)
      case DT.pltRel:
        writeDynamicType(value)
        Out.newline()
      case DT.needed, DT.soname, DT.rpath, DT.runpath:
        if let name = dynamicName(table, value) {
          switch tag {
          case DT.needed:
            Out.text("Shared library: [")
            Out.bytes(name)
            Out.byte(UInt8(ascii: "]"))
            if interpreter == nil { interpreter = .some(gnuProgramInterpreter()) }
            if let program = interpreter ?? nil, program.elementsEqual(name) { Out.text(" program interpreter") }
          case DT.soname:
            Out.text("Library soname: [")
            Out.bytes(name)
            Out.byte(UInt8(ascii: "]"))
          case DT.rpath:
            Out.text("Library rpath: [")
            Out.bytes(name)
            Out.byte(UInt8(ascii: "]"))
          default:
            Out.text("Library runpath: [")
            Out.bytes(name)
            Out.byte(UInt8(ascii: "]"))
          }
        } else {
          Out.text("0x")
          Out.hex(value)
        }
        Out.newline()
      case DT.pltRelSize, DT.relaSize, DT.stringTableSize, DT.relSize, DT.relaEntrySize, DT.relrEntrySize,
        DT.relrSize, DT.symbolEntrySize, DT.relEntrySize, DT.pltPadSize, DT.moveEntrySize, DT.moveSize,
        DT.preinitArraySize, DT.initArraySize, DT.finiArraySize, DT.gnuConflictSize, DT.gnuLiblistSize:
        Out.decimal(value)
        Out.text(" (bytes)\n")
      case DT.verdefCount, DT.verneedCount, DT.relaCount, DT.relCount:
        Out.decimal(value)
        Out.newline()
      case DT.used:
        if let name = dynamicName(table, value), !name.isEmpty {
          Out.text("Not needed object: [")
          Out.bytes(name)
          Out.text("]\n")
        } else {
          Out.text("0x")
          Out.hex(value)
          Out.newline()
        }
      case DT.bindNow:
        // The value is ignored: nothing after the padding.
        Out.newline()
      case DT.gnuPrelinked:
        writeTimestamp(value)
      default:
        // Addresses and everything else (x86 has no processor-specific
        // value formats): %#lx, with 0 as "0x0".
        Out.text("0x")
        Out.hex(value)
        Out.newline()
      }
    }
  }

  /// The string at `offset` of the dynamic string table, as GNU's
  /// `valid_dynamic_name` / `get_dynamic_name` give it (up to the NUL or
  /// the end of the table), or `nil` if there is no table or the offset
  /// is outside it.
  func dynamicName(_ table: GNUDynamicTable, _ offset: UInt64) -> UnsafeRawBufferPointer? {
    guard let strings = table.strings else { return nil }
    return SymbolNames.string(in: strings, at: offset)
  }

  /// Writes GNU's name for a dynamic tag (get_dynamic_type); returns its
  /// length. Unnamed tags: `Processor Specific: 7000000f` (x86 names none
  /// of `DT_LOPROC ... DT_HIPROC`), `Operating System specific: 6000000e`
  /// (`DT_LOOS ... DT_HIOS`), else `<unknown>: 1f`.
  @discardableResult
  func writeDynamicType(_ tag: UInt64) -> Int {
    if let name = DT.name(tag) {
      Out.text(name)
      return name.utf8CodeUnitCount
    }
    let prefix: StaticString
    if tag >= 0x7000_0000 && tag <= 0x7fff_ffff {
      prefix = "Processor Specific: "
    } else if tag >= 0x6000_000d && tag <= 0x6fff_f000 {
      prefix = "Operating System specific: "
    } else {
      prefix = "<unknown>: "
    }
    Out.text(prefix)
    Out.hex(tag)
    return prefix.utf8CodeUnitCount + Out.hexLength(tag)
  }

  /// `DT_FLAGS` (print_dynamic_flags): the names of the set bits from the
  /// lowest, separated by spaces; `unknown` for bits without a name.
  func writeDynamicFlags(_ flags: UInt64) {
    var rest = flags
    var first = true
    while rest != 0 {
      let bit = rest & (0 &- rest)
      rest &= ~bit
      if !first { Out.byte(UInt8(ascii: " ")) }
      first = false
      switch bit {
      case 0x1: Out.text("ORIGIN")
      case 0x2: Out.text("SYMBOLIC")
      case 0x4: Out.text("TEXTREL")
      case 0x8: Out.text("BIND_NOW")
      case 0x10: Out.text("STATIC_TLS")
      default: Out.text("unknown")
      }
    }
    Out.newline()
  }

  /// `DT_FLAGS_1` and the other `Flags:` entries: ` None` for 0, else a
  /// space and a name for each known bit in bit order, then the unknown
  /// bits together in hex.
  func writeFlagList(_ value: UInt64, _ names: (UInt64) -> StaticString?) {
    Out.text("Flags:")
    guard value != 0 else {
      Out.text(" None\n")
      return
    }
    var rest = value
    for shift in 0..<64 {
      let bit = UInt64(1) << UInt64(shift)
      guard value & bit != 0, let name = names(bit) else { continue }
      Out.byte(UInt8(ascii: " "))
      Out.text(name)
      rest &= ~bit
    }
    if rest != 0 {
      Out.byte(UInt8(ascii: " "))
      Out.hex(rest)
    }
    Out.newline()
  }

  /// `DT_GNU_PRELINKED`: the time in UTC as `gmtime` gives it,
  /// `%04u-%02u-%02uT%02u:%02u:%02u`. Quirk kept: a time whose year does
  /// not fit in an `int` (gmtime fails) is `<corrupt time val: …` with no
  /// closing bracket and no newline.
  func writeTimestamp(_ value: UInt64) {
    let time = Int64(bitPattern: value)
    var days = time / 86400
    var seconds = time % 86400
    if seconds < 0 {
      seconds += 86400
      days -= 1
    }
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    guard year - 1900 >= Int64(Int32.min), year - 1900 <= Int64(Int32.max) else {
      Out.text("<corrupt time val: ")
      Out.hex(value)
      return
    }
    writeZeroPadded(UInt64(UInt32(truncatingIfNeeded: year)), 4)
    Out.byte(UInt8(ascii: "-"))
    writeZeroPadded(UInt64(month), 2)
    Out.byte(UInt8(ascii: "-"))
    writeZeroPadded(UInt64(day), 2)
    Out.byte(UInt8(ascii: "T"))
    writeZeroPadded(UInt64(seconds / 3600), 2)
    Out.byte(UInt8(ascii: ":"))
    writeZeroPadded(UInt64(seconds / 60 % 60), 2)
    Out.byte(UInt8(ascii: ":"))
    writeZeroPadded(UInt64(seconds % 60), 2)
    Out.newline()
  }
}

extension Dump {
  /// The `DT_SYMINFO` table (Solaris symbol binding information), which
  /// GNU prints with `-d` after the symbol tables (process_syminfo):
  ///
  ///   Dynamic info segment at offset 0x10 contains 1 entry:
  ///    Num: Name                           BoundTo     Flags
  ///      0: foo                            SELF        DIRECT
  ///
  /// `Dump.run` calls it after the symbol tables; it prints only with `-d`. The
  /// table is `DT_SYMINSZ` bytes at `DT_SYMINFO` (mapped with the size seen
  /// so far, as GNU does); names come from the first `SHT_DYNSYM` section
  /// (GNU's `dynamic_symbols`, read with the section headers) and the
  /// dynamic string table; without either GNU prints nothing.
  func dynamicSymbolInfo() throws(ELFError) {
    guard options.dynamic, let table = try gnuDynamicTable(), let strings = table.strings else { return }
    var size: UInt64 = 0
    var offset: UInt64 = 0
    for entry in table.entries {
      let tag = is32 ? UInt64(UInt32(truncatingIfNeeded: entry.tag.rawValue)) : UInt64(bitPattern: entry.tag.rawValue)
      if tag == DT.symbolInfoSize { size = entry.value }
      if tag == DT.symbolInfo { offset = gnuFileOffset(ofAddress: entry.value, size: size) }
    }
    guard offset != 0, size != 0, let info = try? elf.bytes(offset: offset, size: size, .dynamicTable),
      let sections = try? elf.sections()
    else { return }
    var symbols: ELFFile.SymbolTable? = nil
    for section in sections where section.type == .dynamicSymbols {
      var corrected = section
      corrected.entrySize = is32 ? 16 : 24
      symbols = try? elf.symbols(in: corrected)
      break
    }
    guard let symbols else { return }
    let count = info.count / 4
    Out.text("\nDynamic info segment at offset ")
    Out.hexPrefixed(offset, zeroWithoutPrefix: true)
    Out.text(" contains ")
    Out.decimal(UInt64(count))
    Out.text(count == 1 ? " entry:\n" : " entries:\n")
    Out.text(" Num: Name                           BoundTo     Flags\n")
    for index in 0..<count {
      // Elf_Syminfo: si_boundto, si_flags (two Elf_Half).
      let boundTo = load16(info, 4 * index)
      let flags = load16(info, 4 * index + 2)
      Out.decimal(UInt64(index), width: 4)
      Out.text(": ")
      if index >= symbols.count {
        Out.text("<corrupt index>")
      } else if let name = SymbolNames.string(in: strings, at: UInt64(symbols[index].nameOffset)) {
        SymbolNames.write(name)
      } else {
        Out.text("<corrupt: ")
        Out.decimal(UInt64(symbols[index].nameOffset), width: 19)
        Out.byte(UInt8(ascii: ">"))
      }
      Out.byte(32)
      switch boundTo {
      case 0xffff: Out.text("SELF       ")
      case 0xfffe: Out.text("PARENT     ")
      default:
        if boundTo > 0, Int(boundTo) < table.entries.count,
          let name = SymbolNames.string(in: strings, at: table.entries[Int(boundTo)].value)
        {
          SymbolNames.write(name)
          Out.byte(32)
        } else {
          Out.decimalLeft(UInt64(boundTo), width: 10)
          Out.byte(32)
        }
      }
      if flags & 1 != 0 { Out.text(" DIRECT") }
      if flags & 2 != 0 { Out.text(" PASSTHRU") }
      if flags & 4 != 0 { Out.text(" COPY") }
      if flags & 8 != 0 { Out.text(" LAZYLOAD") }
      Out.newline()
    }
  }
}

extension Dump {
  /// A 16-bit value of a table in the file's byte order.
  func load16(_ d: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
    let raw = d.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
    return elf.endianness == .little ? UInt16(littleEndian: raw) : UInt16(bigEndian: raw)
  }
}

/// `%0*lu`.
func writeZeroPadded(_ value: UInt64, _ digits: Int) {
  Out.fill(UInt8(ascii: "0"), digits - Out.decimalLength(value))
  Out.decimal(value)
}

/// C's `isspace` in the C locale.
func isCSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }

/// Dynamic tags (`DT_*` in elf.h) as GNU readelf names and groups them.
enum DT {
  static let needed: UInt64 = 1
  static let pltRelSize: UInt64 = 2
  static let relaSize: UInt64 = 8
  static let relaEntrySize: UInt64 = 9
  static let stringTableSize: UInt64 = 10
  static let symbolEntrySize: UInt64 = 11
  static let soname: UInt64 = 14
  static let rpath: UInt64 = 15
  static let relSize: UInt64 = 18
  static let relEntrySize: UInt64 = 19
  static let pltRel: UInt64 = 20
  static let bindNow: UInt64 = 24
  static let initArraySize: UInt64 = 27
  static let finiArraySize: UInt64 = 28
  static let runpath: UInt64 = 29
  static let flags: UInt64 = 30
  static let preinitArraySize: UInt64 = 33
  static let relrSize: UInt64 = 35
  static let relrEntrySize: UInt64 = 37
  static let symbolInfoSize: UInt64 = 0x6fff_fdfe
  static let symbolInfoEntrySize: UInt64 = 0x6fff_fdff
  static let symbolInfo: UInt64 = 0x6fff_feff
  static let gnuFlags1: UInt64 = 0x6fff_fdf4
  static let gnuPrelinked: UInt64 = 0x6fff_fdf5
  static let gnuConflictSize: UInt64 = 0x6fff_fdf6
  static let gnuLiblistSize: UInt64 = 0x6fff_fdf7
  static let pltPadSize: UInt64 = 0x6fff_fdf9
  static let moveEntrySize: UInt64 = 0x6fff_fdfa
  static let moveSize: UInt64 = 0x6fff_fdfb
  static let feature1: UInt64 = 0x6fff_fdfc
  static let posFlag1: UInt64 = 0x6fff_fdfd
  static let config: UInt64 = 0x6fff_fefa
  static let depAudit: UInt64 = 0x6fff_fefb
  static let audit: UInt64 = 0x6fff_fefc
  static let relaCount: UInt64 = 0x6fff_fff9
  static let relCount: UInt64 = 0x6fff_fffa
  static let flags1: UInt64 = 0x6fff_fffb
  static let verdefCount: UInt64 = 0x6fff_fffd
  static let verneedCount: UInt64 = 0x6fff_ffff
  static let auxiliary: UInt64 = 0x7fff_fffd
  static let used: UInt64 = 0x7fff_fffe
  static let filter: UInt64 = 0x7fff_ffff

  /// GNU's name of a tag (get_dynamic_type's table), or `nil`.
  static func name(_ tag: UInt64) -> StaticString? {
    switch tag {
    case 0: "NULL"
    case 1: "NEEDED"
    case 2: "PLTRELSZ"
    case 3: "PLTGOT"
    case 4: "HASH"
    case 5: "STRTAB"
    case 6: "SYMTAB"
    case 7: "RELA"
    case 8: "RELASZ"
    case 9: "RELAENT"
    case 10: "STRSZ"
    case 11: "SYMENT"
    case 12: "INIT"
    case 13: "FINI"
    case 14: "SONAME"
    case 15: "RPATH"
    case 16: "SYMBOLIC"
    case 17: "REL"
    case 18: "RELSZ"
    case 19: "RELENT"
    case 20: "PLTREL"
    case 21: "DEBUG"
    case 22: "TEXTREL"
    case 23: "JMPREL"
    case 24: "BIND_NOW"
    case 25: "INIT_ARRAY"
    case 26: "FINI_ARRAY"
    case 27: "INIT_ARRAYSZ"
    case 28: "FINI_ARRAYSZ"
    case 29: "RUNPATH"
    case 30: "FLAGS"
    case 32: "PREINIT_ARRAY"
    case 33: "PREINIT_ARRAYSZ"
    case 34: "SYMTAB_SHNDX"
    case 35: "RELRSZ"
    case 36: "RELR"
    case 37: "RELRENT"
    case 0x6fff_fdf4: "GNU_FLAGS_1"
    case 0x6fff_fdf5: "GNU_PRELINKED"
    case 0x6fff_fdf6: "GNU_CONFLICTSZ"
    case 0x6fff_fdf7: "GNU_LIBLISTSZ"
    case 0x6fff_fdf8: "CHECKSUM"
    case 0x6fff_fdf9: "PLTPADSZ"
    case 0x6fff_fdfa: "MOVEENT"
    case 0x6fff_fdfb: "MOVESZ"
    case 0x6fff_fdfc: "FEATURE"
    case 0x6fff_fdfd: "POSFLAG_1"
    case 0x6fff_fdfe: "SYMINSZ"
    case 0x6fff_fdff: "SYMINENT"
    case 0x6fff_fe00: "ADDRRNGLO"
    case 0x6fff_fef5: "GNU_HASH"
    case 0x6fff_fef6: "TLSDESC_PLT"
    case 0x6fff_fef7: "TLSDESC_GOT"
    case 0x6fff_fef8: "GNU_CONFLICT"
    case 0x6fff_fef9: "GNU_LIBLIST"
    case 0x6fff_fefa: "CONFIG"
    case 0x6fff_fefb: "DEPAUDIT"
    case 0x6fff_fefc: "AUDIT"
    case 0x6fff_fefd: "PLTPAD"
    case 0x6fff_fefe: "MOVETAB"
    case 0x6fff_feff: "SYMINFO"
    case 0x6fff_fff0: "VERSYM"
    case 0x6fff_fff9: "RELACOUNT"
    case 0x6fff_fffa: "RELCOUNT"
    case 0x6fff_fffb: "FLAGS_1"
    case 0x6fff_fffc: "VERDEF"
    case 0x6fff_fffd: "VERDEFNUM"
    case 0x6fff_fffe: "VERNEED"
    case 0x6fff_ffff: "VERNEEDNUM"
    case 0x7fff_fffd: "AUXILIARY"
    case 0x7fff_fffe: "USED"
    case 0x7fff_ffff: "FILTER"
    default: nil
    }
  }

  /// `DF_1_*` (`DT_FLAGS_1`).
  static func flags1Names(_ bit: UInt64) -> StaticString? {
    switch bit {
    case 0x1: "NOW"
    case 0x2: "GLOBAL"
    case 0x4: "GROUP"
    case 0x8: "NODELETE"
    case 0x10: "LOADFLTR"
    case 0x20: "INITFIRST"
    case 0x40: "NOOPEN"
    case 0x80: "ORIGIN"
    case 0x100: "DIRECT"
    case 0x200: "TRANS"
    case 0x400: "INTERPOSE"
    case 0x800: "NODEFLIB"
    case 0x1000: "NODUMP"
    case 0x2000: "CONFALT"
    case 0x4000: "ENDFILTEE"
    case 0x8000: "DISPRELDNE"
    case 0x10000: "DISPRELPND"
    case 0x20000: "NODIRECT"
    case 0x40000: "IGNMULDEF"
    case 0x80000: "NOKSYMS"
    case 0x100000: "NOHDR"
    case 0x200000: "EDITED"
    case 0x400000: "NORELOC"
    case 0x800000: "SYMINTPOSE"
    case 0x1000000: "GLOBAUDIT"
    case 0x2000000: "SINGLETON"
    case 0x4000000: "STUB"
    case 0x8000000: "PIE"
    case 0x10000000: "KMOD"
    case 0x20000000: "WEAKFILTER"
    case 0x40000000: "NOCOMMON"
    default: nil
    }
  }

  /// `DTF_1_*` (`DT_FEATURE_1`).
  static func feature1Names(_ bit: UInt64) -> StaticString? {
    switch bit {
    case 0x1: "PARINIT"
    case 0x2: "CONFEXP"
    default: nil
    }
  }

  /// `DF_P1_*` (`DT_POSFLAG_1`).
  static func posFlag1Names(_ bit: UInt64) -> StaticString? {
    switch bit {
    case 0x1: "LAZYLOAD"
    case 0x2: "GROUPPERM"
    default: nil
    }
  }

  /// `DF_GNU_1_*` (`DT_GNU_FLAGS_1`).
  static func gnuFlags1Names(_ bit: UInt64) -> StaticString? {
    bit == 0x1 ? "UNIQUE" : nil
  }
}
