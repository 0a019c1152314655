extension FileDescriptor {
  /// Flags of the descriptor itself, not shared with duplicates
  /// (`FD_*` in `asm-generic/fcntl.h`).
  @frozen
  public struct DescriptorFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `FD_CLOEXEC`: closed when the process executes another program.
    public static var closeOnExec: DescriptorFlags { DescriptorFlags(rawValue: 1) }
  }

  /// The file status flags of an open file description, shared by all
  /// descriptors duplicated from it (`O_*` in `asm-generic/fcntl.h`, as
  /// `F_GETFL` reports them). Only ``append``, ``async``, ``direct``,
  /// ``noAccessTime`` and ``nonBlocking`` can be changed with
  /// ``setStatusFlags(_:)``; the kernel ignores the others.
  @frozen
  public struct StatusFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `O_APPEND`
    public static var append: StatusFlags { StatusFlags(rawValue: 0o2000) }
    /// `O_NONBLOCK`
    public static var nonBlocking: StatusFlags { StatusFlags(rawValue: 0o4000) }
    /// `O_DSYNC`
    public static var dataSync: StatusFlags { StatusFlags(rawValue: 0o10000) }
    /// `FASYNC` (`O_ASYNC`): signal-driven I/O.
    public static var async: StatusFlags { StatusFlags(rawValue: 0o20000) }
    /// `O_DIRECT`
    public static var direct: StatusFlags { StatusFlags(rawValue: 0o40000) }
    /// `O_LARGEFILE`: always set by the kernel on x86-64 (`force_o_largefile`).
    public static var largeFile: StatusFlags { StatusFlags(rawValue: 0o100000) }
    /// `O_NOATIME`
    public static var noAccessTime: StatusFlags { StatusFlags(rawValue: 0o1000000) }
    /// `O_SYNC` (which includes `O_DSYNC`).
    public static var sync: StatusFlags { StatusFlags(rawValue: 0o4010000) }
    /// `O_PATH`
    public static var path: StatusFlags { StatusFlags(rawValue: 0o10000000) }

    /// The access mode the file was opened with (`O_ACCMODE` bits).
    public var accessMode: FileSystem.AccessMode? {
      FileSystem.AccessMode(rawValue: rawValue & 0o3)
    }
  }

  /// The descriptor's flags (close-on-exec).
  ///
  /// The corresponding system call is `fcntl(2)` with `F_GETFD`.
  @inlinable
  public func descriptorFlags() throws(Errno) -> DescriptorFlags {
    DescriptorFlags(rawValue: Int32(truncatingIfNeeded: try Syscall.check(Syscall.call(.fcntl, Int(rawValue), 1))))  // F_GETFD
  }

  /// Replaces the descriptor's flags.
  ///
  /// The corresponding system call is `fcntl(2)` with `F_SETFD`.
  @inlinable
  public func setDescriptorFlags(_ flags: DescriptorFlags) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.fcntl, Int(rawValue), 2, Int(flags.rawValue)))  // F_SETFD
  }

  /// The access mode and status flags of the open file description.
  ///
  /// The corresponding system call is `fcntl(2)` with `F_GETFL`.
  @inlinable
  public func statusFlags() throws(Errno) -> StatusFlags {
    StatusFlags(rawValue: Int32(truncatingIfNeeded: try Syscall.check(Syscall.call(.fcntl, Int(rawValue), 3))))  // F_GETFL
  }

  /// Replaces the changeable status flags (see ``StatusFlags``).
  ///
  /// The corresponding system call is `fcntl(2)` with `F_SETFL`.
  @inlinable
  public func setStatusFlags(_ flags: StatusFlags) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.fcntl, Int(rawValue), 4, Int(flags.rawValue)))  // F_SETFL
  }

  /// A new descriptor for the same open file description, numbered
  /// `minimum` or the lowest free number above it.
  ///
  /// Close-on-exec unless `closeOnExec` is false.
  ///
  /// The corresponding system call is `fcntl(2)` with `F_DUPFD_CLOEXEC`
  /// (or `F_DUPFD`).
  @inlinable
  public func duplicate(atLeast minimum: Int32, closeOnExec: Bool = true) throws(Errno) -> OwnedFileDescriptor {
    let command = closeOnExec ? 1030 : 0  // F_DUPFD_CLOEXEC, F_DUPFD
    let number = try Syscall.check(Syscall.call(.fcntl, Int(rawValue), command, Int(minimum)))
    return OwnedFileDescriptor(adopting: FileDescriptor(rawValue: Int32(truncatingIfNeeded: number)))
  }

  /// The capacity of the pipe in bytes.
  ///
  /// The corresponding system call is `fcntl(2)` with `F_GETPIPE_SZ`.
  @inlinable
  public func pipeCapacity() throws(Errno) -> Int {
    try Syscall.check(Syscall.call(.fcntl, Int(rawValue), 1032))  // F_GETPIPE_SZ
  }

  /// Sets the capacity of the pipe to at least `bytes` (rounded up to a
  /// power-of-two number of pages) and returns the capacity set.
  ///
  /// The corresponding system call is `fcntl(2)` with `F_SETPIPE_SZ`.
  @inlinable
  @discardableResult
  public func setPipeCapacity(_ bytes: Int) throws(Errno) -> Int {
    try Syscall.check(Syscall.call(.fcntl, Int(rawValue), 1031, bytes))  // F_SETPIPE_SZ
  }
}
