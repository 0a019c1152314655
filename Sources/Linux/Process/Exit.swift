/// Process-wide calls: identity and termination.
public enum Process {
  /// Ends every thread of the process with `status` (its low 8 bits are what
  /// a parent sees). Nothing is flushed: the runtime's `exit` does that.
  ///
  /// The corresponding system call is `exit_group(2)`.
  @inlinable
  public static func exitGroup(_ status: Int32) -> Never {
    _ = Syscall.call(.exit_group, Int(status))
    // exit_group cannot return; should a kernel ever let it, fall back to
    // the thread exit, then spin rather than run on into garbage.
    _ = Syscall.call(.exit, Int(status))
    while true {}
  }

  /// The process ID.
  ///
  /// The corresponding system call is `getpid(2)`; it cannot fail.
  @inlinable
  public static var id: Int32 { Int32(truncatingIfNeeded: Syscall.call(.getpid)) }

  /// The calling thread's ID.
  ///
  /// The corresponding system call is `gettid(2)`; it cannot fail.
  @inlinable
  public static var threadID: Int32 { Int32(truncatingIfNeeded: Syscall.call(.gettid)) }
}
