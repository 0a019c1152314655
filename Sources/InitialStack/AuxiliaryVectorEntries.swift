/// An auxiliary vector in bytes: key/value word pairs ending in `AT_NULL`,
/// the format of `/proc/<pid>/auxv` and of the auxiliary vector in an
/// initial stack.
///
/// A view: the entries are read from the bytes on each iteration and
/// nothing is copied. Iterating gives every entry before `AT_NULL`,
/// unknown keys included (only `AT_NULL` ends the vector, as in glibc's
/// `_dl_parse_auxv`). Values are never dereferenced.
///
/// The bytes must stay valid while the view is used (the same rule as
/// `UnsafeRawBufferPointer`).
public struct AuxiliaryVectorEntries: Sequence, @unchecked Sendable {
  /// The bytes of the entries, `AT_NULL` included.
  public let bytes: UnsafeRawBufferPointer
  /// The word size of keys and values.
  public let wordSize: WordSize
  /// The number of entries before `AT_NULL`.
  public let count: Int

  /// Validates an auxiliary vector: word pairs up to an `AT_NULL` key.
  ///
  /// Bytes after the `AT_NULL` entry are ignored. A buffer that ends
  /// before an `AT_NULL` entry is
  /// ``InitialStackError/missingTerminator(_:)``. The buffer needs no
  /// alignment.
  public init(validating bytes: UnsafeRawBufferPointer, wordSize: WordSize) throws(InitialStackError) {
    let pair = 2 * wordSize.byteCount
    var offset = 0
    var count = 0
    while true {
      guard bytes.count - offset >= pair else { throw .missingTerminator(.auxiliaryVector) }
      if wordSize.load(from: bytes, at: offset) == 0 { break }
      offset += pair
      count += 1
    }
    self.bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<(offset + pair)])
    self.wordSize = wordSize
    self.count = count
  }

  /// The value of the first entry with `key`, or nil.
  public subscript(key: AuxiliaryVectorKey) -> UInt? {
    for entry in self where entry.key == key { return entry.value }
    return nil
  }

  /// Reads the entries in order.
  public struct Iterator: IteratorProtocol {
    let entries: AuxiliaryVectorEntries
    var index = 0

    public mutating func next() -> AuxiliaryVectorEntry? {
      guard index < entries.count else { return nil }
      let w = entries.wordSize.byteCount
      let offset = index * 2 * w
      index += 1
      return AuxiliaryVectorEntry(
        key: AuxiliaryVectorKey(rawValue: entries.wordSize.load(from: entries.bytes, at: offset)),
        value: entries.wordSize.load(from: entries.bytes, at: offset + w))
    }
  }

  public func makeIterator() -> Iterator { Iterator(entries: self) }

  public var underestimatedCount: Int { count }

  // MARK: Serializing

  /// The number of bytes `count` entries take with their `AT_NULL`.
  public static func encodedSize(count: Int, wordSize: WordSize) -> Int {
    (count + 1) * 2 * wordSize.byteCount
  }

  /// Writes `entries` and an `AT_NULL` entry at the start of `buffer`, as
  /// `/proc/<pid>/auxv` holds them, and returns the number of bytes
  /// written. Never allocates.
  ///
  /// An `AT_NULL` entry among `entries` is written as given; a reader
  /// stops there.
  @discardableResult
  public static func encode(
    _ entries: [AuxiliaryVectorEntry], wordSize: WordSize, into buffer: UnsafeMutableRawBufferPointer
  ) throws(InitialStackError) -> Int {
    let size = encodedSize(count: entries.count, wordSize: wordSize)
    guard buffer.count >= size else { throw .bufferTooSmall(required: size, available: buffer.count) }
    for entry in entries {
      guard entry.key.rawValue <= wordSize.maximumValue, entry.value <= wordSize.maximumValue else {
        throw .valueTooLarge(key: entry.key, value: entry.value)
      }
    }
    let w = wordSize.byteCount
    var offset = 0
    for entry in entries {
      wordSize.store(entry.key.rawValue, to: buffer, at: offset)
      wordSize.store(entry.value, to: buffer, at: offset + w)
      offset += 2 * w
    }
    wordSize.store(0, to: buffer, at: offset)
    wordSize.store(0, to: buffer, at: offset + w)
    return size
  }
}
