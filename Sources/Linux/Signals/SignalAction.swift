import CLinux

/// A signal handler as the kernel calls it with `SA_SIGINFO`: the signal
/// number, a pointer to its `siginfo_t`, and a pointer to the interrupted
/// context (`ucontext_t`).
public typealias SignalHandler = @convention(c) (Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void

/// What the kernel does when a signal arrives: the kernel's own
/// `struct sigaction` for `rt_sigaction` on x86-64
/// (`arch/x86/include/uapi/asm/signal.h`), which differs from glibc's.
///
/// Layout (32 bytes): handler, flags (`unsigned long`), restorer, mask (one
/// 64-bit word: `_NSIG` is 64).
@frozen
public struct SignalAction: Sendable {
  /// The handler address, or `SIG_DFL` (0) or `SIG_IGN` (1).
  public var handler: UInt
  /// `SA_*` flags.
  public var flags: Flags
  /// The return trampoline; set with ``Flags/restorer``.
  public var restorer: UInt
  /// Signals blocked while the handler runs, bit `n-1` for signal `n`.
  public var mask: UInt64

  /// `sa_flags` values (`asm/signal.h`).
  @frozen
  public struct Flags: OptionSet, Sendable {
    public var rawValue: UInt
    @_transparent public init(rawValue: UInt) { self.rawValue = rawValue }
    /// `SA_NOCLDSTOP`
    public static var noChildStop: Flags { Flags(rawValue: 0x1) }
    /// `SA_NOCLDWAIT`
    public static var noChildWait: Flags { Flags(rawValue: 0x2) }
    /// `SA_SIGINFO`: the handler takes three arguments.
    public static var signalInfo: Flags { Flags(rawValue: 0x4) }
    /// `SA_RESTORER`: `restorer` is valid. x86-64 requires it.
    public static var restorer: Flags { Flags(rawValue: 0x0400_0000) }
    /// `SA_ONSTACK`: run the handler on the alternate signal stack.
    public static var onStack: Flags { Flags(rawValue: 0x0800_0000) }
    /// `SA_RESTART`: restart interrupted system calls.
    public static var restart: Flags { Flags(rawValue: 0x1000_0000) }
    /// `SA_NODEFER`: do not block the signal while its handler runs.
    public static var noDefer: Flags { Flags(rawValue: 0x4000_0000) }
    /// `SA_RESETHAND`: restore the default action once the handler starts.
    public static var resetHandler: Flags { Flags(rawValue: 0x8000_0000) }
  }

  /// The default action (`SIG_DFL`).
  public static var `default`: SignalAction { SignalAction(handler: 0, flags: [], restorer: 0, mask: 0) }
  /// Ignore the signal (`SIG_IGN`).
  public static var ignore: SignalAction { SignalAction(handler: 1, flags: [], restorer: 0, mask: 0) }

  /// An action from its raw fields.
  @_transparent
  public init(handler: UInt, flags: Flags, restorer: UInt, mask: UInt64) {
    self.handler = handler
    self.flags = flags
    self.restorer = restorer
    self.mask = mask
  }

  /// An action that calls `handler` with `SA_SIGINFO`, and this module's
  /// return trampoline (the kernel needs one on x86-64: `SA_RESTORER`).
  public init(handler: SignalHandler, flags: Flags = [], mask: UInt64 = 0) {
    self.handler = UInt(bitPattern: unsafeBitCast(handler, to: Int.self))
    self.flags = flags.union([.signalInfo, .restorer])
    self.restorer = UInt(bitPattern: unsafeBitCast(nl_signal_restorer as @convention(c) () -> Void, to: Int.self))
    self.mask = mask
  }
}

/// Signal dispositions, masks and stacks.
public enum Signals {
  /// Sets what happens when `signal` arrives and returns the previous action.
  ///
  /// The corresponding system call is `rt_sigaction(2)`.
  @inlinable
  @discardableResult
  public static func setAction(_ action: SignalAction, for signal: Signal) throws(Errno) -> SignalAction {
    var new = action
    var old = SignalAction.default
    _ = try withUnsafePointer(to: &new) { newPointer throws(Errno) in
      try withUnsafeMutablePointer(to: &old) { oldPointer throws(Errno) in
        try Syscall.check(Syscall.call(
          .rt_sigaction, Int(signal.rawValue), Int(UnsafeRawPointer(newPointer)),
          Int(UnsafeRawPointer(oldPointer)), 8))
      }
    }
    return old
  }

  /// The current action for `signal`.
  ///
  /// The corresponding system call is `rt_sigaction(2)` with no new action.
  @inlinable
  public static func action(for signal: Signal) throws(Errno) -> SignalAction {
    var old = SignalAction.default
    _ = try withUnsafeMutablePointer(to: &old) { oldPointer throws(Errno) in
      try Syscall.check(Syscall.call(.rt_sigaction, Int(signal.rawValue), 0, Int(UnsafeRawPointer(oldPointer)), 8))
    }
    return old
  }
}

extension SignalAction {
  /// ``mask`` as a ``SignalSet``.
  @inlinable
  public var blockedSignals: SignalSet {
    get { SignalSet(rawValue: mask) }
    set { mask = newValue.rawValue }
  }
}
