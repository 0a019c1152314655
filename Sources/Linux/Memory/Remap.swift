extension Memory {
  /// Flags of `mremap` (`MREMAP_*` in `linux/mman.h`).
  @frozen
  public struct RemapFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `MREMAP_MAYMOVE`: the mapping may move if it cannot grow in place.
    public static var mayMove: RemapFlags { RemapFlags(rawValue: 1) }
    /// `MREMAP_FIXED`: move to the new address given, replacing whatever is
    /// mapped there. Requires ``mayMove``.
    public static var fixed: RemapFlags { RemapFlags(rawValue: 2) }
    /// `MREMAP_DONTUNMAP` (Linux 5.7): move the pages but leave the old
    /// range mapped (empty: private anonymous pages read as zero again).
    /// Requires ``mayMove`` and an unchanged length.
    public static var dontUnmap: RemapFlags { RemapFlags(rawValue: 4) }
  }

  /// Grows or shrinks a mapping, moving it if `flags` allows
  /// (``RemapFlags/dontUnmap`` also needs ``RemapFlags/mayMove`` here).
  ///
  /// Errors: `EINVAL` (unaligned address, zero new length, bad flags),
  /// `EFAULT` (the range is not all mapped), `ENOMEM` (cannot grow in place
  /// without ``RemapFlags/mayMove``, or no room).
  ///
  /// The corresponding system call is `mremap(2)`.
  @inlinable
  public static func remap(
    _ address: UnsafeMutableRawPointer, oldLength: Int, newLength: Int, flags: RemapFlags = .mayMove
  ) throws(Errno) -> UnsafeMutableRawPointer {
    // The fifth argument is passed as 0 although only MREMAP_FIXED needs
    // it: since Linux 6.x, MREMAP_DONTUNMAP without MREMAP_FIXED reads it
    // as a hint and refuses an unaligned one, so garbage left in r8 would
    // give a spurious EINVAL.
    let result = try Syscall.check(Syscall.call(
      .mremap, Int(UnsafeRawPointer(address)), oldLength, newLength, Int(flags.rawValue), 0))
    return UnsafeMutableRawPointer(bitPattern: result).unsafelyUnwrapped
  }

  /// Moves a mapping to `newAddress` (page-aligned): exactly there with
  /// ``RemapFlags/fixed`` (replacing what is mapped there), or as a hint
  /// with only ``RemapFlags/dontUnmap``. ``RemapFlags/mayMove``, which both
  /// require, is added for you.
  ///
  /// The corresponding system call is `mremap(2)` with its fifth argument.
  @inlinable
  public static func remap(
    _ address: UnsafeMutableRawPointer, oldLength: Int, newLength: Int, flags: RemapFlags,
    to newAddress: UnsafeMutableRawPointer
  ) throws(Errno) -> UnsafeMutableRawPointer {
    let result = try Syscall.check(Syscall.call(
      .mremap, Int(UnsafeRawPointer(address)), oldLength, newLength, Int(flags.union(.mayMove).rawValue),
      Int(UnsafeRawPointer(newAddress))))
    return UnsafeMutableRawPointer(bitPattern: result).unsafelyUnwrapped
  }
}
