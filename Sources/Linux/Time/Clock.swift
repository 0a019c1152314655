/// A clock the kernel keeps (`clockid_t`; `CLOCK_*` in `linux/time.h`).
///
/// Implementation notes: ``now()`` and ``resolution()`` go through the vDSO
/// when the runtime has bound it (freestanding programs), as the C library
/// does, and make the system call otherwise or when the vDSO reports an
/// error; see `VDSOCalls` for how `Linux` uses the vDSO without knowing the
/// runtime.
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
  /// The corresponding system call is `clock_gettime(2)`, answered by the
  /// vDSO's `__vdso_clock_gettime` without entering the kernel when the
  /// runtime has bound it.
  @inlinable
  public func now() throws(Errno) -> TimeSpec {
    var time = TimeSpec.zero
    let result = withUnsafeMutablePointer(to: &time) { VDSOCalls.clockGettime(rawValue, UnsafeMutableRawPointer($0)) }
    _ = try Syscall.check(result)
    return time
  }

  /// The clock's resolution (1 ns for the high-resolution clocks, a tick
  /// for the coarse ones).
  ///
  /// Errors: `EINVAL` for a clock the kernel does not know.
  ///
  /// The corresponding system call is `clock_getres(2)` (the vDSO's
  /// `__vdso_clock_getres` when bound).
  @inlinable
  public func resolution() throws(Errno) -> TimeSpec {
    var time = TimeSpec.zero
    let result = withUnsafeMutablePointer(to: &time) { VDSOCalls.clockGetres(rawValue, UnsafeMutableRawPointer($0)) }
    _ = try Syscall.check(result)
    return time
  }
}

/// Time calls that are not about one clock.
public enum Time {
  /// Wall-clock time since the Unix epoch, in microseconds' resolution.
  /// (The time zone argument is obsolete and not passed.)
  ///
  /// The corresponding system call is `gettimeofday(2)` (the vDSO's
  /// `__vdso_gettimeofday` when bound); with a valid buffer it cannot fail.
  @inlinable
  public static func timeOfDay() -> TimeValue {
    var value = TimeValue(seconds: 0)
    withUnsafeMutablePointer(to: &value) { pointer in
      _ = VDSOCalls.gettimeofday(UnsafeMutableRawPointer(pointer))
    }
    return value
  }

  /// Whole seconds since the Unix epoch.
  ///
  /// The corresponding system call is `time(2)` (the vDSO's `__vdso_time`
  /// when bound); with no buffer it cannot fail.
  @inlinable
  public static func secondsSinceEpoch() -> Int {
    VDSOCalls.time()
  }
}
