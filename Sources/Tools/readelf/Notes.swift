// `-n`: the notes, as GNU readelf 2.40 prints them (process_notes,
// process_notes_at and process_note in binutils' readelf.c):
//
//   Displaying notes found in: .note.gnu.build-id
//     Owner                Data size 	Description
//     GNU                  0x00000014	NT_GNU_BUILD_ID (unique build ID bitstring)	    Build ID: 5755…
//
// The notes of the `SHT_NOTE` sections, or of the `PT_NOTE` segments when
// there are none ("Displaying notes found at file offset 0x… with length
// 0x…:"). Descriptions are decoded for owner "GNU" (build ID, ABI tag,
// hardware capabilities, gold version, program properties), "stapsdt"
// (SystemTap probes) and "FDO" (packaging metadata); other notes are shown
// as hex bytes.
//
// Damaged notes are shown as GNU shows them: the notes before the damage
// (``ELFFile/readableNotes(in:)``), then GNU's warning on standard error.
//
// Not reproduced: the type names of core files (GNU names NT_PRSTATUS and
// friends only in ET_CORE files; owner "CORE" notes decode NT_FILE only),
// annobin build attributes (owners "GA*", shown as hex), IA-64 VMS,
// NetBSD, QNX and AMDGPU notes, and the relocations GNU applies to the
// notes of relocatable objects before showing them.
import ELF
import Runtime

extension Dump {
  func notes() throws(ELFError) {
    if elf.type == .core {
      // Core files: the segments only.
      guard elf.programHeaderCount > 0 else {
        Out.text("No notes found file.\n")
        return
      }
      try noteSegments()
      return
    }
    var found = false
    if let sections = try? elf.sections() {
      for section in sections where section.type == .note {
        found = true
        try notes(in: section)
      }
    }
    if !found { try noteSegments() }
  }

  /// The notes of every `PT_NOTE` segment.
  func noteSegments() throws(ELFError) {
    guard let segments = try? elf.programHeaders() else { return }
    for segment in segments where segment.type == .note {
      guard segment.fileSize > 0, noteAlignmentIsValid(segment.alignment, before: nil, segment) else { continue }
      guard let (notes, damage) = try? elf.readableNotes(in: segment) else {
        reportReadError(segment.fileSize, "notes")
        continue
      }
      Out.text("\nDisplaying notes found at file offset 0x")
      Out.hex(segment.offset, digits: 8)
      Out.text(" with length 0x")
      Out.hex(segment.fileSize, digits: 8)
      Out.text(":\n")
      writeNotes(notes, damage, alignment: segment.alignment == 8 ? 8 : 4)
    }
  }

  func notes(in section: ELFFile.SectionHeader) throws(ELFError) {
    guard section.size > 0, noteAlignmentIsValid(section.addressAlignment, before: section, nil) else { return }
    guard let (notes, damage) = try? elf.readableNotes(in: section) else {
      reportReadError(section.size, "section contents")
      return
    }
    Out.text("\nDisplaying notes found in: ")
    writePrintableSectionName(section)
    Out.newline()
    writeNotes(notes, damage, alignment: section.addressAlignment == 8 ? 8 : 4)
  }

  /// GNU takes note alignments below 4 as 4 and refuses all but 4 and 8:
  /// it then shows the heading alone and warns (the ELF module would read
  /// such notes with 4-byte alignment).
  func noteAlignmentIsValid(
    _ alignment: UInt64, before section: ELFFile.SectionHeader?, _ segment: ELFFile.ProgramHeader?
  ) -> Bool {
    guard alignment > 4 && alignment != 8 else { return true }
    if let section {
      Out.text("\nDisplaying notes found in: ")
      writePrintableSectionName(section)
      Out.newline()
    } else if let segment {
      Out.text("\nDisplaying notes found at file offset 0x")
      Out.hex(segment.offset, digits: 8)
      Out.text(" with length 0x")
      Out.hex(segment.fileSize, digits: 8)
      Out.text(":\n")
    }
    reportWarning { line in
      line.append("Corrupt note: alignment ")
      line.appendDecimal(Int(truncatingIfNeeded: alignment))
      line.append(", expecting 4 or 8")
    }
    return false
  }

  /// The notes GNU can read, then a warning about the one it cannot
  /// (it stops there; the exit status is not changed).
  func writeNotes(_ notes: ELFFile.Notes, _ damage: ELFFile.NoteDamage?, alignment: Int) {
    Out.text("  Owner                Data size \tDescription\n")
    for note in notes { writeNote(note) }
    switch damage {
    case .shortHeader(_, let remaining):
      reportWarning { line in
        line.append("Corrupt note: only ")
        line.appendDecimal(remaining)
        line.append(remaining == 1 ? " byte remains, not enough for a full note" : " bytes remain, not enough for a full note")
      }
    case .sizesPastEnd(let offset, let type, let nameSize, let descriptorSize):
      reportWarning { line in
        line.append("note with invalid namesz and/or descsz found at offset ")
        line.append(prefixedHex: UInt64(offset))
      }
      reportWarning { line in
        line.append(" type: ")
        line.append(prefixedHex: UInt64(type))
        line.append(", namesize: ")
        line.append(prefixedHex: UInt64(nameSize))
        line.append(", descsize: ")
        line.append(prefixedHex: UInt64(descriptorSize))
        line.append(", alignment: ")
        line.appendDecimal(alignment)
      }
    case nil:
      break
    }
  }

  /// One note: the owner (padded to 20 columns), the descriptor size, the
  /// type's description, then what GNU decodes of the descriptor.
  func writeNote(_ note: ELFFile.Note) {
    // GNU uses the name as a C string: up to its first NUL.
    let name = UnsafeRawBufferPointer(
      rebasing: note.name[0..<(note.name.firstIndex(of: 0) ?? note.name.count)])
    let owner = NoteOwner(name, hasName: note.nameSize != 0)
    Out.text("  ")
    if note.nameSize == 0 {
      Out.left("(NONE)", 20)
    } else {
      SymbolNames.write(name, padTo: 20)
    }
    Out.text(" 0x")
    Out.hex(UInt64(note.descriptor.count), digits: 8)
    Out.byte(9)
    writeNoteType(note.type.rawValue, owner)
    Out.byte(9)
    switch owner {
    case .gnu: writeGNUNote(note)
    case .stapsdt: writeSystemTapNote(note)
    case .fdo:
      // print_fdo_note: other types print nothing more, not even the
      // newline.
      if note.type.rawValue == NoteOwner.fdoPackagingMetadata && note.descriptor.count > 0 {
        Out.text("    Packaging Metadata: ")
        // %.*s: up to the first NUL.
        let text = note.descriptor
        Out.bytes(UnsafeRawBufferPointer(rebasing: text[0..<(text.firstIndex(of: 0) ?? text.count)]))
        Out.newline()
      }
    case .core: writeCoreNote(note)
    case .other: writeNoteHex(note.descriptor)
    }
  }

  /// print_core_note: only `NT_FILE` (the mapped files of a core dump) is
  /// decoded. Quirk kept: GNU 2.40 refuses it in ELF64 files with "Cannot
  /// decode 64-bit note in 32-bit build".
  func writeCoreNote(_ note: ELFFile.Note) {
    let ntFile: UInt32 = 0x4649_4c45
    guard note.type.rawValue == ntFile else {
      Out.newline()
      return
    }
    guard is32 else {
      Out.text("    Cannot decode 64-bit note in 32-bit build\n")
      return
    }
    let d = note.descriptor
    guard d.count >= 8 else {
      reportError { line in line.append("    Malformed note - too short for header") }
      return
    }
    guard d[d.count - 1] == 0 else {
      reportError { line in line.append("    Malformed note - does not end with \\0") }
      return
    }
    let count = UInt64(load32(d, 0))
    guard count <= UInt64(d.count - 8) / 12 else {
      reportError { line in line.append("    Malformed note - too short for supplied file count") }
      return
    }
    Out.text("    Page size: ")
    Out.decimal(UInt64(load32(d, 4)))
    Out.text("\n         Start         End Page Offset\n")
    var name = 8 + Int(count) * 12
    for index in 0..<Int(count) {
      guard name < d.count else {
        reportError { line in line.append("    Malformed note - filenames end too early") }
        return
      }
      let entry = 8 + index * 12
      Out.text("    0x")
      Out.hex(UInt64(load32(d, entry)), digits: 8)
      Out.text("  0x")
      Out.hex(UInt64(load32(d, entry + 4)), digits: 8)
      Out.text("  0x")
      Out.hex(UInt64(load32(d, entry + 8)), digits: 8)
      Out.text("\n        ")
      // The descriptor ends with a NUL, so there is one.
      let end = d[name...].firstIndex(of: 0) ?? d.count
      Out.bytes(UnsafeRawBufferPointer(rebasing: d[name..<end]))
      Out.newline()
      name = end + 1
    }
  }

  /// The type column: get_gnu_elf_note_type for "GNU", get_stapsdt_note_type
  /// for "stapsdt", get_note_type (for a file that is not a core file)
  /// otherwise.
  func writeNoteType(_ type: UInt32, _ owner: NoteOwner) {
    switch owner {
    case .gnu:
      switch type {
      case 1: Out.text("NT_GNU_ABI_TAG (ABI version tag)")
      case 2: Out.text("NT_GNU_HWCAP (DSO-supplied software HWCAP info)")
      case 3: Out.text("NT_GNU_BUILD_ID (unique build ID bitstring)")
      case 4: Out.text("NT_GNU_GOLD_VERSION (gold version)")
      case 5: Out.text("NT_GNU_PROPERTY_TYPE_0")
      case 0x100: Out.text("NT_GNU_BUILD_ATTRIBUTE_OPEN")
      case 0x101: Out.text("NT_GNU_BUILD_ATTRIBUTE_FUNC")
      default: writeUnknownNoteType(type)
      }
    case .stapsdt:
      if type == 3 { Out.text("NT_STAPSDT (SystemTap probe descriptors)") } else { writeUnknownNoteType(type) }
    case .fdo, .core, .other:
      switch type {
      case 1: Out.text("NT_VERSION (version)")
      case 2: Out.text("NT_ARCH (architecture)")
      case 0x100: Out.text("OPEN")
      case 0x101: Out.text("func")
      case 4: Out.text("GO BUILDID")
      case NoteOwner.fdoPackagingMetadata: Out.text("FDO_PACKAGING_METADATA")
      default: writeUnknownNoteType(type)
      }
    }
  }

  func writeUnknownNoteType(_ type: UInt32) {
    Out.text("Unknown note type: (0x")
    Out.hex(UInt64(type), digits: 8)
    Out.byte(UInt8(ascii: ")"))
  }

  /// print_note_contents_hex in the wide format.
  func writeNoteHex(_ bytes: UnsafeRawBufferPointer) {
    if !bytes.isEmpty {
      Out.text("   description data: ")
      for byte in bytes {
        Out.hex(UInt64(byte), digits: 2)
        Out.byte(32)
      }
    }
    Out.newline()
  }

  /// print_gnu_note.
  func writeGNUNote(_ note: ELFFile.Note) {
    let d = note.descriptor
    switch note.type.rawValue {
    case 3:
      Out.text("    Build ID: ")
      for byte in d { Out.hex(UInt64(byte), digits: 2) }
      Out.newline()
    case 1:
      guard d.count >= 16 else {
        Out.text("    <corrupt GNU_ABI_TAG>\n")
        return
      }
      Out.text("    OS: ")
      switch load32(d, 0) {
      case 0: Out.text("Linux")
      case 1: Out.text("Hurd")
      case 2: Out.text("Solaris")
      case 3: Out.text("FreeBSD")
      case 4: Out.text("NetBSD")
      case 5: Out.text("Syllable")
      case 6: Out.text("NaCl")
      default: Out.text("Unknown")
      }
      // %d of unsigned values.
      Out.text(", ABI: ")
      Out.signed(Int64(Int32(bitPattern: load32(d, 4))))
      Out.byte(UInt8(ascii: "."))
      Out.signed(Int64(Int32(bitPattern: load32(d, 8))))
      Out.byte(UInt8(ascii: "."))
      Out.signed(Int64(Int32(bitPattern: load32(d, 12))))
      Out.newline()
    case 4:
      Out.text("    Version: ")
      Out.bytes(UnsafeRawBufferPointer(rebasing: d[0..<(d.firstIndex(of: 0) ?? d.count)]))
      Out.newline()
    case 2:
      Out.text("      Hardware Capabilities: ")
      guard d.count >= 8 else {
        // GNU reports this as an error (stderr) and stops the line.
        reportError { line in line.append("<corrupt GNU_HWCAP>") }
        return
      }
      Out.text("num entries: ")
      Out.signed(Int64(Int32(bitPattern: load32(d, 0))))
      Out.text(", enabled mask: ")
      Out.hex(UInt64(load32(d, 4)))
      Out.newline()
    case 5:
      writeGNUProperties(elf.gnuProperties(in: note))
    default:
      Out.text("    Description data: ")
      for byte in d {
        Out.hex(UInt64(byte), digits: 2)
        Out.byte(32)
      }
      Out.newline()
    }
  }

  /// A 32-bit value of a descriptor in the file's byte order.
  func load32(_ d: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    let raw = d.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
    return elf.endianness == .little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
  }

  /// A word (4 or 8 bytes, by file class) of a descriptor.
  func loadWord(_ d: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    if is32 { return UInt64(load32(d, offset)) }
    let raw = d.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    return elf.endianness == .little ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw)
  }

  /// print_stapsdt_note: three address-sized words (probe address, base
  /// of `.stapsdt.base`, semaphore), then provider, probe name and
  /// argument format as NUL-terminated strings.
  func writeSystemTapNote(_ note: ELFFile.Note) {
    let d = note.descriptor
    let w = is32 ? 4 : 8
    var strings: [UnsafeRawBufferPointer] = []
    var offset = 3 * w
    if d.count >= 3 * w {
      while strings.count < 3, offset < d.count {
        guard let nul = d[offset...].firstIndex(of: 0) else { break }
        strings.append(UnsafeRawBufferPointer(rebasing: d[offset..<nul]))
        offset = nul + 1
      }
    }
    guard strings.count == 3 else {
      Out.text("  <corrupt - note is too small>\n")
      reportError { line in line.append("corrupt stapdt note - the data size is too small") }
      return
    }
    Out.text("    Provider: ")
    Out.bytes(strings[0])
    Out.text("\n    Name: ")
    Out.bytes(strings[1])
    Out.text("\n    Location: 0x")
    Out.hex(loadWord(d, 0), digits: 2 * w)
    Out.text(", Base: 0x")
    Out.hex(loadWord(d, w), digits: 2 * w)
    Out.text(", Semaphore: 0x")
    Out.hex(loadWord(d, 2 * w), digits: 2 * w)
    Out.text("\n    Arguments: ")
    Out.bytes(strings[2])
    Out.newline()
  }

  /// print_gnu_property_note in the wide format: the properties separated
  /// by ", " on one line.
  func writeGNUProperties(_ properties: ELFFile.GNUProperties) {
    Out.text("      Properties: ")
    if properties.problem == .badDescriptorSize {
      Out.text("<corrupt GNU_PROPERTY_TYPE, size = ")
      Out.hexPrefixed(UInt64(properties.descriptor.count), zeroWithoutPrefix: true)
      Out.text(">\n")
      return
    }
    let x86 = elf.machine == .x86_64 || elf.machine == .i386 || elf.machine.rawValue == 6  // EM_IAMCU
    var first = true
    for property in properties {
      if !first { Out.text(", ") }
      first = false
      writeGNUProperty(property, x86: x86)
    }
    switch properties.problem {
    case .truncatedHeader:
      // GNU separates before it finds there is no room for a header.
      if !first { Out.text(", ") }
      Out.text("<corrupt descsz: 0x")
      Out.hex(UInt64(properties.descriptor.count))
      Out.text(">\n")
    case .dataPastEnd(let type, let size):
      if !first { Out.text(", ") }
      Out.text("<corrupt type (")
      Out.hexPrefixed(UInt64(type.rawValue), zeroWithoutPrefix: true)
      Out.text(") datasz: 0x")
      Out.hex(UInt64(size))
      Out.text(">\n")
    default:
      break
    }
    Out.newline()
  }

  func writeGNUProperty(_ property: ELFFile.GNUProperty, x86: Bool) {
    typealias T = ELFFile.GNUPropertyType
    let type = property.type
    let raw = type.rawValue
    let size = property.data.count
    if raw >= T.processorLow.rawValue && raw <= T.processorHigh.rawValue {
      if x86, let decode = X86Property(type) {
        Out.text(decode.label)
        if let mask = property.uint32 {
          decode.write(mask)
        } else {
          writeCorruptLength(size)
        }
        return
      }
      if elf.machine == .aarch64 && type == T.aarch64Feature1And {
        Out.text("AArch64 feature: ")
        if let mask = property.uint32 {
          writeBits(mask, none: nil) { bit in
            switch bit {
            case 1: "BTI"
            case 2: "PAC"
            default: nil
            }
          }
        } else {
          writeCorruptLength(size)
        }
        return
      }
    } else if type == T.stackSize {
      Out.text("stack size: ")
      if let value = property.word(size: is32 ? 4 : 8) {
        Out.hexPrefixed(value, zeroWithoutPrefix: true)
      } else {
        writeCorruptLength(size)
      }
      return
    } else if type == T.noCopyOnProtected {
      Out.text("no copy on protected ")
      if size != 0 {
        writeCorruptLength(size)
      }
      return
    } else if raw >= T.uint32AndLow.rawValue && raw <= T.uint32OrHigh.rawValue {
      if type == T.needed1 {
        if let mask = property.uint32 {
          Out.text("1_needed: ")
          writeBits(mask, none: nil) { bit in bit == 1 ? "indirect external access" : nil }
        } else {
          Out.text("1_needed: ")
          writeCorruptLength(size)
        }
        return
      }
      Out.text(raw <= T.uint32AndHigh.rawValue ? "UINT32_AND (0x" : "UINT32_OR (0x")
      Out.hex(UInt64(raw))
      Out.text("): ")
      if let value = property.uint32 {
        Out.hexPrefixed(UInt64(value), zeroWithoutPrefix: true)
      } else {
        writeCorruptLength(size)
      }
      return
    }
    if raw < T.processorLow.rawValue {
      Out.text("<unknown type ")
    } else if raw < T.userLow.rawValue {
      Out.text("<processor-specific type ")
    } else {
      Out.text("<application-specific type ")
    }
    Out.hexPrefixed(UInt64(raw), zeroWithoutPrefix: true)
    Out.text(" data: ")
    for byte in property.data {
      Out.hex(UInt64(byte), digits: 2)
      Out.byte(32)
    }
    Out.byte(UInt8(ascii: ">"))
  }

  /// `<corrupt length: %#x> `.
  func writeCorruptLength(_ size: Int) {
    Out.text("<corrupt length: ")
    Out.hexPrefixed(UInt64(size), zeroWithoutPrefix: true)
    Out.text("> ")
  }
}

extension MessageLine {
  /// C's `%#lx`: `0x` and hex digits, `0` alone for 0.
  mutating func append(prefixedHex value: UInt64) {
    if value == 0 {
      append("0")
      return
    }
    append("0x")
    let digits: StaticString = "0123456789abcdef"
    var shift = 60
    while shift > 0 && value >> UInt64(shift) == 0 { shift -= 4 }
    while shift >= 0 {
      append(UnsafeRawBufferPointer(start: digits.utf8Start + Int((value >> UInt64(shift)) & 15), count: 1))
      shift -= 4
    }
  }
}

/// The owners whose notes GNU decodes (it compares prefixes: "GNUx" is
/// "GNU" to it).
enum NoteOwner {
  case gnu, stapsdt, fdo, core, other

  /// `FDO_PACKAGING_METADATA`.
  static let fdoPackagingMetadata: UInt32 = 0xcafe_1a7e

  init(_ name: UnsafeRawBufferPointer, hasName: Bool) {
    if hasName && Self.hasPrefix(name, "GNU") {
      self = .gnu
    } else if hasName && Self.hasPrefix(name, "stapsdt") {
      self = .stapsdt
    } else if hasName && Self.hasPrefix(name, "FDO") {
      self = .fdo
    } else if hasName && Self.hasPrefix(name, "CORE") {
      self = .core
    } else {
      self = .other
    }
  }

  static func hasPrefix(_ name: UnsafeRawBufferPointer, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard name.count >= count else { return false }
    for i in 0..<count where name[i] != prefix.utf8Start[i] { return false }
    return true
  }
}

/// The x86 processor-specific properties GNU decodes: a label and the
/// names of the bits of a 32-bit mask.
struct X86Property {
  let label: StaticString
  let names: (UInt32) -> StaticString?
  /// What an empty mask prints: `<None>` for features, nothing for ISAs.
  let none: StaticString?

  init?(_ type: ELFFile.GNUPropertyType) {
    typealias T = ELFFile.GNUPropertyType
    switch type {
    case T.x86ISA1Used: (label, names, none) = ("x86 ISA used: ", X86Property.isa, nil)
    case T.x86ISA1Needed: (label, names, none) = ("x86 ISA needed: ", X86Property.isa, nil)
    case T.x86Feature1And: (label, names, none) = ("x86 feature: ", X86Property.feature1, "<None>")
    case T.x86Feature2Used: (label, names, none) = ("x86 feature used: ", X86Property.feature2, "<None>")
    case T.x86Feature2Needed: (label, names, none) = ("x86 feature needed: ", X86Property.feature2, "<None>")
    case T.x86CompatISA1Used: (label, names, none) = ("x86 ISA used: ", X86Property.compatISA, nil)
    case T.x86CompatISA1Needed: (label, names, none) = ("x86 ISA needed: ", X86Property.compatISA, nil)
    case T.x86Compat2ISA1Used: (label, names, none) = ("x86 ISA used: ", X86Property.compat2ISA, "<None>")
    case T.x86Compat2ISA1Needed: (label, names, none) = ("x86 ISA needed: ", X86Property.compat2ISA, "<None>")
    default: return nil
    }
  }

  func write(_ mask: UInt32) { writeBits(mask, none: none, names) }

  /// `GNU_PROPERTY_X86_ISA_1_*`.
  static func isa(_ bit: UInt32) -> StaticString? {
    switch bit {
    case 0x1: "x86-64-baseline"
    case 0x2: "x86-64-v2"
    case 0x4: "x86-64-v3"
    case 0x8: "x86-64-v4"
    default: nil
    }
  }

  /// `GNU_PROPERTY_X86_FEATURE_1_*`.
  static func feature1(_ bit: UInt32) -> StaticString? {
    switch bit {
    case 0x1: "IBT"
    case 0x2: "SHSTK"
    case 0x4: "LAM_U48"
    case 0x8: "LAM_U57"
    default: nil
    }
  }

  /// `GNU_PROPERTY_X86_FEATURE_2_*`.
  static func feature2(_ bit: UInt32) -> StaticString? {
    switch bit {
    case 0x1: "x86"
    case 0x2: "x87"
    case 0x4: "MMX"
    case 0x8: "XMM"
    case 0x10: "YMM"
    case 0x20: "ZMM"
    case 0x40: "FXSR"
    case 0x80: "XSAVE"
    case 0x100: "XSAVEOPT"
    case 0x200: "XSAVEC"
    case 0x400: "TMM"
    case 0x800: "MASK"
    default: nil
    }
  }

  /// `GNU_PROPERTY_X86_COMPAT_ISA_1_*`.
  static func compatISA(_ bit: UInt32) -> StaticString? {
    switch bit {
    case 0x1: "i486"
    case 0x2: "586"
    case 0x4: "686"
    case 0x8: "SSE"
    case 0x10: "SSE2"
    case 0x20: "SSE3"
    case 0x40: "SSSE3"
    case 0x80: "SSE4_1"
    case 0x100: "SSE4_2"
    case 0x200: "AVX"
    case 0x400: "AVX2"
    case 0x800: "AVX512F"
    case 0x1000: "AVX512CD"
    case 0x2000: "AVX512ER"
    case 0x4000: "AVX512PF"
    case 0x8000: "AVX512VL"
    case 0x10000: "AVX512DQ"
    case 0x20000: "AVX512BW"
    default: nil
    }
  }

  /// `GNU_PROPERTY_X86_COMPAT_2_ISA_1_*`.
  static func compat2ISA(_ bit: UInt32) -> StaticString? {
    switch bit {
    case 0x1: "CMOV"
    case 0x2: "SSE"
    case 0x4: "SSE2"
    case 0x8: "SSE3"
    case 0x10: "SSSE3"
    case 0x20: "SSE4_1"
    case 0x40: "SSE4_2"
    case 0x80: "AVX"
    case 0x100: "AVX2"
    case 0x200: "FMA"
    case 0x400: "AVX512F"
    case 0x800: "AVX512CD"
    case 0x1000: "AVX512ER"
    case 0x2000: "AVX512PF"
    case 0x4000: "AVX512VL"
    case 0x8000: "AVX512DQ"
    case 0x10000: "AVX512BW"
    case 0x20000: "AVX512_4FMAPS"
    case 0x40000: "AVX512_4VNNIW"
    case 0x80000: "AVX512_BITALG"
    case 0x100000: "AVX512_IFMA"
    case 0x200000: "AVX512_VBMI"
    case 0x400000: "AVX512_VBMI2"
    case 0x800000: "AVX512_VNNI"
    case 0x1000000: "AVX512_BF16"
    default: nil
    }
  }
}

/// The set bits of `mask` from the lowest, by name or as `<unknown: 40>`,
/// separated by ", "; `none` (if any) for an empty mask.
func writeBits(_ mask: UInt32, none: StaticString?, _ names: (UInt32) -> StaticString?) {
  if mask == 0, let none {
    Out.text(none)
    return
  }
  var rest = mask
  while rest != 0 {
    let bit = rest & (0 &- rest)
    rest &= ~bit
    if let name = names(bit) {
      Out.text(name)
    } else {
      Out.text("<unknown: ")
      Out.hex(UInt64(bit))
      Out.byte(UInt8(ascii: ">"))
    }
    if rest != 0 { Out.text(", ") }
  }
}

extension Dump {
  /// A section's name as GNU's `printable_section_name` writes it (see
  /// ``SectionNameTable/writePrintable(_:)``), or `<no-strings>` when the
  /// file has no section-name table (GNU's `section_name_print`).
  func writePrintableSectionName(_ section: ELFFile.SectionHeader) {
    let names = SectionNameTable(elf)
    if names.bytes == nil {
      Out.text("<no-strings>")
    } else {
      names.writePrintable(section)
    }
  }
}
