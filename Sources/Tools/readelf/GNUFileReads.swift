// Reading the file the way GNU readelf 2.40 reads it outside the section
// and segment tables: addresses from the dynamic table translated by
// `offset_from_vma` (with its warning), fields read at 64-bit file offsets
// with bounds checks (where GNU's `get_data` would fail), and GNU's
// messages (`readelf: Warning: …`, `Reading N bytes extends past end of
// file for …`).
import ELF
import Runtime

/// `readelf: Warning: …` on standard error, after what is buffered on
/// standard output.
func reportWarning(_ parts: (inout MessageLine) -> Void) {
  Diagnostics.reported = true
  Out.flush()
  var line = MessageLine()
  line.append("readelf: Warning: ")
  parts(&line)
  line.append("\n")
  line.write()
}

/// `%lu` in a message line.
func appendUnsigned(_ line: inout MessageLine, _ value: UInt64) {
  var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
  withUnsafeMutableBytes(of: &digits) { buffer in
    var v = value
    var i = buffer.count
    repeat {
      i -= 1
      buffer[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
      v /= 10
    } while v != 0
    line.append(UnsafeRawBufferPointer(rebasing: buffer[i...]))
  }
}

/// GNU's `get_data` message for a read past the end of the file:
/// `Reading N bytes extends past end of file for WHAT`.
func reportReadError(_ size: UInt64, _ what: StaticString) {
  reportError { line in
    line.append("Reading ")
    appendUnsigned(&line, size)
    line.append(" bytes extends past end of file for ")
    line.append(what)
  }
}

/// GNU readelf's translation of a virtual address found in the dynamic
/// table into a file offset (`offset_from_vma`): the first `PT_LOAD`
/// segment with `p_vaddr & -p_align <= vma` and `vma + size <= p_vaddr +
/// p_filesz` gives `vma - p_vaddr + p_offset`. Without one, GNU warns and
/// uses the address itself as the offset (reproduced, warning included).
///
/// The program headers are GNU's (``Dump/loadSegments()``): once read,
/// GNU keeps them, so a translation reports nothing about them; if they
/// cannot be read, each translation tries again (and reports again) and
/// warns that it cannot interpret the address.
struct LoadSegments {
  let segments: [ELFFile.ProgramHeader]
  let hasProgramHeaders: Bool
  let dump: Dump

  init(_ dump: Dump) {
    self.dump = dump
    var segments: [ELFFile.ProgramHeader] = []
    let headers = Self.gnuProgramHeaders(dump)
    if let headers {
      for segment in headers where segment.type == .load { segments.append(segment) }
    }
    self.segments = segments
    self.hasProgramHeaders = headers != nil
  }

  /// The program headers where ``Dump/loadSegments()`` reads them, read
  /// without its messages (GNU has given them already).
  static func gnuProgramHeaders(_ dump: Dump) -> ELFFile.ProgramHeaders? {
    let elf = dump.elf
    let count = dump.gnuProgramHeaderCount
    let size: UInt64 = elf.fileClass == .bits64 ? 56 : 32
    let entrySize = UInt64(elf.programHeaderEntrySize)
    let fileSize = UInt64(elf.bytes.count)
    let offset = elf.programHeaderOffset
    guard count != 0, count <= UInt64(UInt32.max), count * size < fileSize, entrySize >= size, offset <= fileSize,
      count * entrySize <= fileSize - offset
    else { return nil }
    return try? elf.programHeaders(offset: offset, count: count)
  }

  /// The segment index `offset(of:size:)` would use, or `nil`.
  func segment(containing vma: UInt64, size: UInt64) -> Int? {
    for (index, segment) in segments.enumerated() {
      let start = segment.virtualAddress & (0 &- segment.alignment)
      if vma >= start && vma &+ size <= segment.virtualAddress &+ segment.fileSize { return index }
    }
    return nil
  }

  /// The file offset of `vma`, as GNU computes it (wrapping arithmetic),
  /// with GNU's messages when no segment holds it.
  func offset(of vma: UInt64, size: UInt64) -> UInt64 {
    if let index = segment(containing: vma, size: size) {
      let segment = segments[index]
      return vma &- segment.virtualAddress &+ segment.offset
    }
    warnUnlocated(vma)
    return vma
  }

  /// Whether `offset(of:size:)` finds a segment for `vma` (so gives no
  /// message).
  func locates(_ vma: UInt64, size: UInt64) -> Bool { segment(containing: vma, size: size) != nil }

  /// GNU's messages for an address no segment holds.
  @inline(never)
  func warnUnlocated(_ vma: UInt64) {
    guard hasProgramHeaders else {
      _ = dump.loadSegments()
      reportWarning { $0.append("Cannot interpret virtual addresses without program headers.") }
      return
    }
    reportWarning { line in
      // `%#lx`: 0 without the prefix.
      line.append("Virtual address ")
      if vma != 0 { line.append("0x") }
      line.appendHex(UInt(vma))
      line.append(" not located in any PT_LOAD segment.")
    }
  }
}

/// Bounds-checked reads of integer fields at 64-bit file offsets, in the
/// file's byte order, for the walks over tables GNU reads with `get_data`
/// (whose links may point anywhere).
struct FieldReader {
  let bytes: UnsafeRawBufferPointer
  let bigEndian: Bool

  /// Whether `size` bytes at `offset` lie in the file.
  @inline(__always)
  func fits(_ offset: UInt64, _ size: UInt64) -> Bool {
    offset <= UInt64(bytes.count) && UInt64(bytes.count) - offset >= size
  }

  /// The 16-bit field at `offset` (checked with ``fits(_:_:)``).
  @inline(__always)
  func u16(_ offset: UInt64) -> UInt16 {
    let raw = bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt16.self)
    return bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
  }

  /// The 32-bit field at `offset` (checked with ``fits(_:_:)``).
  @inline(__always)
  func u32(_ offset: UInt64) -> UInt32 {
    let raw = bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt32.self)
    return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
  }
}

extension FieldReader {
  /// A field of `size` (4 or 8) bytes at `offset` (checked with
  /// ``fits(_:_:)``).
  @inline(__always)
  func word(_ offset: UInt64, size: UInt64) -> UInt64 {
    if size == 8 {
      let raw = bytes.loadUnaligned(fromByteOffset: Int(offset), as: UInt64.self)
      return bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)
    }
    return UInt64(u32(offset))
  }
}
