extension FileDescriptor {
  /// A new descriptor, the lowest free number, for the same open file
  /// description (sharing its offset and status flags).
  ///
  /// Close-on-exec unless `closeOnExec` is false. (`dup(2)` itself never
  /// sets close-on-exec, so the close-on-exec duplicate is made with
  /// `fcntl(F_DUPFD_CLOEXEC, 0)`, atomically, as Rust's standard library
  /// does.)
  ///
  /// The corresponding system call is `dup(2)` (or `fcntl(2)` with
  /// `F_DUPFD_CLOEXEC`).
  @inlinable
  public func duplicate(closeOnExec: Bool = true) throws(Errno) -> OwnedFileDescriptor {
    if closeOnExec { return try duplicate(atLeast: 0, closeOnExec: true) }
    let number = try Syscall.check(Syscall.call(.dup, Int(rawValue)))
    return OwnedFileDescriptor(adopting: FileDescriptor(rawValue: Int32(truncatingIfNeeded: number)))
  }

  /// Makes `target` a duplicate of this descriptor, closing what `target`
  /// referred to first (atomically), and returns `target`.
  ///
  /// The result is borrowed: `target` is usually a number the program does
  /// not own as an ``OwnedFileDescriptor`` (standard input, output, error).
  /// Fails with `EINVAL` when `target` is this descriptor. Close-on-exec
  /// unless `closeOnExec` is false. Retries on `EINTR` (which `dup3` can
  /// return while closing `target`) unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `dup3(2)`.
  @inlinable
  @discardableResult
  public func duplicate(
    as target: FileDescriptor, closeOnExec: Bool = true, retryOnInterrupt: Bool = true
  ) throws(Errno) -> FileDescriptor {
    let flags = closeOnExec ? 0o2000000 : 0  // O_CLOEXEC
    let number = try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.dup3, Int(rawValue), Int(target.rawValue), flags)
    }
    return FileDescriptor(rawValue: Int32(truncatingIfNeeded: number))
  }
}
