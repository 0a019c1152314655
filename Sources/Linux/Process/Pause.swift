extension Process {
  /// Sleeps until a signal arrives that runs a handler or ends the process.
  ///
  /// It returns only after a signal handler has run, and the kernel then
  /// reports `EINTR`: that is its normal result, not a failure, so this
  /// function does not throw. A signal that is ignored, blocked or whose
  /// default action is to do nothing does not wake it. To wait for a
  /// signal without a race against its arrival, block it first and use
  /// ``Signals/suspend(with:)``.
  ///
  /// The corresponding system call is `pause(2)`.
  @inlinable
  public static func pause() {
    _ = Syscall.call(.pause)
  }
}
