// Section names as GNU readelf 2.40 reads and prints them: its copy of
// the section-header string table (`string_table`) and
// `printable_section_name`.
import ELF

/// The section-header string table as GNU readelf reads it
/// (`filedata->string_table`): the section `e_shstrndx` if it is not 0,
/// exists and is not empty, read as bytes whatever its type; `nil` if
/// there is none or it is not inside the file.
struct SectionNameTable {
  let bytes: UnsafeRawBufferPointer?

  init(_ elf: ELFFile) {
    var bytes: UnsafeRawBufferPointer? = nil
    if let sections = try? elf.sections(), elf.sectionNameTableIndex != 0,
      elf.sectionNameTableIndex < UInt64(sections.count)
    {
      let section = sections[Int(elf.sectionNameTableIndex)]
      if section.size != 0 { bytes = try? elf.bytes(offset: section.offset, size: section.size, .sectionNameTable) }
    }
    self.bytes = bytes
  }

  /// The name of a section (GNU's `section_name`), or `nil` where GNU
  /// prints `<corrupt>` (`section_name_valid` fails).
  func name(of section: ELFFile.SectionHeader) -> UnsafeRawBufferPointer? {
    guard let bytes else { return nil }
    return SymbolNames.string(in: bytes, at: UInt64(section.nameOffset))
  }

  /// Writes a section's name as GNU's `printable_section_name`: control
  /// characters as `^X`, printable ASCII as is, any other byte as `<XX>`
  /// (uppercase hex), at most 256 bytes of output; `<corrupt>` for a name
  /// outside the table.
  func writePrintable(_ section: ELFFile.SectionHeader) {
    Self.writePrintable(printableName(of: section))
  }

  /// The name `printable_section_name` starts from (GNU's
  /// `section_name_print`): `<no-strings>` without a string table,
  /// `<corrupt>` for a name outside it.
  func printableName(of section: ELFFile.SectionHeader) -> UnsafeRawBufferPointer {
    let text: StaticString
    if bytes == nil {
      text = "<no-strings>"
    } else if let name = name(of: section) {
      return name
    } else {
      text = "<corrupt>"
    }
    return UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }

  /// ``writePrintable(_:)`` for a section index, `<corrupt>` if it is not a
  /// section (`printable_section_name_from_index`).
  func writePrintable(index: UInt64, in sections: ELFFile.Sections) {
    guard index < UInt64(sections.count) else {
      SymbolNames.writeCorrupt()
      return
    }
    writePrintable(sections[Int(index)])
  }

  /// Writes name bytes as `printable_section_name` does.
  static func writePrintable(_ name: UnsafeRawBufferPointer) {
    let text = printable(name)
    text.withUnsafeBytes { Out.bytes($0) }
  }

  /// Name bytes as `printable_section_name` makes them.
  static func printable(_ name: UnsafeRawBufferPointer) -> [UInt8] {
    let hex: StaticString = "0123456789ABCDEF"
    var text: [UInt8] = []
    text.reserveCapacity(Swift.min(name.count * 4, 256))
    var remaining = 256
    for c in name {
      if c < 0x20 || c == 0x7f {
        if remaining < 2 { break }
        text.append(UInt8(ascii: "^"))
        text.append(c &+ 0x40)
        remaining -= 2
      } else if c < 0x7f {
        text.append(c)
        remaining -= 1
      } else {
        if remaining < 4 { break }
        text.append(UInt8(ascii: "<"))
        text.append(hex.utf8Start[Int(c >> 4)])
        text.append(hex.utf8Start[Int(c & 15)])
        text.append(UInt8(ascii: ">"))
        remaining -= 4
      }
      if remaining == 0 { break }
    }
    return text
  }
}
