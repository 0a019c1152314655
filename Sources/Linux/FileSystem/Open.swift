extension FileSystem {
  /// How a file is opened: the `O_ACCMODE` bits.
  @frozen
  public enum AccessMode: Int32, Sendable {
    /// `O_RDONLY`
    case readOnly = 0
    /// `O_WRONLY`
    case writeOnly = 1
    /// `O_RDWR`
    case readWrite = 2
  }

  /// Flags of `openat` besides the access mode (`O_*` in
  /// `asm-generic/fcntl.h`, the kernel's values: glibc defines
  /// `O_LARGEFILE` as 0 on x86-64, the kernel as 0o100000).
  @frozen
  public struct OpenOptions: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `O_CREAT`: create the file if it does not exist (with
    /// `permissions`).
    public static var create: OpenOptions { OpenOptions(rawValue: 0o100) }
    /// `O_EXCL`: with ``create``, fail with `EEXIST` if the file exists.
    public static var exclusiveCreate: OpenOptions { OpenOptions(rawValue: 0o200) }
    /// `O_NOCTTY`: a terminal does not become the controlling terminal.
    public static var noControllingTerminal: OpenOptions { OpenOptions(rawValue: 0o400) }
    /// `O_TRUNC`: truncate a regular file to 0 bytes.
    public static var truncate: OpenOptions { OpenOptions(rawValue: 0o1000) }
    /// `O_APPEND`: every write goes to the end.
    public static var append: OpenOptions { OpenOptions(rawValue: 0o2000) }
    /// `O_NONBLOCK`
    public static var nonBlocking: OpenOptions { OpenOptions(rawValue: 0o4000) }
    /// `O_DSYNC`: writes wait for the data (and what reading it needs) to
    /// reach the storage.
    public static var dataSync: OpenOptions { OpenOptions(rawValue: 0o10000) }
    /// `FASYNC` (`O_ASYNC`): signal-driven I/O.
    public static var async: OpenOptions { OpenOptions(rawValue: 0o20000) }
    /// `O_DIRECT`: bypass the page cache (aligned buffers and offsets).
    public static var direct: OpenOptions { OpenOptions(rawValue: 0o40000) }
    /// `O_LARGEFILE`: the kernel sets it anyway on 64-bit systems.
    public static var largeFile: OpenOptions { OpenOptions(rawValue: 0o100000) }
    /// `O_DIRECTORY`: fail with `ENOTDIR` unless the path is a directory.
    public static var directory: OpenOptions { OpenOptions(rawValue: 0o200000) }
    /// `O_NOFOLLOW`: fail with `ELOOP` if the final component is a
    /// symbolic link.
    public static var noFollow: OpenOptions { OpenOptions(rawValue: 0o400000) }
    /// `O_NOATIME`: reading does not update the access time.
    public static var noAccessTime: OpenOptions { OpenOptions(rawValue: 0o1000000) }
    /// `O_CLOEXEC`: see the `closeOnExec` parameter, which sets it by
    /// default.
    public static var closeOnExec: OpenOptions { OpenOptions(rawValue: 0o2000000) }
    /// `O_SYNC`: writes wait for data and metadata (includes `O_DSYNC`).
    public static var sync: OpenOptions { OpenOptions(rawValue: 0o4010000) }
    /// `O_PATH`: a descriptor that only names a location (for `*at` calls,
    /// `fstat`, ...); the access mode is ignored.
    public static var path: OpenOptions { OpenOptions(rawValue: 0o10000000) }
    /// `O_TMPFILE`: an unnamed regular file in the directory `path`
    /// (includes `O_DIRECTORY`); needs write access.
    public static var temporaryFile: OpenOptions { OpenOptions(rawValue: 0o20200000) }
  }

  /// Opens the file at `path` (relative to `directory`) and returns an
  /// owned descriptor.
  ///
  /// `permissions` are the new file's mode with ``OpenOptions/create`` or
  /// ``OpenOptions/temporaryFile`` (less the process's umask); otherwise
  /// they are ignored. The descriptor is close-on-exec unless `closeOnExec`
  /// is false. Retries on `EINTR` (opening a FIFO can block) unless
  /// `retryOnInterrupt` is false.
  ///
  /// The corresponding system call is `openat(2)`.
  @inlinable
  public static func open(
    _ path: some PathRepresentable, _ mode: AccessMode, options: OpenOptions = [],
    permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
    relativeTo directory: FileDescriptor = .currentWorkingDirectory, closeOnExec: Bool = true,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> OwnedFileDescriptor {
    var flags = options.rawValue | mode.rawValue
    if closeOnExec { flags |= OpenOptions.closeOnExec.rawValue }
    let number = try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) -> Int in
      try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
        Syscall.call(.openat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(flags), Int(permissions.rawValue))
      }
    }
    return OwnedFileDescriptor(adopting: FileDescriptor(rawValue: Int32(truncatingIfNeeded: number)))
  }
}
