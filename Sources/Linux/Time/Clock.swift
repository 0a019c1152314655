/// A clock the kernel keeps (`clockid_t`; `CLOCK_*` in `linux/time.h`).
///
/// Implementation notes: these are the system calls. The C library reads
/// most clocks through the vDSO without entering the kernel; that binding
/// belongs to the runtime, which knows the auxiliary vector.
@frozen
public struct Clock: RawRepresentable, Equatable, Hashable, Sendable {
  public var rawValue: Int32
  @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }

  /// `CLOCK_REALTIME`: wall-clock time since the Unix epoch; jumps when set.
  public static var realtime: Clock { Clock(rawValue: 0) }
  /// `CLOCK_MONOTONIC`: time since an unspecified start, never set back;
  /// stops while the system is suspended.
  public static var monotonic: Clock { Clock(rawValue: 1) }
  /// `CLOCK_PROCESS_CPUTIME_ID`: CPU time used by all threads of the process.
  public static var processCPUTime: Clock { Clock(rawValue: 2) }
  /// `CLOCK_THREAD_CPUTIME_ID`: CPU time used by the calling thread.
  public static var threadCPUTime: Clock { Clock(rawValue: 3) }
  /// `CLOCK_MONOTONIC_RAW`: like ``monotonic`` but not slewed by NTP.
  public static var monotonicRaw: Clock { Clock(rawValue: 4) }
  /// `CLOCK_REALTIME_COARSE`: ``realtime`` at tick resolution, cheaper.
  public static var realtimeCoarse: Clock { Clock(rawValue: 5) }
  /// `CLOCK_MONOTONIC_COARSE`: ``monotonic`` at tick resolution, cheaper.
  public static var monotonicCoarse: Clock { Clock(rawValue: 6) }
  /// `CLOCK_BOOTTIME`: ``monotonic`` that keeps counting during suspend.
  public static var boottime: Clock { Clock(rawValue: 7) }
  /// `CLOCK_REALTIME_ALARM`: ``realtime`` whose timers wake the system.
  public static var realtimeAlarm: Clock { Clock(rawValue: 8) }
  /// `CLOCK_BOOTTIME_ALARM`: ``boottime`` whose timers wake the system.
  public static var boottimeAlarm: Clock { Clock(rawValue: 9) }
  /// `CLOCK_TAI`: International Atomic Time (``realtime`` without leap
  /// seconds; equal to it when the kernel was not told the TAI offset).
  public static var tai: Clock { Clock(rawValue: 11) }

  /// The clock's current time.
  ///
  /// Errors: `EINVAL` for a clock the kernel does not know.
  ///
  /// The corresponding system call is `clock_gettime(2)`.
  @inlinable
  public func now() throws(Errno) -> TimeSpec {
    var time = TimeSpec.zero
    _ = try withUnsafeMutablePointer(to: &time) { pointer throws(Errno) in
      try Syscall.check(Syscall.call(.clock_gettime, Int(rawValue), Int(UnsafeRawPointer(pointer))))
    }
    return time
  }

  /// The clock's resolution (1 ns for the high-resolution clocks, a tick
  /// for the coarse ones).
  ///
  /// Errors: `EINVAL` for a clock the kernel does not know.
  ///
  /// The corresponding system call is `clock_getres(2)`.
  @inlinable
  public func resolution() throws(Errno) -> TimeSpec {
    var time = TimeSpec.zero
    _ = try withUnsafeMutablePointer(to: &time) { pointer throws(Errno) in
      try Syscall.check(Syscall.call(.clock_getres, Int(rawValue), Int(UnsafeRawPointer(pointer))))
    }
    return time
  }
}

/// Time calls that are not about one clock.
public enum Time {
  /// Wall-clock time since the Unix epoch, in microseconds' resolution.
  /// (The time zone argument is obsolete and not passed.)
  ///
  /// The corresponding system call is `gettimeofday(2)`; with a valid
  /// buffer it cannot fail.
  @inlinable
  public static func timeOfDay() -> TimeValue {
    var value = TimeValue(seconds: 0)
    withUnsafeMutablePointer(to: &value) { pointer in
      _ = Syscall.call(.gettimeofday, Int(UnsafeRawPointer(pointer)), 0)
    }
    return value
  }

  /// Whole seconds since the Unix epoch.
  ///
  /// The corresponding system call is `time(2)`; with no buffer it cannot
  /// fail.
  @inlinable
  public static func secondsSinceEpoch() -> Int {
    Syscall.call(.time, 0)
  }
}
