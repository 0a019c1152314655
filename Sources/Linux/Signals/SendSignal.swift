/// Who receives a signal sent with `kill` (its `pid` argument).
@frozen
public enum SignalRecipient: Equatable, Hashable, Sendable {
  /// The process with this ID (`pid > 0`).
  case process(Int32)
  /// Every process in this process group (`-pgid`).
  case processGroup(Int32)
  /// Every process in the caller's process group (`0`).
  case ownProcessGroup
  /// Every process the caller may signal, except itself and init (`-1`).
  case everyPermittedProcess

  /// The value of `kill`'s `pid` argument.
  @inlinable
  public var rawValue: Int32 {
    switch self {
    case .process(let id): id
    case .processGroup(let group): -group
    case .ownProcessGroup: 0
    case .everyPermittedProcess: -1
    }
  }
}

extension Signals {
  /// Sends `signal` to thread `thread` of process `process`.
  ///
  /// Errors: `EINVAL` (bad signal number), `ESRCH` (no such thread in that
  /// process), `EPERM` (not allowed to signal it).
  ///
  /// The corresponding system call is `tgkill(2)`.
  @inlinable
  public static func send(_ signal: Signal, toThread thread: Int32, ofProcess process: Int32) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.tgkill, Int(process), Int(thread), Int(signal.rawValue)))
  }

  /// Sends `signal` to a process, a process group, or every process the
  /// caller may signal. A process-directed signal goes to any one of the
  /// process's threads that does not block it.
  ///
  /// Errors: `EINVAL` (bad signal number), `ESRCH` (no such process or
  /// group), `EPERM` (the caller may not signal it: an unprivileged
  /// sender's real or effective user ID must match the target's real or
  /// saved one).
  ///
  /// The corresponding system call is `kill(2)`.
  @inlinable
  public static func send(_ signal: Signal, to recipient: SignalRecipient) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.kill, Int(recipient.rawValue), Int(signal.rawValue)))
  }

  /// Checks that `recipient` exists and that the caller may signal it,
  /// without sending anything (signal 0): throws `ESRCH` or `EPERM`.
  ///
  /// The corresponding system call is `kill(2)` with signal 0.
  @inlinable
  public static func checkCanSend(to recipient: SignalRecipient) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.kill, Int(recipient.rawValue), 0))
  }
}
