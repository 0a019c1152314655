import Foundation
import Glibc
import Linux
import Testing

/// Signals that interrupt: how many the handler has seen.
nonisolated(unsafe) var interruptTestAlarms = 0

/// A timer that sends `SIGALRM` to one thread every `interval`, so that
/// that thread's blocking calls fail with `EINTR` (the handler is installed
/// without `SA_RESTART`).
///
/// Implementation notes: a POSIX timer with `SIGEV_THREAD_ID`
/// (timer_create(2)) rather than `setitimer(ITIMER_REAL)`: the tests of
/// every suite run in parallel in one process, and a process-directed
/// `SIGALRM` every 100 µs would interrupt their threads too. The signal,
/// the handler and the absence of `SA_RESTART` are the same.
final class ThreadAlarm {
  let timer: Int32

  /// Installs the handler (idempotent), unblocks `SIGALRM` in the calling
  /// thread and starts a timer aimed at it.
  init(intervalNanoseconds interval: Int) throws {
    try Signals.setAction(SignalAction(handler: { _, _, _ in interruptTestAlarms &+= 1 }, flags: []), for: .alarm)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGALRM)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    // struct sigevent (asm-generic/siginfo.h): sigev_value at 0, sigev_signo
    // at 8, sigev_notify at 12, _sigev_un._tid at 16; 64 bytes.
    var event = [UInt8](repeating: 0, count: 64)
    event.withUnsafeMutableBytes { raw in
      raw.storeBytes(of: Int32(SIGALRM), toByteOffset: 8, as: Int32.self)
      raw.storeBytes(of: Int32(4), toByteOffset: 12, as: Int32.self)  // SIGEV_THREAD_ID
      raw.storeBytes(of: Linux.Process.threadID, toByteOffset: 16, as: Int32.self)
    }
    var id: Int32 = 0
    let created = event.withUnsafeBytes { raw in
      withUnsafeMutablePointer(to: &id) { Syscall.call(.timer_create, 1, Int(bitPattern: raw.baseAddress), Int(bitPattern: $0)) }
    }
    try #require(created == 0, "timer_create: \(created)")
    timer = id
    // struct itimerspec: it_interval, it_value (two timespecs).
    var spec: (Int, Int, Int, Int) = (0, interval, 0, interval)
    let set = withUnsafePointer(to: &spec) { Syscall.call(.timer_settime, Int(id), 0, Int(bitPattern: $0), 0) }
    try #require(set == 0, "timer_settime: \(set)")
  }

  private var running = true

  /// Deletes the timer: no further signals (call before the thread runs
  /// code that does not expect `EINTR`, such as Foundation's).
  func stop() {
    if running { _ = Syscall.call(.timer_delete, Int(timer)) }
    running = false
  }

  deinit { stop() }
}

/// The byte at `offset` of the test stream: byte `offset % 8` of the
/// little-endian word `offset / 8`, each word its index times an odd
/// constant, so that a lost, repeated or reordered byte shows.
@inline(__always) func patternWord(_ index: Int) -> UInt64 { UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 }
@inline(__always) func patternByte(_ offset: Int) -> UInt8 {
  UInt8(truncatingIfNeeded: patternWord(offset >> 3) >> (UInt64(offset & 7) * 8))
}

/// Fills `buffer` (a multiple of 8 bytes) with the stream from `offset`
/// (a multiple of 8).
func fillPattern(_ buffer: UnsafeMutableRawBufferPointer, offset: Int) {
  let words = buffer.bindMemory(to: UInt64.self)
  let first = offset >> 3
  for i in 0..<words.count { words[i] = patternWord(first + i).littleEndian }
}

/// Whether `bytes` are the stream from `offset`.
func matchesPattern(_ bytes: UnsafeRawBufferPointer, offset: Int) -> Bool {
  var i = 0
  while i < bytes.count && (offset + i) & 7 != 0 {
    if bytes[i] != patternByte(offset + i) { return false }
    i += 1
  }
  while i + 8 <= bytes.count {
    if UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) != patternWord((offset + i) >> 3) {
      return false
    }
    i += 8
  }
  while i < bytes.count {
    if bytes[i] != patternByte(offset + i) { return false }
    i += 1
  }
  return true
}

/// Runs `body` on a new thread; `join` waits for it.
final class TestThread: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  init(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread { [done] in
      body()
      done.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
  }
  func join() { done.wait() }
}

final class Counters: @unchecked Sendable {
  var bytes = 0
  var interrupted = 0
  var shortWrites = 0
  var error: Errno? = nil
  var mismatchAt: Int? = nil
}

@Suite struct InterruptTests {
  /// 1 GiB through two pipes (writer → pipe 1 → echo → pipe 2 → checker),
  /// every thread interrupted by `SIGALRM` every 100 µs.
  @Test(.timeLimit(.minutes(2)))
  func oneGibibyteThroughTwoPipesUnderSignals() throws {
    let total = 1 << 30
    let chunk = 1 << 16
    let first = try FileDescriptor.pipe()
    let second = try FileDescriptor.pipe()
    // Pipes smaller than a chunk: writes block part-way, so signals cut
    // them short (the kernel returns what it wrote, pipe_write in fs/pipe.c).
    try first.writeEnd.descriptor.setPipeCapacity(32768)
    try second.writeEnd.descriptor.setPipeCapacity(8192)
    let firstRead = first.readEnd.release(), firstWrite = first.writeEnd.release()
    let secondRead = second.readEnd.release(), secondWrite = second.writeEnd.release()
    let alarmsBefore = interruptTestAlarms
    let writer = Counters(), echo = Counters(), checker = Counters()
    let start = Date()

    let writing = TestThread {
      do {
        let alarm = try? ThreadAlarm(intervalNanoseconds: 100_000)
        defer { alarm?.stop() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        var offset = 0
        while offset < total {
          fillPattern(buffer, offset: offset)
          try firstWrite.writeAll(UnsafeRawBufferPointer(buffer))
          offset += chunk
        }
        writer.bytes = offset
        try OwnedFileDescriptor(adopting: firstWrite).close()
      } catch { writer.error = error as? Errno }
    }
    let echoing = TestThread {
      do {
        let alarm = try? ThreadAlarm(intervalNanoseconds: 100_000)
        defer { alarm?.stop() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        while true {
          // Without retry, counting the interruptions this run really had.
          let count: Int
          do throws(Errno) { count = try firstRead.read(into: buffer, retryOnInterrupt: false) } catch {
            guard error == .interrupted else { throw error }
            echo.interrupted += 1
            continue
          }
          if count == 0 { break }
          var rest = UnsafeRawBufferPointer(rebasing: buffer[..<count])
          while !rest.isEmpty {
            let written = try secondWrite.write(rest)
            if written < rest.count { echo.shortWrites += 1 }
            rest = UnsafeRawBufferPointer(rebasing: rest[written...])
          }
          echo.bytes += count
        }
        try OwnedFileDescriptor(adopting: firstRead).close()
        try OwnedFileDescriptor(adopting: secondWrite).close()
      } catch { echo.error = error as? Errno }
    }
    let checking = TestThread {
      do {
        let alarm = try? ThreadAlarm(intervalNanoseconds: 100_000)
        defer { alarm?.stop() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 8)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
          let count = try secondRead.read(into: buffer)
          if count == 0 { break }
          if checker.mismatchAt == nil && !matchesPattern(UnsafeRawBufferPointer(rebasing: buffer[..<count]), offset: offset) {
            checker.mismatchAt = offset
          }
          offset += count
        }
        checker.bytes = offset
        try OwnedFileDescriptor(adopting: secondRead).close()
      } catch { checker.error = error as? Errno }
    }
    writing.join()
    echoing.join()
    checking.join()
    let seconds = Date().timeIntervalSince(start)
    print("1 GiB through two pipes: \(String(format: "%.2f", seconds)) s, \(interruptTestAlarms &- alarmsBefore) signals, "
      + "\(echo.interrupted) EINTR seen by the echo's reads, \(echo.shortWrites) short writes")
    #expect(writer.error == nil)
    #expect(echo.error == nil)
    #expect(checker.error == nil)
    #expect(writer.bytes == total)
    #expect(echo.bytes == total)
    #expect(checker.bytes == total)
    #expect(checker.mismatchAt == nil)
    #expect(interruptTestAlarms &- alarmsBefore > 0)
    #expect(echo.interrupted > 0)
    #expect(echo.shortWrites > 0)
  }

  /// Without retry, an interrupted read reports `EINTR`; with retry (the
  /// default) the same read waits on and returns the data.
  @Test func withoutRetryAnInterruptedReadReportsEINTR() throws {
    let pipe = try FileDescriptor.pipe()
    let alarm = try ThreadAlarm(intervalNanoseconds: 1_000_000)
    var byte: UInt8 = 0
    #expect(throws: Errno.interrupted) {
      try withUnsafeMutableBytes(of: &byte) { _ = try pipe.readEnd.descriptor.read(into: $0, retryOnInterrupt: false) }
    }
    #expect(throws: Errno.interrupted) {
      _ = try pipe.readEnd.descriptor.poll(for: .input, timeoutMilliseconds: 5000, retryOnInterrupt: false)
    }
    // With retry: a writer 20 ms later; many signals arrive meanwhile.
    let writeEnd = pipe.writeEnd.descriptor
    let late = TestThread {
      usleep(20_000)
      _ = try? writeEnd.writeAll("x")
    }
    let count = try withUnsafeMutableBytes(of: &byte) { try pipe.readEnd.descriptor.read(into: $0) }
    alarm.stop()
    late.join()
    #expect(count == 1 && byte == UInt8(ascii: "x"))
    alarm.stop()
  }
}
