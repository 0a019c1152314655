/// Process-wide calls: identity, termination, waiting for children,
/// executing programs, and process attributes (`prctl`).
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

  /// Ends the calling thread only. When it is the last thread, the process
  /// ends with `status` (low 8 bits); otherwise `status` is lost (a thread
  /// has no exit status of its own) and the other threads run on.
  ///
  /// Nothing is cleaned up: a thread made by a threads library leaves its
  /// stack and bookkeeping behind, and locks it holds stay held. The
  /// kernel clears and wakes the thread's `clear_child_tid` word, if any.
  ///
  /// The corresponding system call is `exit(2)` (the system call, not C's
  /// `exit(3)`).
  @inlinable
  public static func exitThread(_ status: Int32) -> Never {
    _ = Syscall.call(.exit, Int(status))
    while true {}
  }
}
