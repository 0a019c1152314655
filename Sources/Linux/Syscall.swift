import CLinux

/// The raw system call entry points: the `syscall` instruction with 0 to 6
/// arguments, returning the kernel's raw result.
///
/// A raw result in -4095...-1 is `-errno`; ``Errno/init(syscallResult:)``
/// decodes it and ``Syscall/check(_:)`` throws it. Everything in this module
/// is built on these seven functions; they are public so that programs can
/// make calls this module does not wrap yet.
///
/// Implementation notes: the instruction is emitted by always-inline C
/// functions in `CLinux` (Swift has no inline assembly), so a wrapper
/// compiles to the register moves and the instruction itself, with no call.
public enum Syscall {
  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(_ number: SyscallNumber) -> Int {
    nl_syscall0(number.rawValue)
  }

  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(_ number: SyscallNumber, _ a1: Int) -> Int {
    nl_syscall1(number.rawValue, a1)
  }

  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(_ number: SyscallNumber, _ a1: Int, _ a2: Int) -> Int {
    nl_syscall2(number.rawValue, a1, a2)
  }

  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(_ number: SyscallNumber, _ a1: Int, _ a2: Int, _ a3: Int) -> Int {
    nl_syscall3(number.rawValue, a1, a2, a3)
  }

  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(
    _ number: SyscallNumber, _ a1: Int, _ a2: Int, _ a3: Int, _ a4: Int
  ) -> Int {
    nl_syscall4(number.rawValue, a1, a2, a3, a4)
  }

  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(
    _ number: SyscallNumber, _ a1: Int, _ a2: Int, _ a3: Int, _ a4: Int, _ a5: Int
  ) -> Int {
    nl_syscall5(number.rawValue, a1, a2, a3, a4, a5)
  }

  /// Executes `syscall` with `number` and the given arguments in rdi, rsi,
  /// rdx, r10, r8, r9; returns rax unchanged.
  @_transparent public static func call(
    _ number: SyscallNumber, _ a1: Int, _ a2: Int, _ a3: Int, _ a4: Int, _ a5: Int, _ a6: Int
  ) -> Int {
    nl_syscall6(number.rawValue, a1, a2, a3, a4, a5, a6)
  }

  /// Returns a raw result, or throws the error it encodes.
  @_transparent
  public static func check(_ result: Int) throws(Errno) -> Int {
    if let error = Errno(syscallResult: result) { throw error }
    return result
  }

  /// Runs `body` (a raw call) again for as long as it fails with `EINTR`,
  /// when `retry` is true; then checks its result.
  @_transparent
  public static func check(retryOnInterrupt retry: Bool, _ body: () -> Int) throws(Errno) -> Int {
    var result = body()
    while retry && result == -Int(Errno.interrupted.rawValue) { result = body() }
    return try check(result)
  }
}

extension Int {
  /// The address of a pointer as a system call argument (0 for nil).
  @_transparent @usableFromInline
  init(_ pointer: UnsafeRawPointer?) { self = Int(bitPattern: pointer) }
}
