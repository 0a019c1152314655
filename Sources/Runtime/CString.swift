/// A NUL-terminated byte string that lives for the whole run of the
/// process, such as an argument or an environment entry on the initial
/// stack: a borrowed view, never a copy.
///
/// The bytes need not be UTF-8: ``bytes`` gives them exactly; ``string``
/// decodes them, repairing invalid sequences with U+FFFD.
@frozen
public struct CString: @unchecked Sendable {
  /// The first byte. The string ends at the first NUL byte.
  public let pointer: UnsafePointer<UInt8>

  /// A view of the NUL-terminated bytes at `pointer`, which must stay valid
  /// and unchanged while the view is used.
  @_transparent
  public init(_ pointer: UnsafePointer<UInt8>) { self.pointer = pointer }

  /// The number of bytes before the terminating NUL.
  @inlinable
  public var count: Int { MemoryFunctions.length(ofCString: UnsafeRawPointer(pointer)) }

  /// The bytes, without the terminating NUL.
  @inlinable
  public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }

  /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD).
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Whether the bytes equal `other`'s bytes.
  @inlinable
  public func equals(_ other: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    while i < other.count {
      let byte = pointer[i]
      if byte == 0 || byte != other[i] { return false }
      i += 1
    }
    return pointer[i] == 0
  }

  /// Whether the bytes equal those of `other`. Comparing bytes needs no
  /// Unicode tables, unlike comparing `String`s in Embedded Swift.
  @inlinable
  public func equals(_ other: StaticString) -> Bool {
    equals(UnsafeRawBufferPointer(start: other.utf8Start, count: other.utf8CodeUnitCount))
  }
}
