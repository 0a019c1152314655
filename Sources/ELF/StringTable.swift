/// A string table (gABI, "String Table"): NUL-terminated strings addressed
/// by byte offset, as a view of the file's bytes.
public struct StringTable: @unchecked Sendable {
  /// The bytes of the table.
  public let bytes: UnsafeRawBufferPointer

  /// Wraps the bytes of a string table.
  public init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  /// The string starting at `offset`, without its NUL, as bytes of the
  /// table.
  ///
  /// Errors: ``ELFError/indexOutOfRange(_:)`` if `offset` is not inside the
  /// table; ``ELFError/stringNotTerminated`` if no NUL follows before the
  /// end of the table.
  public func string(at offset: UInt64) throws(ELFError) -> UnsafeRawBufferPointer {
    guard offset < UInt64(bytes.count) else { throw .indexOutOfRange(.stringTable) }
    let start = Int(offset)
    var end = start
    while end < bytes.count {
      if bytes[end] == 0 { return UnsafeRawBufferPointer(rebasing: bytes[start..<end]) }
      end += 1
    }
    throw .stringNotTerminated
  }
}
