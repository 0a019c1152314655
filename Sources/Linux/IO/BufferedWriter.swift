/// Output to a file descriptor, collected in a buffer and written with as
/// few `write(2)` calls as possible, with formatted integers and padded text
/// written straight into the buffer (no heap, no `String`).
///
/// ```swift
/// var out = BufferedWriter(.standardOutput)
/// try out.write(address, format: .hex(width: 16, padding: .zero))
/// try out.write(byte: 0x20)
/// try out.write(size, format: .decimal(width: 8))
/// try out.write("  ")
/// try out.write(name, width: 20, alignment: .left)
/// try out.write(byte: 0x0A)
/// try out.flush()
/// ```
///
/// The buffer is written when it is full and when ``flush()`` is called.
/// Writes larger than the buffer go straight to the descriptor after what is
/// buffered. Short writes are continued, `EINTR` is retried unless
/// `retryOnInterrupt` is false.
///
/// ## Flushing at exit
///
/// The runtime's `Program.exit` flushes `StandardOutput` only; it does not
/// know about writers. A writer is flushed by its owner: call ``flush()`` (or
/// ``finish()``) before exiting or returning. The writer cannot be copied,
/// and when it goes out of scope its `deinit` writes what is still buffered
/// — but an error there is lost (a `deinit` cannot throw), and a process
/// that ends with `exit_group` runs no `deinit`. Call ``flush()`` to see the
/// error.
///
/// ## Errors
///
/// A failed flush throws and keeps the bytes the kernel did not take at the
/// front of the buffer, so calling ``flush()`` again continues where it
/// stopped (after `EAGAIN` on a non-blocking descriptor, for example);
/// ``discardBuffered()`` drops them instead. A write that throws has not
/// added its bytes.
///
/// ## Text width
///
/// Widths count bytes, not characters or grapheme clusters: `"é"` is two
/// bytes of UTF-8 and fills two columns of a `width`. Pad ASCII, or measure
/// the text yourself.
///
/// Implementation notes: the storage is either allocated once by
/// ``init(_:capacity:retryOnInterrupt:)`` (through the runtime's allocator
/// in freestanding programs) or lent by the caller with
/// ``init(_:buffer:retryOnInterrupt:)``; nothing is allocated afterwards.
/// The fast paths (`write(byte:)`, short byte runs, integers that fit) are
/// inlinable: a bounds check, stores, and a count update; flushing is out of
/// line.
@frozen
public struct BufferedWriter: ~Copyable {
  /// The descriptor written to (not owned: the writer never closes it).
  public let descriptor: FileDescriptor
  /// Whether `write(2)` is retried after `EINTR`.
  public let retryOnInterrupt: Bool
  @usableFromInline let storage: UnsafeMutableRawPointer
  /// The buffer's size in bytes.
  public let capacity: Int
  @usableFromInline var count: Int
  @usableFromInline let ownsStorage: Bool

  /// The smallest buffer a writer accepts: room for any formatted integer.
  public static var minimumCapacity: Int { 256 }

  /// A writer with its own buffer of `capacity` bytes, allocated once.
  public init(_ descriptor: FileDescriptor, capacity: Int = 4096, retryOnInterrupt: Bool = true) {
    precondition(capacity >= BufferedWriter.minimumCapacity, "BufferedWriter capacity below 256 bytes")
    self.descriptor = descriptor
    self.retryOnInterrupt = retryOnInterrupt
    self.storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    self.capacity = capacity
    self.count = 0
    self.ownsStorage = true
  }

  /// A writer over memory the caller provides (a global, a stack buffer):
  /// no allocation at all. `buffer` must outlive the writer and hold at
  /// least ``minimumCapacity`` bytes.
  public init(_ descriptor: FileDescriptor, buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true) {
    precondition(buffer.count >= BufferedWriter.minimumCapacity, "BufferedWriter capacity below 256 bytes")
    self.descriptor = descriptor
    self.retryOnInterrupt = retryOnInterrupt
    self.storage = buffer.baseAddress!
    self.capacity = buffer.count
    self.count = 0
    self.ownsStorage = false
  }

  deinit {
    _ = BufferedWriter.drain(descriptor, storage, count, retryOnInterrupt)
    if ownsStorage { storage.deallocate() }
  }

  /// The number of bytes written to the writer and not yet to the descriptor.
  @inlinable
  public var bufferedByteCount: Int { count }

  // MARK: Flushing

  /// Writes everything buffered to the descriptor.
  ///
  /// On error the unwritten bytes stay buffered (see "Errors" above).
  ///
  /// The corresponding system call is `write(2)`, as often as needed.
  @inline(never)
  public mutating func flush() throws(Errno) {
    guard count > 0 else { return }
    let written = BufferedWriter.drain(descriptor, storage, count, retryOnInterrupt)
    if let error = written.error {
      let rest = count &- written.count
      if written.count > 0 { storage.copyMemory(from: storage + written.count, byteCount: rest) }
      count = rest
      throw error
    }
    count = 0
  }

  /// Flushes, then gives up the writer (releasing its own buffer) so that
  /// the `deinit` has nothing left to do. The way to end a writer and learn
  /// whether its output arrived.
  public consuming func finish() throws(Errno) {
    let result = BufferedWriter.drain(descriptor, storage, count, retryOnInterrupt)
    let storage = self.storage
    let owned = ownsStorage
    discard self
    if owned { storage.deallocate() }
    if let error = result.error { throw error }
  }

  /// Drops whatever is buffered without writing it.
  @inlinable
  public mutating func discardBuffered() { count = 0 }

  /// Writes `count` bytes at `storage`, continuing after short writes;
  /// returns how many were written and the error that stopped it, if any.
  @usableFromInline
  static func drain(
    _ descriptor: FileDescriptor, _ storage: UnsafeMutableRawPointer, _ count: Int, _ retry: Bool
  ) -> (count: Int, error: Errno?) {
    var done = 0
    while done < count {
      do throws(Errno) {
        done &+= try descriptor.write(
          UnsafeRawBufferPointer(start: storage + done, count: count &- done), retryOnInterrupt: retry)
      } catch {
        return (done, error)
      }
    }
    return (done, nil)
  }

  // MARK: Bytes and text

  /// Appends one byte.
  @inlinable
  public mutating func write(byte: UInt8) throws(Errno) {
    if _slowPath(count == capacity) { try flush() }
    storage.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
    count &+= 1
  }

  /// Appends `bytes`. When they do not fit, the buffer is flushed first; if
  /// they are at least as large as the buffer, they are written directly.
  @inlinable @inline(__always)
  public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
    let n = bytes.count
    if _fastPath(n <= capacity &- count) {
      if n > 0 { Formatting.copy(to: storage + count, from: bytes.baseAddress.unsafelyUnwrapped, count: n) }
      count &+= n
      return
    }
    try writeLarge(bytes)
  }

  @usableFromInline @inline(never)
  mutating func writeLarge(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
    try flush()
    if bytes.count >= capacity {
      let written = BufferedWriter.drain(
        descriptor, UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count, retryOnInterrupt)
      if let error = written.error { throw error }
      return
    }
    (storage + count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    count &+= bytes.count
  }

  /// Appends the bytes of a static string.
  @inlinable
  public mutating func write(_ string: StaticString) throws(Errno) {
    try write(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
  }

  /// Appends the UTF-8 bytes of `string`. (Disfavored so that a literal
  /// takes the `StaticString` overload and builds no `String`.)
  @_disfavoredOverload
  public mutating func write(_ string: String) throws(Errno) {
    var string = string
    var failure: Errno? = nil
    string.withUTF8 { utf8 in
      do throws(Errno) { try write(UnsafeRawBufferPointer(utf8)) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Appends `byte` `count` times.
  public mutating func write(repeating byte: UInt8, count total: Int) throws(Errno) {
    var remaining = total
    while remaining > 0 {
      if count == capacity { try flush() }
      let chunk = min(remaining, capacity &- count)
      (storage + count).initializeMemory(as: UInt8.self, repeating: byte, count: chunk)
      count &+= chunk
      remaining &-= chunk
    }
  }

  /// Appends `bytes` padded with spaces to `width` bytes (`%10s`, `%-10s`).
  /// Text longer than `width` is written whole. Width counts bytes.
  @inlinable @inline(__always)
  public mutating func write(
    _ bytes: UnsafeRawBufferPointer, width: Int, alignment: FieldAlignment = .right
  ) throws(Errno) {
    let pad = width &- bytes.count
    if pad <= 0 { return try write(bytes) }
    if _fastPath(width <= capacity &- count) {
      let p = storage + count
      if alignment == .right {
        Formatting.fill(p, with: 32, count: pad)
        if !bytes.isEmpty { Formatting.copy(to: p + pad, from: bytes.baseAddress.unsafelyUnwrapped, count: bytes.count) }
      } else {
        if !bytes.isEmpty { Formatting.copy(to: p, from: bytes.baseAddress.unsafelyUnwrapped, count: bytes.count) }
        Formatting.fill(p + bytes.count, with: 32, count: pad)
      }
      count &+= width
      return
    }
    if alignment == .right { try write(repeating: 32, count: pad) }
    try write(bytes)
    if alignment == .left { try write(repeating: 32, count: pad) }
  }

  /// Appends a static string padded with spaces to `width` bytes.
  @inlinable @inline(__always)
  public mutating func write(_ string: StaticString, width: Int, alignment: FieldAlignment = .right) throws(Errno) {
    try write(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount), width: width, alignment: alignment)
  }

  /// Appends the UTF-8 bytes of `string` padded with spaces to `width`
  /// bytes (bytes, not grapheme clusters).
  @_disfavoredOverload
  public mutating func write(_ string: String, width: Int, alignment: FieldAlignment = .right) throws(Errno) {
    var string = string
    var failure: Errno? = nil
    string.withUTF8 { utf8 in
      do throws(Errno) { try write(UnsafeRawBufferPointer(utf8), width: width, alignment: alignment) } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  // MARK: Integers

  /// Appends `value` as `format` says (decimal with no padding by default).
  /// See ``IntegerFormat`` for the rules.
  @inlinable @inline(__always)
  public mutating func write<T: FixedWidthInteger>(_ value: T, format: IntegerFormat = .decimal()) throws(Errno) {
    let negative = T.isSigned && value < 0
    if T.bitWidth <= 64 {
      try write(magnitude: UInt64(truncatingIfNeeded: value.magnitude), negative: negative, format: format)
    } else {
      try writeWide(value, format: format)
    }
  }

  /// Appends an integer given as a 64-bit magnitude and a sign: the
  /// non-generic core of ``write(_:format:)``.
  @inlinable @inline(__always)
  public mutating func write(magnitude: UInt64, negative: Bool, format: IntegerFormat) throws(Errno) {
    let digits = Formatting.digitCount(magnitude, radix: format.radix)
    let length = digits &+ (negative ? 1 : 0) &+ format.prefixLength
    let field = length > format.width ? length : format.width
    if _slowPath(field > capacity &- count) {
      try flush()
      if field > capacity {
        return try writePadded(magnitude, digits: digits, negative: negative, format: format, length: length)
      }
    }
    Formatting.writeField(
      magnitude, digits: digits, negative: negative, format: format, field: field, into: storage + count)
    count &+= field
  }

  /// A field wider than the whole buffer: the padding goes in pieces.
  @usableFromInline @inline(never)
  mutating func writePadded(
    _ magnitude: UInt64, digits: Int, negative: Bool, format: IntegerFormat, length: Int
  ) throws(Errno) {
    let pad = format.width &- length
    var content = format
    content.width = 0
    let zeros = format.alignment == .right && format.padding == .zero
    if format.alignment == .right && !zeros { try write(repeating: 32, count: pad) }
    if zeros {
      // Sign and prefix, then the zeros, then the digits.
      if negative { try write(byte: 45) }
      if format.prefix { try write(prefixOf: format) }
      try write(repeating: 48, count: pad)
      content.prefix = false
      return try write(magnitude: magnitude, negative: false, format: content)
    }
    try write(magnitude: magnitude, negative: negative, format: content)
    if format.alignment == .left { try write(repeating: 32, count: pad) }
  }

  /// Integers wider than 64 bits: formatted on the stack, then copied.
  @usableFromInline
  mutating func writeWide<T: FixedWidthInteger>(_ value: T, format: IntegerFormat) throws(Errno) {
    let field = Formatting.length(of: value, format: format)
    if field > Formatting.maximumIntegerLength {
      // Only width padding can make a field this long: pad around the
      // unpadded content.
      var content = format
      content.width = 0
      content.alignment = .right
      let zeros = format.alignment == .right && format.padding == .zero
      if zeros {
        if T.isSigned && value < 0 { try write(byte: 45) }
        if format.prefix { try write(prefixOf: format) }
        try write(repeating: 48, count: field &- Formatting.length(of: value, format: content))
        content.prefix = false
        return try writeWideContent(value.magnitude, format: content)
      }
      let pad = field &- Formatting.length(of: value, format: content)
      if format.alignment == .right { try write(repeating: 32, count: pad) }
      try writeWideContent(value, format: content)
      if format.alignment == .left { try write(repeating: 32, count: pad) }
      return
    }
    try writeWideContent(value, format: format)
  }

  @usableFromInline
  mutating func writeWideContent<T: FixedWidthInteger>(_ value: T, format: IntegerFormat) throws(Errno) {
    var scratch = InlineArray<136, UInt8>(repeating: 0)
    var failure: Errno? = nil
    withUnsafeMutableBytes(of: &scratch) { raw in
      let n = Formatting.write(value, format: format, into: raw)
      do throws(Errno) { try write(UnsafeRawBufferPointer(rebasing: raw[..<n])) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  @usableFromInline
  mutating func write(prefixOf format: IntegerFormat) throws(Errno) {
    switch format.radix {
    case .decimal: break
    case .octal: try write(byte: 48)
    case .hexadecimal: try write(format.uppercase ? "0X" : "0x")
    case .binary: try write("0b")
    }
  }
}
