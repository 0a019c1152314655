extension FileSystem {
  /// Writes the absolute path of the current working directory into
  /// `buffer`, NUL-terminated, and returns its length without the NUL.
  ///
  /// A buffer too small for the path and its NUL fails with `ERANGE`; a
  /// buffer of ``pathMax`` bytes is always large enough. A working directory
  /// that has been removed, or lies outside the process's root, fails with
  /// `ENOENT` (the kernel's "(unreachable)" case).
  ///
  /// The corresponding system call is `getcwd(2)`.
  @inlinable
  public static func currentDirectory(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    // The system call returns the length including the NUL (fs/d_path.c).
    try Syscall.check(Syscall.call(.getcwd, Int(UnsafeRawPointer(buffer.baseAddress)), buffer.count)) - 1
  }

  /// Makes `path` the current working directory of the process (all its
  /// threads).
  ///
  /// The corresponding system call is `chdir(2)`.
  @inlinable
  public static func changeDirectory(to path: some PathRepresentable) throws(Errno) {
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try Syscall.check(Syscall.call(.chdir, Int(UnsafeRawPointer(cPath))))
    }
  }

  /// Makes the open directory `directory` the current working directory of
  /// the process (all its threads).
  ///
  /// The corresponding system call is `fchdir(2)`.
  @inlinable
  public static func changeDirectory(to directory: FileDescriptor) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.fchdir, Int(directory.rawValue)))
  }
}
