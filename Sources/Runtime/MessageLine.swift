import Linux

/// A line of at most 256 bytes built on the stack and written to standard
/// error with one `write`, so that a diagnostic arrives whole even from a
/// signal handler and costs no heap. Text beyond the capacity is dropped.
public struct MessageLine: ~Copyable {
  private var storage = InlineArray<256, UInt8>(repeating: 0)
  private var count = 0

  /// An empty line.
  public init() {}

  /// Appends raw bytes.
  @inline(never) @_optimize(size)
  public mutating func append(_ bytes: UnsafeRawBufferPointer) {
    let room = min(bytes.count, 256 - count)
    guard room > 0 else { return }
    let start = count
    withUnsafeMutablePointer(to: &storage) { pointer in
      MemoryFunctions.copyNarrow(to: UnsafeMutableRawPointer(pointer) + start, from: bytes.baseAddress!, count: room)
    }
    count += room
  }

  /// Appends the bytes of a static string.
  @inline(never) @_optimize(size)
  public mutating func append(_ string: StaticString) {
    append(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
  }

  /// Appends `value` in lowercase hexadecimal, without a prefix.
  @inline(never) @_optimize(size)
  public mutating func appendHex(_ value: UInt) {
    var digits: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &digits) { buffer in
      let length = DecimalFormatting.writeHex(value, into: buffer)
      append(UnsafeRawBufferPointer(rebasing: buffer[..<length]))
    }
  }

  /// Appends `value` in decimal.
  @inline(never) @_optimize(size)
  public mutating func appendDecimal(_ value: Int) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { buffer in
      let length = DecimalFormatting.write(value, into: buffer)
      append(UnsafeRawBufferPointer(rebasing: buffer[..<length]))
    }
  }

  /// Writes the line (the caller includes the newline) to standard error.
  @inline(never) @_optimize(size)
  public consuming func write() {
    let length = count
    withUnsafeMutablePointer(to: &storage) { pointer in
      StandardError.write(UnsafeRawBufferPointer(start: pointer, count: length))
    }
  }

  /// Writes `PROGRAM: SUBJECT: MESSAGE` to standard error, the shape of GNU
  /// tools' diagnostics (`cat: x: No such file or directory`); without a
  /// subject, `PROGRAM: MESSAGE`.
  public static func report(_ program: StaticString, _ subject: UnsafeRawBufferPointer?, _ error: Errno) {
    var line = MessageLine()
    line.append(program)
    line.append(": ")
    if let subject {
      line.append(subject)
      line.append(": ")
    }
    error.withMessage { line.append($0) }
    line.append("\n")
    line.write()
  }

  /// ``report(_:_:_:)`` with a static subject.
  public static func report(_ program: StaticString, _ subject: StaticString, _ error: Errno) {
    report(program, UnsafeRawBufferPointer(start: subject.utf8Start, count: subject.utf8CodeUnitCount), error)
  }
}
