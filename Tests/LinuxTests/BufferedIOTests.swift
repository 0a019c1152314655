import Foundation
import Glibc
import Linux
import Testing

/// Runs `body` with a descriptor of a new empty temporary file, then returns
/// the file's contents as text (the file is removed).
func withTemporaryFile(_ body: (FileDescriptor) throws -> Void) throws -> String {
  String(decoding: try withTemporaryFileBytes(body), as: UTF8.self)
}

func withTemporaryFileBytes(_ body: (FileDescriptor) throws -> Void) throws -> [UInt8] {
  var template = Array("/tmp/nolibc-buffered-XXXXXX".utf8CString)
  let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
  try #require(fd >= 0)
  let path = String(cString: template)
  defer {
    Glibc.close(fd)
    unlink(path)
  }
  try body(FileDescriptor(rawValue: fd))
  return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The size of the file open at `descriptor`.
func fileSize(_ descriptor: FileDescriptor) -> Int {
  var info = stat()
  fstat(descriptor.rawValue, &info)
  return Int(info.st_size)
}

/// A descriptor that reads `bytes` (a temporary file, rewound), passed to
/// `body`, then closed.
func withInput(_ bytes: [UInt8], _ body: (FileDescriptor) throws -> Void) throws {
  _ = try withTemporaryFileBytes { descriptor in
    try bytes.withUnsafeBytes { try descriptor.writeAll($0) }
    lseek(descriptor.rawValue, 0, SEEK_SET)
    try body(descriptor)
  }
}

/// All records of `input`, read whole with `read(upTo:)`.
func records(
  _ input: String, delimiter: UInt8 = 10, including: Bool = false, capacity: Int = 4096,
  maximum: Int = 1 << 20
) throws -> [String] {
  var result: [String] = []
  try withInput(Array(input.utf8)) { descriptor in
    var reader = BufferedReader(descriptor, capacity: capacity, maximumRecordLength: maximum)
    while let record = try reader.read(upTo: delimiter, includingDelimiter: including, { bytes throws(Errno) in
      String(decoding: bytes, as: UTF8.self)
    }) {
      result.append(record)
    }
  }
  return result
}

@Suite struct BufferedWriterTests {
  @Test func bytesStayBufferedUntilFlush() throws {
    let text = try withTemporaryFile { descriptor in
      var writer = BufferedWriter(descriptor)
      try writer.write("hello")
      try writer.write(byte: 0x2C)
      try writer.write(" world" as String)
      #expect(writer.bufferedByteCount == 12)
      #expect(fileSize(descriptor) == 0)
      try writer.flush()
      #expect(writer.bufferedByteCount == 0)
      #expect(fileSize(descriptor) == 12)
      try writer.write(byte: 10)
      try writer.finish()
    }
    #expect(text == "hello, world\n")
  }

  @Test func aFullBufferIsWrittenAndOrderIsKept() throws {
    var expected: [UInt8] = []
    let bytes = try withTemporaryFileBytes { descriptor in
      var storage = [UInt8](repeating: 0, count: 256)
      try storage.withUnsafeMutableBytes { buffer in
        var writer = BufferedWriter(descriptor, buffer: buffer)
        for i in 0..<300 {
          try writer.write(byte: UInt8(truncatingIfNeeded: i))
          expected.append(UInt8(truncatingIfNeeded: i))
        }
        #expect(fileSize(descriptor) == 256)
        #expect(writer.bufferedByteCount == 44)
        // Does not fit: flushes the 44, then is buffered.
        let middle = [UInt8](repeating: 0x61, count: 250)
        try middle.withUnsafeBytes { try writer.write($0) }
        expected += middle
        #expect(fileSize(descriptor) == 300)
        // As large as the buffer: bypasses it, after what is buffered.
        let large = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 3) }
        try large.withUnsafeBytes { try writer.write($0) }
        expected += large
        #expect(writer.bufferedByteCount == 0)
        #expect(fileSize(descriptor) == 1550)
        try writer.write(repeating: 0x2D, count: 700)
        expected += [UInt8](repeating: 0x2D, count: 700)
        try writer.finish()
      }
    }
    #expect(bytes == expected)
  }

  @Test func deinitFlushes() throws {
    let text = try withTemporaryFile { descriptor in
      do {
        var writer = BufferedWriter(descriptor, capacity: 1024)
        try writer.write("written by deinit")
      }
    }
    #expect(text == "written by deinit")
  }

  @Test func paddedText() throws {
    let text = try withTemporaryFile { descriptor in
      var writer = BufferedWriter(descriptor, capacity: 256)
      try writer.write("ab", width: 5)
      try writer.write(byte: 0x7C)
      try writer.write("ab", width: 5, alignment: .left)
      try writer.write(byte: 0x7C)
      try writer.write("toolong", width: 3)
      try writer.write(byte: 0x7C)
      try writer.write("é" as String, width: 4, alignment: .left)  // 2 bytes of UTF-8
      try writer.write(byte: 0x7C)
      try writer.write("x", width: 300, alignment: .left)  // wider than the buffer
      try writer.write(byte: 0x7C)
      try writer.finish()
    }
    #expect(text == "   ab|ab   |toolong|é  |x" + String(repeating: " ", count: 299) + "|")
    let printf = "ab".withCString { ab in "toolong".withCString { String(format: "%5s|%-5s|%3s|", ab, ab, $0) } }
    #expect(text.hasPrefix(printf))
  }

  @Test func readelfStyleColumns() throws {
    let symbols: [(UInt64, Int, String)] = [(0x401000, 38, "_start"), (0, 0, ""), (0xffff_ffff_ff60_0000, 4096, "vsyscall")]
    let text = try withTemporaryFile { descriptor in
      var out = BufferedWriter(descriptor)
      for (number, (value, size, name)) in symbols.enumerated() {
        try out.write(number, format: .decimal(width: 6))
        try out.write(": ")
        try out.write(value, format: .hex(width: 16, padding: .zero))
        try out.write(size, format: .decimal(width: 6))
        try out.write(byte: 0x20)
        try out.write(name, width: 10, alignment: .left)
        try out.write(byte: 0x7C)
        try out.write(byte: 0x0A)
      }
      try out.finish()
    }
    let expected = symbols.enumerated().map { number, symbol in
      symbol.2.withCString { String(format: "%6d: %016lx%6d %-10s|\n", number, symbol.0, symbol.1, $0) }
    }.joined()
    #expect(text == expected)
  }

  @Test func aFailedFlushKeepsTheBytesAndReportsTheError() throws {
    var writer = BufferedWriter(FileDescriptor(rawValue: 9999), capacity: 256)
    try writer.write("kept")
    #expect(throws: Errno.badFileDescriptor) { try writer.flush() }
    #expect(writer.bufferedByteCount == 4)
    #expect(throws: Errno.badFileDescriptor) { try writer.write(repeating: 0x20, count: 300) }
    writer.discardBuffered()
    #expect(writer.bufferedByteCount == 0)
    try writer.finish()  // nothing buffered: no write, no error
    var other = BufferedWriter(FileDescriptor(rawValue: 9999), capacity: 256)
    try other.write("lost")
    do throws(Errno) {
      try other.finish()
      Issue.record("finish did not throw")
    } catch {
      #expect(error == .badFileDescriptor)
    }
  }
}

@Suite struct BufferedReaderTests {
  @Test func linesWithAndWithoutFinalNewline() throws {
    #expect(try records("a\nbb\n\nccc") == ["a", "bb", "", "ccc"])
    #expect(try records("a\nbb\n\nccc\n") == ["a", "bb", "", "ccc"])
    #expect(try records("a\nbb\n", including: true) == ["a\n", "bb\n"])
    #expect(try records("a\nbb", including: true) == ["a\n", "bb"])
    #expect(try records("") == [])
    #expect(try records("\n") == [""])
  }

  @Test func otherDelimiters() throws {
    #expect(try records("x=1\0y=2\0", delimiter: 0) == ["x=1", "y=2"])
    #expect(try records("a,b,,c", delimiter: 0x2C) == ["a", "b", "", "c"])
  }

  @Test func manyLinesAcrossBufferBoundaries() throws {
    let lines = (0..<5000).map { String(repeating: "x", count: $0 % 97) + String($0) }
    let input = lines.joined(separator: "\n") + "\n"
    for capacity in [1, 7, 64, 4096] {
      #expect(try records(input, capacity: capacity) == lines)
    }
  }

  @Test func lineLongerThanTheBufferGrowsOwnedStorage() throws {
    let long = String(repeating: "L", count: 10_000)
    #expect(try records("a\n" + long + "\nb", capacity: 16) == ["a", long, "b"])
    #expect(throws: Errno.noBufferSpace) { try records("a\n" + long + "\nb", capacity: 16, maximum: 5000) }
  }

  @Test func callerProvidedBufferDoesNotGrowAndSegmentsDeliverLongLines() throws {
    let long = String(repeating: "0123456789", count: 100)
    let input = Array(("short\n" + long + "\n\nend").utf8)
    try withInput(input) { descriptor in
      var storage = [UInt8](repeating: 0, count: 64)
      try storage.withUnsafeMutableBytes { buffer in
        var reader = BufferedReader(descriptor, buffer: buffer)
        #expect(try reader.readLine { String(decoding: $0, as: UTF8.self) } == "short")
        // Too long for a whole-record call: the reader stays put ...
        #expect(throws: Errno.noBufferSpace) { try reader.readLine { $0.count } }
        // ... and the segmented call gets it in pieces.
        var pieces: [String] = []
        var lines: [String] = []
        while try reader.readSegments(upTo: 10, { piece, isLast throws(Errno) in
          pieces.append(String(decoding: piece, as: UTF8.self))
          if isLast {
            lines.append(pieces.joined())
            pieces = []
          }
        }) {}
        #expect(lines == [long, "", "end"])
      }
    }
  }

  @Test func bytesChunksAndDirectReads() throws {
    let input = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
    try withInput(input) { descriptor in
      var reader = BufferedReader(descriptor, capacity: 256)
      var got: [UInt8] = []
      for _ in 0..<10 { got.append(try #require(try reader.readByte())) }
      #expect(reader.bufferedByteCount == 246)
      var small = [UInt8](repeating: 0, count: 100)
      let n = try small.withUnsafeMutableBytes { try reader.read(into: $0) }
      #expect(n == 100)
      got += small
      if let chunk = try reader.readChunk({ Array($0) }) { got += chunk }
      #expect(reader.bufferedByteCount == 0)
      // Larger than the buffer and nothing buffered: straight into ours.
      var large = [UInt8](repeating: 0, count: 1000)
      let m = try large.withUnsafeMutableBytes { try reader.read(into: $0) }
      #expect(m == 1000)
      got += large
      while let chunk = try reader.readChunk({ Array($0) }) { got += chunk }
      #expect(try reader.readByte() == nil)
      #expect(got == input)
    }
  }

  @Test func errorsAreThrownAndBodiesMayThrow() throws {
    var reader = BufferedReader(FileDescriptor(rawValue: 9999))
    #expect(throws: Errno.badFileDescriptor) { try reader.readLine { _ in () } }
    #expect(throws: Errno.badFileDescriptor) { try reader.readByte() }
    try withInput(Array("one\ntwo\n".utf8)) { descriptor throws in
      var reader = BufferedReader(descriptor)
      #expect(throws: Errno.interrupted) {
        try reader.readLine { _ throws(Errno) in throw Errno.interrupted }
      }
      // The failed body consumed its line; the next one follows.
      #expect(try reader.readLine { String(decoding: $0, as: UTF8.self) } == "two")
    }
  }

  @Test func copyThroughReaderAndWriter() throws {
    let input = (0..<2000).map { "line \($0)\n" }.joined()
    let output = try withTemporaryFile { out in
      try withInput(Array(input.utf8)) { descriptor in
        var reader = BufferedReader(descriptor, capacity: 100)
        var writer = BufferedWriter(out, capacity: 300)
        while try reader.readLine(includingNewline: true, { line throws(Errno) in try writer.write(line) }) != nil {}
        try writer.finish()
      }
    }
    #expect(output == input)
  }
}
