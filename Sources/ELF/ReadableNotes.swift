extension ELFFile {
  /// What stops a walk over notes before the end of their section or
  /// segment (see ``readableNotes(in:)-(SectionHeader)``).
  public enum NoteDamage: Equatable, Sendable {
    /// Fewer than 12 bytes remain at `offset`: not enough for a note
    /// header.
    case shortHeader(offset: Int, remaining: Int)
    /// The name or descriptor of the note at `offset`, padded to the
    /// alignment, runs past the end.
    case sizesPastEnd(offset: Int, type: UInt32, nameSize: UInt32, descriptorSize: UInt32)
  }

  /// The notes of an `SHT_NOTE` section up to the first one that does not
  /// fit, and what is wrong with that one (`nil` if all fit).
  ///
  /// This is how `readelf` walks notes: it shows the notes before a
  /// damaged one, then reports the damage. A note fits when its header,
  /// its name and its descriptor, each padded to the alignment, lie inside
  /// the section (stricter than ``notes(in:)-(SectionHeader)``, which lets
  /// the last descriptor go unpadded), so every note of the result is one
  /// that ``Notes`` reads too.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow`` with
  /// ``ELFError/Item/note`` if the section is not inside the file.
  public func readableNotes(in section: SectionHeader) throws(ELFError) -> (notes: Notes, damage: NoteDamage?) {
    guard section.type == .note else { throw .unexpectedSectionType(section.type) }
    return readableNotes(
      try bytes(offset: section.offset, size: section.size, .note), alignment: section.addressAlignment == 8 ? 8 : 4)
  }

  /// The notes of a segment (`PT_NOTE`) up to the first one that does not
  /// fit; see ``readableNotes(in:)-(SectionHeader)``.
  public func readableNotes(in segment: ProgramHeader) throws(ELFError) -> (notes: Notes, damage: NoteDamage?) {
    readableNotes(
      try bytes(offset: segment.offset, size: segment.fileSize, .note), alignment: segment.alignment == 8 ? 8 : 4)
  }

  func readableNotes(_ bytes: UnsafeRawBufferPointer, alignment: Int) -> (notes: Notes, damage: NoteDamage?) {
    let r = ByteReader(bytes: bytes, endianness: endianness, fileClass: fileClass)
    let a = UInt64(alignment)
    let count = UInt64(bytes.count)
    var offset = 0
    var damage: NoteDamage? = nil
    // Each note takes at least 12 bytes, so this ends.
    while offset < bytes.count {
      let remaining = bytes.count - offset
      guard remaining >= 12 else {
        damage = .shortHeader(offset: offset, remaining: remaining)
        break
      }
      let nameSize = r.load(UInt32.self, at: offset)
      let descriptorSize = r.load(UInt32.self, at: offset + 4)
      // In UInt64: 32-bit sizes added to an Int offset cannot overflow.
      let descriptorStart = (UInt64(offset) + 12 + UInt64(nameSize) + a - 1) & ~(a - 1)
      let next = (descriptorStart + UInt64(descriptorSize) + a - 1) & ~(a - 1)
      guard descriptorStart <= count, next <= count else {
        damage = .sizesPastEnd(
          offset: offset, type: r.load(UInt32.self, at: offset + 8), nameSize: nameSize,
          descriptorSize: descriptorSize)
        break
      }
      offset = Int(next)
    }
    let prefix = UnsafeRawBufferPointer(rebasing: bytes[0..<offset])
    return (Notes(readablePrefix: prefix, reader: reader, alignment: alignment), damage)
  }
}

extension ELFFile.Notes {
  /// A view of notes already checked by
  /// ``ELFFile/readableNotes(in:)-(ELFFile.SectionHeader)``.
  init(readablePrefix bytes: UnsafeRawBufferPointer, reader: ByteReader, alignment: Int) {
    self.reader = ByteReader(bytes: bytes, endianness: reader.endianness, fileClass: reader.fileClass)
    self.bytes = bytes
    self.alignment = alignment
  }
}
