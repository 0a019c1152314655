extension FileDescriptor {
  /// Waits until the file's data and metadata have reached the storage.
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `fsync(2)`.
  @inlinable
  public func sync(retryOnInterrupt: Bool = true) throws(Errno) {
    _ = try Syscall.check(retryOnInterrupt: retryOnInterrupt) { Syscall.call(.fsync, Int(rawValue)) }
  }

  /// Waits until the file's data, and the metadata needed to read it (its
  /// size), have reached the storage.
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `fdatasync(2)`.
  @inlinable
  public func syncData(retryOnInterrupt: Bool = true) throws(Errno) {
    _ = try Syscall.check(retryOnInterrupt: retryOnInterrupt) { Syscall.call(.fdatasync, Int(rawValue)) }
  }
}
