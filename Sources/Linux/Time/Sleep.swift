extension Time {
  /// Sleeps for `duration` on ``Clock/monotonic``.
  ///
  /// When a signal handler interrupts the sleep, the kernel reports the
  /// time still to sleep. With `retryOnInterrupt` (the default) the sleep
  /// goes on for that remainder, so the whole span is slept and the result
  /// is ``TimeSpec/zero``; without it the remainder is returned at once.
  ///
  /// Errors: `EINVAL` (negative seconds, nanoseconds outside
  /// 0..<1_000_000_000).
  ///
  /// The corresponding system call is `nanosleep(2)`.
  @inlinable
  @discardableResult
  public static func sleep(for duration: TimeSpec, retryOnInterrupt: Bool = true) throws(Errno) -> TimeSpec {
    var request = duration
    var remaining = TimeSpec.zero
    while true {
      let result = withUnsafePointer(to: &request) { requestPointer in
        withUnsafeMutablePointer(to: &remaining) { remainingPointer in
          Syscall.call(.nanosleep, Int(UnsafeRawPointer(requestPointer)), Int(UnsafeRawPointer(remainingPointer)))
        }
      }
      if result == -Int(Errno.interrupted.rawValue) {
        if !retryOnInterrupt { return remaining }
        request = remaining
        continue
      }
      _ = try Syscall.check(result)
      return .zero
    }
  }
}

extension Clock {
  /// Sleeps for `duration` measured on this clock; the same contract as
  /// ``Time/sleep(for:retryOnInterrupt:)``.
  ///
  /// Errors: `EINVAL` (an invalid time, or a clock one cannot sleep on,
  /// a negative clock other than a CPU clock), `ENOTSUP` (`EOPNOTSUPP`) for
  /// the calling thread's own ``threadCPUTime``.
  ///
  /// The corresponding system call is `clock_nanosleep(2)`.
  @inlinable
  @discardableResult
  public func sleep(for duration: TimeSpec, retryOnInterrupt: Bool = true) throws(Errno) -> TimeSpec {
    var request = duration
    var remaining = TimeSpec.zero
    while true {
      let result = withUnsafePointer(to: &request) { requestPointer in
        withUnsafeMutablePointer(to: &remaining) { remainingPointer in
          Syscall.call(
            .clock_nanosleep, Int(rawValue), 0, Int(UnsafeRawPointer(requestPointer)),
            Int(UnsafeRawPointer(remainingPointer)))
        }
      }
      if result == -Int(Errno.interrupted.rawValue) {
        if !retryOnInterrupt { return remaining }
        request = remaining
        continue
      }
      _ = try Syscall.check(result)
      return .zero
    }
  }

  /// Sleeps until this clock reads `deadline` or later (`TIMER_ABSTIME`):
  /// returns at once if it is already past. Unlike a relative sleep, an
  /// interrupted absolute sleep loses nothing when retried, so the kernel
  /// reports no remainder; without `retryOnInterrupt` it throws `EINTR`.
  ///
  /// The corresponding system call is `clock_nanosleep(2)` with
  /// `TIMER_ABSTIME`.
  @inlinable
  public func sleep(until deadline: TimeSpec, retryOnInterrupt: Bool = true) throws(Errno) {
    var request = deadline
    _ = try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      withUnsafePointer(to: &request) { pointer in
        Syscall.call(.clock_nanosleep, Int(rawValue), Clock.absoluteTimeFlag, Int(UnsafeRawPointer(pointer)), 0)
      }
    }
  }

  /// `TIMER_ABSTIME` (`linux/time.h`).
  public static var absoluteTimeFlag: Int { 1 }
}
