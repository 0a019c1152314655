extension FileDescriptor {
  /// How ``transferAll(from:to:buffer:)`` moved the bytes.
  @frozen
  public enum TransferMethod: Equatable, Sendable {
    /// `copy_file_range(2)`: file to file, in the kernel (and possibly
    /// without copying at all, by sharing extents).
    case copyFileRange
    /// `sendfile(2)`: from a regular file to anything, in the kernel.
    case sendFile
    /// `splice(2)`: from a pipe to anything, moving page references.
    case splice
    /// `read(2)` and `write(2)` through the caller's buffer.
    case readWrite
  }

  /// Copies everything from `source`'s current position to its end into
  /// `destination`, and returns the number of bytes and the method that
  /// moved the last of them.
  ///
  /// The kernel does the copying where it can: `copy_file_range` between
  /// regular files, `sendfile` from a regular file to anything else,
  /// `splice` from a pipe. Files that report size 0 (such as those in
  /// `/proc`) are always read. When a fast path is refused (`EINVAL`, `EXDEV`,
  /// `ENOSYS`, `EOPNOTSUPP`: an append-mode output, files on different
  /// file systems, a kernel or file system without support), the copy goes
  /// on from where it stopped with `read` and `write` through `buffer`.
  /// (`EBADF` counts as a refusal too: `copy_file_range` gives it for an
  /// output opened with `O_APPEND`.)
  /// Short writes are completed and `EINTR` is retried; nothing is lost or
  /// repeated.
  ///
  /// The corresponding system calls are `copy_file_range(2)`, `sendfile(2)`,
  /// `splice(2)`, `read(2)` and `write(2)`.
  public static func transferAll(
    from source: FileDescriptor, to destination: FileDescriptor, buffer: UnsafeMutableRawBufferPointer
  ) throws(Errno) -> (bytes: Int64, method: TransferMethod) {
    let sourceStatus = try? source.status()
    let sourceType = sourceStatus?.type
    let destinationType = (try? destination.status())?.type
    // Files that report size 0 (most of /proc and /sys) are produced on
    // read; the kernel-side copies would see them as empty.
    let sourceHasSize = (sourceStatus?.size ?? 0) > 0
    var total: Int64 = 0
    // Large chunks: the kernel caps each call at 0x7ffff000 bytes anyway.
    let chunk = 1 << 30

    if sourceType == .regular && sourceHasSize {
      if destinationType == .regular {
        if let bytes = try kernelCopy(into: &total, { () throws(Errno) -> Int in
          try FileDescriptor.copyFileRange(from: source, to: destination, count: chunk)
        }) {
          return (bytes, .copyFileRange)
        }
      }
      if let bytes = try kernelCopy(into: &total, { () throws(Errno) -> Int in
        try destination.sendFile(from: source, count: chunk)
      }) {
        return (bytes, .sendFile)
      }
    } else if sourceType == .fifo {
      if let bytes = try kernelCopy(into: &total, { () throws(Errno) -> Int in
        try FileDescriptor.splice(from: source, to: destination, count: chunk, flags: [.move, .more])
      }) {
        return (bytes, .splice)
      }
    }

    while true {
      let count = try source.read(into: buffer)
      if count == 0 { return (total, .readWrite) }
      try destination.writeAll(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
      total += Int64(count)
    }
  }

  /// Runs one kernel-side copy call until it reports the end (0), adding
  /// what it moved to `total`. Returns the total when the copy finished, or
  /// nil when the kernel refuses the method (then the caller falls back;
  /// bytes already moved stay counted and the file positions have advanced
  /// past them). Other errors are thrown.
  static func kernelCopy(
    into total: inout Int64, _ step: () throws(Errno) -> Int
  ) throws(Errno) -> Int64? {
    while true {
      let moved: Int
      do {
        moved = try step()
      } catch {
        switch error {
        // EBADF: copy_file_range refuses an output opened for appending.
        // (A descriptor that is really unusable fails again, and is
        // reported, in the read/write fallback.)
        case .invalidArgument, .improperLink, .noFunction, .notSupported, .badFileDescriptor: return nil
        default: throw error
        }
      }
      if moved == 0 { return total }
      total += Int64(moved)
    }
  }
}
