// `-l`: the program headers, as GNU readelf 2.40 prints them in its wide
// format (`process_program_headers` in binutils' readelf.c):
//
//   Elf file type is DYN (Position-Independent Executable file)
//   Entry point 0x1060
//   There are 14 program headers, starting at offset 64
//
//   Program Headers:
//     Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align
//     PHDR           0x000040 0x0000000000000040 0x0000000000000040 0x000310 0x000310 R   0x8
//     INTERP         ...
//         [Requesting program interpreter: /lib64/ld-linux-x86-64.so.2]
//     ...
//
//    Section to Segment mapping:
//     Segment Sections...
//      00
//      01     .interp
//
// The first three lines are left out when the file header is displayed
// too (`-h -l`, `-e`); the mapping needs section headers with names. GNU's
// consistency checks (a PHDR segment outside every LOAD segment, a
// segment larger in the file than in memory, a dynamic segment without
// `.dynamic` …) are reproduced as its errors on standard error.
import ELF
import Runtime

extension Dump {
  /// Displays the program headers with `-l`; without it, only reports what
  /// GNU reports as it reads them (GNU reads them for every option).
  func programHeaders() throws(ELFError) {
    let display = options.programHeaders
    let count = gnuProgramHeaderCount
    if count == 0 {
      if elf.programHeaderOffset != 0 {
        reportWarning { line in
          line.append("possibly corrupt ELF header - it has a non-zero program header offset,")
          line.append(" but no program headers")
        }
      } else if display {
        Out.text("\nThere are no program headers in this file.\n")
      }
      return
    }
    // Section names, for the mapping and for finding `.dynamic`; GNU has
    // read them before (or reported why it could not).
    let sections = loadSections(report: false).map { SectionTable(elf, sections: $0, reportErrors: false) }
    if display && !options.fileHeader {
      let type = fileTypeName(sections: sections)  // before the line, as GNU's messages
      Out.text("\nElf file type is ")
      type.write()
      Out.text("\nEntry point 0x")
      Out.hex(elf.entry)
      Out.text(count == 1 ? "\nThere is " : "\nThere are ")
      Out.decimal(count)
      Out.text(count == 1 ? " program header, starting at offset " : " program headers, starting at offset ")
      Out.decimal(elf.programHeaderOffset)
      Out.newline()
    }
    // GNU keeps the headers once read: if the file type (of an ET_DYN
    // file, in this line or in the file header) has read them, their
    // warning is not repeated.
    let readBefore = elf.type == .sharedObject && (options.fileHeader || display)
    guard let segments = loadSegments(warn: !readBefore) else { return }
    let is64 = elf.fileClass == .bits64
    if display {
      Out.text("\nProgram Headers:\n")
      if is64 {
        Out.text("  Type           Offset   VirtAddr           PhysAddr           FileSiz  MemSiz   Flg Align\n")
      } else {
        Out.text("  Type           Offset   VirtAddr   PhysAddr   FileSiz MemSiz  Flg Align\n")
      }
    }
    let machine = elf.machine.rawValue
    let fileSize = UInt64(elf.bytes.count)
    var sawLoad = false
    var dynamicOffset: UInt64 = 0
    for index in 0..<segments.count {
      let segment = segments[index]
      if display { writeSegment(segment, is64: is64) }
      switch segment.type {
      case .load:
        if segment.memorySize < segment.fileSize {
          reportError { $0.append("the segment's file size is larger than its memory size") }
        }
        sawLoad = true
      case .programHeader:
        if index > 0 && sawLoad {
          reportError { $0.append("the PHDR segment must occur before any LOAD segment") }
        }
        if machine != MachineNumber.parisc && !isCovered(segment, by: segments) {
          reportError { $0.append("the PHDR segment is not covered by a LOAD segment") }
        }
      case .dynamic:
        dynamicOffset = checkDynamic(segment, previous: dynamicOffset, sections: sections, fileSize: fileSize)
      case .interpreter:
        writeInterpreter(segment, fileSize: fileSize, display: display)
      default:
        break
      }
    }

    guard display, let sections, sections.names != nil, sections.count > 0 else { return }
    writeSectionToSegmentMapping(segments, sections: sections)
  }

  /// `Section to Segment mapping`: for each segment, the sections GNU
  /// counts in it.
  private func writeSectionToSegmentMapping(_ segments: ELFFile.ProgramHeaders, sections: SectionTable) {
    Out.text("\n Section to Segment mapping:\n  Segment Sections...\n")
    for index in 0..<segments.count {
      let segment = segments[index]
      Out.text(index < 10 ? "   0" : "   ")  // `%2.2d`: at least two digits
      Out.decimal(UInt64(index))
      Out.text("     ")
      for sectionIndex in 1..<sections.count {
        let section = sections.headers[sectionIndex]
        if !isTBSSSpecial(section, segment) && isInSegment(section, segment) {
          sections.writePrintableName(of: section)
          Out.byte(32)
        }
      }
      Out.newline()
    }
  }

  /// One line of the table.
  private func writeSegment(_ segment: ELFFile.ProgramHeader, is64: Bool) {
    Out.text("  ")
    let type = TypeNames.segmentType(segment.type.rawValue, machine: elf.machine.rawValue, osabi: elf.osABI)
    type.writeTruncated(14)
    Out.text(" 0x")
    Out.hex(segment.offset, digits: 6)
    Out.text(" 0x")
    Out.hex(segment.virtualAddress, digits: is64 ? 16 : 8)
    Out.text(" 0x")
    Out.hex(segment.physicalAddress, digits: is64 ? 16 : 8)
    Out.text(" 0x")
    Out.hex(segment.fileSize, digits: is64 ? 6 : 5)
    Out.text(" 0x")
    Out.hex(segment.memorySize, digits: is64 ? 6 : 5)
    Out.byte(32)
    let flags = segment.flags
    Out.byte(flags.contains(.read) ? UInt8(ascii: "R") : 32)
    Out.byte(flags.contains(.write) ? UInt8(ascii: "W") : 32)
    Out.byte(flags.contains(.execute) ? UInt8(ascii: "E") : 32)
    Out.byte(32)
    Out.hexPrefixed(segment.alignment, zeroWithoutPrefix: true)
    Out.newline()
  }

  /// GNU's `e_phnum`: `PN_XNUM` (0xffff) is replaced by section 0's
  /// `sh_info` only when that is not 0.
  var gnuProgramHeaderCount: UInt64 {
    let header = RawFileHeader(elf)
    if header.programHeaderCount == 0xffff, let zero = header.initialSection, zero.info != 0 {
      return UInt64(zero.info)
    }
    return UInt64(header.programHeaderCount)
  }

  /// The program headers as GNU's `get_program_headers` reads them, or
  /// `nil` where it fails, with its messages (it reports a failure each
  /// time it is asked: for the file type of an `ET_DYN` file, then for
  /// the table; `warn` is false where it has read them before). Quirk
  /// reproduced: with an `e_phentsize` larger than
  /// `ElfN_Phdr`, GNU warns, checks that `e_phentsize * e_phnum` bytes are
  /// in the file, and then reads the entries with the structure's own
  /// stride.
  func loadSegments(warn: Bool = true) -> ELFFile.ProgramHeaders? {
    let count = gnuProgramHeaderCount
    guard count != 0 else { return nil }
    let size: UInt64 = elf.fileClass == .bits64 ? 56 : 32
    let entrySize = UInt64(elf.programHeaderEntrySize)
    let fileSize = UInt64(elf.bytes.count)
    if count * size >= fileSize {
      reportError { line in
        line.append("Too many program headers - 0x")
        line.appendHex(UInt(count))
        line.append(" - the file is not that big")
      }
      return nil
    }
    guard entrySize != 0 else { return nil }
    if entrySize < size {
      reportError { line in
        line.append("The e_phentsize field in the ELF header is less than the size of an ELF program header")
      }
      return nil
    }
    let offset = elf.programHeaderOffset
    var segments: ELFFile.ProgramHeaders? = nil
    if offset <= fileSize, count * entrySize <= fileSize - offset {
      segments = try? elf.programHeaders(offset: offset, count: count)
    }
    // A failed read is not kept, and warned about again.
    if entrySize > size, warn || segments == nil {
      reportWarning { line in
        line.append("The e_phentsize field in the ELF header is larger than the size of an ELF program header")
      }
    }
    guard let segments else {
      reportError { line in
        line.append("Reading ")
        line.appendDecimal(Int(truncatingIfNeeded: count &* entrySize))
        line.append(" bytes extends past end of file for program headers")
      }
      return nil
    }
    return segments
  }

  /// Whether a LOAD segment other than the first program header contains
  /// the PHDR segment, in the file and in memory (GNU starts its search at
  /// index 1, and compares memory ranges by file size).
  private func isCovered(_ phdr: ELFFile.ProgramHeader, by segments: ELFFile.ProgramHeaders) -> Bool {
    for index in 1..<segments.count {
      let load = segments[index]
      if load.type == .load, load.offset <= phdr.offset,
        load.offset &+ load.fileSize >= phdr.offset &+ phdr.fileSize,
        load.virtualAddress <= phdr.virtualAddress,
        load.virtualAddress &+ load.fileSize >= phdr.virtualAddress &+ phdr.fileSize
      {
        return true
      }
    }
    return false
  }

  /// GNU's checks of PT_DYNAMIC: a second one (GNU notices it only if the
  /// first table's offset was not 0), one without a `.dynamic` section
  /// (when there are section headers; IA-64 OpenVMS files may do without),
  /// one outside the file. Returns the table's offset as GNU keeps it.
  private func checkDynamic(
    _ segment: ELFFile.ProgramHeader, previous: UInt64, sections: SectionTable?, fileSize: UInt64
  ) -> UInt64 {
    if previous != 0 { reportError { $0.append("more than one dynamic segment") } }
    var offset = segment.offset
    var size = segment.fileSize
    if let sections, sections.count > 0 {
      guard let table = sections.section(named: ".dynamic"), table.size != 0 else {
        if !(elf.machine.rawValue == MachineNumber.ia64 && elf.osABI == OSABINumber.openVMS) {
          reportError { $0.append("no .dynamic section in the dynamic segment") }
        }
        return offset
      }
      if table.type == .noBits { return 0 }
      offset = table.offset
      size = table.size
    }
    if offset > fileSize || size > fileSize - offset {
      reportError { $0.append("the dynamic segment offset + size exceeds the size of the file") }
      return 0
    }
    return offset
  }

  /// `[Requesting program interpreter: …]`: the bytes of PT_INTERP up to
  /// the first NUL.
  private func writeInterpreter(_ segment: ELFFile.ProgramHeader, fileSize: UInt64, display: Bool) {
    // GNU refuses an empty segment too (`p_filesz - 1 >= (size_t) -2`).
    guard segment.offset < fileSize, segment.fileSize <= fileSize - segment.offset, segment.fileSize != 0 else {
      reportError { $0.append("Unable to find program interpreter name") }
      return
    }
    guard display else { return }
    let start = Int(segment.offset)
    let bytes = UnsafeRawBufferPointer(rebasing: elf.bytes[start..<start + Int(segment.fileSize)])
    let end = bytes.firstIndex(of: 0) ?? bytes.count
    Out.text("      [Requesting program interpreter: ")
    Out.bytes(UnsafeRawBufferPointer(rebasing: bytes[0..<end]))
    Out.text("]\n")
  }

  /// `ELF_TBSS_SPECIAL` (include/elf/internal.h): a `.tbss` section
  /// outside a PT_TLS segment takes no room.
  private func isTBSSSpecial(_ section: ELFFile.SectionHeader, _ segment: ELFFile.ProgramHeader) -> Bool {
    section.flags.contains(.tls) && section.type == .noBits && segment.type != .tls
  }

  /// `ELF_SECTION_IN_SEGMENT_STRICT` (include/elf/internal.h, with VMAs
  /// checked): whether GNU lists a section under a segment. The unsigned
  /// arithmetic wraps as in C.
  private func isInSegment(_ section: ELFFile.SectionHeader, _ segment: ELFFile.ProgramHeader) -> Bool {
    let tls = section.flags.contains(.tls)
    let alloc = section.flags.contains(.alloc)
    let type = segment.type.rawValue
    let noBits = section.type == .noBits
    // Only PT_LOAD, PT_GNU_RELRO and PT_TLS hold TLS sections; PT_TLS
    // only those, PT_PHDR none.
    let tlsOK = tls ? (type == 7 || type == 0x6474_e552 || type == 1) : (type != 7 && type != 6)
    guard tlsOK else { return false }
    // PT_LOAD, PT_DYNAMIC, PT_GNU_EH_FRAME, PT_GNU_STACK, PT_GNU_RELRO,
    // PT_GNU_SFRAME and PT_GNU_MBIND_* hold only SHF_ALLOC sections.
    if !alloc {
      switch type {
      case 1, 2, 0x6474_e550, 0x6474_e551, 0x6474_e552, 0x6474_e554: return false
      case 0x6474_e555...0x6474_f554: return false
      default: break
      }
    }
    let size = isTBSSSpecial(section, segment) ? 0 : section.size
    // File offsets inside the segment (except SHT_NOBITS).
    if !noBits {
      let delta = section.offset &- segment.offset
      guard section.offset >= segment.offset, delta <= segment.fileSize &- 1,
        delta &+ size <= segment.fileSize
      else { return false }
    }
    // Addresses inside the segment (SHF_ALLOC sections).
    if alloc {
      let delta = section.address &- segment.virtualAddress
      guard section.address >= segment.virtualAddress, delta <= segment.memorySize &- 1,
        delta &+ size <= segment.memorySize
      else { return false }
    }
    // No empty section at the start or end of a non-empty PT_DYNAMIC or
    // PT_NOTE.
    if (type == 2 || type == 4) && section.size == 0 && segment.memorySize != 0 {
      let inFile =
        noBits || (section.offset > segment.offset && section.offset &- segment.offset < segment.fileSize)
      let inMemory =
        !alloc
        || (section.address > segment.virtualAddress
          && section.address &- segment.virtualAddress < segment.memorySize)
      return inFile && inMemory
    }
    return true
  }
}
