// A short piece of text built on the stack: a name GNU readelf formats
// (`LOOS+0x5`, `<unknown>: 0x1234`) and then pads or truncates as a whole
// (`%-15s`, `%-14.14s`). Names that are constants are written straight
// to `Out`; this is for the few that are made of parts.

struct ShortText {
  /// Room for the longest name built here (`Processor Specific: (ffff)`,
  /// a section flag string of 64 letters); longer text is cut off.
  static let capacity = 96

  private var storage = InlineArray<96, UInt8>(repeating: 0)
  private(set) var count = 0

  init() {}

  init(_ text: StaticString) { append(text) }

  mutating func append(byte: UInt8) {
    guard count < Self.capacity else { return }
    storage[count] = byte
    count += 1
  }

  mutating func append(_ text: StaticString) {
    let p = text.utf8Start
    for i in 0..<text.utf8CodeUnitCount { append(byte: p[i]) }
  }

  /// `%x`: lowercase hex without prefix.
  mutating func appendHex(_ value: UInt64) {
    var shift = (Out.hexLength(value) - 1) * 4
    while shift >= 0 {
      append(byte: Out.hexDigits.utf8Start[Int((value >> UInt64(shift)) & 15)])
      shift -= 4
    }
  }

  /// `%#x`: `0x` and lowercase hex, or `0` alone for 0 (C's rule).
  mutating func appendPrefixedHex(_ value: UInt64) {
    if value != 0 { append("0x") }
    appendHex(value)
  }

  /// `%u`.
  mutating func appendDecimal(_ value: UInt64) {
    var divisor: UInt64 = 1
    while value / divisor >= 10 { divisor *= 10 }
    while divisor > 0 {
      append(byte: UInt8(truncatingIfNeeded: 48 + (value / divisor) % 10))
      divisor /= 10
    }
  }

  /// Calls `body` with the text.
  func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
    var copy = storage
    let length = count
    return withUnsafeBytes(of: &copy) { all in body(UnsafeRawBufferPointer(rebasing: all[0..<length])) }
  }

  /// Writes the text (`%s`).
  func write() { withBytes { Out.bytes($0) } }

  /// `%-*s`: the text, then spaces up to `width`.
  func writeLeft(_ width: Int) { withBytes { Out.left($0, width) } }

  /// `%*s`: spaces up to `width`, then the text.
  func writeRight(_ width: Int) { withBytes { Out.right($0, width) } }

  /// `%-W.Ws`: at most `width` bytes of the text, padded to `width`.
  func writeTruncated(_ width: Int) {
    withBytes { Out.left(UnsafeRawBufferPointer(rebasing: $0[0..<Swift.min($0.count, width)]), width) }
  }
}
