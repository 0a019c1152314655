/// A file descriptor this program owns: closed exactly once, either
/// explicitly with ``close()`` (which reports the kernel's error) or
/// automatically when the value goes out of scope (which cannot).
///
/// It cannot be copied, so two owners cannot close it twice; lend it with
/// ``descriptor``, the borrowed ``FileDescriptor`` view every I/O call takes.
/// Descriptors the program does not own (standard streams, inherited ones)
/// stay plain ``FileDescriptor`` values.
@frozen
public struct OwnedFileDescriptor: ~Copyable {
  /// The borrowed view: valid while this value lives.
  public let descriptor: FileDescriptor

  /// Takes ownership of `descriptor`, which must not be closed elsewhere.
  @_transparent
  public init(adopting descriptor: FileDescriptor) { self.descriptor = descriptor }

  /// Closes the descriptor and reports the kernel's verdict.
  ///
  /// Never retried on `EINTR`: on Linux the descriptor is released even
  /// when `close` is interrupted, and a retry could close a descriptor
  /// another thread has just been given (see close(2), "Dealing with error
  /// returns from close()").
  ///
  /// The corresponding system call is `close(2)`.
  @inlinable
  public consuming func close() throws(Errno) {
    let number = descriptor.rawValue
    discard self
    _ = try Syscall.check(Syscall.call(.close, Int(number)))
  }

  /// Gives up ownership without closing and returns the descriptor.
  @inlinable
  public consuming func release() -> FileDescriptor {
    let descriptor = self.descriptor
    discard self
    return descriptor
  }

  deinit {
    _ = Syscall.call(.close, Int(descriptor.rawValue))
  }
}
