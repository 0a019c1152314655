import CLinux
import Glibc
import Linux
import Testing

/// How often the fake vDSO entry points below were called (from any test
/// thread: only compared with zero).
enum FakeVDSO {
  nonisolated(unsafe) static var clockCalls = 0
  nonisolated(unsafe) static var resolutionCalls = 0
  nonisolated(unsafe) static var timeOfDayCalls = 0
  nonisolated(unsafe) static var timeCalls = 0
  nonisolated(unsafe) static var cpuCalls = 0
}

/// The time functions in a hosted process, where the runtime does not bind
/// the vDSO: the system call path, and the dispatch through `CLinux`'s
/// table of entry points with fake entry points installed.
///
/// The fakes are installed for the whole process while the test runs, and
/// other tests read clocks meanwhile: so they either fail (and the wrapper
/// must make the system call) or make the system call themselves; neither
/// changes any answer.
@Suite(.serialized) struct VDSOCallTests {
  @Test func withoutBinderTheSystemCallsAnswer() throws {
    // No runtime here: nothing binds the table.
    #expect(nl_vdso_entries().pointee.bound == 0)
    var reference = timespec()
    #expect(clock_gettime(CLOCK_MONOTONIC, &reference) == 0)
    let now = try Clock.monotonic.now()
    #expect(now.seconds >= Int64(reference.tv_sec))
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 100).now() }
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: -1).resolution() }
    let seconds = Time.secondsSinceEpoch()
    #expect(abs(seconds - time(nil)) <= 1)
    let day = Time.timeOfDay()
    #expect(abs(day.seconds - seconds) <= 1 && day.microseconds >= 0 && day.microseconds < 1_000_000)
    let processor = try Linux.Process.currentProcessor()
    #expect(Int(processor.cpu) < sysconf(Int32(_SC_NPROCESSORS_CONF)))
    #expect(nl_vdso_entries().pointee.bound == 0)
  }

  /// A vDSO whose entry points fail: every wrapper makes the system call
  /// and gives the kernel's answer, errors included.
  @Test func failingEntryPointsFallBackToTheSystemCall() throws {
    let table = nl_vdso_entries()!
    let saved = table.pointee
    defer { table.pointee = saved }
    FakeVDSO.clockCalls = 0
    FakeVDSO.resolutionCalls = 0
    FakeVDSO.timeOfDayCalls = 0
    FakeVDSO.cpuCalls = 0
    table.pointee.clock_gettime = { _, _ in
      FakeVDSO.clockCalls += 1
      return -38  // ENOSYS
    }
    table.pointee.clock_getres = { _, _ in
      FakeVDSO.resolutionCalls += 1
      return -22
    }
    table.pointee.gettimeofday = { _, _ in
      FakeVDSO.timeOfDayCalls += 1
      return -14
    }
    table.pointee.getcpu = { _, _, _ in
      FakeVDSO.cpuCalls += 1
      return -38
    }
    let before = try Clock.monotonic.now()
    let after = try Clock.monotonic.now()
    #expect(before <= after && after.seconds > 0)
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 100).now() }
    #expect(try Clock.monotonic.resolution() == TimeSpec(seconds: 0, nanoseconds: 1))
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 100).resolution() }
    #expect(abs(Time.timeOfDay().seconds - time(nil)) <= 1)
    _ = try Linux.Process.currentProcessor()
    #expect(FakeVDSO.clockCalls >= 3 && FakeVDSO.resolutionCalls >= 2)
    #expect(FakeVDSO.timeOfDayCalls >= 1 && FakeVDSO.cpuCalls >= 1)
  }

  /// Entry points that answer: the wrappers use their answers (here the
  /// system call's, made by the fake itself, so that other tests reading
  /// clocks meanwhile still get the truth).
  @Test func answeringEntryPointsAreUsed() throws {
    let table = nl_vdso_entries()!
    let saved = table.pointee
    defer { table.pointee = saved }
    FakeVDSO.clockCalls = 0
    FakeVDSO.timeCalls = 0
    table.pointee.clock_gettime = { clock, time in
      FakeVDSO.clockCalls += 1
      return Int32(truncatingIfNeeded: Syscall.call(.clock_gettime, Int(clock), Int(bitPattern: time)))
    }
    table.pointee.time = { seconds in
      FakeVDSO.timeCalls += 1
      return Syscall.call(.time, Int(bitPattern: seconds))
    }
    let first = try Clock.boottime.now()
    let second = try Clock.boottime.now()
    #expect(first <= second)
    #expect(throws: Errno.invalidArgument) { _ = try Clock(rawValue: 100).now() }
    #expect(abs(Time.secondsSinceEpoch() - time(nil)) <= 1)
    #expect(FakeVDSO.clockCalls >= 3 && FakeVDSO.timeCalls >= 1)
  }
}
