extension Memory {
  /// Flags of `msync` (`MS_*` in `asm-generic/mman-common.h`).
  @frozen
  public struct SyncFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `MS_ASYNC`: schedule the write-back and return (on Linux, dirty
    /// pages are already tracked, so this does nothing more).
    public static var asynchronous: SyncFlags { SyncFlags(rawValue: 1) }
    /// `MS_INVALIDATE`: ask that other mappings of the file see fresh data
    /// (a no-op on Linux, whose page cache is coherent).
    public static var invalidate: SyncFlags { SyncFlags(rawValue: 2) }
    /// `MS_SYNC`: write the pages back and wait.
    public static var synchronous: SyncFlags { SyncFlags(rawValue: 4) }
  }

  /// Writes the changes made through a shared file mapping back to the
  /// file. `address` must be page-aligned.
  ///
  /// Errors: `EINVAL` (unaligned address, both ``SyncFlags/asynchronous``
  /// and ``SyncFlags/synchronous``, unknown bits), `ENOMEM` (part of the
  /// range is not mapped), `EBUSY` (``SyncFlags/invalidate`` on locked pages).
  ///
  /// The corresponding system call is `msync(2)`.
  @inlinable
  public static func sync(_ address: UnsafeMutableRawPointer, length: Int, flags: SyncFlags = .synchronous) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.msync, Int(UnsafeRawPointer(address)), length, Int(flags.rawValue)))
  }
}
