/// The size of a machine word in an initial stack or auxiliary vector: 8
/// bytes on x86-64 (`Elf64_auxv_t`), 4 bytes on i386 (`Elf32_auxv_t`).
///
/// A runtime setting, so one program can build or parse the layout of
/// either word size (for example a 64-bit loader starting a 32-bit
/// program, or a tool reading `/proc/<pid>/auxv` of a 32-bit process).
/// Words are little-endian (x86).
public enum WordSize: Equatable, Hashable, Sendable {
  /// 8-byte words: x86-64.
  case bits64
  /// 4-byte words: i386.
  case bits32

  /// The word size of the running program.
  public static var native: WordSize { MemoryLayout<UInt>.size == 8 ? .bits64 : .bits32 }

  /// The number of bytes in a word: 8 or 4.
  public var byteCount: Int {
    switch self {
    case .bits64: 8
    case .bits32: 4
    }
  }

  /// The largest value a word holds.
  public var maximumValue: UInt {
    switch self {
    case .bits64: UInt(truncatingIfNeeded: UInt64.max)
    case .bits32: UInt(UInt32.max)
    }
  }
}

/// Little-endian word access to raw buffers, bounds-checked by the caller.
///
/// Implementation notes: the only unsafe memory access of the module. Every
/// caller has checked `offset + wordSize.byteCount <= buffer.count`; loads
/// and stores are unaligned, so neither the buffer's address nor the
/// offset needs any alignment.
extension WordSize {
  @inline(__always)
  func load(from buffer: UnsafeRawBufferPointer, at offset: Int) -> UInt {
    switch self {
    case .bits64: UInt(truncatingIfNeeded: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    case .bits32: UInt(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
  }

  @inline(__always)
  func store(_ value: UInt, to buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
    switch self {
    case .bits64: buffer.storeBytes(of: UInt64(value).littleEndian, toByteOffset: offset, as: UInt64.self)
    case .bits32: buffer.storeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, toByteOffset: offset, as: UInt32.self)
    }
  }
}
