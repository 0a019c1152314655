/// How a child changed state, as `wait4` reports it: the kernel's `int`
/// status word (`include/linux/wait.h` in glibc's `W*` macros, built by
/// `kernel/exit.c`).
///
/// Layout: bits 0-6 a terminating signal (0: exited; 0x7f: stopped), bit
/// 7 a core dump, bits 8-15 the exit code or the stop signal; 0xffff
/// means continued.
@frozen
public struct WaitStatus: RawRepresentable, Equatable, Hashable, Sendable {
  public var rawValue: Int32
  @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The decoded status.
  @frozen
  public enum State: Equatable, Hashable, Sendable {
    /// Ended by `exit` with the low 8 bits of its status (`WIFEXITED`).
    case exited(code: Int32)
    /// Ended by a signal (`WIFSIGNALED`), dumping core or not.
    case signaled(Signal, coreDumped: Bool)
    /// Stopped by a signal (`WIFSTOPPED`; reported with
    /// ``WaitOptions/untraced``, or to a tracer).
    case stopped(Signal)
    /// Resumed by `SIGCONT` (`WIFCONTINUED`; reported with
    /// ``WaitOptions/continued``).
    case continued
  }

  /// The decoded status.
  @inlinable
  public var state: State {
    let low = rawValue & 0x7f
    if rawValue == 0xffff { return .continued }
    if low == 0 { return .exited(code: (rawValue >> 8) & 0xff) }
    if low == 0x7f { return .stopped(Signal(rawValue: (rawValue >> 8) & 0xff)) }
    return .signaled(Signal(rawValue: low), coreDumped: rawValue & 0x80 != 0)
  }
}

/// Which children `wait4` waits for (its `pid` argument).
@frozen
public enum ChildSelector: Equatable, Hashable, Sendable {
  /// Any child (`-1`).
  case any
  /// The child with this process ID (`> 0`).
  case process(Int32)
  /// Any child in this process group (`-pgid`).
  case processGroup(Int32)
  /// Any child in the caller's process group (`0`).
  case ownProcessGroup

  /// The value of `wait4`'s `pid` argument.
  @inlinable
  public var rawValue: Int32 {
    switch self {
    case .any: -1
    case .process(let id): id
    case .processGroup(let group): -group
    case .ownProcessGroup: 0
    }
  }
}

/// Options of `wait4` (`W*` in `linux/wait.h`).
@frozen
public struct WaitOptions: OptionSet, Sendable {
  public var rawValue: Int32
  @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
  /// `WNOHANG`: return at once when no child has changed state.
  public static var noHang: WaitOptions { WaitOptions(rawValue: 0x1) }
  /// `WUNTRACED` (`WSTOPPED`): also report children stopped by a signal.
  public static var untraced: WaitOptions { WaitOptions(rawValue: 0x2) }
  /// `WCONTINUED`: also report stopped children resumed by `SIGCONT`.
  public static var continued: WaitOptions { WaitOptions(rawValue: 0x8) }
  /// `__WNOTHREAD`: only children of the calling thread, not of the
  /// other threads of its group.
  public static var noThread: WaitOptions { WaitOptions(rawValue: 0x2000_0000) }
  /// `__WALL`: children of every kind, whatever signal they send at exit.
  public static var all: WaitOptions { WaitOptions(rawValue: 0x4000_0000) }
  /// `__WCLONE`: only "clone" children (which send no `SIGCHLD` at exit).
  public static var clone: WaitOptions { WaitOptions(rawValue: Int32(bitPattern: 0x8000_0000)) }
}

/// Resources used by a process: the kernel's `struct rusage`
/// (`linux/resource.h`), 144 bytes: two ``TimeValue``s then fourteen
/// `long`s, several of which Linux leaves at zero.
@frozen
public struct ResourceUsage: Equatable, Sendable {
  /// User CPU time (`ru_utime`).
  public var userTime: TimeValue
  /// System CPU time (`ru_stime`).
  public var systemTime: TimeValue
  /// Peak resident set size in KiB (`ru_maxrss`).
  public var maximumResidentSetSize: Int
  /// `ru_ixrss` (unused by Linux).
  public var integralSharedMemorySize: Int
  /// `ru_idrss` (unused by Linux).
  public var integralUnsharedDataSize: Int
  /// `ru_isrss` (unused by Linux).
  public var integralUnsharedStackSize: Int
  /// Page faults served without I/O (`ru_minflt`).
  public var minorPageFaults: Int
  /// Page faults that needed I/O (`ru_majflt`).
  public var majorPageFaults: Int
  /// `ru_nswap` (unused by Linux).
  public var swaps: Int
  /// File system reads, in 512-byte blocks (`ru_inblock`).
  public var blockInputOperations: Int
  /// File system writes, in 512-byte blocks (`ru_oublock`).
  public var blockOutputOperations: Int
  /// `ru_msgsnd` (unused by Linux).
  public var messagesSent: Int
  /// `ru_msgrcv` (unused by Linux).
  public var messagesReceived: Int
  /// `ru_nsignals` (unused by Linux).
  public var signalsReceived: Int
  /// Voluntary context switches (`ru_nvcsw`).
  public var voluntaryContextSwitches: Int
  /// Involuntary context switches (`ru_nivcsw`).
  public var involuntaryContextSwitches: Int

  /// All zero.
  @inlinable
  public init() {
    userTime = TimeValue(seconds: 0)
    systemTime = TimeValue(seconds: 0)
    maximumResidentSetSize = 0
    integralSharedMemorySize = 0
    integralUnsharedDataSize = 0
    integralUnsharedStackSize = 0
    minorPageFaults = 0
    majorPageFaults = 0
    swaps = 0
    blockInputOperations = 0
    blockOutputOperations = 0
    messagesSent = 0
    messagesReceived = 0
    signalsReceived = 0
    voluntaryContextSwitches = 0
    involuntaryContextSwitches = 0
  }
}

extension Process {
  /// Waits for a child selected by `selector` to change state, and
  /// returns its process ID and status; nil with ``WaitOptions/noHang``
  /// when no selected child has changed state yet. A child that ended is
  /// reaped (its process ID is free again).
  ///
  /// Errors: `ECHILD` (no such child of the caller, or `SIGCHLD` is
  /// ignored so children are reaped by the kernel), `EINVAL` (bad
  /// options), `EINTR` (a handler ran, with `retryOnInterrupt` false).
  ///
  /// Implementation notes: in a program that also uses another facility
  /// that waits for children (Foundation's `Process`, for instance),
  /// waiting for ``ChildSelector/any`` can take its children away from it.
  ///
  /// The corresponding system call is `wait4(2)`.
  @inlinable
  public static func wait(
    for selector: ChildSelector = .any, options: WaitOptions = [], retryOnInterrupt: Bool = true
  ) throws(Errno) -> (process: Int32, status: WaitStatus)? {
    var status: Int32 = 0
    let child = try withUnsafeMutablePointer(to: &status) { pointer throws(Errno) in
      try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
        Syscall.call(.wait4, Int(selector.rawValue), Int(UnsafeRawPointer(pointer)), Int(options.rawValue), 0)
      }
    }
    if child == 0 { return nil }
    return (Int32(truncatingIfNeeded: child), WaitStatus(rawValue: status))
  }

  /// ``wait(for:options:retryOnInterrupt:)`` that also stores the
  /// resources the child and its waited-for descendants used in `usage`.
  ///
  /// The corresponding system call is `wait4(2)`.
  @inlinable
  public static func wait(
    for selector: ChildSelector = .any, options: WaitOptions = [], resourceUsage usage: inout ResourceUsage,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> (process: Int32, status: WaitStatus)? {
    var status: Int32 = 0
    let child = try withUnsafeMutablePointer(to: &status) { pointer throws(Errno) in
      try withUnsafeMutablePointer(to: &usage) { usagePointer throws(Errno) in
        try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
          Syscall.call(
            .wait4, Int(selector.rawValue), Int(UnsafeRawPointer(pointer)), Int(options.rawValue),
            Int(UnsafeRawPointer(usagePointer)))
        }
      }
    }
    if child == 0 { return nil }
    return (Int32(truncatingIfNeeded: child), WaitStatus(rawValue: status))
  }
}
