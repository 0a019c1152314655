import Linux

/// What a freestanding program prints when it dies.
///
/// - A Swift runtime trap (failed precondition, arithmetic overflow,
///   force-unwrapping nil, `fatalError`, an index out of range) executes
///   `ud2` and raises `SIGILL`. The handler recognizes the instruction and
///   prints `fatal error: Swift runtime trap at 0x…` (release builds of
///   Embedded Swift keep no message text), flushes standard output and
///   exits with status 255, as the specification's panic handler does.
/// - A crash (`SIGSEGV`, `SIGBUS`, `SIGFPE`, `SIGILL` on another
///   instruction) prints `fatal signal: Segmentation fault (SIGSEGV) at
///   address 0x…, instruction 0x…`, restores the default action and lets
///   the signal kill the process, so the parent sees the real cause.
///
/// Handlers run on an alternate signal stack so that a stack overflow is
/// reported too.
///
/// Implementation notes: the alternate stack is a static 64 KiB array in
/// `.bss` (above `AT_MINSIGSTKSZ` on every x86-64 CPU, including AVX-512
/// state), so installing costs five system calls and no allocation.
/// Offsets into `siginfo_t` and `ucontext_t` are the x86-64 kernel's
/// (`include/uapi/asm-generic/siginfo.h`, `arch/x86/include/uapi/asm/
/// sigcontext.h`): `si_addr` at 16, `rip` at 40 + 16 * 8 = 168.
public enum CrashReporting {
  static let handledSignals: (Signal, Signal, Signal, Signal) =
    (.illegalInstruction, .segmentationFault, .busError, .floatingPointException)

  /// Installs the handlers; freestanding startup calls it before `main`.
  /// Hosted programs may call it too (it replaces the Swift runtime's own
  /// backtracer for these signals).
  @_optimize(size)
  public static func install() {
    withUnsafeMutablePointer(to: &alternateSignalStack) { stack in
      _ = try? Signals.setAlternateStack(SignalStack(base: UInt(bitPattern: stack), size: 65536))
    }
    let action = SignalAction(handler: crashHandler, flags: [.onStack, .resetHandler, .noDefer])
    _ = try? Signals.setAction(action, for: handledSignals.0)
    _ = try? Signals.setAction(action, for: handledSignals.1)
    _ = try? Signals.setAction(action, for: handledSignals.2)
    _ = try? Signals.setAction(action, for: handledSignals.3)
  }
}

nonisolated(unsafe) var alternateSignalStack = InlineArray<65536, UInt8>(repeating: 0)

@_optimize(size)
private func crashHandler(_ number: Int32, _ info: UnsafeMutableRawPointer?, _ context: UnsafeMutableRawPointer?) {
  let signal = Signal(rawValue: number)
  let faultAddress = info.map { UInt($0.load(fromByteOffset: 16, as: UInt.self)) } ?? 0
  let instruction = context.map { UInt($0.load(fromByteOffset: 168, as: UInt.self)) } ?? 0
  StandardOutput.flush()
  var line = MessageLine()

  if signal == .illegalInstruction, isTrapInstruction(at: instruction) {
    line.append("fatal error: Swift runtime trap at 0x")
    line.appendHex(instruction)
    line.append("\n")
    line.write()
    Linux.Process.exitGroup(255)
  }

  line.append("fatal signal: ")
  // Only the four handled signals can arrive here; naming just them keeps
  // the full signal tables out of every program.
  switch signal {
  case .segmentationFault: line.append("Segmentation fault (SIGSEGV)")
  case .busError: line.append("Bus error (SIGBUS)")
  case .floatingPointException: line.append("Floating point exception (SIGFPE)")
  default: line.append("Illegal instruction (SIGILL)")
  }
  line.append(" at address 0x")
  line.appendHex(faultAddress)
  line.append(", instruction 0x")
  line.appendHex(instruction)
  line.append("\n")
  line.write()
  // SA_RESETHAND has restored the default action. Re-raise for signals that
  // were sent rather than caused by an instruction; a faulting instruction
  // faults again on return and the default action ends the process.
  _ = try? Signals.send(signal, toThread: Linux.Process.threadID, ofProcess: Linux.Process.id)
}

/// Whether the bytes at `address` are `ud2` (0f 0b), the instruction LLVM
/// emits for `llvm.trap`, which Swift's runtime checks compile to.
private func isTrapInstruction(at address: UInt) -> Bool {
  guard let pointer = UnsafeRawPointer(bitPattern: address) else { return false }
  return pointer.load(as: UInt8.self) == 0x0f && pointer.load(fromByteOffset: 1, as: UInt8.self) == 0x0b
}
