extension FileDescriptor {
  /// Reads up to `buffer.count` bytes from the file at `offset` into
  /// `buffer` and returns how many were read; 0 means end of file. The file
  /// offset is neither used nor changed.
  ///
  /// Fails with `ESPIPE` on a pipe, socket or terminal. Retries on `EINTR`
  /// unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `pread64(2)`.
  @inlinable
  public func read(
    fromAbsoluteOffset offset: Int64, into buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.pread64, Int(rawValue), Int(UnsafeRawPointer(buffer.baseAddress)), buffer.count, Int(offset))
    }
  }

  /// Writes up to `buffer.count` bytes from `buffer` to the file at
  /// `offset` and returns how many were written. The file offset is neither
  /// used nor changed (but see pwrite(2), "BUGS": with `O_APPEND`, Linux
  /// appends whatever `offset` says).
  ///
  /// Fails with `ESPIPE` on a pipe, socket or terminal. Retries on `EINTR`
  /// unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `pwrite64(2)`.
  @inlinable
  public func write(
    toAbsoluteOffset offset: Int64, _ buffer: UnsafeRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.pwrite64, Int(rawValue), Int(buffer.baseAddress), buffer.count, Int(offset))
    }
  }
}
