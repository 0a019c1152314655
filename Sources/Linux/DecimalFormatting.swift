/// Integer-to-text conversion without allocation, for messages that must be
/// produced where the heap may be unusable (error paths, signal handlers).
public enum DecimalFormatting {
  /// Writes `value` in decimal into `buffer` and returns the number of bytes
  /// written (at most 20). The buffer must hold at least 20 bytes.
  @_optimize(size)
  public static func write(_ value: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    precondition(buffer.count >= 20)
    var magnitude = value.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch
    return withUnsafeMutableBytes(of: &digits) { scratch in
      var end = scratch.count
      repeat {
        end -= 1
        scratch[end] = UInt8(truncatingIfNeeded: 48 &+ magnitude % 10)
        magnitude /= 10
      } while magnitude != 0
      var count = 0
      if value < 0 {
        buffer[0] = 45  // "-"
        count = 1
      }
      for i in end..<scratch.count {
        buffer[count] = scratch[i]
        count += 1
      }
      return count
    }
  }

  /// Writes `value` in lowercase hexadecimal, without a prefix, into
  /// `buffer` and returns the number of bytes written (at most 16).
  @_optimize(size)
  public static func writeHex(_ value: UInt, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    precondition(buffer.count >= 16)
    var digits = 1
    var rest = value >> 4
    while rest != 0 {
      digits += 1
      rest >>= 4
    }
    var v = value
    for i in stride(from: digits - 1, through: 0, by: -1) {
      let nibble = UInt8(truncatingIfNeeded: v & 0xf)
      buffer[i] = nibble < 10 ? 48 &+ nibble : 87 &+ nibble
      v >>= 4
    }
    return digits
  }
}
