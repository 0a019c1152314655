/// An alternate signal stack: the kernel's `stack_t` (`ss_sp`, `ss_flags`,
/// `ss_size`; 24 bytes with padding).
@frozen
public struct SignalStack: Sendable {
  /// Lowest address of the stack.
  public var base: UInt
  /// `SS_ONSTACK` (1) or `SS_DISABLE` (2) when read back.
  public var flags: Int32
  /// Size in bytes.
  public var size: UInt

  /// A stack description from its fields.
  @_transparent
  public init(base: UInt, flags: Int32 = 0, size: UInt) {
    self.base = base
    self.flags = flags
    self.size = size
  }

  /// `SS_DISABLE`: no alternate stack.
  public static var disabledFlag: Int32 { 2 }
}

extension Signals {
  /// Installs `stack` as the calling thread's alternate signal stack and
  /// returns the previous one. Handlers installed with
  /// ``SignalAction/Flags/onStack`` run on it, so they still run when the
  /// normal stack has overflowed.
  ///
  /// The corresponding system call is `sigaltstack(2)`.
  @inlinable
  @discardableResult
  public static func setAlternateStack(_ stack: SignalStack) throws(Errno) -> SignalStack {
    var new = stack
    var old = SignalStack(base: 0, size: 0)
    _ = try withUnsafePointer(to: &new) { newPointer throws(Errno) in
      try withUnsafeMutablePointer(to: &old) { oldPointer throws(Errno) in
        try Syscall.check(Syscall.call(.sigaltstack, Int(UnsafeRawPointer(newPointer)), Int(UnsafeRawPointer(oldPointer))))
      }
    }
    return old
  }
}

extension Signals {
  /// The calling thread's alternate signal stack (with flags
  /// ``SignalStack/disabledFlag`` when there is none, and `SS_ONSTACK`, 1,
  /// while a handler runs on it).
  ///
  /// The corresponding system call is `sigaltstack(2)` with no new stack.
  @inlinable
  public static func alternateStack() throws(Errno) -> SignalStack {
    var old = SignalStack(base: 0, size: 0)
    _ = try withUnsafeMutablePointer(to: &old) { oldPointer throws(Errno) in
      try Syscall.check(Syscall.call(.sigaltstack, 0, Int(UnsafeRawPointer(oldPointer))))
    }
    return old
  }
}
