import InitialStack

/// A reproducible random number generator (SplitMix64), so a failing
/// randomized case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Runs `body` with a zeroed, 16-byte aligned buffer of `count` bytes.
func withAlignedBuffer<R>(count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
  defer { buffer.deallocate() }
  buffer.initializeMemory(as: UInt8.self, repeating: 0)
  return try body(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]))
}

func hex(_ value: UInt) -> String { "0x" + String(value, radix: 16) }

extension Result where Success == UnsafeRawBufferPointer {
  var bytes: [UInt8]? { if case .success(let b) = self { Array(b) } else { nil } }
}
