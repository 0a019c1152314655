/// The byte-level memory primitives behind `memcpy`, `memmove`, `memset`,
/// `memcmp`, `bcmp` and `strlen`, callable from Swift in both build modes so
/// that hosted tests check the very code freestanding programs run.
public enum MemoryFunctions {
  /// Copies `count` bytes; the ranges must not overlap (`memcpy`).
  public static func copy(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
    var i = 0
    while i < count {
      destination.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
      i += 1
    }
  }

  /// Copies `count` bytes; the ranges may overlap (`memmove`).
  public static func move(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
    if UnsafeRawPointer(destination) <= source {
      copy(to: destination, from: source, count: count)
    } else {
      var i = count
      while i > 0 {
        i -= 1
        destination.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
      }
    }
  }

  /// Sets `count` bytes to `value` (`memset`).
  public static func fill(_ destination: UnsafeMutableRawPointer, with value: UInt8, count: Int) {
    var i = 0
    while i < count {
      destination.storeBytes(of: value, toByteOffset: i, as: UInt8.self)
      i += 1
    }
  }

  /// Compares `count` bytes as unsigned values (`memcmp`): negative, zero or
  /// positive as `a` sorts before, equal to or after `b`.
  public static func compare(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Int32 {
    var i = 0
    while i < count {
      let x = a.load(fromByteOffset: i, as: UInt8.self)
      let y = b.load(fromByteOffset: i, as: UInt8.self)
      if x != y { return Int32(x) - Int32(y) }
      i += 1
    }
    return 0
  }

  /// The number of bytes before the first NUL (`strlen`).
  public static func length(ofCString string: UnsafeRawPointer) -> Int {
    var i = 0
    while string.load(fromByteOffset: i, as: UInt8.self) != 0 { i += 1 }
    return i
  }

  /// Whether `bytes` contains a newline (used for line buffering).
  public static func containsNewline(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for byte in bytes where byte == 10 { return true }
    return false
  }
}
