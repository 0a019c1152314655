import Linux

/// What a loader undoes of its own process state before it hands the
/// process to another program (ld.so before entering the program, ulexec
/// before entering the new image).
public enum ProcessHandover {
  /// Resets what execve resets of the signal state: every handler to the
  /// default action (ignored signals stay ignored; flags and masks are
  /// cleared either way, as the kernel's `flush_signal_handlers` does), and
  /// no alternate signal stack. SIGKILL and SIGSTOP cannot be changed. The
  /// loader's own crash reporting must not catch the program's faults.
  public static func resetSignals() {
    var number: Int32 = 1
    while number <= 64 {
      defer { number += 1 }
      if number == Signal.kill.rawValue || number == Signal.stop.rawValue { continue }
      let signal = Signal(rawValue: number)
      guard let action = try? Signals.action(for: signal) else { continue }
      if action.handler == SignalAction.ignore.handler {
        if action.flags.rawValue != 0 || action.mask != 0 { _ = try? Signals.setAction(.ignore, for: signal) }
      } else if action.handler != SignalAction.default.handler || action.flags.rawValue != 0 || action.mask != 0 {
        _ = try? Signals.setAction(.default, for: signal)
      }
    }
    _ = try? Signals.setAlternateStack(SignalStack(base: 0, flags: SignalStack.disabledFlag, size: 0))
  }
}
