/// A set of signals: the kernel's `sigset_t` for the `rt_sig*` calls, one
/// 64-bit word with bit `n-1` for signal `n` (`_NSIG` is 64 on x86-64).
@frozen
public struct SignalSet: Equatable, Hashable, Sendable {
  /// The mask word.
  public var rawValue: UInt64
  /// A set from its mask word.
  @_transparent public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// The empty set.
  public static var empty: SignalSet { SignalSet(rawValue: 0) }
  /// Every signal, 1 to 64. (The kernel never blocks `SIGKILL` and
  /// `SIGSTOP`, whatever the mask says.)
  public static var all: SignalSet { SignalSet(rawValue: ~0) }

  /// A set of the given signals.
  @inlinable
  public init(_ signals: Signal...) {
    rawValue = 0
    for signal in signals { insert(signal) }
  }

  @_transparent @usableFromInline
  static func bit(_ signal: Signal) -> UInt64 {
    precondition(signal.rawValue >= 1 && signal.rawValue <= 64, "signal number out of range")
    return 1 << UInt64(signal.rawValue - 1)
  }

  /// Whether `signal` is in the set.
  @inlinable
  public func contains(_ signal: Signal) -> Bool { rawValue & Self.bit(signal) != 0 }
  /// Adds `signal`.
  @inlinable
  public mutating func insert(_ signal: Signal) { rawValue |= Self.bit(signal) }
  /// Removes `signal`.
  @inlinable
  public mutating func remove(_ signal: Signal) { rawValue &= ~Self.bit(signal) }
  /// Whether the set is empty.
  @inlinable
  public var isEmpty: Bool { rawValue == 0 }
}

/// How `rt_sigprocmask` changes the mask (`SIG_*` in
/// `asm-generic/signal-defs.h`).
@frozen
public struct SignalMaskChange: RawRepresentable, Equatable, Hashable, Sendable {
  public var rawValue: Int32
  @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
  /// `SIG_BLOCK`: add the set to the mask.
  public static var block: SignalMaskChange { SignalMaskChange(rawValue: 0) }
  /// `SIG_UNBLOCK`: remove the set from the mask.
  public static var unblock: SignalMaskChange { SignalMaskChange(rawValue: 1) }
  /// `SIG_SETMASK`: make the set the mask.
  public static var setMask: SignalMaskChange { SignalMaskChange(rawValue: 2) }
}

extension Signals {
  /// The size of ``SignalSet`` the `rt_sig*` calls are told (`_NSIG / 8`).
  @usableFromInline static var setSize: Int { 8 }

  /// Changes the calling thread's signal mask (the signals it blocks) and
  /// returns the previous mask. Blocking `SIGKILL` or `SIGSTOP` is
  /// silently ignored.
  ///
  /// Errors: `EINVAL` for an unknown `change`.
  ///
  /// The corresponding system call is `rt_sigprocmask(2)`.
  @inlinable
  @discardableResult
  public static func changeMask(_ change: SignalMaskChange, _ set: SignalSet) throws(Errno) -> SignalSet {
    var new = set
    var old = SignalSet.empty
    _ = try withUnsafePointer(to: &new) { newPointer throws(Errno) in
      try withUnsafeMutablePointer(to: &old) { oldPointer throws(Errno) in
        try Syscall.check(Syscall.call(
          .rt_sigprocmask, Int(change.rawValue), Int(UnsafeRawPointer(newPointer)),
          Int(UnsafeRawPointer(oldPointer)), setSize))
      }
    }
    return old
  }

  /// Blocks `set` in the calling thread; returns the previous mask.
  ///
  /// The corresponding system call is `rt_sigprocmask(2)` with `SIG_BLOCK`.
  @inlinable
  @discardableResult
  public static func block(_ set: SignalSet) throws(Errno) -> SignalSet { try changeMask(.block, set) }

  /// Unblocks `set` in the calling thread; returns the previous mask.
  ///
  /// The corresponding system call is `rt_sigprocmask(2)` with `SIG_UNBLOCK`.
  @inlinable
  @discardableResult
  public static func unblock(_ set: SignalSet) throws(Errno) -> SignalSet { try changeMask(.unblock, set) }

  /// Makes `set` the calling thread's mask; returns the previous mask.
  ///
  /// The corresponding system call is `rt_sigprocmask(2)` with `SIG_SETMASK`.
  @inlinable
  @discardableResult
  public static func setMask(_ set: SignalSet) throws(Errno) -> SignalSet { try changeMask(.setMask, set) }

  /// The calling thread's signal mask.
  ///
  /// The corresponding system call is `rt_sigprocmask(2)` with no new set.
  @inlinable
  public static func mask() throws(Errno) -> SignalSet {
    var old = SignalSet.empty
    _ = try withUnsafeMutablePointer(to: &old) { oldPointer throws(Errno) in
      try Syscall.check(Syscall.call(.rt_sigprocmask, 0, 0, Int(UnsafeRawPointer(oldPointer)), setSize))
    }
    return old
  }

  /// The signals raised for the calling thread or its process while
  /// blocked, waiting to be delivered.
  ///
  /// The corresponding system call is `rt_sigpending(2)`.
  @inlinable
  public static func pending() throws(Errno) -> SignalSet {
    var set = SignalSet.empty
    _ = try withUnsafeMutablePointer(to: &set) { pointer throws(Errno) in
      try Syscall.check(Syscall.call(.rt_sigpending, Int(UnsafeRawPointer(pointer)), setSize))
    }
    return set
  }

  /// Replaces the mask with `mask` and sleeps until a signal runs a
  /// handler (or ends the process), then restores the mask. With the
  /// awaited signal blocked beforehand and absent from `mask`, there is
  /// no window in which it can arrive unnoticed, unlike
  /// ``Process/pause()``.
  ///
  /// Like `pause`, it returns only after a handler has run and the kernel
  /// then reports `EINTR`: its normal result, so this does not throw for
  /// it. It throws only `EFAULT`/`EINVAL`, which a valid set cannot cause.
  ///
  /// The corresponding system call is `rt_sigsuspend(2)`.
  @inlinable
  public static func suspend(with mask: SignalSet) {
    var set = mask
    withUnsafePointer(to: &set) { pointer in
      _ = Syscall.call(.rt_sigsuspend, Int(UnsafeRawPointer(pointer)), setSize)
    }
  }
}
