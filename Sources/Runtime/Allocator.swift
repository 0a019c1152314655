import Linux

/// The heap allocator behind `malloc`, `free` and the Swift runtime's
/// object allocation.
public enum Allocator {
  /// Allocates `size` bytes aligned to `alignment` (a power of two, at most
  /// a page), or returns nil when memory is exhausted.
  public static func allocate(byteCount size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
    guard size >= 0, alignment > 0, alignment & (alignment - 1) == 0, alignment <= 4096 else { return nil }
    let header = max(16, alignment)
    guard size <= Int.max - header - 4096 else { return nil }
    let length = (size + header + 4095) & ~4095
    guard let base = try? Memory.mapAnonymous(length: length) else { return nil }
    let user = base + header
    (user - 16).storeBytes(of: length, as: Int.self)
    (user - 8).storeBytes(of: header, as: Int.self)
    return user
  }

  /// Frees memory from ``allocate(byteCount:alignment:)``; nil is ignored.
  public static func deallocate(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    let length = (pointer - 16).load(as: Int.self)
    let header = (pointer - 8).load(as: Int.self)
    try? Memory.unmap(pointer - header, length: length)
  }

  /// The number of bytes usable at `pointer`.
  public static func usableSize(_ pointer: UnsafeMutableRawPointer) -> Int {
    (pointer - 16).load(as: Int.self) - (pointer - 8).load(as: Int.self)
  }
}
