extension FileSystem {
  /// Makes `newPath` (relative to `newDirectory`) another name (a hard
  /// link) for the file `existingPath` (relative to `existingDirectory`).
  ///
  /// `flags` may hold ``AtFlags/symlinkFollow`` (link what a final
  /// symbolic link points to, not the link) and ``AtFlags/emptyPath``.
  ///
  /// The corresponding system call is `linkat(2)`.
  @inlinable
  public static func link(
    _ existingPath: some PathRepresentable,
    relativeTo existingDirectory: FileDescriptor = .currentWorkingDirectory,
    as newPath: some PathRepresentable, relativeTo newDirectory: FileDescriptor = .currentWorkingDirectory,
    flags: AtFlags = []
  ) throws(Errno) {
    try existingPath.withNullTerminatedPath { (oldC: UnsafePointer<CChar>) throws(Errno) in
      try newPath.withNullTerminatedPath { (newC: UnsafePointer<CChar>) throws(Errno) in
        _ = try Syscall.check(Syscall.call(
          .linkat, Int(existingDirectory.rawValue), Int(UnsafeRawPointer(oldC)), Int(newDirectory.rawValue),
          Int(UnsafeRawPointer(newC)), Int(flags.rawValue)))
      }
    }
  }

  /// Creates the symbolic link `path` (relative to `directory`) holding
  /// `target`, which is not checked: it may name nothing.
  ///
  /// The corresponding system call is `symlinkat(2)`.
  @inlinable
  public static func makeSymbolicLink(
    _ path: some PathRepresentable, relativeTo directory: FileDescriptor = .currentWorkingDirectory,
    to target: some PathRepresentable
  ) throws(Errno) {
    try target.withNullTerminatedPath { (targetC: UnsafePointer<CChar>) throws(Errno) in
      try path.withNullTerminatedPath { (pathC: UnsafePointer<CChar>) throws(Errno) in
        _ = try Syscall.check(Syscall.call(
          .symlinkat, Int(UnsafeRawPointer(targetC)), Int(directory.rawValue), Int(UnsafeRawPointer(pathC))))
      }
    }
  }

  /// Reads the target of the symbolic link `path` (relative to
  /// `directory`) into `buffer` and returns its length (no NUL is added).
  ///
  /// A target that does not fit fails with `ERANGE` instead of being cut
  /// short, as readlink(2) would do silently: the buffer must be at least
  /// one byte longer than the target. A path that is not a symbolic link
  /// fails with `EINVAL`.
  ///
  /// The corresponding system call is `readlinkat(2)`.
  @inlinable
  public static func readLink(
    _ path: some PathRepresentable, relativeTo directory: FileDescriptor = .currentWorkingDirectory,
    into buffer: UnsafeMutableRawBufferPointer
  ) throws(Errno) -> Int {
    let count = try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) -> Int in
      try Syscall.check(Syscall.call(
        .readlinkat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)),
        Int(UnsafeRawPointer(buffer.baseAddress)), buffer.count))
    }
    // readlinkat fills at most buffer.count bytes and cannot say whether
    // there were more: a full buffer may hold a truncated target.
    guard count < buffer.count else { throw Errno.outOfRange }
    return count
  }
}
