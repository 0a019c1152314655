extension Memory {
  /// Changes the protection of the pages in `length` bytes at `address`
  /// (page-aligned; the length is rounded up to whole pages).
  ///
  /// Errors: `EINVAL` (unaligned address, unknown bits), `ENOMEM` (part of
  /// the range is not mapped), `EACCES` (e.g. write access to a shared
  /// mapping of a file opened read-only).
  ///
  /// The corresponding system call is `mprotect(2)`.
  @inlinable
  public static func protect(_ address: UnsafeMutableRawPointer, length: Int, _ protection: Protection) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.mprotect, Int(UnsafeRawPointer(address)), length, Int(protection.rawValue)))
  }
}
