extension FileSystem {
  /// Sets the size of the regular file at `path` to `size` bytes, cutting
  /// it or extending it with zeros (a hole).
  ///
  /// The corresponding system call is `truncate(2)`.
  @inlinable
  public static func truncate(_ path: some PathRepresentable, to size: Int64) throws(Errno) {
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try Syscall.check(Syscall.call(.truncate, Int(UnsafeRawPointer(cPath)), Int(size)))
    }
  }
}

extension FileDescriptor {
  /// Sets the size of the open regular file to `size` bytes, cutting it or
  /// extending it with zeros (a hole).
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `ftruncate(2)`.
  @inlinable
  public func truncate(to size: Int64, retryOnInterrupt: Bool = true) throws(Errno) {
    _ = try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.ftruncate, Int(rawValue), Int(size))
    }
  }

  /// Modes of `fallocate` (`FALLOC_FL_*` in `linux/falloc.h`). Without
  /// any, the range is allocated and the file grows to cover it.
  @frozen
  public struct AllocateMode: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `FALLOC_FL_KEEP_SIZE`: allocate without changing the file size.
    public static var keepSize: AllocateMode { AllocateMode(rawValue: 0x01) }
    /// `FALLOC_FL_PUNCH_HOLE`: free the range (needs ``keepSize``); it
    /// reads as zeros.
    public static var punchHole: AllocateMode { AllocateMode(rawValue: 0x02) }
    /// `FALLOC_FL_COLLAPSE_RANGE`: remove the range, moving the rest down
    /// (block-aligned).
    public static var collapseRange: AllocateMode { AllocateMode(rawValue: 0x08) }
    /// `FALLOC_FL_ZERO_RANGE`: make the range read as zeros, allocated.
    public static var zeroRange: AllocateMode { AllocateMode(rawValue: 0x10) }
    /// `FALLOC_FL_INSERT_RANGE`: insert a hole, moving the rest up
    /// (block-aligned).
    public static var insertRange: AllocateMode { AllocateMode(rawValue: 0x20) }
    /// `FALLOC_FL_UNSHARE_RANGE`: unshare blocks shared with other files
    /// (reflinks).
    public static var unshareRange: AllocateMode { AllocateMode(rawValue: 0x40) }
  }

  /// Allocates, frees or moves the `length` bytes at `offset` of the open
  /// file, as `mode` says.
  ///
  /// Fails with `EOPNOTSUPP` where the file system lacks the mode. Retries
  /// on `EINTR` unless `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `fallocate(2)`.
  @inlinable
  public func allocate(
    offset: Int64, length: Int64, mode: AllocateMode = [], retryOnInterrupt: Bool = true
  ) throws(Errno) {
    _ = try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.fallocate, Int(rawValue), Int(mode.rawValue), Int(offset), Int(length))
    }
  }
}
