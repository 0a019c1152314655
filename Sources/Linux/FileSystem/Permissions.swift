extension FileSystem {
  /// What ``checkAccess(_:_:relativeTo:flags:)`` checks (`R_OK` 4,
  /// `W_OK` 2, `X_OK` 1, from `unistd.h`: the kernel's uapi headers do not
  /// define them; none, `F_OK`, checks only that the file exists).
  @frozen
  public struct Accessibility: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `F_OK`: the file exists.
    public static var exists: Accessibility { [] }
    /// `X_OK`
    public static var execute: Accessibility { Accessibility(rawValue: 1) }
    /// `W_OK`
    public static var write: Accessibility { Accessibility(rawValue: 2) }
    /// `R_OK`
    public static var read: Accessibility { Accessibility(rawValue: 4) }
  }

  /// Checks that the calling process may access the file at `path`
  /// (relative to `directory`) as `mode` says, with its real user and
  /// group IDs; fails with `EACCES` (or `ENOENT`, ...) when it may not.
  ///
  /// Root passes read and write checks on any file, but an execute check
  /// only if some execute bit is set. `flags` may hold
  /// ``AtFlags/effectiveAccess`` (use the effective IDs),
  /// ``AtFlags/symlinkNoFollow`` and ``AtFlags/emptyPath``.
  ///
  /// The corresponding system call is `faccessat(2)`, or `faccessat2(2)`
  /// (Linux 5.8) when `flags` is not empty: `faccessat` has no flags
  /// argument (glibc emulates one; this module does not).
  @inlinable
  public static func checkAccess(
    _ path: some PathRepresentable, _ mode: Accessibility = .exists,
    relativeTo directory: FileDescriptor = .currentWorkingDirectory, flags: AtFlags = []
  ) throws(Errno) {
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      if flags.isEmpty {
        _ = try Syscall.check(Syscall.call(
          .faccessat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(mode.rawValue)))
      } else {
        _ = try Syscall.check(Syscall.call(
          .faccessat2, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(mode.rawValue),
          Int(flags.rawValue)))
      }
    }
  }

  /// Sets the permission bits of the file at `path` (relative to
  /// `directory`), following a final symbolic link.
  ///
  /// The corresponding system call is `fchmodat(2)`.
  @inlinable
  public static func setPermissions(
    _ path: some PathRepresentable, _ permissions: FilePermissions,
    relativeTo directory: FileDescriptor = .currentWorkingDirectory
  ) throws(Errno) {
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try Syscall.check(Syscall.call(
        .fchmodat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(permissions.rawValue)))
    }
  }

  /// Sets the process's file mode creation mask, the permissions that new
  /// files and directories do not get, and returns the previous one.
  ///
  /// The mask belongs to the whole process, not the calling thread.
  ///
  /// The corresponding system call is `umask(2)`; it cannot fail.
  @inlinable
  @discardableResult
  public static func setCreationMask(_ mask: FilePermissions) -> FilePermissions {
    FilePermissions(rawValue: UInt32(truncatingIfNeeded: Syscall.call(.umask, Int(mask.rawValue & 0o777))))
  }
}

extension FileDescriptor {
  /// Sets the permission bits of the open file.
  ///
  /// The corresponding system call is `fchmod(2)`.
  @inlinable
  public func setPermissions(_ permissions: FilePermissions) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.fchmod, Int(rawValue), Int(permissions.rawValue)))
  }
}
