// Standard output for readelf: one large buffer written with few write(2)
// calls, and the printf conversions readelf's output is made of, written
// straight into it. readelf prints millions of short fields for a large
// file; these are the hot path of `-s` and `-r`.
import Linux
import Runtime

enum Out {
  /// The buffer's capacity; a field is never longer than `slack`, so a
  /// writer that reserved `slack` bytes needs no further check.
  static let capacity = 1 << 20
  static let slack = 256

  nonisolated(unsafe) static var base: UnsafeMutablePointer<UInt8>? = nil
  nonisolated(unsafe) static var count = 0
  /// The first write error (EPIPE, ENOSPC …); output stops at it.
  nonisolated(unsafe) static var failed: Errno? = nil

  /// Room for `n` more bytes (n ≤ capacity), flushing first if needed.
  @inline(__always)
  static func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    if let base, count + n <= capacity { return base + count }
    return makeRoom(n)
  }

  @inline(never)
  static func makeRoom(_ n: Int) -> UnsafeMutablePointer<UInt8> {
    if base == nil {
      base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }
    if count + n > capacity { flush() }
    return base! + count
  }

  /// Writes what is buffered. A write error is remembered (see ``failed``)
  /// and later output is dropped.
  static func flush() {
    guard let base, count > 0 else { return }
    if failed == nil {
      do throws(Errno) {
        try FileDescriptor.standardOutput.writeAll(UnsafeRawBufferPointer(start: base, count: count))
      } catch {
        failed = error
      }
    }
    count = 0
  }

  // MARK: Text

  @inline(__always)
  static func byte(_ c: UInt8) {
    let p = reserve(1)
    p.pointee = c
    count += 1
  }

  static func newline() { byte(10) }

  /// Raw bytes, as `%s`.
  static func bytes(_ b: UnsafeRawBufferPointer) {
    var rest = b
    while rest.count > 0 {
      let n = Swift.min(rest.count, capacity / 2)
      let p = reserve(n)
      MemoryFunctions.copy(to: UnsafeMutableRawPointer(p), from: rest.baseAddress!, count: n)
      count += n
      rest = UnsafeRawBufferPointer(rebasing: rest[n...])
    }
  }

  @_disfavoredOverload
  static func text(_ s: StaticString) {
    bytes(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  static func spaces(_ n: Int) { fill(32, n) }

  static func fill(_ c: UInt8, _ n: Int) {
    guard n > 0 else { return }
    let p = reserve(n)
    for i in 0..<n { p[i] = c }
    count += n
  }

  /// `%-*s`: `b` then spaces up to `width`.
  static func left(_ b: UnsafeRawBufferPointer, _ width: Int) {
    bytes(b)
    spaces(width - b.count)
  }

  @_disfavoredOverload
  static func left(_ s: StaticString, _ width: Int) {
    left(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount), width)
  }

  /// `%*s`: spaces up to `width`, then `b`.
  static func right(_ b: UnsafeRawBufferPointer, _ width: Int) {
    spaces(width - b.count)
    bytes(b)
  }

  // MARK: Numbers

  static let hexDigits: StaticString = "0123456789abcdef"

  /// The number of hex digits of `v` (at least 1).
  @inline(__always)
  static func hexLength(_ v: UInt64) -> Int { v == 0 ? 1 : (67 - v.leadingZeroBitCount) / 4 }

  /// `%0*lx`: lowercase hex, zero-padded to at least `digits`.
  @inline(__always)
  static func hex(_ v: UInt64, digits: Int = 1) {
    let n = Swift.max(hexLength(v), digits)
    let p = reserve(n)
    var value = v
    let table = hexDigits.utf8Start
    var i = n
    while i > 0 {
      i -= 1
      p[i] = table[Int(value & 15)]
      value >>= 4
    }
    count += n
  }

  /// `%#lx` as readelf prints it: `0x` and lowercase hex; `0` alone for 0
  /// when `zeroWithoutPrefix` (C's `%#x` of 0).
  static func hexPrefixed(_ v: UInt64, zeroWithoutPrefix: Bool = false) {
    if v == 0 && zeroWithoutPrefix {
      byte(0x30)
      return
    }
    byte(0x30)
    byte(0x78)
    hex(v)
  }

  /// `%*lx`: hex right-aligned in `width` with spaces.
  static func hexRight(_ v: UInt64, width: Int) {
    spaces(width - hexLength(v))
    hex(v)
  }

  /// `%-*lx`: hex left-aligned in `width`.
  static func hexLeft(_ v: UInt64, width: Int) {
    hex(v)
    spaces(width - hexLength(v))
  }

  /// The number of decimal digits of `v`.
  @inline(__always)
  static func decimalLength(_ v: UInt64) -> Int {
    var n = 1
    var x = v
    while x >= 10 {
      x /= 10
      n += 1
    }
    return n
  }

  /// `%*lu`: unsigned decimal right-aligned in `width` (0: no padding).
  @inline(__always)
  static func decimal(_ v: UInt64, width: Int = 0) {
    let length = decimalLength(v)
    let n = Swift.max(length, width)
    let p = reserve(n)
    var value = v
    var i = n
    while i > n - length {
      i -= 1
      p[i] = UInt8(truncatingIfNeeded: 48 + value % 10)
      value /= 10
    }
    while i > 0 {
      i -= 1
      p[i] = 32
    }
    count += n
  }

  /// `%*ld`: signed decimal right-aligned in `width`.
  static func signed(_ v: Int64, width: Int = 0) {
    if v >= 0 {
      decimal(UInt64(v), width: width)
      return
    }
    let magnitude = v.magnitude
    spaces(width - decimalLength(magnitude) - 1)
    byte(0x2d)
    decimal(magnitude)
  }

  /// `%-*lu`: unsigned decimal left-aligned in `width`.
  static func decimalLeft(_ v: UInt64, width: Int) {
    decimal(v)
    spaces(width - decimalLength(v))
  }
}
