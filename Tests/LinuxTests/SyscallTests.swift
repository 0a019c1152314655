import Foundation
import Glibc
import Linux
import Testing

/// A pipe made with the raw system call, closed at the end of a test.
struct TestPipe: ~Copyable {
  let read: FileDescriptor
  let write: FileDescriptor

  init() throws {
    var fds: (Int32, Int32) = (-1, -1)
    let result = withUnsafeMutablePointer(to: &fds) { Syscall.call(.pipe2, Int(bitPattern: $0), 0) }
    try #require(result == 0)
    read = FileDescriptor(rawValue: fds.0)
    write = FileDescriptor(rawValue: fds.1)
  }

  deinit {
    _ = Syscall.call(.close, Int(read.rawValue))
    _ = Syscall.call(.close, Int(write.rawValue))
  }
}

@Suite struct SyscallTests {
  @Test func syscallNumbersMatchTheKernelHeader() throws {
    let text = try String(contentsOfFile: "/usr/include/x86_64-linux-gnu/asm/unistd_64.h", encoding: .utf8)
    let count = text.split(separator: "\n").filter { $0.hasPrefix("#define __NR_") }.count
    #expect(count == syscallNumberCount)
    #expect(SyscallNumber.read.rawValue == 0)
    #expect(SyscallNumber.write.rawValue == 1)
    #expect(SyscallNumber.mmap.rawValue == 9)
    #expect(SyscallNumber.rt_sigaction.rawValue == 13)
    #expect(SyscallNumber.exit.rawValue == 60)
    #expect(SyscallNumber.exit_group.rawValue == 231)
    #expect(SyscallNumber.getrandom.rawValue == 318)
  }

  @Test func readAndWriteThroughAPipe() throws {
    let pipe = try TestPipe()
    let message: [UInt8] = Array("hello through a pipe".utf8)
    let written = try message.withUnsafeBytes { try pipe.write.write($0) }
    #expect(written == message.count)
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = try buffer.withUnsafeMutableBytes { try pipe.read.read(into: $0) }
    #expect(Array(buffer[..<count]) == message)
  }

  @Test func writeAllDeliversEverythingInOrder() throws {
    let pipe = try TestPipe()
    let size = 1 << 20  // more than the 64 KiB pipe buffer: forces partial writes
    let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    final class Box: @unchecked Sendable { var bytes: [UInt8] = [] }
    let received = Box()
    let readFD = pipe.read
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      var chunk = [UInt8](repeating: 0, count: 4096)
      while received.bytes.count < size {
        let n = (try? chunk.withUnsafeMutableBytes { try readFD.read(into: $0) }) ?? 0
        if n <= 0 { break }
        received.bytes.append(contentsOf: chunk[..<n])
      }
      done.signal()
    }
    try payload.withUnsafeBytes { try pipe.write.writeAll($0) }
    done.wait()
    #expect(received.bytes == payload)
  }

  @Test func badFileDescriptorIsEBADF() {
    var byte: UInt8 = 0
    #expect(throws: Errno.badFileDescriptor) {
      try withUnsafeMutableBytes(of: &byte) { try FileDescriptor(rawValue: 9999).read(into: $0) }
    }
    #expect(throws: Errno.badFileDescriptor) {
      try withUnsafeBytes(of: &byte) { try FileDescriptor(rawValue: -1).write($0) }
    }
  }

  @Test func badAddressIsEFAULT() throws {
    let pipe = try TestPipe()
    let bogus = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: 8), count: 16)
    #expect(throws: Errno.badAddress) { try pipe.write.write(bogus) }
  }

  @Test func processIDsMatchTheHostedProcess() throws {
    #expect(Linux.Process.id == getpid())
    let threadSelf = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
    #expect(threadSelf == "\(getpid())/task/\(Linux.Process.threadID)")
  }

  @Test func pipesAreNotTerminals() throws {
    let pipe = try TestPipe()
    #expect(!pipe.read.isTerminal)
    #expect(!FileDescriptor(rawValue: 9999).isTerminal)
  }

  @Test func randomBytesFillTheBuffer() throws {
    var buffer = [UInt8](repeating: 0, count: 1000)
    try buffer.withUnsafeMutableBytes { try Random.fill($0) }
    #expect(buffer.contains { $0 != 0 })
    var other = [UInt8](repeating: 0, count: 1000)
    try other.withUnsafeMutableBytes { try Random.fill($0, flags: .nonBlocking) }
    #expect(buffer != other)
    #expect(throws: Errno.invalidArgument) {
      try other.withUnsafeMutableBytes { _ = try Random.getRandom(into: $0, flags: Random.Flags(rawValue: 0x80)) }
    }
    #expect(throws: Errno.badAddress) {
      _ = try Random.getRandom(into: UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: 8), count: 8))
    }
  }

  @Test func mapWriteRemapAndUnmap() throws {
    let page = Memory.pageSize
    let region = try Memory.mapAnonymous(length: 2 * page)
    #expect(region.load(as: UInt64.self) == 0)
    region.storeBytes(of: 0x1234_5678, as: UInt64.self)
    let grown = try Memory.remap(region, oldLength: 2 * page, newLength: 64 * page)
    #expect(grown.load(as: UInt64.self) == 0x1234_5678)
    try Memory.unmap(grown, length: 64 * page)
  }

  @Test func mappingErrors() throws {
    #expect(throws: Errno.invalidArgument) { _ = try Memory.mapAnonymous(length: 0) }
    #expect(throws: Errno.noMemory) { _ = try Memory.mapAnonymous(length: 1 << 62) }
    #expect(throws: Errno.invalidArgument) {
      try Memory.unmap(UnsafeMutableRawPointer(bitPattern: 0x1001)!, length: 4096)
    }
    let region = try Memory.mapAnonymous(length: 4096)
    #expect(throws: Errno.invalidArgument) {
      _ = try Memory.remap(region, oldLength: 4096, newLength: 0)
    }
    try Memory.unmap(region, length: 4096)
  }

  @Test func signalActionRoundTrip() throws {
    let handler: SignalHandler = { _, _, _ in }
    let installed = SignalAction(handler: handler, flags: [.restart])
    let previous = try Signals.setAction(installed, for: .user1)
    let current = try Signals.action(for: .user1)
    #expect(current.handler == installed.handler)
    #expect(current.flags.contains([.signalInfo, .restorer, .restart]))
    #expect(current.restorer == installed.restorer)
    try Signals.setAction(previous, for: .user1)
    #expect(try Signals.action(for: .user1).handler == previous.handler)
  }

  @Test func aHandlerRunsAndReturnsThroughTheRestorer() throws {
    let previous = try Signals.setAction(SignalAction(handler: { signal, _, _ in
      deliveredSignal = signal
    }), for: .user2)
    defer { _ = try? Signals.setAction(previous, for: .user2) }
    // Test threads may block signals; make sure this one can receive it.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGUSR2)
    var saved = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &unblock, &saved)
    defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
    try Signals.send(.user2, toThread: Linux.Process.threadID, ofProcess: Linux.Process.id)
    #expect(deliveredSignal == Signal.user2.rawValue)
  }

  @Test func signalErrors() {
    #expect(throws: Errno.invalidArgument) { try Signals.setAction(.ignore, for: .kill) }
    #expect(throws: Errno.invalidArgument) { try Signals.setAction(.ignore, for: Signal(rawValue: 65)) }
    #expect(throws: Errno.noSuchProcess) {
      try Signals.send(.user1, toThread: 0x3fff_fff0, ofProcess: 0x3fff_fff0)
    }
  }

  @Test func alternateSignalStack() throws {
    let size = 65536
    let memory = try Memory.mapAnonymous(length: size)
    let previous = try Signals.setAlternateStack(SignalStack(base: UInt(bitPattern: memory), size: UInt(size)))
    let restored = try Signals.setAlternateStack(previous.flags & SignalStack.disabledFlag != 0
      ? SignalStack(base: 0, flags: SignalStack.disabledFlag, size: 0) : previous)
    #expect(restored.base == UInt(bitPattern: memory))
    #expect(restored.size == UInt(size))
    #expect(throws: Errno.noMemory) { try Signals.setAlternateStack(SignalStack(base: UInt(bitPattern: memory), size: 16)) }
    try Memory.unmap(memory, length: size)
  }
}

nonisolated(unsafe) var deliveredSignal: Int32 = 0
