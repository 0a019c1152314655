// `-h`: the file header, as GNU readelf 2.40 prints it
// (`process_file_header` in binutils' readelf.c).
//
//   ELF Header:
//     Magic:   7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00
//     Class:                             ELF64
//     ...
//     Section header string table index: 38
//
// The counts are printed as the header holds them, followed by the real
// value in parentheses when extended numbering puts it in section 0
// (`e_phnum` 0xffff, `e_shnum` 0, `e_shstrndx` 0xffff).
import ELF

extension Dump {
  func fileHeader() throws(ELFError) {
    let header = RawFileHeader(elf)
    let ident = elf.bytes
    Out.text("ELF Header:\n  Magic:   ")
    for i in 0..<16 {
      Out.hex(UInt64(ident[i]), digits: 2)
      Out.byte(32)
    }
    Out.text("\n  Class:                             ")
    switch ident[4] {
    case 0: Out.text("none")
    case 1: Out.text("ELF32")
    case 2: Out.text("ELF64")
    default: unknownNumber(ident[4])
    }
    Out.text("\n  Data:                              ")
    switch ident[5] {
    case 0: Out.text("none")
    case 1: Out.text("2's complement, little endian")
    case 2: Out.text("2's complement, big endian")
    default: unknownNumber(ident[5])
    }
    Out.text("\n  Version:                           ")
    Out.decimal(UInt64(ident[6]))
    if ident[6] == 1 {
      Out.text(" (current)")
    } else if ident[6] != 0 {
      Out.text(" <unknown>")
    }
    Out.text("\n  OS/ABI:                            ")
    TypeNames.osABI(elf.osABI, machine: elf.machine.rawValue).write()
    Out.text("\n  ABI Version:                       ")
    Out.decimal(UInt64(elf.abiVersion))
    // Section names are not read yet when GNU prints this line, so the
    // dynamic table is found through PT_DYNAMIC alone. (Made before the
    // line is written: GNU's messages about the program headers come
    // before it.)
    Out.newline()
    let type = fileTypeName(sections: nil)
    Out.text("  Type:                              ")
    type.write()
    Out.text("\n  Machine:                           ")
    writeMachineName(elf.machine.rawValue)
    Out.text("\n  Version:                           0x")
    Out.hex(UInt64(elf.version))
    Out.text("\n  Entry point address:               0x")
    Out.hex(elf.entry)
    // `print_vma (…, DEC)` is `%ld`: an offset of 2^63 or more prints
    // negative.
    Out.text("\n  Start of program headers:          ")
    Out.signed(Int64(bitPattern: elf.programHeaderOffset))
    Out.text(" (bytes into file)\n  Start of section headers:          ")
    Out.signed(Int64(bitPattern: elf.sectionHeaderOffset))
    Out.text(" (bytes into file)\n  Flags:                             0x")
    Out.hex(UInt64(elf.flags))
    MachineFlags.write(elf.flags, machine: elf.machine.rawValue, osabi: elf.osABI)
    Out.text("\n  Size of this header:               ")
    Out.decimal(UInt64(elf.headerSize))
    Out.text(" (bytes)\n  Size of program headers:           ")
    Out.decimal(UInt64(elf.programHeaderEntrySize))
    Out.text(" (bytes)\n  Number of program headers:         ")
    Out.decimal(UInt64(header.programHeaderCount))
    let zero = header.initialSection
    if let zero, header.programHeaderCount == 0xffff, zero.info != 0 {
      Out.text(" (")
      Out.decimal(UInt64(zero.info))
      Out.byte(UInt8(ascii: ")"))
    }
    Out.text("\n  Size of section headers:           ")
    Out.decimal(UInt64(elf.sectionHeaderEntrySize))
    Out.text(" (bytes)\n  Number of section headers:         ")
    Out.decimal(UInt64(header.sectionCount))
    // GNU keeps the count in an `unsigned int`: a larger `sh_size` is
    // truncated.
    var sectionCount = UInt32(header.sectionCount)
    if let zero, header.sectionCount == 0 {
      sectionCount = UInt32(truncatingIfNeeded: zero.size)
      Out.text(" (")
      Out.decimal(UInt64(sectionCount))
      Out.byte(UInt8(ascii: ")"))
    }
    Out.text("\n  Section header string table index: ")
    Out.decimal(UInt64(header.nameTableIndex))
    var nameIndex = UInt32(header.nameTableIndex)
    if let zero, header.nameTableIndex == 0xffff {
      nameIndex = zero.link
      Out.text(" (")
      Out.decimal(UInt64(nameIndex))
      Out.byte(UInt8(ascii: ")"))
    }
    if nameIndex != 0, nameIndex >= sectionCount {
      Out.text(" <corrupt: out of range>")
    }
    Out.newline()
  }

  /// GNU's `e_shnum`: 0 is replaced by section 0's `sh_size` (truncated to
  /// 32 bits) when section 0 can be read.
  var gnuSectionCount: Int {
    let header = RawFileHeader(elf)
    if header.sectionCount == 0, let zero = header.initialSection { return Int(UInt32(truncatingIfNeeded: zero.size)) }
    return Int(header.sectionCount)
  }

  /// Whether GNU's `process_section_headers` succeeds, which the unwind
  /// display (and others) depend on: no table at all, or one it can read.
  var sectionHeadersReadable: Bool {
    gnuSectionCount == 0 ? elf.sectionHeaderOffset == 0 : loadSections(report: false) != nil
  }

  /// `<unknown: %x>`.
  private func unknownNumber(_ value: UInt8) {
    Out.text("<unknown: ")
    Out.hex(UInt64(value))
    Out.byte(UInt8(ascii: ">"))
  }

  /// `get_machine_name`: GNU's name of `e_machine`, or `<unknown>: 0x%x`.
  func writeMachineName(_ machine: UInt16) {
    if let name = MachineNames.name(machine) {
      Out.text(name)
    } else {
      Out.text("<unknown>: 0x")
      Out.hex(UInt64(machine))
    }
  }

  /// `get_file_type`: the type's name; for `ET_DYN`, whether the file is a
  /// position-independent executable, which GNU decides by `DF_1_PIE` in
  /// `DT_FLAGS_1` (`is_pie`).
  ///
  /// GNU finds the dynamic table through `PT_DYNAMIC` and, once it has
  /// read the section names (`sections`), through the `.dynamic` section
  /// instead; a `.dynamic` of size 0 or `SHT_NOBITS` means none.
  func fileTypeName(sections: SectionTable?) -> ShortText {
    guard elf.type == .sharedObject else { return TypeNames.fileType(elf.type.rawValue) }
    return isPositionIndependent(sections: sections)
      ? ShortText("DYN (Position-Independent Executable file)") : ShortText("DYN (Shared object file)")
  }

  private func isPositionIndependent(sections: SectionTable?) -> Bool {
    guard let segments = loadSegments() else { return false }
    let fileSize = UInt64(elf.bytes.count)
    var offset: UInt64 = 0
    var size: UInt64 = 0
    for segment in segments where segment.type == .dynamic {
      offset = segment.offset
      size = segment.fileSize
      if let table = sections?.section(named: ".dynamic") {
        if table.size == 0 || table.type == .noBits {
          offset = 0
          size = 0
        } else {
          offset = table.offset
          size = table.size
        }
      }
      if offset > fileSize || size > fileSize - offset {
        offset = 0
        size = 0
      }
      break
    }
    // GNU stores a size of 0 as 1, and then takes 1 for "no table".
    guard size > 1 else { return false }
    let reader = RawReader(elf)
    let entrySize: UInt64 = elf.fileClass == .bits64 ? 16 : 8
    var position = offset
    while size - (position - offset) >= entrySize {
      let tag = reader.word(at: position)
      if tag == 0 { break }  // DT_NULL
      // DT_FLAGS_1 (0x6ffffffb): the first one decides; DF_1_PIE is 0x08000000.
      if tag == 0x6fff_fffb { return reader.word(at: position + entrySize / 2) & 0x0800_0000 != 0 }
      position += entrySize
    }
    return false
  }
}

/// The counts of the file header as they are stored, before extended
/// numbering is resolved, and section 0 as GNU reads it for that: when
/// `e_shoff` is not 0, `e_shentsize` is at least the size of a section
/// header and section 0 is inside the file (GNU's probe read).
struct RawFileHeader {
  let programHeaderCount: UInt16
  let sectionCount: UInt16
  let nameTableIndex: UInt16
  let initialSection: (size: UInt64, link: UInt32, info: UInt32)?

  init(_ elf: ELFFile) {
    let reader = RawReader(elf)
    let is64 = elf.fileClass == .bits64
    let counts: UInt64 = is64 ? 56 : 44
    programHeaderCount = reader.u16(at: counts)
    sectionCount = reader.u16(at: counts + 4)
    nameTableIndex = reader.u16(at: counts + 6)
    let offset = elf.sectionHeaderOffset
    let size: UInt64 = is64 ? 64 : 40
    let fileSize = UInt64(elf.bytes.count)
    if offset != 0, UInt64(elf.sectionHeaderEntrySize) >= size, offset <= fileSize,
      UInt64(elf.sectionHeaderEntrySize) <= fileSize - offset
    {
      initialSection = (
        size: reader.word(at: offset + (is64 ? 32 : 20)), link: reader.u32(at: offset + (is64 ? 40 : 24)),
        info: reader.u32(at: offset + (is64 ? 44 : 28))
      )
    } else {
      initialSection = nil
    }
  }
}

/// Integers of the file's byte order at file offsets; a field that is not
/// (entirely) inside the file reads as 0. For the few places where GNU
/// reads fields the ELF module's views do not offer (raw header counts,
/// dynamic entries of a table located GNU's way).
struct RawReader {
  let bytes: UnsafeRawBufferPointer
  let bigEndian: Bool
  let is64: Bool

  init(_ elf: ELFFile) {
    bytes = elf.bytes
    bigEndian = elf.endianness == .big
    is64 = elf.fileClass == .bits64
  }

  func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) -> T {
    let size = UInt64(MemoryLayout<T>.size)
    guard offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else { return 0 }
    let raw = bytes.loadUnaligned(fromByteOffset: Int(offset), as: T.self)
    return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
  }

  func u16(at offset: UInt64) -> UInt16 { load(UInt16.self, at: offset) }
  func u32(at offset: UInt64) -> UInt32 { load(UInt32.self, at: offset) }
  /// An address-sized field: 8 bytes in ELF64, 4 in ELF32.
  func word(at offset: UInt64) -> UInt64 {
    is64 ? load(UInt64.self, at: offset) : UInt64(load(UInt32.self, at: offset))
  }
}
