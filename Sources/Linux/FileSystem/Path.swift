/// The longest path the kernel accepts, including the terminating NUL
/// (`PATH_MAX` in `linux/limits.h`).
public var pathMax: Int { 4096 }

/// A value that can name a file for a system call: its bytes, without a
/// terminating NUL.
///
/// Conforming types: `String`, `Substring`, `StaticString`, `[UInt8]`,
/// `UnsafeRawBufferPointer` and ``NullTerminatedPath`` (a C string). Paths
/// need not be UTF-8; the kernel takes bytes.
public protocol PathRepresentable {
  /// Calls `body` with the path's bytes, without a terminating NUL.
  func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension String: PathRepresentable {
  public func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    var copy = self
    // withUTF8 takes an untyped-throws closure; carry the typed error out.
    var failure: E? = nil
    let result: R? = copy.withUTF8 { utf8 in
      do throws(E) { return try body(UnsafeRawBufferPointer(utf8)) } catch {
        failure = error
        return nil
      }
    }
    if let failure { throw failure }
    return result.unsafelyUnwrapped
  }
}

extension Substring: PathRepresentable {
  public func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    try String(self).withPathBytes(body)
  }
}

extension StaticString: PathRepresentable {
  public func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    try body(UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount))
  }
}

extension Array: PathRepresentable where Element == UInt8 {
  public func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    var failure: E? = nil
    let result: R? = withUnsafeBytes { bytes in
      do throws(E) { return try body(bytes) } catch {
        failure = error
        return nil
      }
    }
    if let failure { throw failure }
    return result.unsafelyUnwrapped
  }
}

extension UnsafeRawBufferPointer: PathRepresentable {
  public func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    try body(self)
  }
}

/// A path that is already a NUL-terminated C string (an argument, an
/// environment value): passed to the kernel as it is, without a copy.
@frozen
public struct NullTerminatedPath: PathRepresentable, @unchecked Sendable {
  /// The first byte; the path ends at the first NUL.
  public let pointer: UnsafePointer<UInt8>

  /// A path from a NUL-terminated string that outlives its use.
  @_transparent public init(_ pointer: UnsafePointer<UInt8>) { self.pointer = pointer }

  public func withPathBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    var count = 0
    while pointer[count] != 0 { count += 1 }
    return try body(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}

extension PathRepresentable {
  /// Calls `body` with the path as a NUL-terminated string for the kernel.
  ///
  /// The bytes are copied into a buffer on the stack (`PATH_MAX` bytes; no
  /// heap). A path of `PATH_MAX` bytes or more fails with `ENAMETOOLONG`, as
  /// the kernel would; a path with a NUL byte inside fails with `EINVAL`
  /// rather than being cut short silently.
  @inlinable
  public func withNullTerminatedPath<R>(_ body: (UnsafePointer<CChar>) throws(Errno) -> R) throws(Errno) -> R {
    try withPathBytes { (bytes: UnsafeRawBufferPointer) throws(Errno) -> R in
      guard bytes.count < pathMax else { throw Errno.fileNameTooLong }
      var failure: Errno? = nil
      let result: R? = withUnsafeTemporaryAllocation(byteCount: pathMax, alignment: 1) { buffer in
        for i in 0..<bytes.count {
          let byte = bytes[i]
          if byte == 0 {
            failure = .invalidArgument
            return nil
          }
          buffer[i] = byte
        }
        buffer[bytes.count] = 0
        do throws(Errno) {
          return try body(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self))
        } catch {
          failure = error
          return nil
        }
      }
      if let failure { throw failure }
      return result.unsafelyUnwrapped
    }
  }
}
