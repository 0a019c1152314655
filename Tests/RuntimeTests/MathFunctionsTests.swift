import Glibc
import Runtime
import Testing

@Suite struct MathFunctionsTests {
  static let specials: [Double] = [
    0, -0.0, 0.5, -0.5, 0.49999999999999994, -0.49999999999999994, 1, -1, 1.5, -1.5, 2.5, -2.5,
    0.1, -0.1, 0.9999999999999999, 4503599627370495.5, -4503599627370495.5, 4503599627370496,
    9007199254740994, 1e300, -1e300, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity,
  ]

  static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

  @Test func matchesGlibcOnSpecialValues() {
    for x in Self.specials + [.nan] {
      #expect(Self.same(MathFunctions.ceiling(x), Glibc.ceil(x)), "ceil(\(x))")
      #expect(Self.same(MathFunctions.floor(x), Glibc.floor(x)), "floor(\(x))")
      #expect(Self.same(MathFunctions.truncate(x), Glibc.trunc(x)), "trunc(\(x))")
      #expect(Self.same(MathFunctions.roundHalfAway(x), Glibc.round(x)), "round(\(x))")
    }
  }

  @Test func matchesGlibcOnRandomValues() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200_000 {
      // Random bit patterns cover every exponent; scaled values cover fractions.
      let x = Bool.random(using: &generator)
        ? Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
        : Double.random(in: -1e6...1e6, using: &generator)
      #expect(Self.same(MathFunctions.ceiling(x), Glibc.ceil(x)), "ceil(\(x))")
      #expect(Self.same(MathFunctions.floor(x), Glibc.floor(x)), "floor(\(x))")
      #expect(Self.same(MathFunctions.truncate(x), Glibc.trunc(x)), "trunc(\(x))")
      #expect(Self.same(MathFunctions.roundHalfAway(x), Glibc.round(x)), "round(\(x))")
    }
  }
}
