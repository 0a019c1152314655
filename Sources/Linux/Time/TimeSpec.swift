/// A point or span of time in seconds and nanoseconds: the kernel's
/// `struct __kernel_timespec` (`linux/time_types.h`), 16 bytes, the same
/// as x86-64's `struct timespec`.
///
/// A valid value has `nanoseconds` in 0..<1_000_000_000; the kernel
/// rejects others with `EINVAL`.
@frozen
public struct TimeSpec: Equatable, Hashable, Comparable, Sendable {
  /// Whole seconds (`tv_sec`).
  public var seconds: Int64
  /// Nanoseconds past them (`tv_nsec`), 0..<1_000_000_000.
  public var nanoseconds: Int64

  /// A time from its fields.
  @_transparent
  public init(seconds: Int64, nanoseconds: Int64 = 0) {
    self.seconds = seconds
    self.nanoseconds = nanoseconds
  }

  /// Zero seconds.
  public static var zero: TimeSpec { TimeSpec(seconds: 0) }

  /// A span of `milliseconds`.
  @inlinable
  public static func milliseconds(_ milliseconds: Int64) -> TimeSpec {
    TimeSpec(seconds: milliseconds / 1000, nanoseconds: (milliseconds % 1000) * 1_000_000)
  }

  /// The time in nanoseconds (overflows beyond about 292 years).
  @inlinable
  public var totalNanoseconds: Int64 { seconds * 1_000_000_000 + nanoseconds }

  public static func < (a: TimeSpec, b: TimeSpec) -> Bool {
    a.seconds < b.seconds || (a.seconds == b.seconds && a.nanoseconds < b.nanoseconds)
  }

  /// The sum of two normalised times, normalised.
  public static func + (a: TimeSpec, b: TimeSpec) -> TimeSpec {
    var result = TimeSpec(seconds: a.seconds + b.seconds, nanoseconds: a.nanoseconds + b.nanoseconds)
    if result.nanoseconds >= 1_000_000_000 {
      result.seconds += 1
      result.nanoseconds -= 1_000_000_000
    }
    return result
  }

  /// The difference of two normalised times, normalised.
  public static func - (a: TimeSpec, b: TimeSpec) -> TimeSpec {
    var result = TimeSpec(seconds: a.seconds - b.seconds, nanoseconds: a.nanoseconds - b.nanoseconds)
    if result.nanoseconds < 0 {
      result.seconds -= 1
      result.nanoseconds += 1_000_000_000
    }
    return result
  }
}

/// A point or span of time in seconds and microseconds: the kernel's
/// `struct __kernel_old_timeval` (`linux/time_types.h`), 16 bytes, the
/// same as x86-64's `struct timeval`. Used by `gettimeofday` and in
/// ``ResourceUsage``.
@frozen
public struct TimeValue: Equatable, Hashable, Sendable {
  /// Whole seconds (`tv_sec`).
  public var seconds: Int
  /// Microseconds past them (`tv_usec`), 0..<1_000_000.
  public var microseconds: Int

  /// A time from its fields.
  @_transparent
  public init(seconds: Int, microseconds: Int = 0) {
    self.seconds = seconds
    self.microseconds = microseconds
  }
}
