import Foundation
import Glibc
import Linux
import Testing

final class SleeperState<R>: @unchecked Sendable {
  var thread: Int32 = 0
  var result: R? = nil
}

/// Runs `sleeper` on a thread of its own that unblocks `signal`, and
/// sends the signal to that thread every 20 ms until `sleeper` returns.
func interruptRepeatedly<R: Sendable>(with signal: Signal, _ sleeper: @escaping @Sendable () -> R) throws -> R {
  try installCountingSignalHandler(signal)
  let shared = SleeperState<R>()
  let thread = Thread {
    _ = try? Signals.unblock(SignalSet(signal))
    shared.thread = Linux.Process.threadID
    shared.result = sleeper()
  }
  thread.start()
  #expect(pollUntil(seconds: 10) {
    usleep(20_000)
    if shared.thread != 0 && shared.result == nil {
      _ = try? Signals.send(signal, toThread: shared.thread, ofProcess: getpid())
    }
    return shared.result != nil
  })
  return try #require(shared.result)
}

@Suite struct TimeTests {
  @Test func clocksReadAndHaveResolutions() throws {
    for clock: Clock in [
      .realtime, .monotonic, .processCPUTime, .threadCPUTime, .monotonicRaw, .realtimeCoarse, .monotonicCoarse,
      .boottime, .tai,
    ] {
      let now = try clock.now()
      #expect(now.nanoseconds >= 0 && now.nanoseconds < 1_000_000_000)
      #expect(try clock.resolution() > .zero)
    }
    // The alarm clocks need a real-time clock with alarms; without one the
    // kernel refuses them.
    for clock: Clock in [.realtimeAlarm, .boottimeAlarm] {
      do { _ = try clock.now() } catch { #expect(error == .invalidArgument) }
    }
    #expect(try Clock.monotonic.resolution() == TimeSpec(seconds: 0, nanoseconds: 1))
    #expect(try Clock.monotonicCoarse.resolution() > TimeSpec(seconds: 0, nanoseconds: 1))
    // Compared with glibc.
    var reference = timespec()
    clock_gettime(CLOCK_REALTIME, &reference)
    let realtime = try Clock.realtime.now()
    #expect(abs(realtime.seconds - Int64(reference.tv_sec)) <= 1)
    let first = try Clock.monotonic.now()
    let second = try Clock.monotonic.now()
    #expect(first <= second)
    // Unknown clocks.
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 99).now() }
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 99).resolution() }
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 10).now() }  // CLOCK_SGI_CYCLE is gone
  }

  @Test func timeOfDayAndSeconds() throws {
    let seconds = Time.secondsSinceEpoch()
    #expect(abs(seconds - Glibc.time(nil)) <= 1)
    let value = Time.timeOfDay()
    #expect(abs(value.seconds - seconds) <= 1)
    #expect(value.microseconds >= 0 && value.microseconds < 1_000_000)
    let realtime = try Clock.realtime.now()
    #expect(abs(Int64(value.seconds) - realtime.seconds) <= 1)
  }

  @Test func timeSpecArithmetic() {
    let a = TimeSpec(seconds: 1, nanoseconds: 900_000_000)
    let b = TimeSpec.milliseconds(250)
    #expect(b == TimeSpec(seconds: 0, nanoseconds: 250_000_000))
    #expect(a + b == TimeSpec(seconds: 2, nanoseconds: 150_000_000))
    #expect(a - b == TimeSpec(seconds: 1, nanoseconds: 650_000_000))
    #expect(b - a == TimeSpec(seconds: -2, nanoseconds: 350_000_000))
    #expect(b < a && a.totalNanoseconds == 1_900_000_000)
    #expect(MemoryLayout<TimeSpec>.size == 16 && MemoryLayout<TimeValue>.size == 16)
  }

  @Test func sleepsLastAtLeastTheirDuration() throws {
    let start = try Clock.monotonic.now()
    #expect(try Time.sleep(for: .milliseconds(20)) == .zero)
    let afterNanosleep = try Clock.monotonic.now()
    #expect(afterNanosleep - start >= .milliseconds(20))
    #expect(try Clock.monotonic.sleep(for: .milliseconds(20)) == .zero)
    let afterRelative = try Clock.monotonic.now()
    #expect(afterRelative - afterNanosleep >= .milliseconds(20))
    try Clock.monotonic.sleep(until: afterRelative + .milliseconds(20))
    let afterAbsolute = try Clock.monotonic.now()
    #expect(afterAbsolute - afterRelative >= .milliseconds(20))
    // A deadline in the past returns at once.
    try Clock.realtime.sleep(until: TimeSpec(seconds: 1))
    try Clock.boottime.sleep(for: .zero)
  }

  @Test func sleepErrors() {
    let badNanoseconds = TimeSpec(seconds: 0, nanoseconds: 1_000_000_000)
    let negative = TimeSpec(seconds: -1, nanoseconds: 0)
    #expect(throws: Errno.invalidArgument) { try Time.sleep(for: badNanoseconds) }
    #expect(throws: Errno.invalidArgument) { try Time.sleep(for: negative) }
    #expect(throws: Errno.invalidArgument) { try Clock.monotonic.sleep(for: badNanoseconds) }
    #expect(throws: Errno.invalidArgument) { try Clock.monotonic.sleep(until: TimeSpec(seconds: 0, nanoseconds: -1)) }
    #expect(throws: Errno.invalidArgument) { try Clock(rawValue: 99).sleep(for: .milliseconds(1)) }
    // One cannot sleep on the calling thread's own CPU clock.
    #expect(throws: Errno.notSupported) { try Clock.threadCPUTime.sleep(for: .milliseconds(1)) }
  }

  @Test func interruptedSleepsReportTheRemainder() throws {
    let long = TimeSpec(seconds: 5)
    let remaining = try interruptRepeatedly(with: Signal(rawValue: 41)) {
      (try? Time.sleep(for: long, retryOnInterrupt: false)) ?? .zero
    }
    #expect(remaining > TimeSpec(seconds: 3) && remaining < long)
    let clockRemaining = try interruptRepeatedly(with: Signal(rawValue: 42)) {
      (try? Clock.monotonic.sleep(for: long, retryOnInterrupt: false)) ?? .zero
    }
    #expect(clockRemaining > TimeSpec(seconds: 3) && clockRemaining < long)
    // Absolute sleeps have no remainder: EINTR is thrown.
    let deadline = try Clock.monotonic.now() + long
    let absolute = try interruptRepeatedly(with: Signal(rawValue: 43)) { () -> Errno? in
      do throws(Errno) {
        try Clock.monotonic.sleep(until: deadline, retryOnInterrupt: false)
        return nil
      } catch { return error }
    }
    #expect(absolute == .interrupted)
    #expect(try Clock.monotonic.now() < deadline)
  }

  @Test func retriedSleepsSleepTheWholeSpan() throws {
    let start = try Clock.monotonic.now()
    let signal = Signal(rawValue: 44)
    try installCountingSignalHandler(signal)
    let before = countedDeliveries(signal)
    let remaining = try interruptRepeatedly(with: signal) {
      (try? Time.sleep(for: .milliseconds(300))) ?? TimeSpec(seconds: -1)
    }
    #expect(remaining == .zero)
    #expect(countedDeliveries(signal) > before)
    #expect(try Clock.monotonic.now() - start >= .milliseconds(300))
  }
}
