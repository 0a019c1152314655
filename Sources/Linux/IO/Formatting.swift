/// How an integer is written: radix, letter case, prefix, field width,
/// padding and alignment — printf's `%5d`, `%08x`, `%#x`, `%-10d`, `%o`,
/// as a value.
///
/// ```swift
/// try out.write(address, format: .hex(width: 16, padding: .zero))  // %016lx
/// try out.write(size, format: .decimal(width: 8))                  // %8ld
/// try out.write(flags, format: .hex(prefix: true))                 // 0x%lx
/// try out.write(-42, format: .decimal(width: 5, padding: .zero))   // %05d: -0042
/// ```
///
/// Rules (printf's, except where noted):
/// - `width` is the minimum length of the whole field in bytes, sign and
///   prefix included; a longer value is never truncated.
/// - `.zero` padding goes between the sign/prefix and the digits
///   (`-0042`, `0x00ff`); with `.left` alignment it is ignored and the
///   field is padded with spaces on the right, as printf ignores `0` with `-`.
/// - Negative values are written as `-` and their magnitude in every radix,
///   as `String(value, radix:)` does (printf's `%x` instead reinterprets the
///   bits as unsigned: pass `UInt64(bitPattern:)` for that).
/// - The prefix is `0x`/`0X`, `0b`, or `0` for octal, and is written for
///   zero too (printf's `%#x` writes a bare `0` for zero).
@frozen
public struct IntegerFormat: Sendable {
  /// The base digits are written in.
  @frozen
  public enum Radix: Sendable {
    case binary, octal, decimal, hexadecimal
  }

  public var radix: Radix
  /// Minimum field width in bytes (sign and prefix included).
  public var width: Int
  public var padding: FieldPadding
  public var alignment: FieldAlignment
  /// Hexadecimal letters `A`–`F` and prefix `0X` instead of lowercase.
  public var uppercase: Bool
  /// Whether to write `0x`, `0b` or `0` (octal) before the digits.
  public var prefix: Bool

  @_transparent
  public init(
    radix: Radix = .decimal, width: Int = 0, padding: FieldPadding = .space,
    alignment: FieldAlignment = .right, uppercase: Bool = false, prefix: Bool = false
  ) {
    self.radix = radix
    self.width = width
    self.padding = padding
    self.alignment = alignment
    self.uppercase = uppercase
    self.prefix = prefix
  }

  /// Decimal (`%d`, `%5d`, `%05d`, `%-5d`).
  @_transparent
  public static func decimal(
    width: Int = 0, padding: FieldPadding = .space, alignment: FieldAlignment = .right
  ) -> IntegerFormat {
    IntegerFormat(radix: .decimal, width: width, padding: padding, alignment: alignment)
  }

  /// Hexadecimal (`%x`, `%08x`, `%#x`, `%X`).
  @_transparent
  public static func hex(
    width: Int = 0, padding: FieldPadding = .space, alignment: FieldAlignment = .right,
    uppercase: Bool = false, prefix: Bool = false
  ) -> IntegerFormat {
    IntegerFormat(
      radix: .hexadecimal, width: width, padding: padding, alignment: alignment, uppercase: uppercase,
      prefix: prefix)
  }

  /// Octal (`%o`, `%04o`, `%#o`).
  @_transparent
  public static func octal(
    width: Int = 0, padding: FieldPadding = .space, alignment: FieldAlignment = .right, prefix: Bool = false
  ) -> IntegerFormat {
    IntegerFormat(radix: .octal, width: width, padding: padding, alignment: alignment, prefix: prefix)
  }

  /// Binary (`0b` prefix on request).
  @_transparent
  public static func binary(
    width: Int = 0, padding: FieldPadding = .space, alignment: FieldAlignment = .right, prefix: Bool = false
  ) -> IntegerFormat {
    IntegerFormat(radix: .binary, width: width, padding: padding, alignment: alignment, prefix: prefix)
  }

  /// The length of the prefix this format writes: 0, 1 (octal) or 2.
  @inlinable
  public var prefixLength: Int {
    guard prefix else { return 0 }
    return radix == .octal ? 1 : (radix == .decimal ? 0 : 2)
  }
}

/// What fills a field up to its width.
@frozen
public enum FieldPadding: Sendable {
  /// Spaces, on the side given by the alignment.
  case space
  /// Zeros between sign/prefix and digits (integers, right-aligned only).
  case zero
}

/// Which side of a field its content sits on.
@frozen
public enum FieldAlignment: Sendable {
  /// Padding after the content (printf's `-` flag): names, text columns.
  case left
  /// Padding before the content: numbers (printf's default).
  case right
}

/// Integer-to-text conversion into caller-provided memory: no allocation,
/// no locale, no `String`. ``BufferedWriter`` writes integers with these
/// functions straight into its buffer.
///
/// Implementation notes: decimal digits are produced two at a time from a
/// 200-byte table of pairs (one division by 100 per pair, which the compiler
/// turns into a multiplication), right to left into their final place:
/// the number of digits is counted first, so nothing is copied afterwards.
/// Values wider than 64 bits (`Int128`, `UInt128`) take a generic path that
/// divides by the radix one digit at a time.
public enum Formatting {
  /// The longest field any integer up to 128 bits needs without width
  /// padding: 128 binary digits, a sign and a two-byte prefix.
  public static var maximumIntegerLength: Int { 131 }

  /// The number of digits of `magnitude` in `radix` (at least 1).
  @inlinable @inline(__always)
  public static func digitCount(_ magnitude: UInt64, radix: IntegerFormat.Radix) -> Int {
    switch radix {
    case .decimal:
      var n = 1
      var v = magnitude
      while v >= 10_000 {
        v /= 10_000
        n &+= 4
      }
      if v >= 100 { return v >= 1000 ? n &+ 3 : n &+ 2 }
      return v >= 10 ? n &+ 1 : n
    case .hexadecimal:
      let bits = 64 &- magnitude.leadingZeroBitCount
      return bits == 0 ? 1 : (bits &+ 3) >> 2
    case .octal:
      let bits = 64 &- magnitude.leadingZeroBitCount
      return bits == 0 ? 1 : (bits &+ 2) / 3
    case .binary:
      let bits = 64 &- magnitude.leadingZeroBitCount
      return bits == 0 ? 1 : bits
    }
  }

  /// The number of bytes ``write(_:format:into:)`` writes for `value`.
  @inlinable
  public static func length<T: FixedWidthInteger>(of value: T, format: IntegerFormat) -> Int {
    let negative = T.isSigned && value < 0
    let digits: Int
    if T.bitWidth <= 64 {
      digits = digitCount(UInt64(truncatingIfNeeded: value.magnitude), radix: format.radix)
    } else {
      digits = wideDigitCount(value.magnitude, radix: format.radix)
    }
    let length = digits &+ (negative ? 1 : 0) &+ format.prefixLength
    return length > format.width ? length : format.width
  }

  /// Writes `value` as `format` says into `buffer` and returns the number of
  /// bytes written. `buffer` must hold ``length(of:format:)`` bytes.
  @inlinable
  public static func write<T: FixedWidthInteger>(
    _ value: T, format: IntegerFormat, into buffer: UnsafeMutableRawBufferPointer
  ) -> Int {
    let field = length(of: value, format: format)
    precondition(buffer.count >= field, "buffer too small for the formatted integer")
    let negative = T.isSigned && value < 0
    if T.bitWidth <= 64 {
      let magnitude = UInt64(truncatingIfNeeded: value.magnitude)
      writeField(
        magnitude, digits: digitCount(magnitude, radix: format.radix), negative: negative, format: format,
        field: field, into: buffer.baseAddress!)
    } else {
      writeWide(value.magnitude, negative: negative, format: format, field: field, into: buffer.baseAddress!)
    }
    return field
  }

  /// Writes a whole field of exactly `field` bytes at `p`: padding, sign,
  /// prefix, and the `digits` digits of `magnitude`.
  ///
  /// `field` must be at least `digits` plus the sign and prefix lengths.
  @inlinable @inline(__always)
  public static func writeField(
    _ magnitude: UInt64, digits: Int, negative: Bool, format: IntegerFormat, field: Int,
    into p: UnsafeMutableRawPointer
  ) {
    let start = writeHead(
      into: p, contentLength: digits &+ (negative ? 1 : 0) &+ format.prefixLength, negative: negative,
      format: format, field: field)
    writeDigits(magnitude, radix: format.radix, uppercase: format.uppercase, end: p + (start &+ digits))
    if format.alignment == .left && start &+ digits < field {
      fill(p + (start &+ digits), with: 32, count: field &- start &- digits)
    }
  }

  /// Writes the leading padding, the sign and the prefix of a field, and
  /// returns the offset at which the digits start.
  @inlinable @inline(__always)
  static func writeHead(
    into p: UnsafeMutableRawPointer, contentLength: Int, negative: Bool, format: IntegerFormat, field: Int
  ) -> Int {
    let pad = field &- contentLength
    var i = 0
    let right = format.alignment == .right
    let zeros = right && format.padding == .zero
    if right && !zeros && pad > 0 {
      fill(p, with: 32, count: pad)
      i = pad
    }
    if negative {
      p.storeBytes(of: 45, toByteOffset: i, as: UInt8.self)  // "-"
      i &+= 1
    }
    if format.prefix {
      switch format.radix {
      case .decimal: break
      case .octal:
        p.storeBytes(of: 48, toByteOffset: i, as: UInt8.self)  // "0"
        i &+= 1
      case .hexadecimal, .binary:
        let letter: UInt8 = format.radix == .binary ? 98 : (format.uppercase ? 88 : 120)  // b, X, x
        p.storeBytes(of: 48, toByteOffset: i, as: UInt8.self)
        p.storeBytes(of: letter, toByteOffset: i &+ 1, as: UInt8.self)
        i &+= 2
      }
    }
    if zeros && pad > 0 {
      fill(p + i, with: 48, count: pad)
      i &+= pad
    }
    return i
  }

  /// Writes the digits of `magnitude` so that the last one is just before
  /// `end`. The caller has counted them with ``digitCount(_:radix:)``.
  @inlinable @inline(__always)
  public static func writeDigits(
    _ magnitude: UInt64, radix: IntegerFormat.Radix, uppercase: Bool, end: UnsafeMutableRawPointer
  ) {
    var v = magnitude
    var e = end
    switch radix {
    case .decimal:
      let pairs = UnsafeRawPointer(digitPairs.utf8Start)
      while v >= 100 {
        let q = v / 100
        let r = Int(truncatingIfNeeded: v &- q &* 100)
        e -= 2
        e.storeBytes(of: pairs.loadUnaligned(fromByteOffset: r &* 2, as: UInt16.self), as: UInt16.self)
        v = q
      }
      if v >= 10 {
        e -= 2
        e.storeBytes(
          of: pairs.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: v) &* 2, as: UInt16.self),
          as: UInt16.self)
      } else {
        e -= 1
        e.storeBytes(of: 48 &+ UInt8(truncatingIfNeeded: v), as: UInt8.self)
      }
    case .hexadecimal:
      let letters = uppercase ? upperHexDigits.utf8Start : lowerHexDigits.utf8Start
      repeat {
        e -= 1
        e.storeBytes(of: letters[Int(truncatingIfNeeded: v & 15)], as: UInt8.self)
        v >>= 4
      } while v != 0
    case .octal:
      repeat {
        e -= 1
        e.storeBytes(of: 48 &+ UInt8(truncatingIfNeeded: v & 7), as: UInt8.self)
        v >>= 3
      } while v != 0
    case .binary:
      repeat {
        e -= 1
        e.storeBytes(of: 48 &+ UInt8(truncatingIfNeeded: v & 1), as: UInt8.self)
        v >>= 1
      } while v != 0
    }
  }

  /// Copies `count` bytes; short runs (at most 16 bytes: separators, names,
  /// prefixes) with two overlapping loads and stores instead of a call.
  @inlinable @inline(__always)
  public static func copy(to d: UnsafeMutableRawPointer, from s: UnsafeRawPointer, count n: Int) {
    if n > 16 {
      d.copyMemory(from: s, byteCount: n)
    } else if n >= 8 {
      let head = s.loadUnaligned(as: UInt64.self)
      let tail = s.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
      d.storeBytes(of: head, as: UInt64.self)
      d.storeBytes(of: tail, toByteOffset: n &- 8, as: UInt64.self)
    } else if n >= 4 {
      let head = s.loadUnaligned(as: UInt32.self)
      let tail = s.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
      d.storeBytes(of: head, as: UInt32.self)
      d.storeBytes(of: tail, toByteOffset: n &- 4, as: UInt32.self)
    } else if n > 0 {
      let first = s.load(as: UInt8.self)
      let middle = s.load(fromByteOffset: n >> 1, as: UInt8.self)
      let last = s.load(fromByteOffset: n &- 1, as: UInt8.self)
      d.storeBytes(of: first, as: UInt8.self)
      d.storeBytes(of: middle, toByteOffset: n >> 1, as: UInt8.self)
      d.storeBytes(of: last, toByteOffset: n &- 1, as: UInt8.self)
    }
  }

  /// Sets `count` bytes to `byte`; short runs (padding) without a call.
  @inlinable @inline(__always)
  public static func fill(_ d: UnsafeMutableRawPointer, with byte: UInt8, count n: Int) {
    if n > 16 {
      d.initializeMemory(as: UInt8.self, repeating: byte, count: n)
      return
    }
    let word = UInt64(byte) &* 0x0101_0101_0101_0101
    if n >= 8 {
      d.storeBytes(of: word, as: UInt64.self)
      d.storeBytes(of: word, toByteOffset: n &- 8, as: UInt64.self)
    } else if n >= 4 {
      d.storeBytes(of: UInt32(truncatingIfNeeded: word), as: UInt32.self)
      d.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: n &- 4, as: UInt32.self)
    } else if n > 0 {
      d.storeBytes(of: byte, as: UInt8.self)
      d.storeBytes(of: byte, toByteOffset: n >> 1, as: UInt8.self)
      d.storeBytes(of: byte, toByteOffset: n &- 1, as: UInt8.self)
    }
  }

  /// `"00"`, `"01"`, … `"99"`: the two-digit table of the decimal loop.
  @usableFromInline
  static var digitPairs: StaticString {
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
  }

  @usableFromInline static var lowerHexDigits: StaticString { "0123456789abcdef" }
  @usableFromInline static var upperHexDigits: StaticString { "0123456789ABCDEF" }

  @usableFromInline
  static func radixValue(_ radix: IntegerFormat.Radix) -> Int {
    switch radix {
    case .binary: 2
    case .octal: 8
    case .decimal: 10
    case .hexadecimal: 16
    }
  }

  /// The digit count of a magnitude wider than 64 bits.
  @usableFromInline
  static func wideDigitCount<M: FixedWidthInteger & UnsignedInteger>(_ magnitude: M, radix: IntegerFormat.Radix) -> Int {
    let base = M(truncatingIfNeeded: radixValue(radix))
    var v = magnitude
    var n = 1
    while v >= base {
      v /= base
      n &+= 1
    }
    return n
  }

  /// The field of a value wider than 64 bits: digits one division at a time.
  @usableFromInline
  static func writeWide<M: FixedWidthInteger & UnsignedInteger>(
    _ magnitude: M, negative: Bool, format: IntegerFormat, field: Int, into p: UnsafeMutableRawPointer
  ) {
    let digits = wideDigitCount(magnitude, radix: format.radix)
    let start = writeHead(
      into: p, contentLength: digits &+ (negative ? 1 : 0) &+ format.prefixLength, negative: negative,
      format: format, field: field)
    let base = M(truncatingIfNeeded: radixValue(format.radix))
    let letters = format.uppercase ? upperHexDigits.utf8Start : lowerHexDigits.utf8Start
    var v = magnitude
    var e = p + (start &+ digits)
    repeat {
      let (q, r) = v.quotientAndRemainder(dividingBy: base)
      e -= 1
      e.storeBytes(of: letters[Int(truncatingIfNeeded: r)], as: UInt8.self)
      v = q
    } while v != 0
    if format.alignment == .left && start &+ digits < field {
      fill(p + (start &+ digits), with: 32, count: field &- start &- digits)
    }
  }
}
