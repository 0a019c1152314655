extension ELFFile {
  /// A program header (`Elf32_Phdr` / `Elf64_Phdr`): one segment or piece
  /// of information the system needs to run the file.
  public struct ProgramHeader: Equatable, Sendable {
    /// `p_type`.
    public var type: SegmentType
    /// `p_flags`.
    public var flags: SegmentFlags
    /// `p_offset`: the file offset of the segment.
    public var offset: UInt64
    /// `p_vaddr`.
    public var virtualAddress: UInt64
    /// `p_paddr`.
    public var physicalAddress: UInt64
    /// `p_filesz`: bytes in the file.
    public var fileSize: UInt64
    /// `p_memsz`: bytes in memory.
    public var memorySize: UInt64
    /// `p_align`.
    public var alignment: UInt64

    static func size(_ fileClass: ELFClass) -> Int { fileClass == .bits64 ? 56 : 32 }

    /// Decodes the header at `offset`; the table was bounds-checked.
    init(reader r: ByteReader, at o: Int) {
      type = SegmentType(rawValue: r.load(UInt32.self, at: o))
      if r.fileClass == .bits64 {
        flags = SegmentFlags(rawValue: r.load(UInt32.self, at: o + 4))
        offset = r.load(UInt64.self, at: o + 8)
        virtualAddress = r.load(UInt64.self, at: o + 16)
        physicalAddress = r.load(UInt64.self, at: o + 24)
        fileSize = r.load(UInt64.self, at: o + 32)
        memorySize = r.load(UInt64.self, at: o + 40)
        alignment = r.load(UInt64.self, at: o + 48)
      } else {
        offset = r.word(at: o + 4)
        virtualAddress = r.word(at: o + 8)
        physicalAddress = r.word(at: o + 12)
        fileSize = r.word(at: o + 16)
        memorySize = r.word(at: o + 20)
        flags = SegmentFlags(rawValue: r.load(UInt32.self, at: o + 24))
        alignment = r.word(at: o + 28)
      }
    }
  }

  /// The program header table, decoded on access.
  public struct ProgramHeaders: RandomAccessCollection, @unchecked Sendable {
    let reader: ByteReader
    let offset: Int
    /// The number of program headers.
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The program header at `index` (`0 ..< count`).
    public subscript(index: Int) -> ProgramHeader {
      precondition(index >= 0 && index < count, "index out of range")
      return ProgramHeader(reader: reader, at: offset + index * ProgramHeader.size(reader.fileClass))
    }
  }

  /// The program header table (`e_phoff`, `e_phnum`), bounds-checked.
  ///
  /// Errors: ``ELFError/entrySizeMismatch(_:)`` if `e_phentsize` is not
  /// the size of `ElfN_Phdr` (the kernel's rule, `fs/binfmt_elf.c`);
  /// ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow`` if the
  /// table is not inside the file. No table (`e_phoff` or `e_phnum` 0)
  /// gives an empty view.
  public func programHeaders() throws(ELFError) -> ProgramHeaders {
    guard programHeaderOffset != 0, programHeaderCount != 0 else {
      return ProgramHeaders(reader: reader, offset: 0, count: 0)
    }
    let size = ProgramHeader.size(fileClass)
    guard Int(programHeaderEntrySize) == size else { throw .entrySizeMismatch(.programHeaderTable) }
    let range = try reader.checkedRange(
      offset: programHeaderOffset, count: programHeaderCount, size: UInt64(size), .programHeaderTable)
    return ProgramHeaders(reader: reader, offset: range.lowerBound, count: range.count / size)
  }

  /// The bytes of a segment in the file (`p_offset`, `p_filesz`).
  public func data(of segment: ProgramHeader) throws(ELFError) -> UnsafeRawBufferPointer {
    try bytes(offset: segment.offset, size: segment.fileSize, .segmentData)
  }

  /// The file offset of a virtual address, through the `PT_LOAD` segment
  /// whose file image contains it, or `nil`.
  ///
  /// This is how a reader of the file (not of a loaded image) follows
  /// addresses in the dynamic table such as `DT_STRTAB`.
  public func fileOffset(ofVirtualAddress address: UInt64) throws(ELFError) -> UInt64? {
    for segment in try programHeaders() where segment.type == .load {
      guard address >= segment.virtualAddress else { continue }
      let delta = address - segment.virtualAddress
      guard delta < segment.fileSize else { continue }
      let (result, overflow) = segment.offset.addingReportingOverflow(delta)
      guard !overflow else { throw .overflow }
      return result
    }
    return nil
  }
}
