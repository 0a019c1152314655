/// One buffer of a vectored read or write: the kernel's `struct iovec`
/// (`linux/uio.h`; base address, then length, 16 bytes).
///
/// Implementation notes: `UnsafeRawBufferPointer` cannot be passed as it is,
/// because it stores its start and *end* addresses, not a length.
@frozen
public struct IOVector: Sendable {
  /// `iov_base`
  public var base: UInt
  /// `iov_len`
  public var length: Int

  /// A vector for the bytes of `buffer`.
  @_transparent
  public init(_ buffer: UnsafeRawBufferPointer) {
    self.base = UInt(bitPattern: Int(buffer.baseAddress))
    self.length = buffer.count
  }

  /// A vector for the bytes of `buffer`.
  @_transparent
  public init(_ buffer: UnsafeMutableRawBufferPointer) {
    self.init(UnsafeRawBufferPointer(buffer))
  }

  /// The most vectors one call takes (`IOV_MAX`, `UIO_MAXIOV` in
  /// `linux/uio.h`); more fail with `EINVAL`.
  public static var maximumCount: Int { 1024 }
}

extension FileDescriptor {
  /// Reads into `buffers`, filling each before the next, and returns the
  /// total number of bytes read; 0 means end of file.
  ///
  /// The vectors are built on the stack (no heap). More than
  /// ``IOVector/maximumCount`` buffers fail with `EINVAL` before any call,
  /// as the kernel would fail them. Retries on `EINTR` unless
  /// `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `readv(2)`.
  @inlinable
  public func read(
    into buffers: some Collection<UnsafeMutableRawBufferPointer>, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try withIOVectors(buffers, IOVector.init) { (vectors: UnsafeBufferPointer<IOVector>) throws(Errno) -> Int in
      try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
        Syscall.call(.readv, Int(rawValue), Int(UnsafeRawPointer(vectors.baseAddress)), vectors.count)
      }
    }
  }

  /// Writes from `buffers`, each after the one before, and returns the
  /// total number of bytes written, which may be fewer (a short write).
  ///
  /// The vectors are built on the stack (no heap). More than
  /// ``IOVector/maximumCount`` buffers fail with `EINVAL` before any call.
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `writev(2)`.
  @inlinable
  public func write(
    _ buffers: some Collection<UnsafeRawBufferPointer>, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try withIOVectors(buffers, IOVector.init) { (vectors: UnsafeBufferPointer<IOVector>) throws(Errno) -> Int in
      try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
        Syscall.call(.writev, Int(rawValue), Int(UnsafeRawPointer(vectors.baseAddress)), vectors.count)
      }
    }
  }

  /// Reads into the buffers `vectors` describe and returns the total number
  /// of bytes read, for callers that keep their own `iovec` arrays.
  ///
  /// The corresponding system call is `readv(2)`.
  @inlinable
  public func read(
    intoVectors vectors: UnsafeBufferPointer<IOVector>, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.readv, Int(rawValue), Int(UnsafeRawPointer(vectors.baseAddress)), vectors.count)
    }
  }

  /// Writes the buffers `vectors` describe and returns the total number of
  /// bytes written, for callers that keep their own `iovec` arrays.
  ///
  /// The corresponding system call is `writev(2)`.
  @inlinable
  public func write(
    vectors: UnsafeBufferPointer<IOVector>, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.writev, Int(rawValue), Int(UnsafeRawPointer(vectors.baseAddress)), vectors.count)
    }
  }
}

/// Calls `body` with one ``IOVector`` per buffer, in a temporary stack
/// allocation.
@inlinable
func withIOVectors<Buffers: Collection, R>(
  _ buffers: Buffers, _ makeVector: (Buffers.Element) -> IOVector,
  _ body: (UnsafeBufferPointer<IOVector>) throws(Errno) -> R
) throws(Errno) -> R {
  let count = buffers.count
  guard count <= IOVector.maximumCount else { throw Errno.invalidArgument }
  var failure: Errno? = nil
  let result: R? = withUnsafeTemporaryAllocation(of: IOVector.self, capacity: Swift.max(count, 1)) { vectors in
    var i = 0
    for buffer in buffers {
      vectors.initializeElement(at: i, to: makeVector(buffer))
      i += 1
    }
    do throws(Errno) {
      return try body(UnsafeBufferPointer(rebasing: vectors[..<i]))
    } catch {
      failure = error
      return nil
    }
  }
  if let failure { throw failure }
  return result.unsafelyUnwrapped
}
