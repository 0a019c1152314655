/// The bulk loops of `memcpy`, `memmove` and `memset` with AVX's 32-byte
/// vectors. This target alone is compiled with `-mavx` (Swift has no
/// per-function target attribute), so nothing in it may run before
/// `MemoryFunctions` has checked that the CPU and the kernel support AVX.
///
/// Implementation notes:
///
/// - On CPUs with AVX, a 16-byte SSE2 store loop reaches about half the
///   L1/L2 bandwidth of a 32-byte one (one vector store per cycle either
///   way); beyond the caches the two are equal.
/// - Free functions, `@inline(never)`: the code must stay in this module to
///   keep its target features. A caller may not inline it, and a
///   `public static func` would be cloned into the calling module by
///   function-signature specialization (to drop the unused metatype
///   argument), and the clone compiled for the caller's baseline: silently
///   SSE2 again.
/// - The structure is that of the SSE2 loops in `MemoryFunctions`: sources
///   of the unaligned head and tail loaded first, 128-byte blocks stored
///   at 32-byte-aligned addresses, head and tail stored last, so that
///   forward copies serve `memmove` with the destination below the source
///   and backward copies the other case.
/// - The Runtime target must not turn these loops into calls to `memcpy`
///   either: this target is built with `-disable-loop-idiom-all` too.

typealias Vector = SIMD32<UInt8>

@inline(__always)
func load(_ p: UnsafeRawPointer, _ offset: Int) -> Vector {
  p.loadUnaligned(fromByteOffset: offset, as: Vector.self)
}

@inline(__always)
func store(_ v: Vector, _ p: UnsafeMutableRawPointer, _ offset: Int) {
  p.storeBytes(of: v, toByteOffset: offset, as: Vector.self)
}

/// Copies `n` > 256 bytes, lowest address first.
@inline(never)
public func avxCopyForward(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
  let head = load(s, 0)
  let end = n &- 128
  let t0 = load(s, end)
  let t1 = load(s, end &+ 32)
  let t2 = load(s, end &+ 64)
  let t3 = load(s, end &+ 96)
  var offset = 32 &- (Int(bitPattern: d) & 31)
  while offset < end {
    let v0 = load(s, offset)
    let v1 = load(s, offset &+ 32)
    let v2 = load(s, offset &+ 64)
    let v3 = load(s, offset &+ 96)
    store(v0, d, offset)
    store(v1, d, offset &+ 32)
    store(v2, d, offset &+ 64)
    store(v3, d, offset &+ 96)
    offset &+= 128
  }
  store(head, d, 0)
  store(t0, d, end)
  store(t1, d, end &+ 32)
  store(t2, d, end &+ 64)
  store(t3, d, end &+ 96)
}

/// Copies `n` > 256 bytes, highest address first.
@inline(never)
public func avxCopyBackward(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
  let h0 = load(s, 0)
  let h1 = load(s, 32)
  let h2 = load(s, 64)
  let h3 = load(s, 96)
  let tail = load(s, n &- 32)
  var end = n &- ((Int(bitPattern: d) &+ n) & 31)
  while end > 128 {
    let v3 = load(s, end &- 32)
    let v2 = load(s, end &- 64)
    let v1 = load(s, end &- 96)
    let v0 = load(s, end &- 128)
    store(v3, d, end &- 32)
    store(v2, d, end &- 64)
    store(v1, d, end &- 96)
    store(v0, d, end &- 128)
    end &-= 128
  }
  store(tail, d, n &- 32)
  store(h0, d, 0)
  store(h1, d, 32)
  store(h2, d, 64)
  store(h3, d, 96)
}

/// Sets `n` > 256 bytes to `value`.
@inline(never)
public func avxFill(_ d: UnsafeMutableRawPointer, _ value: UInt8, _ n: Int) {
  let v = Vector(repeating: value)
  store(v, d, 0)
  var offset = 32 &- (Int(bitPattern: d) & 31)
  let end = n &- 128
  while offset < end {
    store(v, d, offset)
    store(v, d, offset &+ 32)
    store(v, d, offset &+ 64)
    store(v, d, offset &+ 96)
    offset &+= 128
  }
  store(v, d, end)
  store(v, d, end &+ 32)
  store(v, d, end &+ 64)
  store(v, d, end &+ 96)
}
