import Foundation
import Glibc
import Linux
import Testing

// MARK: - Helpers shared by the memory, process, time and signal tests
// (names prefixed so as not to clash with other suites' helpers)

/// A temporary file, opened read-write with Glibc, removed at the end of
/// the test.
struct MemTestFile: ~Copyable {
  let path: String
  let fd: Int32

  init(size: Int = 0, contents: [UInt8] = [], mode: mode_t = 0o600) throws {
    path = NSTemporaryDirectory() + "nolibc-mem-\(UUID().uuidString)"
    fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    try #require(fd >= 0)
    if !contents.isEmpty {
      try #require(contents.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == contents.count)
    }
    if size > 0 { try #require(ftruncate(fd, off_t(size)) == 0) }
    fchmod(fd, mode)
  }

  var descriptor: FileDescriptor { FileDescriptor(rawValue: fd) }

  /// The file's bytes at `offset`, read with Glibc.
  func read(count: Int, at offset: Int = 0) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
    return Array(bytes[..<max(n, 0)])
  }

  deinit {
    Glibc.close(fd)
    unlink(path)
  }
}

/// Starts `arguments[0]` with posix_spawn (optionally in a new process
/// group of its own) and returns its process ID.
func spawnTestChild(_ arguments: [String], newProcessGroup: Bool = false) throws -> Int32 {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  // Children start with an empty mask, whatever this test thread blocks.
  var empty = sigset_t()
  sigemptyset(&empty)
  posix_spawnattr_setsigmask(&attributes, &empty)
  var flags = Int16(POSIX_SPAWN_SETSIGMASK)
  if newProcessGroup {
    flags |= Int16(POSIX_SPAWN_SETPGROUP)
    posix_spawnattr_setpgroup(&attributes, 0)
  }
  posix_spawnattr_setflags(&attributes, flags)
  let cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { for p in cArguments { free(p) } }
  var pid: pid_t = 0
  let result = posix_spawn(&pid, arguments[0], nil, &attributes, cArguments, environ)
  try #require(result == 0)
  return pid
}

/// Runs `body` in a child made by the raw `fork` system call and exits
/// with its result. The child has one thread and must not allocate or
/// take locks (another thread of the test process may have held them at
/// the fork): only raw system calls and arithmetic.
func forkTestChild(_ body: () -> Int32) throws -> Int32 {
  let pid = Syscall.call(.fork)
  if pid == 0 { Linux.Process.exitGroup(body()) }
  try #require(pid > 0)
  return Int32(pid)
}

/// Waits for the child `pid` and returns its decoded status.
func reapTestChild(_ pid: Int32) throws -> WaitStatus.State {
  let result = try #require(try Linux.Process.wait(for: .process(pid)))
  #expect(result.process == pid)
  return result.status.state
}

/// Runs `body` on a new thread of its own (for calls that change
/// per-thread state: names, masks, credentials) and waits for it.
func runOnOwnThread(_ body: @escaping @Sendable () -> Void) {
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    body()
    done.signal()
  }
  thread.start()
  done.wait()
}

/// Per-signal counters that the test signal handler increments.
nonisolated(unsafe) let countedSignals: UnsafeMutablePointer<Int> = {
  let counters = UnsafeMutablePointer<Int>.allocate(capacity: 65)
  counters.initialize(repeating: 0, count: 65)
  return counters
}()

/// Installs a counting handler for `signal` (without `SA_RESTART`). The
/// tests use real-time signals 40 and up, which nothing else in the test
/// process uses.
func installCountingSignalHandler(_ signal: Signal) throws {
  _ = countedSignals
  try Signals.setAction(SignalAction(handler: { number, _, _ in
    countedSignals[Int(number)] += 1
  }), for: signal)
}

func countedDeliveries(_ signal: Signal) -> Int { countedSignals[Int(signal.rawValue)] }

/// Polls `condition` every millisecond for up to `seconds`.
func pollUntil(seconds: Double = 5, _ condition: () -> Bool) -> Bool {
  let end = Date().addingTimeInterval(seconds)
  while Date() < end {
    if condition() { return true }
    usleep(1000)
  }
  return condition()
}

// MARK: - Process tests

@Suite struct ProcessTests {
  @Test func identityMatchesGlibc() throws {
    #expect(Linux.Process.id == getpid())
    #expect(Linux.Process.parentID == getppid())
    #expect(Linux.Process.userID == getuid())
    #expect(Linux.Process.effectiveUserID == geteuid())
    #expect(Linux.Process.groupID == getgid())
    #expect(Linux.Process.effectiveGroupID == getegid())
    // /proc/thread-self/status: "Uid:\treal\teffective\tsaved\tfs".
    let status = try String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8).split(separator: "\n")
    func ids(_ key: String) -> [UInt32] {
      status.first { $0.hasPrefix(key) }!.split(separator: "\t").dropFirst().prefix(3).map { UInt32($0)! }
    }
    let users = try Linux.Process.userIDs()
    #expect([users.real, users.effective, users.saved] == ids("Uid:"))
    let groups = try Linux.Process.groupIDs()
    #expect([groups.real, groups.effective, groups.saved] == ids("Gid:"))
  }

  @Test func systemNameMatchesGlibcUname() throws {
    let name = try Linux.Process.systemName()
    var reference = utsname()
    try #require(uname(&reference) == 0)
    func field<T>(_ value: T) -> String {
      withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    #expect(name.systemName == "Linux")
    #expect(name.systemName == field(reference.sysname))
    #expect(name.nodeName == field(reference.nodename))
    #expect(name.release == field(reference.release))
    #expect(name.version == field(reference.version))
    #expect(name.machine == "x86_64")
    let domain = try String(contentsOfFile: "/proc/sys/kernel/domainname", encoding: .utf8)
    #expect(name.domainName + "\n" == domain)
    #expect(name.withBytes(of: .machine) { Array($0) } == Array("x86_64".utf8))
    #expect(MemoryLayout<SystemName>.size == 390)
  }

  @Test func threadNameRoundTripAndErrors() {
    runOnOwnThread {
      #expect(throws: Never.self) { try Linux.Process.setThreadName("nolibc-test") }
      #expect((try? Linux.Process.threadName()) == "nolibc-test")
      let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
      #expect(comm == "nolibc-test\n")
      // Longer names are cut to 15 bytes.
      #expect(throws: Never.self) { try Linux.Process.setThreadName("0123456789abcdefghij") }
      #expect((try? Linux.Process.threadName()) == "0123456789abcde")
      // A NUL inside the name is refused before the call.
      #expect(throws: Errno.invalidArgument) { try Linux.Process.setThreadName([0x61, 0, 0x62] as [UInt8]) }
      // Bad pointers, through the raw prctl.
      #expect(throws: Errno.badAddress) { _ = try Linux.Process.control(15, 8) }
      #expect(throws: Errno.badAddress) { _ = try Linux.Process.control(16, 8) }
    }
  }

  @Test func parentDeathSignal() {
    runOnOwnThread {
      #expect((try? Linux.Process.parentDeathSignal()) == nil)
      #expect(throws: Never.self) { try Linux.Process.setParentDeathSignal(.terminate) }
      #expect((try? Linux.Process.parentDeathSignal()) == .terminate)
      #expect(throws: Never.self) { try Linux.Process.setParentDeathSignal(nil) }
      #expect((try? Linux.Process.parentDeathSignal()) == nil)
      #expect(throws: Errno.invalidArgument) { try Linux.Process.setParentDeathSignal(Signal(rawValue: 65)) }
    }
  }

  @Test func dumpableAttribute() throws {
    let before = try Linux.Process.dumpable()
    defer { _ = try? Linux.Process.setDumpable(before != 0) }
    try Linux.Process.setDumpable(false)
    #expect(try Linux.Process.dumpable() == 0)
    try Linux.Process.setDumpable(true)
    #expect(try Linux.Process.dumpable() == 1)
    #expect(throws: Errno.invalidArgument) { _ = try Linux.Process.control(4, 2) }  // PR_SET_DUMPABLE 2
  }

  @Test func noNewPrivilegesAndSeccomp() throws {
    // Per thread, and permanent: only on a thread made for it.
    runOnOwnThread {
      #expect((try? Linux.Process.noNewPrivileges()) == false)
      #expect(throws: Never.self) { try Linux.Process.setNoNewPrivileges() }
      #expect((try? Linux.Process.noNewPrivileges()) == true)
      #expect(throws: Errno.invalidArgument) { _ = try Linux.Process.control(38, 0) }  // must be 1
    }
    let status = (try? String(contentsOfFile: "/proc/thread-self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("Seccomp:") }
    let expected = line.flatMap { Int($0.split(separator: "\t").last ?? "") }
    #expect(try Linux.Process.seccompMode() == expected)
    #expect(throws: Errno.invalidArgument) { _ = try Linux.Process.control(0x7fff_0000) }
  }

  @Test func waitForAnExitedChildWithResourceUsage() throws {
    let pid = try spawnTestChild(["/bin/sh", "-c", "i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done; exit 3"])
    var usage = ResourceUsage()
    let result = try #require(try Linux.Process.wait(for: .process(pid), resourceUsage: &usage))
    #expect(result.process == pid)
    #expect(result.status.state == .exited(code: 3))
    #expect(usage.maximumResidentSetSize > 0)
    #expect(usage.minorPageFaults > 0)
    #expect(usage.userTime.seconds >= 0 && usage.userTime.microseconds < 1_000_000)
    // Reaped: it is no longer a child.
    #expect(throws: Errno.noChildProcess) { _ = try Linux.Process.wait(for: .process(pid)) }
  }

  @Test func killAndWaitForASignaledChild() throws {
    let pid = try spawnTestChild(["/bin/sleep", "30"])
    try Signals.checkCanSend(to: .process(pid))
    // Still running: WNOHANG reports nothing.
    #expect(try Linux.Process.wait(for: .process(pid), options: .noHang) == nil)
    try Signals.send(.kill, to: .process(pid))
    #expect(try reapTestChild(pid) == .signaled(.kill, coreDumped: false))
    #expect(throws: Errno.noSuchProcess) { try Signals.checkCanSend(to: .process(pid)) }
    #expect(throws: Errno.noSuchProcess) { try Signals.send(.terminate, to: .process(pid)) }
  }

  @Test func stoppedAndContinuedChildren() throws {
    let pid = try spawnTestChild(["/bin/sleep", "30"])
    try Signals.send(.stop, to: .process(pid))
    let stopped = try #require(try Linux.Process.wait(for: .process(pid), options: .untraced))
    #expect(stopped.status.state == .stopped(.stop))
    try Signals.send(.continue, to: .process(pid))
    let continued = try #require(try Linux.Process.wait(for: .process(pid), options: .continued))
    #expect(continued.status.state == .continued)
    try Signals.send(.terminate, to: .process(pid))
    #expect(try reapTestChild(pid) == .signaled(.terminate, coreDumped: false))
  }

  @Test func signalAndWaitForAProcessGroup() throws {
    let pid = try spawnTestChild(["/bin/sleep", "30"], newProcessGroup: true)
    // posix_spawn has set the group before the program runs: it is `pid`.
    #expect(getpgid(pid) == pid)
    try Signals.send(.hangup, to: .processGroup(pid))
    let result = try #require(try Linux.Process.wait(for: .processGroup(pid), options: .all))
    #expect(result.process == pid)
    #expect(result.status.state == .signaled(.hangup, coreDumped: false))
    #expect(throws: Errno.noSuchProcess) { try Signals.send(.hangup, to: .processGroup(pid)) }
  }

  @Test func waitStatusDecoding() {
    #expect(WaitStatus(rawValue: 0x0300).state == .exited(code: 3))
    #expect(WaitStatus(rawValue: 0).state == .exited(code: 0))
    #expect(WaitStatus(rawValue: 0x09).state == .signaled(.kill, coreDumped: false))
    #expect(WaitStatus(rawValue: 0x8b).state == .signaled(.segmentationFault, coreDumped: true))
    #expect(WaitStatus(rawValue: 0x137f).state == .stopped(.stop))
    #expect(WaitStatus(rawValue: 0xffff).state == .continued)
    #expect(ChildSelector.any.rawValue == -1)
    #expect(ChildSelector.processGroup(42).rawValue == -42)
    #expect(ChildSelector.ownProcessGroup.rawValue == 0)
    #expect(SignalRecipient.everyPermittedProcess.rawValue == -1)
    #expect(MemoryLayout<ResourceUsage>.size == 144)
  }

  @Test func waitErrors() {
    // Our parent is not our child; nor is a process that does not exist.
    #expect(throws: Errno.noChildProcess) { _ = try Linux.Process.wait(for: .process(getppid())) }
    #expect(throws: Errno.noChildProcess) { _ = try Linux.Process.wait(for: .process(0x3fff_fff0), options: .noHang) }
    #expect(throws: Errno.invalidArgument) {
      _ = try Linux.Process.wait(for: .process(1), options: WaitOptions(rawValue: 0x100))
    }
  }

  @Test func killErrors() throws {
    #expect(throws: Errno.noSuchProcess) { try Signals.send(.user1, to: .process(0x3fff_fff0)) }
    #expect(throws: Errno.noSuchProcess) { try Signals.checkCanSend(to: .processGroup(0x3fff_fff0)) }
    #expect(throws: Errno.invalidArgument) { try Signals.send(Signal(rawValue: 65), to: .process(getpid())) }
    try Signals.checkCanSend(to: .process(getpid()))
    try Signals.checkCanSend(to: .ownProcessGroup)
    // EPERM: a thread that is not root (credentials are per thread for the
    // raw system call) may not signal a root child. The saved user ID 0
    // lets it become root again.
    try #require(getuid() == 0, "needs root")
    let pid = try spawnTestChild(["/bin/sleep", "30"])
    runOnOwnThread {
      #expect(Syscall.call(.setresuid, 65534, 65534, 0) == 0)
      #expect(Linux.Process.effectiveUserID == 65534)
      #expect(throws: Errno.notPermitted) { try Signals.checkCanSend(to: .process(pid)) }
      #expect(throws: Errno.notPermitted) { try Signals.send(.terminate, to: .process(pid)) }
      #expect(Syscall.call(.setresuid, 0, 0, 0) == 0)
      #expect(throws: Never.self) { try Signals.checkCanSend(to: .process(pid)) }
    }
    try Signals.send(.kill, to: .process(pid))
    #expect(try reapTestChild(pid) == .signaled(.kill, coreDumped: false))
  }

  @Test func executeErrors() throws {
    let emptyList: [UnsafePointer<CChar>?] = [nil]
    try emptyList.withUnsafeBufferPointer { list in
      let arguments = list.baseAddress!
      #expect(throws: Errno.noSuchFileOrDirectory) {
        try Linux.Process.execute(path: "/nonexistent/program", arguments: arguments, environment: arguments)
      }
      // Not executable: even root needs an execute bit.
      let plain = try MemTestFile(contents: Array("#!/bin/sh\nexit 0\n".utf8), mode: 0o644)
      #expect(throws: Errno.permissionDenied) {
        try Linux.Process.execute(path: plain.path, arguments: arguments, environment: arguments)
      }
      // Executable, but in no format the kernel knows.
      // (While open for writing, it is busy: ETXTBSY.)
      let garbage = try MemTestFile(contents: [0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x10, 0x20], mode: 0o755)
      #expect(throws: Errno.textFileBusy) {
        try Linux.Process.execute(path: garbage.path, arguments: arguments, environment: arguments)
      }
      let closedPath = NSTemporaryDirectory() + "nolibc-mem-exec-\(UUID().uuidString)"
      try #require(FileManager.default.createFile(
        atPath: closedPath, contents: Data([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x10, 0x20]),
        attributes: [.posixPermissions: 0o755]))
      defer { unlink(closedPath) }
      // Another test's child may still hold the descriptor that wrote the
      // file (inherited between its fork and exec): then the file is busy
      // for a moment. Retry that, and only that.
      var result: Errno? = nil
      for _ in 0..<100 {
        do throws(Errno) {
          try Linux.Process.execute(path: closedPath, arguments: arguments, environment: arguments)
        } catch {
          result = error
        }
        if result != .textFileBusy { break }
        usleep(10_000)
      }
      #expect(result == .execFormatError)
      // A directory is not a regular file.
      #expect(throws: Errno.permissionDenied) {
        try Linux.Process.execute(path: "/tmp", arguments: arguments, environment: arguments)
      }
      // A bad pointer for the argument list, with the C-string overload.
      let bad = UnsafePointer<UnsafePointer<CChar>?>(bitPattern: 8)!
      #expect(throws: Errno.badAddress) {
        try "/bin/sh".withCString { try Linux.Process.execute($0, arguments: bad, environment: arguments) }
      }
    }
  }

  @Test func executeReplacesAForkedChild() throws {
    // Everything the child touches is prepared before the fork.
    let texts: [String] = ["/bin/sh", "-c", "exit $CODE", "CODE=7"]
    let strings: [UnsafePointer<CChar>] = texts.map { UnsafePointer(strdup($0)!) }
    defer { for s in strings { free(UnsafeMutablePointer(mutating: s)) } }
    let arguments: [UnsafePointer<CChar>?] = [strings[0], strings[1], strings[2], nil]
    let environment: [UnsafePointer<CChar>?] = [strings[3], nil]
    let pid = try arguments.withUnsafeBufferPointer { a in
      try environment.withUnsafeBufferPointer { e in
        try forkTestChild {
          do throws(Errno) { try Linux.Process.execute(strings[0], arguments: a.baseAddress!, environment: e.baseAddress!) } catch {
            return 100 + error.rawValue
          }
        }
      }
    }
    #expect(try reapTestChild(pid) == .exited(code: 7))
  }

  @Test func threadExitAndGroupExit() throws {
    let single = try forkTestChild { () -> Int32 in Linux.Process.exitThread(5) }
    #expect(try reapTestChild(single) == .exited(code: 5))
    let group = try forkTestChild { () -> Int32 in Linux.Process.exitGroup(0x1_09) }  // only the low 8 bits
    #expect(try reapTestChild(group) == .exited(code: 9))
  }

  @Test func pauseReturnsAfterAHandlerRuns() throws {
    let signal = Signal(rawValue: 40)
    try installCountingSignalHandler(signal)
    final class Shared: @unchecked Sendable { var thread: Int32 = 0; var done = false }
    let shared = Shared()
    let before = countedDeliveries(signal)
    let thread = Thread {
      _ = try? Signals.unblock(SignalSet(signal))
      shared.thread = Linux.Process.threadID
      Linux.Process.pause()
      shared.done = true
    }
    thread.start()
    // The signal may come before pause starts: send until it has returned.
    let returned = pollUntil {
      if shared.thread != 0 { _ = try? Signals.send(signal, toThread: shared.thread, ofProcess: getpid()) }
      return shared.done
    }
    #expect(returned)
    #expect(countedDeliveries(signal) > before)
  }
}
