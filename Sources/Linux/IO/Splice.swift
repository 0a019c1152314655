extension FileDescriptor {
  /// Flags of `splice` (`SPLICE_F_*` in `linux/splice.h`).
  @frozen
  public struct SpliceFlags: OptionSet, Sendable {
    public var rawValue: UInt32
    @_transparent public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `SPLICE_F_MOVE`: move pages instead of copying (a hint).
    public static var move: SpliceFlags { SpliceFlags(rawValue: 1) }
    /// `SPLICE_F_NONBLOCK`: do not block on the pipe.
    public static var nonBlocking: SpliceFlags { SpliceFlags(rawValue: 2) }
    /// `SPLICE_F_MORE`: more data will follow (a hint for sockets).
    public static var more: SpliceFlags { SpliceFlags(rawValue: 4) }
    /// `SPLICE_F_GIFT`: for `vmsplice` only.
    public static var gift: SpliceFlags { SpliceFlags(rawValue: 8) }
  }

  /// Copies up to `count` bytes from `source` to this descriptor inside the
  /// kernel, and returns how many were copied; 0 means end of file.
  ///
  /// With `offset`, reads `source` from there and leaves its file offset
  /// alone; without, reads from and advances its file offset. `source` must
  /// support mmap-like access (a regular file), not a pipe.
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `sendfile(2)`.
  @inlinable
  public func sendFile(
    from source: FileDescriptor, readingAt offset: Int64? = nil, count: Int, retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try withOffsetPointer(offset) { (offsetAddress: Int) throws(Errno) -> Int in
      try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
        Syscall.call(.sendfile, Int(rawValue), Int(source.rawValue), offsetAddress, count)
      }
    }
  }

  /// Moves up to `count` bytes from `source` to `destination`, one of
  /// which must be a pipe, without copying through user memory; returns
  /// how many were moved (0: end of input).
  ///
  /// An offset must be nil for a pipe (`ESPIPE` otherwise); for a file it
  /// says where to read or write, leaving the file offset alone.
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `splice(2)`.
  @inlinable
  public static func splice(
    from source: FileDescriptor, readingAt sourceOffset: Int64? = nil,
    to destination: FileDescriptor, writingAt destinationOffset: Int64? = nil,
    count: Int, flags: SpliceFlags = [], retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try withOffsetPointer(sourceOffset) { (sourceAddress: Int) throws(Errno) -> Int in
      try withOffsetPointer(destinationOffset) { (destinationAddress: Int) throws(Errno) -> Int in
        try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
          Syscall.call(
            .splice, Int(source.rawValue), sourceAddress, Int(destination.rawValue), destinationAddress,
            count, Int(flags.rawValue))
        }
      }
    }
  }
}

/// Calls `body` with the address of a copy of `offset` (which the kernel
/// may update), or 0 for nil ("use the file offset").
@inlinable
func withOffsetPointer<R>(_ offset: Int64?, _ body: (Int) throws(Errno) -> R) throws(Errno) -> R {
  guard var value = offset else { return try body(0) }
  return try withUnsafeMutablePointer(to: &value) { (pointer: UnsafeMutablePointer<Int64>) throws(Errno) -> R in
    try body(Int(UnsafeRawPointer(pointer)))
  }
}
