extension FileDescriptor {
  /// Copies up to `count` bytes from the file `source` to the file
  /// `destination` inside the kernel (sharing blocks where the file system
  /// can), and returns how many were copied (0: end of `source`).
  ///
  /// With an offset, that file is read or written there and its file offset
  /// is left alone; without, its file offset is used and advanced. Fails
  /// with `EINVAL` for overlapping ranges in one file, and with `EXDEV`
  /// across file systems on kernels before 5.3 (and some after, for
  /// unsupported pairs).
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `copy_file_range(2)`.
  @inlinable
  public static func copyFileRange(
    from source: FileDescriptor, readingAt sourceOffset: Int64? = nil,
    to destination: FileDescriptor, writingAt destinationOffset: Int64? = nil,
    count: Int, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try withOffsetPointer(sourceOffset) { (sourceAddress: Int) throws(Errno) -> Int in
      try withOffsetPointer(destinationOffset) { (destinationAddress: Int) throws(Errno) -> Int in
        try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
          Syscall.call(
            .copy_file_range, Int(source.rawValue), sourceAddress, Int(destination.rawValue), destinationAddress,
            count, 0)
        }
      }
    }
  }
}
