extension FileSystem {
  /// Creates the directory `path` (relative to `directory`) with
  /// `permissions` (less the umask).
  ///
  /// The corresponding system call is `mkdirat(2)`.
  @inlinable
  public static func makeDirectory(
    _ path: some PathRepresentable, permissions: FilePermissions = [.ownerReadWriteExecute, .groupRead,
      .groupExecute, .otherRead, .otherExecute],
    relativeTo directory: FileDescriptor = .currentWorkingDirectory
  ) throws(Errno) {
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try Syscall.check(Syscall.call(
        .mkdirat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(permissions.rawValue)))
    }
  }

  /// Removes the name `path` (relative to `directory`): a file's link
  /// (`unlink`), or with `flags: .removeDirectory` an empty directory
  /// (`rmdir`).
  ///
  /// The corresponding system call is `unlinkat(2)`.
  @inlinable
  public static func remove(
    _ path: some PathRepresentable, relativeTo directory: FileDescriptor = .currentWorkingDirectory,
    flags: AtFlags = []
  ) throws(Errno) {
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try Syscall.check(Syscall.call(
        .unlinkat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(flags.rawValue)))
    }
  }

  /// Flags of `renameat2` (`RENAME_*` in `linux/fs.h`).
  @frozen
  public struct RenameFlags: OptionSet, Sendable {
    public var rawValue: UInt32
    @_transparent public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `RENAME_NOREPLACE`: fail with `EEXIST` rather than replace.
    public static var noReplace: RenameFlags { RenameFlags(rawValue: 1) }
    /// `RENAME_EXCHANGE`: swap the two names atomically (both must exist).
    public static var exchange: RenameFlags { RenameFlags(rawValue: 2) }
    /// `RENAME_WHITEOUT`: leave a whiteout (overlay file systems; needs
    /// `CAP_MKNOD`).
    public static var whiteout: RenameFlags { RenameFlags(rawValue: 4) }
  }

  /// Renames `oldPath` (relative to `oldDirectory`) to `newPath` (relative
  /// to `newDirectory`), replacing what `newPath` names unless `flags` say
  /// otherwise. Across file systems it fails with `EXDEV`.
  ///
  /// The corresponding system call is `renameat2(2)`.
  @inlinable
  public static func rename(
    _ oldPath: some PathRepresentable, relativeTo oldDirectory: FileDescriptor = .currentWorkingDirectory,
    to newPath: some PathRepresentable, relativeTo newDirectory: FileDescriptor = .currentWorkingDirectory,
    flags: RenameFlags = []
  ) throws(Errno) {
    try oldPath.withNullTerminatedPath { (oldC: UnsafePointer<CChar>) throws(Errno) in
      try newPath.withNullTerminatedPath { (newC: UnsafePointer<CChar>) throws(Errno) in
        _ = try Syscall.check(Syscall.call(
          .renameat2, Int(oldDirectory.rawValue), Int(UnsafeRawPointer(oldC)), Int(newDirectory.rawValue),
          Int(UnsafeRawPointer(newC)), Int(flags.rawValue)))
      }
    }
  }
}
