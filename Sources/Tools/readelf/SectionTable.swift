// The section headers as GNU readelf 2.40 sees them once it has read the
// file header (`process_file_header`, `process_section_headers` in
// binutils' readelf.c), and the two ways it prints a section's name.
import ELF
import Runtime

struct SectionTable {
  let elf: ELFFile
  /// The section headers (empty if the file has none).
  let headers: ELFFile.Sections
  /// GNU's `string_table`: the section-header string table, or `nil` if
  /// there is none or it could not be read. GNU reads it whatever the
  /// type of the section `e_shstrndx` names (even `SHT_NOBITS`), as long
  /// as its size is not 0 and its bytes are inside the file.
  let names: UnsafeRawBufferPointer?

  /// The number of sections (GNU's `e_shnum` after extended numbering).
  var count: Int { headers.count }

  /// The table of `sections` (read by the caller). With `reportErrors`, a
  /// name table outside the file is reported as GNU reports it (once per
  /// file: only the section headers, where GNU reads it, ask for that).
  init(_ elf: ELFFile, sections: ELFFile.Sections, reportErrors: Bool) {
    self.elf = elf
    headers = sections
    var names: UnsafeRawBufferPointer? = nil
    let index = elf.sectionNameTableIndex
    if index != 0, index < UInt64(headers.count) {
      let table = headers[Int(index)]
      if table.size != 0 {
        if let bytes = try? elf.bytes(offset: table.offset, size: table.size, .stringTable) {
          names = bytes
        } else if reportErrors {
          reportError { line in
            line.append("Reading ")
            line.appendDecimal(Int(truncatingIfNeeded: table.size))
            line.append(" bytes extends past end of file for string table")
          }
        }
      }
    }
    self.names = names
  }

  /// GNU's `section_name_valid`: whether the name is in the name table.
  func hasValidName(_ section: ELFFile.SectionHeader) -> Bool {
    guard let names else { return false }
    return UInt64(section.nameOffset) < UInt64(names.count)
  }

  /// The name of a section as GNU's `section_name_print` gives it:
  /// `<no-strings>` without a name table, `<corrupt>` for an offset
  /// outside it, else the bytes up to the NUL (or the end of the table:
  /// GNU reads the table with a NUL appended).
  func withName<R>(of section: ELFFile.SectionHeader, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    guard let names else { return body(Self.text("<no-strings>")) }
    let offset = UInt64(section.nameOffset)
    guard offset < UInt64(names.count) else { return body(Self.text("<corrupt>")) }
    let rest = UnsafeRawBufferPointer(rebasing: names[Int(offset)...])
    let end = rest.firstIndex(of: 0) ?? rest.count
    return body(UnsafeRawBufferPointer(rebasing: rest[0..<end]))
  }

  /// GNU's `find_section`: the first section with this name whose name is
  /// valid, or `nil` (always `nil` without a name table).
  func section(named name: StaticString) -> ELFFile.SectionHeader? {
    guard names != nil else { return nil }
    let wanted = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    for section in headers where hasValidName(section) {
      if withName(of: section, { $0.elementsEqual(wanted) }) { return section }
    }
    return nil
  }

  /// Writes a section's name as GNU's `printable_section_name` does (the
  /// section-to-segment mapping, the section groups): control characters
  /// as `^X`, other bytes that are not printable ASCII as `<XX>` (uppercase
  /// hex: GNU does not try multibyte characters here), at most 256 columns.
  func writePrintableName(of section: ELFFile.SectionHeader) {
    withName(of: section) { Self.writePrintable($0) }
  }

  /// Appends a section's `printable_section_name` to a message.
  func appendPrintableName(of section: ELFFile.SectionHeader, to line: inout MessageLine) {
    withName(of: section) { name in
      Self.forEachPrintableByte(name) { byte in withUnsafeBytes(of: byte) { line.append($0) } }
    }
  }

  /// `printable_section_name` of any name.
  static func writePrintable(_ name: UnsafeRawBufferPointer) {
    forEachPrintableByte(name) { Out.byte($0) }
  }

  /// The bytes of `printable_section_name`. Quirk reproduced: GNU's `char`
  /// is signed and its `ISCNTRL` counts DEL (0x7f), which becomes `^` and
  /// the byte 0xbf.
  static func forEachPrintableByte(_ name: UnsafeRawBufferPointer, _ emit: (UInt8) -> Void) {
    var remaining = 256
    for c in name {
      if c < 0x20 || c == 0x7f {
        guard remaining >= 2 else { break }
        emit(UInt8(ascii: "^"))
        emit(c &+ 0x40)
        remaining -= 2
      } else if c < 0x7f {
        emit(c)
        remaining -= 1
      } else {
        guard remaining >= 4 else { break }
        let digits: StaticString = "0123456789ABCDEF"
        emit(UInt8(ascii: "<"))
        emit(digits.utf8Start[Int(c >> 4)])
        emit(digits.utf8Start[Int(c & 15)])
        emit(UInt8(ascii: ">"))
        remaining -= 4
      }
      if remaining == 0 { break }
    }
  }

  static func text(_ s: StaticString) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
  }
}
