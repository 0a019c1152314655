/// One entry of a directory, as `getdents64` gives it (the kernel's
/// `struct linux_dirent64`: `d_ino` at 0, `d_off` at 8, `d_reclen` at 16,
/// `d_type` at 18, `d_name` at 19).
///
/// ``name`` points into the buffer the entries were read into: it is valid
/// until the next call to ``DirectoryEntries/next()``.
@frozen
public struct DirectoryEntry {
  /// `d_ino`
  public var inode: UInt64
  /// `d_off`: an opaque position for `lseek` to come back after this entry.
  public var nextOffset: Int64
  /// `d_type`; ``FileType/unknown`` when the file system does not say.
  public var type: FileType
  /// `d_name`: the name's bytes, without the terminating NUL.
  public var name: UnsafeRawBufferPointer

  /// An entry from its fields.
  @inlinable
  public init(inode: UInt64, nextOffset: Int64, type: FileType, name: UnsafeRawBufferPointer) {
    self.inode = inode
    self.nextOffset = nextOffset
    self.type = type
    self.name = name
  }

  /// Whether the name is `.` or `..`.
  @inlinable
  public var isDotOrDotDot: Bool {
    name.count >= 1 && name.count <= 2 && name[0] == 0x2E && (name.count == 1 || name[1] == 0x2E)
  }
}

/// The entries of an open directory, read with `getdents64` into a buffer
/// the caller provides (no heap):
///
/// ```swift
/// try withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer throws(Errno) in
///   var entries = DirectoryEntries(directory, buffer: buffer)
///   while let entry = try entries.next() { ... }
/// }
/// ```
///
/// Or ``FileSystem/forEachEntry(in:_:)``, which does just that.
/// Entries come in the file system's order, `.` and `..` included. The
/// directory's offset advances as buffers are read; `seek(offset: 0,
/// from: .start)` starts over.
public struct DirectoryEntries {
  /// The directory.
  public let directory: FileDescriptor
  @usableFromInline let buffer: UnsafeMutableRawBufferPointer
  @usableFromInline var position: Int
  @usableFromInline var filled: Int
  @usableFromInline var finished: Bool

  /// Entries of `directory`, read through `buffer`, which must hold the
  /// longest entry (280 bytes: 19 + 255 + NUL, rounded to 8); 4096 bytes or
  /// more take fewer calls. The buffer must stay valid and unused while
  /// this value is in use.
  @inlinable
  public init(_ directory: FileDescriptor, buffer: UnsafeMutableRawBufferPointer) {
    self.directory = directory
    self.buffer = buffer
    self.position = 0
    self.filled = 0
    self.finished = false
  }

  /// The next entry, or nil at the end of the directory. A buffer too small
  /// for the next entry fails with `EINVAL`.
  ///
  /// The corresponding system call is `getdents64(2)`, each time the buffer
  /// has been used up.
  @inlinable
  public mutating func next() throws(Errno) -> DirectoryEntry? {
    if position >= filled {
      if finished { return nil }
      filled = try directory.readDirectoryEntries(into: buffer)
      position = 0
      if filled == 0 {
        finished = true
        return nil
      }
    }
    let record = UnsafeRawBufferPointer(rebasing: buffer[position..<filled])
    // The kernel writes whole, 8-byte aligned records (fs/readdir.c,
    // filldir64), so every field read here lies inside `record`.
    let length = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
    var nameLength = 0
    while 19 + nameLength < length && record[19 + nameLength] != 0 { nameLength += 1 }
    position += length
    return DirectoryEntry(
      inode: record.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
      nextOffset: record.loadUnaligned(fromByteOffset: 8, as: Int64.self),
      type: FileType(directoryEntryType: record[18]),
      name: UnsafeRawBufferPointer(rebasing: record[19..<(19 + nameLength)]))
  }
}

extension FileDescriptor {
  /// Reads as many whole directory entries (`struct linux_dirent64`) as
  /// fit into `buffer` and returns the bytes used; 0 means the end of the
  /// directory. ``DirectoryEntries`` decodes them.
  ///
  /// Fails with `ENOTDIR` for a file that is not a directory and with
  /// `EINVAL` when the buffer cannot hold the next entry.
  ///
  /// The corresponding system call is `getdents64(2)`.
  @inlinable
  public func readDirectoryEntries(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    try Syscall.check(Syscall.call(.getdents64, Int(rawValue), Int(UnsafeRawPointer(buffer.baseAddress)), buffer.count))
  }
}

extension FileSystem {
  /// Calls `body` with each entry of `directory`, read through a 4 KiB
  /// buffer on the stack.
  ///
  /// The corresponding system call is `getdents64(2)`.
  @inlinable
  public static func forEachEntry(
    in directory: FileDescriptor, _ body: (DirectoryEntry) throws(Errno) -> Void
  ) throws(Errno) {
    var failure: Errno? = nil
    withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer in
      var entries = DirectoryEntries(directory, buffer: buffer)
      do throws(Errno) {
        while let entry = try entries.next() { try body(entry) }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }
}
