/// The rounding functions of C's libm that Embedded Swift code calls:
/// baseline x86-64 (SSE2) has no rounding instruction (`roundsd` is
/// SSE4.1), so LLVM lowers `Double.rounded(_:)` to calls to `ceil`,
/// `floor`, `trunc` and `round`. The standard library's `Dictionary` and
/// `Set` need `ceil` to size their storage.
///
/// Implementation notes: each works on the bit pattern. With the unbiased
/// exponent `e`, a double of magnitude at least 2^52 (or infinite, or NaN)
/// is already integral; below 1 the result is ±0 or ±1; otherwise the low
/// `52 - e` mantissa bits are the fraction. Clearing them truncates toward
/// zero; adding the fraction mask first rounds away from zero (a carry into
/// the exponent is the right answer, as for 1.5 → 2.0).
public enum MathFunctions {
  /// Rounds toward zero (`trunc`).
  public static func truncate(_ x: Double) -> Double {
    let bits = x.bitPattern
    let exponent = Int((bits >> 52) & 0x7ff) - 1023
    if exponent >= 52 { return x }
    if exponent < 0 { return Double(bitPattern: bits & (1 << 63)) }
    let fraction: UInt64 = (1 << UInt64(52 - exponent)) - 1
    return Double(bitPattern: bits & ~fraction)
  }

  /// Rounds away from zero when there is a fraction.
  static func awayFromZero(_ x: Double) -> Double {
    let bits = x.bitPattern
    let exponent = Int((bits >> 52) & 0x7ff) - 1023
    if exponent >= 52 { return x }
    if exponent < 0 {
      if bits << 1 == 0 { return x }  // ±0
      return Double(bitPattern: (bits & (1 << 63)) | 0x3ff0_0000_0000_0000)  // ±1
    }
    let fraction: UInt64 = (1 << UInt64(52 - exponent)) - 1
    if bits & fraction == 0 { return x }
    return Double(bitPattern: (bits &+ fraction) & ~fraction)
  }

  /// The smallest integral value not less than `x` (`ceil`).
  public static func ceiling(_ x: Double) -> Double {
    x.sign == .minus ? truncate(x) : awayFromZero(x)
  }

  /// The largest integral value not greater than `x` (`floor`).
  public static func floor(_ x: Double) -> Double {
    x.sign == .minus ? awayFromZero(x) : truncate(x)
  }

  /// The nearest integral value, halfway cases away from zero (`round`).
  public static func roundHalfAway(_ x: Double) -> Double {
    let bits = x.bitPattern
    let exponent = Int((bits >> 52) & 0x7ff) - 1023
    if exponent >= 52 { return x }
    let sign = bits & (1 << 63)
    if exponent < -1 { return Double(bitPattern: sign) }  // |x| < 0.5
    if exponent == -1 { return Double(bitPattern: sign | 0x3ff0_0000_0000_0000) }  // 0.5 <= |x| < 1
    let half: UInt64 = 1 << UInt64(51 - exponent)
    let fraction: UInt64 = (half << 1) - 1
    return Double(bitPattern: (bits &+ half) & ~fraction)
  }
}

#if Freestanding
// The C symbols, for code the compiler lowers to libm calls (freestanding
// builds only; glibc's libm has them in hosted builds).
@_cdecl("ceil") public func ceil(_ x: Double) -> Double { MathFunctions.ceiling(x) }
@_cdecl("floor") public func floor(_ x: Double) -> Double { MathFunctions.floor(x) }
@_cdecl("trunc") public func trunc(_ x: Double) -> Double { MathFunctions.truncate(x) }
@_cdecl("round") public func round(_ x: Double) -> Double { MathFunctions.roundHalfAway(x) }
@_cdecl("ceilf") public func ceilf(_ x: Float) -> Float { Float(MathFunctions.ceiling(Double(x))) }
@_cdecl("floorf") public func floorf(_ x: Float) -> Float { Float(MathFunctions.floor(Double(x))) }
@_cdecl("truncf") public func truncf(_ x: Float) -> Float { Float(MathFunctions.truncate(Double(x))) }
@_cdecl("roundf") public func roundf(_ x: Float) -> Float { Float(MathFunctions.roundHalfAway(Double(x))) }
#endif
