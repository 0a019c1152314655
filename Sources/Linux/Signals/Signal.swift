/// A signal number (`SIG*` in `asm/signal.h` for x86-64).
@frozen
public struct Signal: RawRepresentable, Equatable, Hashable, Sendable {
  /// The signal number.
  public var rawValue: Int32
  @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }

  /// `SIGHUP`.
  public static var hangup: Signal { Signal(rawValue: 1) }
  /// `SIGINT`.
  public static var interrupt: Signal { Signal(rawValue: 2) }
  /// `SIGQUIT`.
  public static var quit: Signal { Signal(rawValue: 3) }
  /// `SIGILL`.
  public static var illegalInstruction: Signal { Signal(rawValue: 4) }
  /// `SIGTRAP`.
  public static var trap: Signal { Signal(rawValue: 5) }
  /// `SIGABRT`.
  public static var abort: Signal { Signal(rawValue: 6) }
  /// `SIGBUS`.
  public static var busError: Signal { Signal(rawValue: 7) }
  /// `SIGFPE`.
  public static var floatingPointException: Signal { Signal(rawValue: 8) }
  /// `SIGKILL`.
  public static var kill: Signal { Signal(rawValue: 9) }
  /// `SIGUSR1`.
  public static var user1: Signal { Signal(rawValue: 10) }
  /// `SIGSEGV`.
  public static var segmentationFault: Signal { Signal(rawValue: 11) }
  /// `SIGUSR2`.
  public static var user2: Signal { Signal(rawValue: 12) }
  /// `SIGPIPE`.
  public static var brokenPipe: Signal { Signal(rawValue: 13) }
  /// `SIGALRM`.
  public static var alarm: Signal { Signal(rawValue: 14) }
  /// `SIGTERM`.
  public static var terminate: Signal { Signal(rawValue: 15) }
  /// `SIGSTKFLT`.
  public static var stackFault: Signal { Signal(rawValue: 16) }
  /// `SIGCHLD`.
  public static var child: Signal { Signal(rawValue: 17) }
  public static var `continue`: Signal { Signal(rawValue: 18) }       // SIGCONT
  /// `SIGSTOP`.
  public static var stop: Signal { Signal(rawValue: 19) }
  /// `SIGTSTP`.
  public static var terminalStop: Signal { Signal(rawValue: 20) }
  /// `SIGTTIN`.
  public static var terminalInput: Signal { Signal(rawValue: 21) }
  /// `SIGTTOU`.
  public static var terminalOutput: Signal { Signal(rawValue: 22) }
  /// `SIGURG`.
  public static var urgent: Signal { Signal(rawValue: 23) }
  /// `SIGXCPU`.
  public static var cpuLimit: Signal { Signal(rawValue: 24) }
  /// `SIGXFSZ`.
  public static var fileSizeLimit: Signal { Signal(rawValue: 25) }
  /// `SIGVTALRM`.
  public static var virtualAlarm: Signal { Signal(rawValue: 26) }
  /// `SIGPROF`.
  public static var profilingAlarm: Signal { Signal(rawValue: 27) }
  /// `SIGWINCH`.
  public static var windowChange: Signal { Signal(rawValue: 28) }
  /// `SIGIO`.
  public static var io: Signal { Signal(rawValue: 29) }
  /// `SIGPWR`.
  public static var power: Signal { Signal(rawValue: 30) }
  /// `SIGSYS`.
  public static var badSystemCall: Signal { Signal(rawValue: 31) }

  /// The message strsignal(3) gives for the signal, as glibc words it
  /// (`Segmentation fault`), or nil for an unnamed number.
  public var message: StaticString? {
    switch rawValue {
    case 1: "Hangup"
    case 2: "Interrupt"
    case 3: "Quit"
    case 4: "Illegal instruction"
    case 5: "Trace/breakpoint trap"
    case 6: "Aborted"
    case 7: "Bus error"
    case 8: "Floating point exception"
    case 9: "Killed"
    case 10: "User defined signal 1"
    case 11: "Segmentation fault"
    case 12: "User defined signal 2"
    case 13: "Broken pipe"
    case 14: "Alarm clock"
    case 15: "Terminated"
    case 16: "Stack fault"
    case 17: "Child exited"
    case 18: "Continued"
    case 19: "Stopped (signal)"
    case 20: "Stopped"
    case 21: "Stopped (tty input)"
    case 22: "Stopped (tty output)"
    case 23: "Urgent I/O condition"
    case 24: "CPU time limit exceeded"
    case 25: "File size limit exceeded"
    case 26: "Virtual timer expired"
    case 27: "Profiling timer expired"
    case 28: "Window changed"
    case 29: "I/O possible"
    case 30: "Power failure"
    case 31: "Bad system call"
    default: nil
    }
  }

  /// The C name (`"SIGSEGV"`), or nil for an unnamed number.
  public var name: StaticString? {
    switch rawValue {
    case 1: "SIGHUP"
    case 2: "SIGINT"
    case 3: "SIGQUIT"
    case 4: "SIGILL"
    case 5: "SIGTRAP"
    case 6: "SIGABRT"
    case 7: "SIGBUS"
    case 8: "SIGFPE"
    case 9: "SIGKILL"
    case 10: "SIGUSR1"
    case 11: "SIGSEGV"
    case 12: "SIGUSR2"
    case 13: "SIGPIPE"
    case 14: "SIGALRM"
    case 15: "SIGTERM"
    case 16: "SIGSTKFLT"
    case 17: "SIGCHLD"
    case 18: "SIGCONT"
    case 19: "SIGSTOP"
    case 20: "SIGTSTP"
    case 21: "SIGTTIN"
    case 22: "SIGTTOU"
    case 23: "SIGURG"
    case 24: "SIGXCPU"
    case 25: "SIGXFSZ"
    case 26: "SIGVTALRM"
    case 27: "SIGPROF"
    case 28: "SIGWINCH"
    case 29: "SIGIO"
    case 30: "SIGPWR"
    case 31: "SIGSYS"
    default: nil
    }
  }
}

extension Signal {
  /// The kernel's first real-time signal (`SIGRTMIN`, 32). C libraries
  /// keep the first few for themselves (glibc: 32 and 33), and their
  /// `SIGRTMIN` is higher.
  public static var firstRealTime: Signal { Signal(rawValue: 32) }
  /// The last signal (`SIGRTMAX`, `_NSIG` = 64).
  public static var lastRealTime: Signal { Signal(rawValue: 64) }
}
