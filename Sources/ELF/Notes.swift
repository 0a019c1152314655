extension ELFFile {
  /// A note (`Elf32_Nhdr`/`Elf64_Nhdr`, both of 32-bit fields, followed by
  /// the owner name and the descriptor).
  public struct Note: @unchecked Sendable {
    /// The owner name (`n_namesz` bytes), without its terminating NUL.
    public var name: UnsafeRawBufferPointer
    /// `n_type`, interpreted according to the owner.
    public var type: NoteType
    /// The descriptor (`n_descsz` bytes).
    public var descriptor: UnsafeRawBufferPointer
    /// `n_namesz`: the size of the owner name in the file, its NUL
    /// included; 0 for a note without a name (which ``name`` cannot tell
    /// from a name of one NUL).
    public var nameSize: UInt32

    /// Whether the owner name is `"GNU"`.
    public var isGNU: Bool {
      // "GNU" as bytes, no String comparison.
      name.count == 3 && name[0] == 0x47 && name[1] == 0x4e && name[2] == 0x55
    }
  }

  /// The notes of a note section or segment, validated when created.
  ///
  /// Layout as readelf and the kernel read it: the header is 12 bytes; the
  /// descriptor starts at `align_up(12 + n_namesz, a)`, the next note at
  /// `align_up(descriptor + n_descsz, a)`, where `a` is 8 if the section
  /// or segment is 8-aligned (`SHT_NOTE`/`PT_NOTE` of GNU properties in
  /// ELF64) and 4 otherwise.
  public struct Notes: Sequence, @unchecked Sendable {
    let reader: ByteReader
    /// The bytes of the notes.
    public let bytes: UnsafeRawBufferPointer
    /// The alignment of names and descriptors: 4 or 8.
    public let alignment: Int

    /// Validates the notes in `bytes`.
    ///
    /// Errors: ``ELFError/truncated(_:)`` with ``ELFError/Item/note`` if a
    /// header, name or descriptor runs past the end.
    init(reader: ByteReader, bytes: UnsafeRawBufferPointer, alignment: Int) throws(ELFError) {
      self.reader = ByteReader(bytes: bytes, endianness: reader.endianness, fileClass: reader.fileClass)
      self.bytes = bytes
      self.alignment = alignment
      var offset = 0
      while offset < bytes.count {
        guard let next = Notes.next(self.reader, at: offset, alignment: alignment) else { throw .truncated(.note) }
        offset = next.next
      }
    }

    /// The note at `offset` and the offset after it, or `nil` if it does
    /// not fit.
    static func next(_ r: ByteReader, at offset: Int, alignment: Int) -> (note: Note, next: Int)? {
      let count = r.bytes.count
      guard count - offset >= 12 else { return nil }
      let nameSize = UInt64(r.load(UInt32.self, at: offset))
      let descriptorSize = UInt64(r.load(UInt32.self, at: offset + 4))
      let type = r.load(UInt32.self, at: offset + 8)
      let a = UInt64(alignment)
      // All in UInt64: 32-bit sizes plus an Int offset cannot overflow.
      let nameStart = UInt64(offset) + 12
      let descriptorStart = (nameStart + nameSize + a - 1) & ~(a - 1)
      let descriptorEnd = descriptorStart + descriptorSize
      guard nameStart + nameSize <= UInt64(count), descriptorEnd <= UInt64(count) else { return nil }
      let end = Swift.min((descriptorEnd + a - 1) & ~(a - 1), UInt64(count))
      var nameEnd = Int(nameStart + nameSize)
      if nameEnd > Int(nameStart), r.bytes[nameEnd - 1] == 0 { nameEnd -= 1 }
      let note = Note(
        name: UnsafeRawBufferPointer(rebasing: r.bytes[Int(nameStart)..<nameEnd]),
        type: NoteType(rawValue: type),
        descriptor: UnsafeRawBufferPointer(rebasing: r.bytes[Int(descriptorStart)..<Int(descriptorEnd)]),
        nameSize: UInt32(nameSize))
      return (note, Int(end))
    }

    public struct Iterator: IteratorProtocol {
      let reader: ByteReader
      let alignment: Int
      var offset = 0

      public mutating func next() -> Note? {
        guard offset < reader.bytes.count, let found = Notes.next(reader, at: offset, alignment: alignment)
        else { return nil }
        offset = found.next
        return found.note
      }
    }

    public func makeIterator() -> Iterator { Iterator(reader: reader, alignment: alignment) }
  }

  /// The notes of an `SHT_NOTE` section.
  ///
  /// Errors: ``ELFError/unexpectedSectionType(_:)`` for other sections;
  /// bounds errors; see ``Notes``.
  public func notes(in section: SectionHeader) throws(ELFError) -> Notes {
    guard section.type == .note else { throw .unexpectedSectionType(section.type) }
    return try Notes(
      reader: reader, bytes: try bytes(offset: section.offset, size: section.size, .note),
      alignment: section.addressAlignment == 8 ? 8 : 4)
  }

  /// The notes of a `PT_NOTE` segment (or any segment holding notes,
  /// such as `PT_GNU_PROPERTY`).
  public func notes(in segment: ProgramHeader) throws(ELFError) -> Notes {
    try Notes(
      reader: reader, bytes: try bytes(offset: segment.offset, size: segment.fileSize, .note),
      alignment: segment.alignment == 8 ? 8 : 4)
  }

  /// The first note of owner "GNU" with `type`: in the `SHT_NOTE`
  /// sections if the file has sections, else in the `PT_NOTE` segments.
  public func gnuNote(_ type: NoteType) throws(ELFError) -> Note? {
    let table = try sections()
    if !table.isEmpty {
      for section in table where section.type == .note {
        for note in try notes(in: section) where note.isGNU && note.type == type { return note }
      }
      return nil
    }
    for segment in try programHeaders() where segment.type == .note {
      for note in try notes(in: segment) where note.isGNU && note.type == type { return note }
    }
    return nil
  }

  /// The build ID (`NT_GNU_BUILD_ID`): its bytes, or `nil`.
  public func buildID() throws(ELFError) -> UnsafeRawBufferPointer? {
    try gnuNote(.gnuBuildID)?.descriptor
  }

  /// The contents of `NT_GNU_ABI_TAG`: the OS and the earliest kernel
  /// version the file runs on.
  public struct ABITag: Equatable, Sendable {
    /// `ELF_NOTE_OS_LINUX` (0), `ELF_NOTE_OS_GNU` (1), `ELF_NOTE_OS_SOLARIS2`
    /// (2), `ELF_NOTE_OS_FREEBSD` (3).
    public var os: UInt32
    public var major: UInt32
    public var minor: UInt32
    public var patch: UInt32
  }

  /// The ABI tag (`NT_GNU_ABI_TAG`), or `nil` if there is none or its
  /// descriptor is shorter than four words.
  public func abiTag() throws(ELFError) -> ABITag? {
    guard let d = try gnuNote(.gnuABITag)?.descriptor, d.count >= 16 else { return nil }
    let r = ByteReader(bytes: d, endianness: endianness, fileClass: fileClass)
    return ABITag(
      os: r.load(UInt32.self, at: 0), major: r.load(UInt32.self, at: 4),
      minor: r.load(UInt32.self, at: 8), patch: r.load(UInt32.self, at: 12))
  }
}
