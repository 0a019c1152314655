import Linux

/// Standard output, buffered.
///
/// Output collects in a 4 KiB buffer and is written when the buffer is
/// full, when ``flush()`` is called, at ``Program/exit(_:)`` and at the end
/// of `main`. When standard output is a terminal the buffer is also written
/// at every newline, so interactive output appears line by line, as with C's
/// stdio. Embedded Swift's `print` reaches this buffer through `putchar`.
///
/// Single-threaded: the runtime has no threads yet.
///
/// With the `MinimalRuntime` trait there is no buffer: every write is a
/// `write` system call (the smallest code, for the smallest programs).
///
/// Implementation notes: the buffer is a global `InlineArray`, statically
/// zero-initialized (it lands in `.bss`: no heap, no initializer call), so
/// the first `print` costs no setup beyond one `ioctl` at the first newline
/// to learn whether output is a terminal.
public enum StandardOutput {
  /// Capacity of the buffer in bytes.
  public static var capacity: Int { 4096 }

  /// Appends one byte.
  @inline(never)
  public static func write(byte: UInt8) {
    #if MinimalRuntime
    var byte = byte
    withUnsafeBytes(of: &byte) { writeDirectly($0) }
    #else
    var count = outputCount
    if count == capacity {
      flush()
      count = 0
    }
    withUnsafeMutablePointer(to: &outputStorage) { storage in
      UnsafeMutableRawPointer(storage).storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
    }
    outputCount = count &+ 1
    if byte == 10 && lineBuffered { flush() }
    #endif
  }

  /// Appends `bytes`. Large writes bypass the buffer once it is flushed.
  public static func write(_ bytes: UnsafeRawBufferPointer) {
    #if MinimalRuntime
    writeDirectly(bytes)
    #else
    guard !bytes.isEmpty else { return }
    if bytes.count > capacity - outputCount {
      flush()
      if bytes.count >= capacity {
        writeDirectly(bytes)
        return
      }
    }
    withUnsafeMutablePointer(to: &outputStorage) { storage in
      MemoryFunctions.copyNarrow(
        to: UnsafeMutableRawPointer(storage) + outputCount, from: bytes.baseAddress!, count: bytes.count)
    }
    outputCount += bytes.count
    if lineBuffered && MemoryFunctions.containsNewline(bytes) { flush() }
    #endif
  }

  /// Writes `bytes` straight to descriptor 1, remembering a failure.
  static func writeDirectly(_ bytes: UnsafeRawBufferPointer) {
    do throws(Errno) {
      try FileDescriptor.standardOutput.writeAll(bytes)
    } catch {
      record(error)
    }
  }

  /// Appends the bytes of a static string.
  @inlinable
  public static func write(_ string: StaticString) {
    write(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 bytes of `string`.
  public static func write(string: String) {
    var string = string
    string.withUTF8 { write(UnsafeRawBufferPointer($0)) }
  }

  /// Writes out what the buffer holds. A failed write is remembered in
  /// ``lastError`` and the buffered bytes are dropped (they cannot be
  /// delivered); the runtime reports it at exit.
  public static func flush() {
    #if !MinimalRuntime
    let count = outputCount
    guard count > 0 else { return }
    outputCount = 0
    let failure: Errno? = withUnsafeMutablePointer(to: &outputStorage) { storage in
      do throws(Errno) {
        try FileDescriptor.standardOutput.writeAll(UnsafeRawBufferPointer(start: storage, count: count))
        return nil
      } catch {
        return error
      }
    }
    if let failure { record(failure) }
    #endif
  }

  /// The first error a write to standard output failed with, if any.
  public static var lastError: Errno? { outputError == 0 ? nil : Errno(rawValue: outputError) }

  static func record(_ error: Errno) {
    if outputError == 0 { outputError = error.rawValue }
  }

  /// Whether a newline flushes: true when standard output is a terminal.
  /// Asked of the kernel once.
  static var lineBuffered: Bool {
    @inline(__always) get {
      if outputMode == 0 { outputMode = FileDescriptor.standardOutput.isTerminal ? 1 : 2 }
      return outputMode == 1
    }
  }
}

/// Standard error: unbuffered, as in C, so that every message is out before
/// the next thing can go wrong.
public enum StandardError {
  /// Writes `bytes` completely; errors are ignored (there is nowhere left to
  /// report them).
  public static func write(_ bytes: UnsafeRawBufferPointer) {
    try? FileDescriptor.standardError.writeAll(bytes)
  }

  /// Writes the bytes of a static string.
  public static func write(_ string: StaticString) {
    write(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
  }

  /// Writes the UTF-8 bytes of `string`.
  public static func write(string: String) {
    var string = string
    string.withUTF8 { write(UnsafeRawBufferPointer($0)) }
  }
}

/// Standard input, unbuffered.
public enum StandardInput {
  /// Reads up to `buffer.count` bytes; 0 means end of input.
  ///
  /// The corresponding system call is `read(2)`.
  public static func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    try FileDescriptor.standardInput.read(into: buffer)
  }
}

/// Prints `string` and a newline to standard error, like `print` does to
/// standard output.
public func printError(_ string: String) {
  var line = string
  line.append("\n")
  StandardError.write(string: line)
}

/// Prints a static string and a newline to standard error, without
/// allocating.
public func printError(_ string: StaticString) {
  StandardError.write(string)
  StandardError.write("\n")
}

nonisolated(unsafe) var outputStorage = InlineArray<4096, UInt8>(repeating: 0)
nonisolated(unsafe) var outputCount = 0
/// 0: not yet known; 1: terminal (line buffered); 2: fully buffered.
nonisolated(unsafe) var outputMode: UInt8 = 0
nonisolated(unsafe) var outputError: Int32 = 0
