extension FileDescriptor {
  /// Reads up to `buffer.count` bytes into `buffer` and returns how many
  /// were read; 0 means end of file.
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `read(2)`.
  @inlinable
  public func read(
    into buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.read, Int(rawValue), Int(UnsafeRawPointer(buffer.baseAddress)), buffer.count)
    }
  }

  /// Writes up to `buffer.count` bytes from `buffer` and returns how many
  /// were written, which may be fewer (a short write).
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `write(2)`.
  @inlinable
  public func write(
    _ buffer: UnsafeRawBufferPointer, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.write, Int(rawValue), Int(buffer.baseAddress), buffer.count)
    }
  }

  /// Writes all of `buffer`, continuing after short writes and `EINTR`.
  ///
  /// On error, the bytes before the failing call have been written; the
  /// error says why the rest was not.
  ///
  /// The corresponding system call is `write(2)`, as often as needed.
  @inlinable
  public func writeAll(_ buffer: UnsafeRawBufferPointer) throws(Errno) {
    var rest = buffer
    while !rest.isEmpty {
      let written = try write(rest)
      rest = UnsafeRawBufferPointer(rebasing: rest[written...])
    }
  }

  /// Writes all the bytes of a static string, like ``writeAll(_:)``.
  @inlinable
  public func writeAll(_ string: StaticString) throws(Errno) {
    try writeAll(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
  }
}
