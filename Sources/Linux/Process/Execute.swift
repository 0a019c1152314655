extension Process {
  /// Replaces the process's program with the one at `path`, passing it
  /// `arguments` and `environment`: NULL-terminated arrays of
  /// NUL-terminated strings, as the new program's `main` receives them.
  ///
  /// Returns only on failure, so it always throws: `ENOENT` (no such
  /// file), `EACCES` (no execute permission, not a regular file, or a
  /// `noexec` mount; root too needs at least one execute bit), `ENOEXEC`
  /// (no format the kernel recognises), `EFAULT` (a bad pointer), `E2BIG`
  /// (arguments and environment too large), `ETXTBSY`, `ELOOP`...
  ///
  /// Takes C arrays, not Swift collections, so that it allocates nothing:
  /// safe between a `fork` and the exec in a multithreaded program, where
  /// another thread may hold the allocator's lock.
  ///
  /// The corresponding system call is `execve(2)`.
  @inlinable
  public static func execute(
    _ path: UnsafePointer<CChar>, arguments: UnsafePointer<UnsafePointer<CChar>?>,
    environment: UnsafePointer<UnsafePointer<CChar>?>
  ) throws(Errno) -> Never {
    let result = Syscall.call(
      .execve, Int(UnsafeRawPointer(path)), Int(UnsafeRawPointer(arguments)), Int(UnsafeRawPointer(environment)))
    throw Errno(syscallResult: result) ?? Errno.invalidArgument
  }

  /// ``execute(_:arguments:environment:)`` with a path given as any
  /// ``PathRepresentable`` (copied to the stack with its NUL).
  ///
  /// The corresponding system call is `execve(2)`.
  @inlinable
  public static func execute(
    path: some PathRepresentable, arguments: UnsafePointer<UnsafePointer<CChar>?>,
    environment: UnsafePointer<UnsafePointer<CChar>?>
  ) throws(Errno) -> Never {
    try path.withNullTerminatedPath { (pointer: UnsafePointer<CChar>) throws(Errno) -> Never in
      try execute(pointer, arguments: arguments, environment: environment)
    }
  }
}
