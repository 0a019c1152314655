/// The file system family: opening files, their status, directories,
/// links, permissions and the working directory.
///
/// Every path is a ``PathRepresentable`` (`String`, `StaticString`,
/// `[UInt8]`, ...), copied NUL-terminated onto the stack by
/// ``PathRepresentable/withNullTerminatedPath(_:)``. Calls that take a path
/// resolve a relative one against `relativeTo`, a directory descriptor
/// (``FileDescriptor/currentWorkingDirectory``, `AT_FDCWD`, by default):
/// these are the kernel's `*at` calls, the only ones this module uses.
/// Calls on one open file are methods of ``FileDescriptor``.
///
/// Descriptors are created close-on-exec unless a call's `closeOnExec`
/// parameter is false, as Rust's standard library does: a descriptor that
/// leaks into every program the process executes is a classic bug, and
/// setting the flag later (with `fcntl`) races with other threads' `execve`.
public enum FileSystem {
  /// Flags of the `*at` calls (`AT_*` in `linux/fcntl.h`). Each call
  /// accepts only some of them; the others fail with `EINVAL`.
  @frozen
  public struct AtFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `AT_SYMLINK_NOFOLLOW`: act on a final symbolic link itself.
    public static var symlinkNoFollow: AtFlags { AtFlags(rawValue: 0x100) }
    /// `AT_REMOVEDIR`: `unlinkat` removes a directory (as `rmdir`).
    public static var removeDirectory: AtFlags { AtFlags(rawValue: 0x200) }
    /// `AT_EACCESS`: `faccessat2` checks with the effective IDs. (The same
    /// bit as ``removeDirectory``; each call gives it its own meaning.)
    public static var effectiveAccess: AtFlags { AtFlags(rawValue: 0x200) }
    /// `AT_SYMLINK_FOLLOW`: `linkat` follows a final symbolic link.
    public static var symlinkFollow: AtFlags { AtFlags(rawValue: 0x400) }
    /// `AT_NO_AUTOMOUNT`: do not trigger an automount.
    public static var noAutomount: AtFlags { AtFlags(rawValue: 0x800) }
    /// `AT_EMPTY_PATH`: an empty path means `relativeTo` itself.
    public static var emptyPath: AtFlags { AtFlags(rawValue: 0x1000) }
    /// `AT_STATX_FORCE_SYNC`: `statx` synchronises with a network server.
    public static var statxForceSync: AtFlags { AtFlags(rawValue: 0x2000) }
    /// `AT_STATX_DONT_SYNC`: `statx` may return cached attributes.
    public static var statxDontSync: AtFlags { AtFlags(rawValue: 0x4000) }
  }
}

extension FileDescriptor {
  /// `AT_FDCWD` (-100): as the directory of an `*at` call, the current
  /// working directory.
  @_transparent public static var currentWorkingDirectory: FileDescriptor { FileDescriptor(rawValue: -100) }
}
