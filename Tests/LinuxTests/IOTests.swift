import Foundation
import Glibc
import Linux
import Testing

/// A fresh temporary directory, removed with everything in it at deinit.
final class ScratchDirectory {
  let path: String
  init() throws {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("nolibc-io-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  func file(_ name: String) -> String { path + "/" + name }
  deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension Array where Element == UInt8 {
  /// Reads up to `count` bytes with `body`, returning what was read.
  static func reading(_ count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let n = try bytes.withUnsafeMutableBytes(body)
    return Array(bytes[..<n])
  }
}

/// A number that is not an open descriptor.
let closedDescriptor = FileDescriptor(rawValue: 999_999)

@Suite struct IOTests {
  @Test func positionalReadAndWriteLeaveTheOffsetAlone() throws {
    let dir = try ScratchDirectory()
    let file = try FileSystem.open(dir.file("f"), .readWrite, options: [.create])
    let fd = file.descriptor
    #expect(try Array("hello".utf8).withUnsafeBytes { try fd.write(toAbsoluteOffset: 100, $0) } == 5)
    #expect(try fd.seek(offset: 0, from: .current) == 0)
    #expect(try [UInt8].reading(16) { try fd.read(fromAbsoluteOffset: 98, into: $0) } == [0, 0] + Array("hello".utf8))
    #expect(try [UInt8].reading(16) { try fd.read(fromAbsoluteOffset: 200, into: $0) } == [])
    #expect(try fd.status().size == 105)
    let pipe = try FileDescriptor.pipe()
    #expect(throws: Errno.illegalSeek) { _ = try [UInt8].reading(1) { try pipe.readEnd.descriptor.read(fromAbsoluteOffset: 0, into: $0) } }
    #expect(throws: Errno.illegalSeek) { _ = try Array("x".utf8).withUnsafeBytes { try pipe.writeEnd.descriptor.write(toAbsoluteOffset: 0, $0) } }
    #expect(throws: Errno.badFileDescriptor) { _ = try [UInt8].reading(1) { try closedDescriptor.read(fromAbsoluteOffset: 0, into: $0) } }
    #expect(throws: Errno.invalidArgument) { _ = try [UInt8].reading(1) { try fd.read(fromAbsoluteOffset: -1, into: $0) } }
    let bogus = UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: 8), count: 4)
    #expect(throws: Errno.badAddress) { _ = try fd.read(fromAbsoluteOffset: 100, into: bogus) }
  }

  @Test func vectoredReadAndWrite() throws {
    let pipe = try FileDescriptor.pipe()
    let parts: [[UInt8]] = [Array("one ".utf8), [], Array("two ".utf8), Array("three".utf8)]
    let written = try parts[0].withUnsafeBytes { a in
      try parts[1].withUnsafeBytes { b in
        try parts[2].withUnsafeBytes { c in
          try parts[3].withUnsafeBytes { d in try pipe.writeEnd.descriptor.write([a, b, c, d]) }
        }
      }
    }
    #expect(written == 13)
    var first = [UInt8](repeating: 0, count: 5), second = [UInt8](repeating: 0, count: 20)
    let read = try first.withUnsafeMutableBytes { a in
      try second.withUnsafeMutableBytes { b in try pipe.readEnd.descriptor.read(into: [a, b]) }
    }
    #expect(read == 13)
    #expect(first == Array("one t".utf8))
    #expect(Array(second[..<8]) == Array("wo three".utf8))
    // Explicit vectors, and the errors.
    var byte: UInt8 = 0
    try withUnsafeMutableBytes(of: &byte) { raw in
      let many = [UnsafeMutableRawBufferPointer](repeating: raw, count: IOVector.maximumCount + 1)
      #expect(throws: Errno.invalidArgument) { _ = try pipe.readEnd.descriptor.read(into: many) }
      #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.read(into: [raw]) }
      var vector = IOVector(raw)
      _ = try "z".withPathBytes { bytes in try pipe.writeEnd.descriptor.writeAll(bytes) }
      let n = try withUnsafePointer(to: &vector) { try pipe.readEnd.descriptor.read(intoVectors: UnsafeBufferPointer(start: $0, count: 1)) }
      #expect(n == 1 && raw[0] == UInt8(ascii: "z"))
      let bogus = IOVector(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: 8), count: 4))
      #expect(throws: Errno.badAddress) {
        _ = try withUnsafePointer(to: bogus) { try pipe.writeEnd.descriptor.write(vectors: UnsafeBufferPointer(start: $0, count: 1)) }
      }
    }
  }

  @Test func duplicates() throws {
    let pipe = try FileDescriptor.pipe()
    let original = pipe.writeEnd.descriptor
    let copy = try original.duplicate()
    #expect(copy.descriptor != original)
    #expect(try copy.descriptor.descriptorFlags() == .closeOnExec)
    let inheritable = try original.duplicate(closeOnExec: false)
    #expect(try inheritable.descriptor.descriptorFlags() == [])
    let high = try original.duplicate(atLeast: 500)
    #expect(high.descriptor.rawValue >= 500)
    #expect(try high.descriptor.descriptorFlags() == .closeOnExec)
    let highInheritable = try original.duplicate(atLeast: 500, closeOnExec: false)
    #expect(try highInheritable.descriptor.descriptorFlags() == [])
    // dup3 onto a chosen number: it now writes into the same pipe.
    let target = try original.duplicate(atLeast: 600)
    let onto = try inheritable.descriptor.duplicate(as: target.descriptor, closeOnExec: false)
    #expect(onto == target.descriptor)
    #expect(try target.descriptor.descriptorFlags() == [])
    try target.descriptor.writeAll("via dup3")
    #expect(try [UInt8].reading(64) { try pipe.readEnd.descriptor.read(into: $0) } == Array("via dup3".utf8))
    try original.duplicate(as: target.descriptor)
    #expect(try target.descriptor.descriptorFlags() == .closeOnExec)
    #expect(throws: Errno.invalidArgument) { try original.duplicate(as: original) }
    #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.duplicate() }
    #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.duplicate(closeOnExec: false) }
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.duplicate(as: target.descriptor) }
    #expect(throws: Errno.invalidArgument) { _ = try original.duplicate(atLeast: -1) }
  }

  @Test func pipeOptions() throws {
    let plain = try FileDescriptor.pipe()
    #expect(try plain.readEnd.descriptor.descriptorFlags() == .closeOnExec)
    #expect(try plain.writeEnd.descriptor.descriptorFlags() == .closeOnExec)
    #expect(try plain.readEnd.descriptor.statusFlags().accessMode == .readOnly)
    #expect(try plain.writeEnd.descriptor.statusFlags().accessMode == .writeOnly)
    let inheritable = try FileDescriptor.pipe(closeOnExec: false)
    #expect(try inheritable.readEnd.descriptor.descriptorFlags() == [])
    let nonBlocking = try FileDescriptor.pipe(options: .nonBlocking)
    #expect(try nonBlocking.readEnd.descriptor.statusFlags().contains(.nonBlocking))
    #expect(throws: Errno.resourceTemporarilyUnavailable) {
      _ = try [UInt8].reading(1) { try nonBlocking.readEnd.descriptor.read(into: $0) }
    }
    // Packet mode: each write is read as one packet.
    let packets = try FileDescriptor.pipe(options: .direct)
    try packets.writeEnd.descriptor.writeAll("first")
    try packets.writeEnd.descriptor.writeAll("second")
    #expect(try [UInt8].reading(64) { try packets.readEnd.descriptor.read(into: $0) } == Array("first".utf8))
    #expect(throws: Errno.invalidArgument) { _ = try FileDescriptor.pipe(options: FileDescriptor.PipeOptions(rawValue: 1)) }
    // Taking the ends apart.
    let pair = try FileDescriptor.pipe()
    let reading = pair.readEnd
    let writing = pair.writeEnd
    try writing.descriptor.writeAll("x")
    try writing.close()
    #expect(try [UInt8].reading(4) { try reading.descriptor.read(into: $0) } == [UInt8(ascii: "x")])
    #expect(try [UInt8].reading(4) { try reading.descriptor.read(into: $0) } == [])
  }

  @Test func descriptorAndStatusFlags() throws {
    let dir = try ScratchDirectory()
    let file = try FileSystem.open(dir.file("f"), .writeOnly, options: [.create, .append])
    let fd = file.descriptor
    var status = try fd.statusFlags()
    #expect(status.contains(.append))
    #expect(status.contains(.largeFile))  // forced by the kernel on x86-64
    #expect(status.accessMode == .writeOnly)
    try fd.setStatusFlags(status.union(.nonBlocking))
    status = try fd.statusFlags()
    #expect(status.contains([.append, .nonBlocking]))
    try fd.setStatusFlags([])
    #expect(!(try fd.statusFlags()).contains(.append))
    try fd.setDescriptorFlags([])
    #expect(try fd.descriptorFlags() == [])
    try fd.setDescriptorFlags(.closeOnExec)
    #expect(try fd.descriptorFlags() == .closeOnExec)
    #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.descriptorFlags() }
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.setDescriptorFlags([]) }
    #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.statusFlags() }
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.setStatusFlags([]) }
    // Pipe capacity.
    let pipe = try FileDescriptor.pipe()
    #expect(try pipe.writeEnd.descriptor.setPipeCapacity(10000) == 16384)
    #expect(try pipe.writeEnd.descriptor.pipeCapacity() == 16384)
    #expect(throws: Errno.badFileDescriptor) { _ = try fd.pipeCapacity() }
  }

  @Test func sendFileSpliceAndCopyFileRange() throws {
    let dir = try ScratchDirectory()
    let payload = Array("0123456789abcdef".utf8)
    try Data(payload).write(to: URL(fileURLWithPath: dir.file("source")))
    let source = try FileSystem.open(dir.file("source"), .readOnly)
    let pipe = try FileDescriptor.pipe()
    let w = pipe.writeEnd.descriptor, r = pipe.readEnd.descriptor
    // sendfile: at an offset (file offset unchanged), then from the offset.
    #expect(try w.sendFile(from: source.descriptor, readingAt: 10, count: 100) == 6)
    #expect(try source.descriptor.seek(offset: 0, from: .current) == 0)
    #expect(try w.sendFile(from: source.descriptor, count: 4) == 4)
    #expect(try source.descriptor.seek(offset: 0, from: .current) == 4)
    #expect(try [UInt8].reading(64) { try r.read(into: $0) } == Array("abcdef0123".utf8))
    #expect(throws: Errno.badFileDescriptor) { _ = try w.sendFile(from: closedDescriptor, count: 1) }
    #expect(throws: Errno.invalidArgument) { _ = try w.sendFile(from: r, count: 1) }  // a pipe is no source
    // splice: file → pipe at an offset, pipe → file at an offset.
    #expect(try FileDescriptor.splice(from: source.descriptor, readingAt: 2, to: w, count: 3, flags: [.move, .more]) == 3)
    let destination = try FileSystem.open(dir.file("destination"), .readWrite, options: [.create])
    #expect(try FileDescriptor.splice(from: r, to: destination.descriptor, writingAt: 5, count: 3) == 3)
    #expect(try [UInt8].reading(64) { try destination.descriptor.read(fromAbsoluteOffset: 0, into: $0) } == [0, 0, 0, 0, 0] + Array("234".utf8))
    #expect(throws: Errno.illegalSeek) { _ = try FileDescriptor.splice(from: r, readingAt: 0, to: destination.descriptor, count: 1) }
    #expect(throws: Errno.invalidArgument) { _ = try FileDescriptor.splice(from: source.descriptor, to: destination.descriptor, count: 1) }
    #expect(throws: Errno.resourceTemporarilyUnavailable) {
      _ = try FileDescriptor.splice(from: r, to: destination.descriptor, count: 1, flags: .nonBlocking)
    }
    // copy_file_range between files.
    #expect(try FileDescriptor.copyFileRange(from: source.descriptor, readingAt: 0, to: destination.descriptor, writingAt: 8, count: 16) == 16)
    #expect(try destination.descriptor.status().size == 24)
    #expect(try [UInt8].reading(64) { try destination.descriptor.read(fromAbsoluteOffset: 8, into: $0) } == payload)
    #expect(try FileDescriptor.copyFileRange(from: source.descriptor, to: destination.descriptor, count: 100) == 12)
    #expect(try source.descriptor.seek(offset: 0, from: .current) == 16)
    #expect(throws: Errno.badFileDescriptor) { _ = try FileDescriptor.copyFileRange(from: closedDescriptor, to: destination.descriptor, count: 1) }
    #expect(throws: Errno.invalidArgument) {  // overlapping ranges in one file
      _ = try FileDescriptor.copyFileRange(from: destination.descriptor, readingAt: 0, to: destination.descriptor, writingAt: 4, count: 8)
    }
    #expect(throws: Errno.isDirectory) {
      let directory = try FileSystem.open(dir.path, .readOnly, options: .directory)
      _ = try FileDescriptor.copyFileRange(from: directory.descriptor, to: destination.descriptor, count: 1)
    }
    // Across file systems (ext4 → tmpfs), where the file systems differ: EXDEV.
    if FileManager.default.fileExists(atPath: "/dev/shm"), try FileSystem.status(of: "/dev/shm").device != (try source.descriptor.status().device) {
      let name = "/dev/shm/nolibc-io-\(UUID().uuidString)"
      let other = try FileSystem.open(name, .writeOnly, options: [.create, .exclusiveCreate])
      defer { try? FileSystem.remove(name) }
      #expect(throws: Errno.improperLink) { _ = try FileDescriptor.copyFileRange(from: source.descriptor, readingAt: 0, to: other.descriptor, count: 4) }
    }
  }

  @Test func pollAndPpoll() throws {
    let pipe = try FileDescriptor.pipe()
    let r = pipe.readEnd.descriptor, w = pipe.writeEnd.descriptor
    #expect(try r.poll(for: .input, timeoutMilliseconds: 0) == [])
    #expect(try w.poll(for: .output, timeoutMilliseconds: 0) == .output)
    try w.writeAll("x")
    #expect(try r.poll(for: .input) == .input)
    var entries = [PollDescriptor(r, events: .input), PollDescriptor(closedDescriptor, events: .input),
                   PollDescriptor(FileDescriptor(rawValue: -1), events: .input)]
    #expect(try entries.withUnsafeMutableBufferPointer { try PollDescriptor.poll($0, timeoutMilliseconds: 0) } == 2)
    #expect(entries[0].returnedEvents == .input)
    #expect(entries[1].returnedEvents == .invalid)
    #expect(entries[2].returnedEvents == [])
    // ppoll: a timeout that runs out, no timeout, and a signal mask.
    var one = [PollDescriptor(w, events: .input)]
    let before = Date()
    #expect(try one.withUnsafeMutableBufferPointer { try PollDescriptor.ppoll($0, timeout: TimeSpec(seconds: 0, nanoseconds: 20_000_000)) } == 0)
    #expect(Date().timeIntervalSince(before) >= 0.019)
    var input = [PollDescriptor(r, events: [.input, .readHangUp])]
    #expect(try input.withUnsafeMutableBufferPointer { try PollDescriptor.ppoll($0, timeout: nil, signalMask: 0) } == 1)
    try pipe.writeEnd.close()
    _ = try [UInt8].reading(4) { try r.read(into: $0) }
    #expect(try r.poll(for: .input, timeoutMilliseconds: 0) == .hangUp)
    #expect(throws: Errno.invalidArgument) {
      _ = try PollDescriptor.ppoll(UnsafeMutableBufferPointer(start: nil, count: 0), timeout: TimeSpec(seconds: 0, nanoseconds: 2_000_000_000))
    }
    #expect(throws: Errno.invalidArgument) {  // more entries than RLIMIT_NOFILE
      _ = try PollDescriptor.poll(UnsafeMutableBufferPointer(start: UnsafeMutablePointer(bitPattern: 8), count: 1 << 30), timeoutMilliseconds: 0)
    }
    #expect(throws: Errno.badAddress) {
      _ = try PollDescriptor.poll(UnsafeMutableBufferPointer(start: UnsafeMutablePointer(bitPattern: 8), count: 1), timeoutMilliseconds: 0)
    }
  }

  @Test func anOwnedDescriptorClosesAtTheEndOfItsScope() throws {
    var number: FileDescriptor
    do {
      let pipe = try FileDescriptor.pipe()
      number = pipe.readEnd.descriptor
      #expect(try number.descriptorFlags() == .closeOnExec)
    }
    #expect(throws: Errno.badFileDescriptor) { _ = try number.descriptorFlags() }
    // Explicit close reports the kernel's verdict.
    #expect(throws: Errno.badFileDescriptor) { try OwnedFileDescriptor(adopting: closedDescriptor).close() }
    let file = try FileSystem.open("/dev/null", .readOnly)
    number = file.descriptor
    try file.close()
    #expect(throws: Errno.badFileDescriptor) { _ = try number.descriptorFlags() }
    // release() gives up ownership without closing.
    do {
      let owned = try FileSystem.open("/dev/null", .readOnly)
      number = owned.release()
    }
    #expect(try number.descriptorFlags() == .closeOnExec)
    try OwnedFileDescriptor(adopting: number).close()
  }

  @Test func readIntoABadAddressIsEFAULT() throws {
    let pipe = try FileDescriptor.pipe()
    try pipe.writeEnd.descriptor.writeAll("data")
    let bogus = UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: 8), count: 4)
    #expect(throws: Errno.badAddress) { _ = try pipe.readEnd.descriptor.read(into: bogus) }
    #expect(throws: Errno.isDirectory) {
      let directory = try FileSystem.open("/", .readOnly)
      _ = try [UInt8].reading(1) { try directory.descriptor.read(into: $0) }
    }
  }

  /// 64 MiB through `writeAll` into a one-page pipe drained by a slow
  /// child (small reads, pauses), with signals cutting writes short: the
  /// child's SHA-256 of what it read matches.
  @Test(.timeLimit(.minutes(1)))
  func writeAllDeliversSixtyFourMebibytesToASlowReader() throws {
    let total = 64 << 20
    let pipe = try FileDescriptor.pipe(closeOnExec: false)
    try pipe.writeEnd.descriptor.setPipeCapacity(4096)
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    child.arguments = ["-c", """
      import hashlib, os, time
      h = hashlib.sha256(); n = 0; reads = 0
      while True:
          b = os.read(0, 4096)
          if not b: break
          h.update(b); n += len(b); reads += 1
          if reads % 256 == 0: time.sleep(0.001)
      print(n, h.hexdigest())
      """]
    child.standardInput = FileHandle(fileDescriptor: pipe.readEnd.descriptor.rawValue, closeOnDealloc: false)
    let output = Pipe()
    child.standardOutput = output
    try child.run()
    try pipe.readEnd.close()
    // The payload, and its digest by the reference implementation.
    var payload = [UInt8](repeating: 0, count: total)
    payload.withUnsafeMutableBytes { fillPattern($0, offset: 0) }
    let digest = try sha256(payload)
    let alarm = try ThreadAlarm(intervalNanoseconds: 200_000)
    let before = interruptTestAlarms
    let writeEnd = pipe.writeEnd
    // One plain write is cut short (a signal arrives while it blocks)...
    let first: Int
    do { first = try payload.withUnsafeBytes { try writeEnd.descriptor.write($0) } } catch {
      alarm.stop()
      throw error
    }
    #expect(first < total)
    // ...and writeAll delivers the rest through every further short write.
    defer { alarm.stop() }
    try payload.withUnsafeBytes { try writeEnd.descriptor.writeAll(UnsafeRawBufferPointer(rebasing: $0[first...])) }
    alarm.stop()
    try writeEnd.close()
    let signals = interruptTestAlarms &- before
    alarm.stop()
    let result = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    #expect(child.terminationStatus == 0)
    #expect(result == "\(total) \(digest)\n")
    #expect(signals > 0)
  }
}

/// The SHA-256 of `bytes` in hexadecimal, by `sha256sum`.
func sha256(_ bytes: [UInt8]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
  let input = Pipe(), output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  try process.run()
  let writer = TestThread {
    input.fileHandleForWriting.write(Data(bytes))
    try? input.fileHandleForWriting.close()
  }
  let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  writer.join()
  process.waitUntilExit()
  return String(text.prefix(64))
}
