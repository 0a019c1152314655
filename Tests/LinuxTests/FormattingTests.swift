import Foundation
import Linux
import Testing

/// `value` formatted by `Formatting.write(_:format:into:)`.
func formatted<T: FixedWidthInteger>(_ value: T, _ format: IntegerFormat) -> String {
  let length = Formatting.length(of: value, format: format)
  var bytes = [UInt8](repeating: 0xEE, count: length + 8)
  let written = bytes.withUnsafeMutableBytes { Formatting.write(value, format: format, into: $0) }
  #expect(written == length)
  #expect(bytes[length...].allSatisfy { $0 == 0xEE }, "wrote past the field")
  return String(decoding: bytes[..<written], as: UTF8.self)
}

/// `value` formatted by a `BufferedWriter` (256-byte buffer) into a file.
func writtenByWriter<T: FixedWidthInteger>(_ value: T, _ format: IntegerFormat) throws -> String {
  try withTemporaryFile { descriptor in
    var storage = [UInt8](repeating: 0, count: 256)
    try storage.withUnsafeMutableBytes { buffer in
      var writer = BufferedWriter(descriptor, buffer: buffer)
      try writer.write(byte: 0x5B)  // "["
      try writer.write(value, format: format)
      try writer.write(byte: 0x5D)  // "]"
      try writer.finish()
    }
  }
}

@Suite struct FormattingTests {
  static let radices: [(IntegerFormat.Radix, Int)] = [(.binary, 2), (.octal, 8), (.decimal, 10), (.hexadecimal, 16)]

  func checkAgainstStdlib<T: FixedWidthInteger>(_ value: T) {
    for (radix, base) in Self.radices {
      #expect(formatted(value, IntegerFormat(radix: radix)) == String(value, radix: base))
      #expect(
        formatted(value, IntegerFormat(radix: radix, uppercase: true)) == String(value, radix: base, uppercase: true))
    }
  }

  @Test func everyInt8AndUInt8AndInt16MatchesStringRadix() {
    for v in Int8.min...Int8.max { checkAgainstStdlib(v) }
    for v in UInt8.min...UInt8.max { checkAgainstStdlib(v) }
    for v in Int16.min...Int16.max { checkAgainstStdlib(v) }
  }

  @Test func wideTypesMatchStringRadixAtEdgesPowersAndRandomValues() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      checkAgainstStdlib(Int64.random(in: .min ... .max, using: &generator))
      checkAgainstStdlib(UInt64.random(in: .min ... .max, using: &generator))
      checkAgainstStdlib(Int32.random(in: .min ... .max, using: &generator))
      checkAgainstStdlib(UInt32.random(in: .min ... .max, using: &generator))
      // Small magnitudes, where digit counts change most often.
      checkAgainstStdlib(Int.random(in: -100_000...100_000, using: &generator))
    }
    // Every power of 2, 8, 10 and 16 and its neighbours: digit-count edges.
    var power: UInt64 = 1
    for _ in 0..<64 {
      for v in [power &- 1, power, power &+ 1] { checkAgainstStdlib(v) }
      power &<<= 1
    }
    power = 1
    for _ in 0..<20 {
      for v in [power &- 1, power, power &+ 1] { checkAgainstStdlib(v) }
      power &*= 10
    }
    for v: Int64 in [.min, .min + 1, -1, 0, 1, .max] { checkAgainstStdlib(v) }
    for v: Int in [.min, .max] { checkAgainstStdlib(v) }
    for v: UInt64 in [0, .max, .max - 1] { checkAgainstStdlib(v) }
    for v: UInt in [0, .max] { checkAgainstStdlib(v) }
  }

  @Test func int128AndUInt128MatchStringRadix() {
    for v: Int128 in [.min, .min + 1, -1, 0, 1, .max, Int128(Int64.min) - 1, Int128(UInt64.max) + 1] {
      checkAgainstStdlib(v)
    }
    for v: UInt128 in [0, 1, .max, UInt128(UInt64.max), UInt128(UInt64.max) + 1] { checkAgainstStdlib(v) }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let v = Int128(Int64.random(in: .min ... .max, using: &generator)) * Int128(UInt64.random(in: 0 ... .max, using: &generator))
      checkAgainstStdlib(v)
    }
    #expect(formatted(Int128.min, .hex(width: 40, padding: .zero, prefix: true)) == "-0x00000" + "8" + String(repeating: "0", count: 31))
    #expect(formatted(UInt128.max, .binary()).count == 128)
  }

  @Test func printfStyleFieldsMatchFoundationStringFormat() {
    var generator = SystemRandomNumberGenerator()
    var values: [Int32] = [0, 1, -1, 42, -42, 7, 99_999, -99_999, 123_456_789, .max, .min]
    for _ in 0..<500 { values.append(Int32.random(in: .min ... .max, using: &generator)) }
    for v in values {
      let u = UInt32(bitPattern: v)
      for width in [0, 1, 3, 5, 8, 12, 20] {
        #expect(formatted(v, .decimal(width: width)) == String(format: "%\(width)d", v))
        #expect(formatted(v, .decimal(width: width, alignment: .left)) == String(format: "%-\(width)d", v))
        if width > 0 {
          #expect(formatted(v, .decimal(width: width, padding: .zero)) == String(format: "%0\(width)d", v))
          #expect(formatted(u, .hex(width: width, padding: .zero)) == String(format: "%0\(width)x", u))
          #expect(formatted(u, .octal(width: width, padding: .zero)) == String(format: "%0\(width)o", u))
          // printf ignores 0 with -: so does IntegerFormat.
          #expect(
            formatted(v, .decimal(width: width, padding: .zero, alignment: .left)) == String(format: "%-\(width)d", v))
        }
        #expect(formatted(u, .decimal(width: width)) == String(format: "%\(width)u", u))
        #expect(formatted(u, .hex(width: width)) == String(format: "%\(width)x", u))
        #expect(formatted(u, .hex(width: width, uppercase: true)) == String(format: "%\(width)X", u))
        #expect(formatted(u, .hex(width: width, alignment: .left)) == String(format: "%-\(width)x", u))
        #expect(formatted(u, .octal(width: width)) == String(format: "%\(width)o", u))
        if u != 0 {  // printf omits the prefix for zero; IntegerFormat does not
          #expect(formatted(u, .hex(width: width, prefix: true)) == String(format: "%#\(width)x", u))
          #expect(formatted(u, .hex(width: width, uppercase: true, prefix: true)) == String(format: "%#\(width)X", u))
          #expect(formatted(u, .hex(width: width, padding: .zero, prefix: true)) == String(format: "%#0\(width)x", u))
          #expect(formatted(u, .octal(width: width, prefix: true)) == String(format: "%#\(width)o", u))
        }
      }
    }
    let u64: [UInt64] = [0, 1, 0xdead_beef, 0x7f_ffff_ffff, .max]
    for v in u64 {
      #expect(formatted(v, .hex(width: 16, padding: .zero)) == String(format: "%016lx", v))
      #expect(formatted(v, .decimal(width: 22)) == String(format: "%22lu", v))
    }
    #expect(formatted(Int64.min, .decimal(width: 25, padding: .zero)) == String(format: "%025ld", Int64.min))
  }

  @Test func namedPrintfCases() {
    #expect(formatted(-42, .decimal(width: 5, padding: .zero)) == "-0042")  // %05d
    #expect(formatted(-42, .decimal(width: 5)) == "  -42")  // %5d
    #expect(formatted(-42, .decimal(width: 5, alignment: .left)) == "-42  ")  // %-5d
    #expect(formatted(255, .hex(width: 8, padding: .zero)) == "000000ff")  // %08x
    #expect(formatted(255, .hex(prefix: true)) == "0xff")  // %#x
    #expect(formatted(255, .hex(width: 10, padding: .zero, prefix: true)) == "0x000000ff")  // %#010x
    #expect(formatted(-255, .hex(width: 8, padding: .zero, prefix: true)) == "-0x000ff")
    #expect(formatted(0, .hex(prefix: true)) == "0x0")  // printf: "0"
    #expect(formatted(5, .binary(width: 8, padding: .zero, prefix: true)) == "0b000101")
    #expect(formatted(0o644, .octal(width: 4, padding: .zero)) == "0644")  // %04o
    #expect(formatted(8, .octal(prefix: true)) == "010")  // %#o
    #expect(formatted(123_456, .decimal(width: 3)) == "123456")  // width smaller than content
    #expect(formatted(-123_456, .decimal(width: 2, padding: .zero)) == "-123456")
    #expect(formatted(Int.min, .decimal()) == "-9223372036854775808")
    #expect(formatted(UInt64.max, .decimal()) == "18446744073709551615")
    #expect(formatted(UInt64.max, .hex(uppercase: true, prefix: true)) == "0XFFFFFFFFFFFFFFFF")
    #expect(formatted(Int8.min, .binary()) == "-10000000")
  }

  @Test func writerProducesTheSameFieldsIncludingFieldsWiderThanItsBuffer() throws {
    for v: Int in [0, -42, 255, .min, .max] {
      for format in [
        IntegerFormat.decimal(width: 9, padding: .zero), .hex(width: 12, prefix: true), .decimal(width: 7, alignment: .left),
        .octal(width: 300, padding: .zero, prefix: true), .decimal(width: 1000), .hex(width: 700, alignment: .left),
        .decimal(width: 600, padding: .zero),
      ] {
        #expect(try writtenByWriter(v, format) == "[" + formatted(v, format) + "]")
      }
    }
    for v: Int128 in [.min, .max, -1] {
      for format in [IntegerFormat.decimal(width: 50), .binary(width: 400, padding: .zero, prefix: true), .hex(width: 300, alignment: .left)] {
        #expect(try writtenByWriter(v, format) == "[" + formatted(v, format) + "]")
      }
    }
    #expect(try writtenByWriter(-42, .decimal(width: 600, padding: .zero)) == "[-" + String(repeating: "0", count: 597) + "42]")
  }

  @Test func legacyDecimalFormattingStillWorks() {
    var bytes = [UInt8](repeating: 0, count: 24)
    let n = bytes.withUnsafeMutableBytes { DecimalFormatting.write(Int.min, into: $0) }
    #expect(String(decoding: bytes[..<n], as: UTF8.self) == String(Int.min))
    let h = bytes.withUnsafeMutableBytes { DecimalFormatting.writeHex(0xdead_beef, into: $0) }
    #expect(String(decoding: bytes[..<h], as: UTF8.self) == "deadbeef")
  }
}
