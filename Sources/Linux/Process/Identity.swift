extension Process {
  /// The process ID.
  ///
  /// The corresponding system call is `getpid(2)`; it cannot fail.
  @inlinable
  public static var id: Int32 { Int32(truncatingIfNeeded: Syscall.call(.getpid)) }

  /// The parent's process ID: that of the process that created this one,
  /// or of the reaper that adopted it (a subreaper, or init of its PID
  /// namespace; 0 when the parent is in another namespace).
  ///
  /// The corresponding system call is `getppid(2)`; it cannot fail.
  @inlinable
  public static var parentID: Int32 { Int32(truncatingIfNeeded: Syscall.call(.getppid)) }

  /// The calling thread's ID.
  ///
  /// The corresponding system call is `gettid(2)`; it cannot fail.
  @inlinable
  public static var threadID: Int32 { Int32(truncatingIfNeeded: Syscall.call(.gettid)) }

  /// The real user ID.
  ///
  /// On Linux, credentials belong to each thread; the C library keeps them
  /// equal across threads when it changes them, raw system calls do not.
  ///
  /// The corresponding system call is `getuid(2)`; it cannot fail.
  @inlinable
  public static var userID: UInt32 { UInt32(truncatingIfNeeded: Syscall.call(.getuid)) }

  /// The effective user ID: the one permission checks use.
  ///
  /// The corresponding system call is `geteuid(2)`; it cannot fail.
  @inlinable
  public static var effectiveUserID: UInt32 { UInt32(truncatingIfNeeded: Syscall.call(.geteuid)) }

  /// The real group ID.
  ///
  /// The corresponding system call is `getgid(2)`; it cannot fail.
  @inlinable
  public static var groupID: UInt32 { UInt32(truncatingIfNeeded: Syscall.call(.getgid)) }

  /// The effective group ID.
  ///
  /// The corresponding system call is `getegid(2)`; it cannot fail.
  @inlinable
  public static var effectiveGroupID: UInt32 { UInt32(truncatingIfNeeded: Syscall.call(.getegid)) }

  /// The real, effective and saved user IDs, as one snapshot.
  ///
  /// The corresponding system call is `getresuid(2)`.
  @inlinable
  public static func userIDs() throws(Errno) -> (real: UInt32, effective: UInt32, saved: UInt32) {
    var ids: (UInt32, UInt32, UInt32) = (0, 0, 0)
    _ = try withUnsafeMutablePointer(to: &ids) { pointer throws(Errno) in
      let raw = UnsafeMutableRawPointer(pointer)
      return try Syscall.check(Syscall.call(.getresuid, Int(UnsafeRawPointer(raw)), Int(UnsafeRawPointer(raw + 4)), Int(UnsafeRawPointer(raw + 8))))
    }
    return (ids.0, ids.1, ids.2)
  }

  /// The real, effective and saved group IDs, as one snapshot.
  ///
  /// The corresponding system call is `getresgid(2)`.
  @inlinable
  public static func groupIDs() throws(Errno) -> (real: UInt32, effective: UInt32, saved: UInt32) {
    var ids: (UInt32, UInt32, UInt32) = (0, 0, 0)
    _ = try withUnsafeMutablePointer(to: &ids) { pointer throws(Errno) in
      let raw = UnsafeMutableRawPointer(pointer)
      return try Syscall.check(Syscall.call(.getresgid, Int(UnsafeRawPointer(raw)), Int(UnsafeRawPointer(raw + 4)), Int(UnsafeRawPointer(raw + 8))))
    }
    return (ids.0, ids.1, ids.2)
  }
}
