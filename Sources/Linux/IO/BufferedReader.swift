/// Input from a file descriptor, read in large chunks and handed out as
/// lines, delimited records, bytes or chunks, without copying where it can.
///
/// ```swift
/// var input = BufferedReader(.standardInput)
/// while try input.readLine({ line throws(Errno) in try out.write(line) }) != nil {}
/// ```
///
/// Records are delivered to a closure as an `UnsafeRawBufferPointer` that
/// points into the reader's buffer and is valid only during the call.
///
/// ## Records longer than the buffer
///
/// Two policies, chosen by the call:
/// - ``read(upTo:includingDelimiter:_:)`` and ``readLine(includingNewline:_:)``
///   deliver each record whole, in one piece. A reader that owns its buffer
///   grows it (doubling) up to `maximumRecordLength`; a record longer than
///   that, or than a caller-provided buffer, throws `Errno.noBufferSpace`
///   (`ENOBUFS`) and leaves the reader positioned at the start of that record
///   (use the segmented call to get past it).
/// - ``readSegments(upTo:includingDelimiter:_:)`` never grows: it delivers a
///   record in as many pieces as it takes (each piece once), for records of
///   any length.
///
/// ## End of file and errors
///
/// A final record without a delimiter is delivered as a record (without
/// delimiter). After it the record calls return nil. End of file is not
/// sticky: each call that runs out of buffered data asks the kernel again,
/// so a terminal can deliver more input after a Ctrl-D. Errors are thrown
/// as `Errno`; the buffered data stays, and the next call continues where
/// the failed one stopped. `EINTR` is retried unless `retryOnInterrupt` is
/// false, in which case it is thrown like any other error.
///
/// Implementation notes: unread data sits at `storage[start..<end]`. A
/// refill moves it to the front (a short `memmove` at most once per buffer
/// of input) and reads into the rest, so a record is always contiguous.
@frozen
public struct BufferedReader: ~Copyable {
  /// The descriptor read from (not owned: the reader never closes it).
  public let descriptor: FileDescriptor
  /// Whether `read(2)` is retried after `EINTR`.
  public let retryOnInterrupt: Bool
  /// The longest record the whole-record calls can grow the buffer for.
  public let maximumRecordLength: Int
  @usableFromInline var storage: UnsafeMutableRawPointer
  @usableFromInline var capacity: Int
  @usableFromInline var start: Int
  @usableFromInline var end: Int
  @usableFromInline let ownsStorage: Bool

  /// A reader with its own buffer of `capacity` bytes (allocated once; it
  /// grows only for a record longer than the buffer, up to
  /// `maximumRecordLength`).
  public init(
    _ descriptor: FileDescriptor, capacity: Int = 4096, maximumRecordLength: Int = 1 << 20,
    retryOnInterrupt: Bool = true
  ) {
    precondition(capacity > 0, "BufferedReader capacity must be positive")
    self.descriptor = descriptor
    self.retryOnInterrupt = retryOnInterrupt
    self.maximumRecordLength = max(maximumRecordLength, capacity)
    self.storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    self.capacity = capacity
    self.start = 0
    self.end = 0
    self.ownsStorage = true
  }

  /// A reader over memory the caller provides: no allocation, no growth.
  /// `buffer` must outlive the reader.
  public init(_ descriptor: FileDescriptor, buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true) {
    precondition(buffer.count > 0, "BufferedReader capacity must be positive")
    self.descriptor = descriptor
    self.retryOnInterrupt = retryOnInterrupt
    self.maximumRecordLength = buffer.count
    self.storage = buffer.baseAddress!
    self.capacity = buffer.count
    self.start = 0
    self.end = 0
    self.ownsStorage = false
  }

  deinit {
    if ownsStorage { storage.deallocate() }
  }

  /// The number of bytes read from the descriptor and not yet handed out.
  @inlinable
  public var bufferedByteCount: Int { end &- start }

  /// The size of the buffer now (it may have grown).
  public var bufferCapacity: Int { capacity }

  /// Moves unread data to the front and reads once into the free space;
  /// returns the number of bytes read (0 at end of file).
  @usableFromInline @inline(never)
  mutating func fill() throws(Errno) -> Int {
    if start > 0 {
      let unread = end &- start
      if unread > 0 { storage.copyMemory(from: storage + start, byteCount: unread) }
      start = 0
      end = unread
    }
    if end == capacity { return 0 }  // callers grow or deliver first
    let n = try descriptor.read(
      into: UnsafeMutableRawBufferPointer(start: storage + end, count: capacity &- end),
      retryOnInterrupt: retryOnInterrupt)
    end &+= n
    return n
  }

  /// Doubles the buffer (owned storage only), up to `maximumRecordLength`.
  mutating func grow() -> Bool {
    guard ownsStorage && capacity < maximumRecordLength else { return false }
    let newCapacity = min(capacity &* 2, maximumRecordLength)
    let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
    let unread = end &- start
    if unread > 0 { newStorage.copyMemory(from: storage + start, byteCount: unread) }
    storage.deallocate()
    storage = newStorage
    capacity = newCapacity
    start = 0
    end = unread
    return true
  }

  /// The offset of the first `delimiter` in `storage[from..<end]`, or nil.
  @inlinable
  func find(_ delimiter: UInt8, from: Int) -> Int? {
    var i = from
    while i < end {
      if storage.load(fromByteOffset: i, as: UInt8.self) == delimiter { return i }
      i &+= 1
    }
    return nil
  }

  // MARK: Bytes and chunks

  /// Reads up to `buffer.count` bytes: first what is buffered; when nothing
  /// is, a request at least as large as the buffer reads directly into
  /// `buffer`, a smaller one refills the buffer. Returns 0 at end of file.
  ///
  /// The corresponding system call is `read(2)`.
  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
    guard !buffer.isEmpty else { return 0 }
    if start == end {
      if buffer.count >= capacity {
        return try descriptor.read(into: buffer, retryOnInterrupt: retryOnInterrupt)
      }
      if try fill() == 0 { return 0 }
    }
    let n = min(buffer.count, end &- start)
    buffer.baseAddress!.copyMemory(from: storage + start, byteCount: n)
    start &+= n
    return n
  }

  /// The next byte, or nil at end of file.
  @inlinable
  public mutating func readByte() throws(Errno) -> UInt8? {
    if _slowPath(start == end) {
      if try fill() == 0 { return nil }
    }
    let byte = storage.load(fromByteOffset: start, as: UInt8.self)
    start &+= 1
    return byte
  }

  /// Hands everything buffered (reading once if nothing is) to `body` and
  /// consumes it; nil at end of file. The chunk is at most the buffer's size.
  public mutating func readChunk<R>(_ body: (UnsafeRawBufferPointer) throws(Errno) -> R) throws(Errno) -> R? {
    if start == end {
      if try fill() == 0 { return nil }
    }
    let chunk = UnsafeRawBufferPointer(start: storage + start, count: end &- start)
    start = end
    return try body(chunk)
  }

  // MARK: Records

  /// Reads up to the next `delimiter` and hands the record, whole, to
  /// `body`; nil at end of file. The delimiter is included when
  /// `includingDelimiter` is true. A final record without delimiter is
  /// delivered as it is. See "Records longer than the buffer".
  public mutating func read<R>(
    upTo delimiter: UInt8, includingDelimiter: Bool = false,
    _ body: (UnsafeRawBufferPointer) throws(Errno) -> R
  ) throws(Errno) -> R? {
    var scanned = start
    while true {
      if let found = find(delimiter, from: scanned) {
        let record = UnsafeRawBufferPointer(
          start: storage + start, count: found &- start &+ (includingDelimiter ? 1 : 0))
        start = found &+ 1
        return try body(record)
      }
      scanned = end &- start  // offset after the refill moves data to 0
      if start == 0 && end == capacity {
        guard grow() else { throw Errno.noBufferSpace }
        scanned = end
      }
      if try fill() == 0 {
        if start == end { return nil }
        let record = UnsafeRawBufferPointer(start: storage + start, count: end &- start)
        start = end
        return try body(record)
      }
    }
  }

  /// Reads the next line (up to `\n`) and hands it, whole, to `body`; nil at
  /// end of file. See ``read(upTo:includingDelimiter:_:)``.
  public mutating func readLine<R>(
    includingNewline: Bool = false, _ body: (UnsafeRawBufferPointer) throws(Errno) -> R
  ) throws(Errno) -> R? {
    try read(upTo: 10, includingDelimiter: includingNewline, body)
  }

  /// Reads up to the next `delimiter`, handing the record to `body` in
  /// pieces as they arrive (the buffer never grows; each byte is delivered
  /// once). `body` learns whether a piece ends the record. Returns false at
  /// end of file when no record was read.
  ///
  /// A record may be delivered as an empty final piece (the delimiter was
  /// the first byte of a refill, and `includingDelimiter` is false).
  public mutating func readSegments(
    upTo delimiter: UInt8, includingDelimiter: Bool = false,
    _ body: (_ piece: UnsafeRawBufferPointer, _ isLast: Bool) throws(Errno) -> Void
  ) throws(Errno) -> Bool {
    var started = false
    while true {
      if start == end {
        if try fill() == 0 {
          if started { try body(UnsafeRawBufferPointer(start: storage + start, count: 0), true) }
          return started
        }
      }
      started = true
      if let found = find(delimiter, from: start) {
        let piece = UnsafeRawBufferPointer(
          start: storage + start, count: found &- start &+ (includingDelimiter ? 1 : 0))
        start = found &+ 1
        try body(piece, true)
        return true
      }
      let piece = UnsafeRawBufferPointer(start: storage + start, count: end &- start)
      start = end
      try body(piece, false)
    }
  }
}
