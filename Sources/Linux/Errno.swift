/// An error number returned by a Linux system call.
///
/// The kernel reports failure by returning `-errno` from the `syscall`
/// instruction; every wrapper in this module turns that into a thrown
/// `Errno`. All numbers are representable: values the kernel headers do not
/// name (such as 41 and 58, which Linux leaves unassigned) keep their raw
/// value and describe themselves as `Unknown error N`, like glibc's
/// `strerror`.
///
/// Named values have Swift names (`Errno.noSuchFileOrDirectory`) with the C
/// name in their documentation and in ``name`` (`"ENOENT"`).
///
/// Implementation notes: the specification's error list numbers
/// `EWOULDBLOCK` 41 and `EDEADLOCK` 58. On Linux both are aliases
/// (`EWOULDBLOCK` is `EAGAIN`, 11; `EDEADLOCK` is `EDEADLK`, 35, in
/// `asm-generic/errno.h`), so 41 and 58 are unknown here, as they are to the
/// kernel and to glibc.
@frozen
public struct Errno: Error, RawRepresentable, Equatable, Hashable, Sendable {
  /// The error number, as in C's `errno`.
  public var rawValue: Int32

  /// An error from its number.
  @_transparent
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The error a raw system call result encodes, if it is one.
  ///
  /// The kernel returns -4095...-1 for errors (`include/linux/err.h`,
  /// `MAX_ERRNO`); every other value is a result.
  @_transparent
  public init?(syscallResult result: Int) {
    guard result < 0 && result >= -4095 else { return nil }
    self.rawValue = Int32(truncatingIfNeeded: 0 &- result)
  }
}

extension Errno {
  /// Calls `body` with the error's message as UTF-8 bytes
  /// (`No such file or directory`, or `Unknown error N`), without
  /// allocating: usable on error paths and in signal handlers.
  public func withMessage<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    if let message = knownMessage {
      return body(UnsafeRawBufferPointer(start: message.utf8Start, count: message.utf8CodeUnitCount))
    }
    // "Unknown error " (14 bytes) + room for DecimalFormatting's 20.
    var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &buffer) { raw in
      let prefix: StaticString = "Unknown error "
      var count = 0
      for i in 0..<prefix.utf8CodeUnitCount {
        raw[count] = prefix.utf8Start[i]
        count += 1
      }
      count += DecimalFormatting.write(Int(rawValue), into: UnsafeMutableRawBufferPointer(rebasing: raw[count...]))
      return body(UnsafeRawBufferPointer(rebasing: raw[..<count]))
    }
  }

  /// The error's message as a `String`: `No such file or directory`, or
  /// `Unknown error N`.
  public var message: String {
    withMessage { bytes in String(decoding: bytes, as: UTF8.self) }
  }
}

extension Errno: CustomStringConvertible {
  /// The error's message, as C's `strerror` gives it.
  public var description: String { message }
}
