// Loaded images: ELF objects read where a loader (or the kernel) mapped
// them, such as the vDSO at `AT_SYSINFO_EHDR`, rather than from a file.
//
// In a file, an address (`p_vaddr`, `DT_STRTAB`, `st_value`) is found at the
// file offset of the `PT_LOAD` segment whose file image holds it. In memory
// the segments are where their addresses say, moved together by the load
// bias, and bytes past a segment's file image (`.bss`) exist too; different
// segments are generally at different distances from their file offsets
// (a library's data segment is usually a page further from the text in
// memory than in the file). So a loaded image needs its own rule.

extension ELFFile {
  /// How the addresses an ELF object contains are found in its bytes.
  public enum AddressMode: Equatable, Sendable {
    /// The bytes are a file: an address is read at the file offset of the
    /// `PT_LOAD` segment whose file image contains it
    /// (``ELFFile/fileOffset(ofVirtualAddress:)``).
    case fileOffsets
    /// The bytes are an image loaded in memory, starting at its ELF header:
    /// an address `a` inside a `PT_LOAD` segment's memory (`p_vaddr ..<
    /// p_vaddr + p_memsz`) is at position `a - p_vaddr + p_offset` of the
    /// lowest `PT_LOAD` segment.
    ///
    /// Why: a loader maps every segment at `bias + p_vaddr`, and the lowest
    /// segment's first page holds file offset 0 (`p_offset` and `p_vaddr`
    /// are congruent modulo the page size, gABI "Program Header", and the
    /// lowest segment of a loadable object starts in the file's first
    /// page), so the ELF header is at `bias + p_vaddr - p_offset` of that
    /// segment: the start of the buffer. Addresses of every segment are
    /// then at a fixed distance from the buffer's start, whatever their
    /// file offsets. This is how the kernel places the vDSO (one `PT_LOAD`
    /// at `p_vaddr` 0, `p_offset` 0) and how glibc finds it
    /// (`elf/setup-vdso.h`: `l_addr` is the header's address minus the
    /// segment's `p_vaddr`).
    case virtualAddresses
  }

  /// Validates the header of an ELF image loaded in memory (the vDSO at
  /// `AT_SYSINFO_EHDR`, a shared object a loader mapped). `bytes` starts at
  /// the ELF header and spans as much of the image as is mapped and will be
  /// read; addresses in the dynamic table and in symbols are translated by
  /// the rule of ``AddressMode/virtualAddresses``.
  ///
  /// The program and section header tables are still read at their file
  /// offsets (`e_phoff`, `e_shoff`) from the start of the buffer, as the
  /// kernel and glibc read the vDSO's: in a loaded image the program
  /// header table is in the first segment, and the section headers are in
  /// memory only where the whole file was mapped, as for the vDSO.
  /// Section contents are read at file offsets too; the dynamic table and
  /// everything it names at addresses.
  ///
  /// Errors: those of ``init(bytes:)``.
  public init(loadedImage bytes: UnsafeRawBufferPointer) throws(ELFError) {
    try self.init(bytes: bytes)
    addressMode = .virtualAddresses
  }

  /// The position in ``bytes`` of the virtual address `address`, by the
  /// rule of ``addressMode``, or `nil` if no `PT_LOAD` segment contains
  /// it. The position is not checked against the buffer's size: reading
  /// there is (``bytes(offset:size:_:)``).
  ///
  /// Errors: bounds errors of the program header table;
  /// ``ELFError/overflow``.
  public func offset(ofAddress address: UInt64) throws(ELFError) -> UInt64? {
    guard addressMode == .virtualAddresses else { return try fileOffset(ofVirtualAddress: address) }
    var lowest: ProgramHeader? = nil
    var contained = false
    for segment in try programHeaders() where segment.type == .load {
      if lowest == nil || segment.virtualAddress < lowest.unsafelyUnwrapped.virtualAddress { lowest = segment }
      if address >= segment.virtualAddress, address - segment.virtualAddress < segment.memorySize { contained = true }
    }
    // `contained` implies a segment at or below `address`, so the lowest
    // segment's address is at most `address`.
    guard contained, let lowest else { return nil }
    let (position, overflow) = lowest.offset.addingReportingOverflow(address - lowest.virtualAddress)
    guard !overflow else { throw .overflow }
    return position
  }

  /// The virtual address of the first byte of ``bytes`` in a loaded image
  /// (``AddressMode/virtualAddresses``): `p_vaddr - p_offset` of the lowest
  /// `PT_LOAD` segment; `nil` if there is no `PT_LOAD` segment. The load
  /// bias of an image whose header is at memory address `h` is `h` minus
  /// this value.
  ///
  /// Errors: bounds errors of the program header table;
  /// ``ELFError/overflow`` if `p_offset` exceeds `p_vaddr`.
  public func imageBaseAddress() throws(ELFError) -> UInt64? {
    var lowest: ProgramHeader? = nil
    for segment in try programHeaders() where segment.type == .load {
      if lowest == nil || segment.virtualAddress < lowest.unsafelyUnwrapped.virtualAddress { lowest = segment }
    }
    guard let lowest else { return nil }
    guard lowest.virtualAddress >= lowest.offset else { throw .overflow }
    return lowest.virtualAddress - lowest.offset
  }

  /// The position of a table that has both a file offset and an address
  /// (a segment's `p_offset`/`p_vaddr`, a section's `sh_offset`/`sh_addr`),
  /// by the rule of ``addressMode``.
  func tableOffset(offset: UInt64, address: UInt64, _ what: ELFError.Item = .dynamicTable) throws(ELFError) -> UInt64 {
    guard addressMode == .virtualAddresses else { return offset }
    guard let position = try self.offset(ofAddress: address) else { throw .offsetOutOfRange(what) }
    return position
  }

  /// The length of the file this header describes: the end of the furthest
  /// of the file header, the program header table, every segment's file
  /// image (`p_offset + p_filesz`), the section header table, and, when the
  /// section header table lies in ``bytes``, every section's contents (but
  /// `SHT_NOBITS`). This is the true length of a loaded image whose whole
  /// file was mapped (the vDSO: the kernel maps its entire file,
  /// `arch/x86/entry/vdso/vdso2c.h`), so it says how much to copy to get
  /// the file back.
  ///
  /// Only the program header table must lie in ``bytes``. Start from a
  /// buffer holding the header and program headers (the first page of an
  /// image), then call again on a buffer of the returned length to include
  /// the section contents, which may lie past the section header table.
  ///
  /// Errors: bounds errors of the program header table;
  /// ``ELFError/overflow``.
  public func fileExtent() throws(ELFError) -> UInt64 {
    func end(_ offset: UInt64, _ count: UInt64, _ size: UInt64) throws(ELFError) -> UInt64 {
      let (length, o1) = count.multipliedReportingOverflow(by: size)
      let (end, o2) = offset.addingReportingOverflow(length)
      guard !o1, !o2 else { throw .overflow }
      return end
    }
    var extent = UInt64(headerSize)
    if programHeaderOffset != 0 {
      extent = max(extent, try end(programHeaderOffset, programHeaderCount, UInt64(programHeaderEntrySize)))
    }
    for segment in try programHeaders() where segment.type != .null {
      extent = max(extent, try end(segment.offset, 1, segment.fileSize))
    }
    if sectionHeaderOffset != 0 {
      let tableEnd = try end(sectionHeaderOffset, sectionCount, UInt64(sectionHeaderEntrySize))
      extent = max(extent, tableEnd)
      if tableEnd <= UInt64(bytes.count), let table = try? sections() {
        for section in table where section.type != .noBits && section.type != .null {
          extent = max(extent, try end(section.offset, 1, section.size))
        }
      }
    }
    return extent
  }
}
