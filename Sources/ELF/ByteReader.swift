/// The byte order of an ELF file (`EI_DATA`).
public enum Endianness: Equatable, Sendable {
  /// `ELFDATA2LSB` (1): least significant byte first (x86, most ARM).
  case little
  /// `ELFDATA2MSB` (2): most significant byte first (s390x, SPARC).
  case big
}

/// The file class (`EI_CLASS`): the size of addresses and offsets.
public enum ELFClass: Equatable, Sendable {
  /// `ELFCLASS32` (1): 32-bit structures (`Elf32_*`).
  case bits32
  /// `ELFCLASS64` (2): 64-bit structures (`Elf64_*`).
  case bits64
}

/// Reads integers of a given byte order from a buffer.
///
/// Implementation notes: the only memory access of the module. The
/// throwing `read` functions check bounds themselves; `load` and `word`
/// are for fields of a record whose table was bounds-checked once (see
/// ``checkedRange(offset:count:size:_:)``), and are unaligned loads, so
/// neither the buffer nor the offset needs alignment.
struct ByteReader: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  let endianness: Endianness
  let fileClass: ELFClass

  /// The size of an address or offset: 4 or 8.
  var wordSize: Int { fileClass == .bits64 ? 8 : 4 }

  /// An integer at `offset`; the caller has checked `offset + size <= count`.
  @inline(__always)
  func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
    let raw = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    return endianness == .little ? T(littleEndian: raw) : T(bigEndian: raw)
  }

  /// An address, offset or size (`ElfN_Addr`, `ElfN_Off`, `ElfN_Xword`/
  /// `Elf32_Word`) at `offset`, bounds checked by the caller.
  @inline(__always)
  func word(at offset: Int) -> UInt64 {
    fileClass == .bits64 ? load(UInt64.self, at: offset) : UInt64(load(UInt32.self, at: offset))
  }

  /// An integer at `offset`, or ``ELFError/truncated(_:)`` if it does not
  /// fit in the buffer.
  func read<T: FixedWidthInteger>(_: T.Type, at offset: Int, _ what: ELFError.Item) throws(ELFError) -> T {
    guard offset >= 0, offset <= bytes.count, bytes.count - offset >= MemoryLayout<T>.size else { throw .truncated(what) }
    return load(T.self, at: offset)
  }

  /// A word of the file class at `offset`, bounds-checked.
  func readWord(at offset: Int, _ what: ELFError.Item) throws(ELFError) -> UInt64 {
    fileClass == .bits64 ? try read(UInt64.self, at: offset, what) : UInt64(try read(UInt32.self, at: offset, what))
  }

  /// The byte range `offset ..< offset + count * size` of the buffer, or
  /// ``ELFError/overflow`` / ``ELFError/offsetOutOfRange(_:)``.
  func checkedRange(offset: UInt64, count: UInt64, size: UInt64, _ what: ELFError.Item) throws(ELFError) -> Range<Int> {
    let (length, o1) = count.multipliedReportingOverflow(by: size)
    let (end, o2) = offset.addingReportingOverflow(length)
    guard !o1, !o2 else { throw .overflow }
    guard end <= UInt64(bytes.count) else { throw .offsetOutOfRange(what) }
    return Int(offset)..<Int(end)
  }
}
