import Linux
import MemoryKernelsAVX

/// The byte-level memory primitives behind `memcpy`, `memmove`, `memset`,
/// `memcmp`, `bcmp` and `strlen`, callable from Swift in both build modes so
/// that hosted tests check the very code freestanding programs run.
///
/// Implementation notes:
///
/// - The code targets baseline x86-64, whose widest vectors are SSE2's
///   16 bytes (`SIMD16<UInt8>`: `movups`). Copies and fills of more than
///   256 bytes use the 32-byte loops of the `MemoryKernelsAVX` target when
///   the CPU and kernel support AVX (see ``usesWideVectors``): Swift has no
///   per-function target attribute, so they live in a target of their own.
/// - Small sizes are handled without loops by two overlapping accesses of
///   the widest width that fits: the first `w` bytes and the last `w` bytes
///   (for 8 ≤ n ≤ 16, two 8-byte words cover every byte, some twice). Every
///   load is made before the first store, so these paths are also correct
///   for overlapping ranges and serve `memmove` unchanged.
/// - Large copies and fills run a 64-byte loop whose stores are aligned to
///   16 bytes (a store that splits a cache line costs twice); the unaligned
///   head and tail are written with single overlapping 16- and 64-byte
///   accesses whose sources are loaded before the loop starts.
/// - Nothing here may be compiled into a call to `memcpy`, `memmove` or
///   `memset`, which in a freestanding program are these very functions:
///   the Runtime target disables LLVM's loop-idiom recognition, values are
///   moved only as integers and SIMD vectors (a struct copy or
///   `copyMemory` may lower to `memcpy`), and all arithmetic is wrapping,
///   so that no overflow check stands in a hot loop.
/// - `memcmp`, `bcmp`, `strlen` and the newline search work on 8-byte words
///   (portable, and SSE2 offers no cheaper way from Swift to turn a vector
///   comparison into a bit mask).
public enum MemoryFunctions {
  /// Copies `count` bytes; the ranges must not overlap (`memcpy`).
  ///
  /// (It is in fact also correct when `destination` is below `source`:
  /// ``move(to:from:count:)`` relies on that.)
  public static func copy(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
    copy(to: destination, from: source, count: count, wide: count > 256 && usesWideVectors)
  }

  /// Copies `count` bytes; the ranges may overlap (`memmove`).
  public static func move(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
    move(to: destination, from: source, count: count, wide: count > 256 && usesWideVectors)
  }

  /// Sets `count` bytes to `value` (`memset`).
  public static func fill(_ destination: UnsafeMutableRawPointer, with value: UInt8, count: Int) {
    fill(destination, with: value, count: count, wide: count > 256 && usesWideVectors)
  }

  /// ``copy(to:from:count:)`` with the choice of loop made by the caller:
  /// `wide` (only when ``usesWideVectors``) runs the AVX loop above 256
  /// bytes. Tests call it to check both loops on machines with AVX.
  @inline(__always)
  static func copy(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int, wide: Bool) {
    if count <= 16 {
      copySmall(destination, source, count)
    } else if count <= 128 {
      copyMedium(destination, source, count)
    } else if wide && count > 256 {
      avxCopyForward(destination, source, count)
    } else {
      copyForward(destination, source, count)
    }
  }

  /// ``copy(to:from:count:)`` with the SSE2 loops only, for copies that are
  /// small by construction (the standard output buffer, message lines):
  /// programs that copy nothing large then carry neither the AVX loops nor
  /// their detection, which keeps `hello` within a page.
  @inline(never)
  static func copyNarrow(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
    copy(to: destination, from: source, count: count, wide: false)
  }

  /// ``move(to:from:count:)`` with the choice of loop made by the caller.
  @inline(__always)
  static func move(to destination: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int, wide: Bool) {
    if count <= 16 {
      copySmall(destination, source, count)
    } else if count <= 128 {
      copyMedium(destination, source, count)
    } else if UInt(bitPattern: Int(bitPattern: destination) &- Int(bitPattern: source)) < UInt(count) {
      // The destination starts inside the source: a forward copy would
      // overwrite source bytes before reading them.
      if wide && count > 256 {
        avxCopyBackward(destination, source, count)
      } else {
        copyBackward(destination, source, count)
      }
    } else if wide && count > 256 {
      avxCopyForward(destination, source, count)
    } else {
      copyForward(destination, source, count)
    }
  }

  /// ``fill(_:with:count:)`` with the choice of loop made by the caller.
  @inline(__always)
  static func fill(_ destination: UnsafeMutableRawPointer, with value: UInt8, count: Int, wide: Bool) {
    let d = destination
    let n = count
    if n <= 16 {
      let word = UInt64(value) &* 0x0101_0101_0101_0101
      if n >= 8 {
        d.storeBytes(of: word, toByteOffset: 0, as: UInt64.self)
        d.storeBytes(of: word, toByteOffset: n &- 8, as: UInt64.self)
      } else if n >= 4 {
        d.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: 0, as: UInt32.self)
        d.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: n &- 4, as: UInt32.self)
      } else if n >= 2 {
        d.storeBytes(of: UInt16(truncatingIfNeeded: word), toByteOffset: 0, as: UInt16.self)
        d.storeBytes(of: UInt16(truncatingIfNeeded: word), toByteOffset: n &- 2, as: UInt16.self)
      } else if n == 1 {
        d.storeBytes(of: value, toByteOffset: 0, as: UInt8.self)
      }
      return
    }
    let v = Vector(repeating: value)
    if n <= 32 {
      store(v, d, 0)
      store(v, d, n &- 16)
    } else if n <= 64 {
      store(v, d, 0)
      store(v, d, 16)
      store(v, d, n &- 32)
      store(v, d, n &- 16)
    } else if n <= 128 {
      store(v, d, 0)
      store(v, d, 16)
      store(v, d, 32)
      store(v, d, 48)
      store(v, d, n &- 64)
      store(v, d, n &- 48)
      store(v, d, n &- 32)
      store(v, d, n &- 16)
    } else if wide && n > 256 {
      avxFill(d, value, n)
    } else {
      // Head, then 64-byte blocks at 16-byte-aligned addresses, then the
      // last 64 bytes (which may overlap the last block).
      store(v, d, 0)
      var offset = 16 &- (Int(bitPattern: d) & 15)
      let end = n &- 64
      while offset < end {
        store(v, d, offset)
        store(v, d, offset &+ 16)
        store(v, d, offset &+ 32)
        store(v, d, offset &+ 48)
        offset &+= 64
      }
      store(v, d, end)
      store(v, d, end &+ 16)
      store(v, d, end &+ 32)
      store(v, d, end &+ 48)
    }
  }

  /// Compares `count` bytes as unsigned values (`memcmp`): negative, zero or
  /// positive as `a` sorts before, equal to or after `b`.
  public static func compare(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Int32 {
    let n = count
    if n < 8 {
      if n >= 4 {
        // Byte-swapped, the first byte is the most significant: integer
        // order is byte-string order.
        let x = UInt64(load32(a, 0).byteSwapped) << 32 | UInt64(load32(a, n &- 4).byteSwapped)
        let y = UInt64(load32(b, 0).byteSwapped) << 32 | UInt64(load32(b, n &- 4).byteSwapped)
        return x == y ? 0 : x < y ? -1 : 1
      }
      var i = 0
      while i < n {
        let x = a.load(fromByteOffset: i, as: UInt8.self)
        let y = b.load(fromByteOffset: i, as: UInt8.self)
        if x != y { return Int32(x) &- Int32(y) }
        i &+= 1
      }
      return 0
    }
    var i = 0
    let last = n &- 8
    while i < last {
      let x = load64(a, i)
      let y = load64(b, i)
      if x != y { return order(x, y) }
      i &+= 8
    }
    // The last word may overlap bytes already found equal.
    let x = load64(a, last)
    let y = load64(b, last)
    return x == y ? 0 : order(x, y)
  }

  /// Whether `count` bytes at `a` and `b` are equal (`bcmp`).
  public static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
    let n = count
    if n < 8 {
      if n >= 4 {
        return (load32(a, 0) ^ load32(b, 0)) | (load32(a, n &- 4) ^ load32(b, n &- 4)) == 0
      }
      var i = 0
      while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i &+= 1
      }
      return true
    }
    var i = 0
    let last32 = n &- 32
    while i < last32 {
      let difference =
        (load64(a, i) ^ load64(b, i)) | (load64(a, i &+ 8) ^ load64(b, i &+ 8))
        | (load64(a, i &+ 16) ^ load64(b, i &+ 16)) | (load64(a, i &+ 24) ^ load64(b, i &+ 24))
      if difference != 0 { return false }
      i &+= 32
    }
    let last = n &- 8
    while i < last {
      if load64(a, i) != load64(b, i) { return false }
      i &+= 8
    }
    return load64(a, last) == load64(b, last)
  }

  /// The number of bytes before the first NUL (`strlen`).
  ///
  /// Implementation notes: reads whole 8-byte words at 8-byte-aligned
  /// addresses, starting with the word that holds the first byte. An aligned
  /// word never crosses a page boundary, so the function reads no page that
  /// does not hold a byte of the string; the bytes before the string in the
  /// first word are made nonzero before the test.
  public static func length(ofCString string: UnsafeRawPointer) -> Int {
    let misalignment = Int(bitPattern: string) & 7
    let base = string - misalignment
    // Little-endian: the bytes before the string are the low ones.
    var word = base.load(as: UInt64.self) | ~(UInt64.max << UInt64(misalignment &* 8))
    var offset = 0
    while true {
      let zeros = zeroBytes(word)
      if zeros != 0 { return offset &+ zeros.trailingZeroBitCount >> 3 &- misalignment }
      offset &+= 8
      word = base.load(fromByteOffset: offset, as: UInt64.self)
    }
  }

  /// Whether `bytes` contains a newline (used for line buffering).
  public static func containsNewline(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let p = bytes.baseAddress else { return false }
    let n = bytes.count
    let newlines: UInt64 = 0x0a0a_0a0a_0a0a_0a0a
    if n < 8 {
      var i = 0
      while i < n {
        if p.load(fromByteOffset: i, as: UInt8.self) == 10 { return true }
        i &+= 1
      }
      return false
    }
    var i = 0
    let last = n &- 8
    while i < last {
      if zeroBytes(load64(p, i) ^ newlines) != 0 { return true }
      i &+= 8
    }
    return zeroBytes(load64(p, last) ^ newlines) != 0
  }
}

// MARK: - Choice of loops

/// 0: not yet known; 1: AVX may be used; 2: it may not.
nonisolated(unsafe) var wideVectorState: UInt8 = 0

extension MemoryFunctions {
  /// Whether the 32-byte loops of `MemoryKernelsAVX` may run: the kernel
  /// saves the SSE and AVX (YMM) register state, which it does only when
  /// the CPU has AVX and AVX is not disabled (`clearcpuid`, `noxsave`). Asked
  /// of the kernel once, by `arch_prctl(ARCH_GET_XCOMP_SUPP)` (Linux 5.16;
  /// on older kernels the SSE2 loops run).
  ///
  /// Implementation notes: the kernel's answer needs no `cpuid` or `xgetbv`
  /// instruction (which Swift cannot emit), and it covers the case the CPU
  /// flags miss: a CPU with AVX whose kernel does not enable it. Computing
  /// it twice (two threads at once) is harmless: the answer is the same.
  static var usesWideVectors: Bool {
    @inline(__always) get {
      if wideVectorState == 0 { wideVectorState = kernelSavesAVXState() ? 1 : 2 }
      return wideVectorState == 1
    }
  }

  @inline(never)
  static func kernelSavesAVXState() -> Bool {
    // ARCH_GET_XCOMP_SUPP (arch/x86/include/uapi/asm/prctl.h): the XSAVE
    // features the kernel supports for user space, as the XCR0 bit mask.
    let getSupportedFeatures = 0x1021
    let sseAndAVXState: UInt64 = 0b110  // XFEATURE_SSE, XFEATURE_YMM
    var features: UInt64 = 0
    let result = withUnsafeMutablePointer(to: &features) {
      Syscall.call(.arch_prctl, getSupportedFeatures, Int(bitPattern: $0))
    }
    return result == 0 && features & sseAndAVXState == sseAndAVXState
  }
}

// MARK: - Copy kernels

extension MemoryFunctions {
  typealias Vector = SIMD16<UInt8>

  /// 0...16 bytes; all loads before the stores.
  @inline(__always)
  static func copySmall(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
    if n >= 8 {
      let a = load64(s, 0)
      let b = load64(s, n &- 8)
      d.storeBytes(of: a, toByteOffset: 0, as: UInt64.self)
      d.storeBytes(of: b, toByteOffset: n &- 8, as: UInt64.self)
    } else if n >= 4 {
      let a = load32(s, 0)
      let b = load32(s, n &- 4)
      d.storeBytes(of: a, toByteOffset: 0, as: UInt32.self)
      d.storeBytes(of: b, toByteOffset: n &- 4, as: UInt32.self)
    } else if n >= 2 {
      let a = s.loadUnaligned(fromByteOffset: 0, as: UInt16.self)
      let b = s.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self)
      d.storeBytes(of: a, toByteOffset: 0, as: UInt16.self)
      d.storeBytes(of: b, toByteOffset: n &- 2, as: UInt16.self)
    } else if n == 1 {
      d.storeBytes(of: s.load(fromByteOffset: 0, as: UInt8.self), toByteOffset: 0, as: UInt8.self)
    }
  }

  /// 17...128 bytes; all loads before the stores.
  @inline(__always)
  static func copyMedium(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
    if n <= 32 {
      let a = load(s, 0)
      let b = load(s, n &- 16)
      store(a, d, 0)
      store(b, d, n &- 16)
    } else if n <= 64 {
      let a = load(s, 0)
      let b = load(s, 16)
      let c = load(s, n &- 32)
      let e = load(s, n &- 16)
      store(a, d, 0)
      store(b, d, 16)
      store(c, d, n &- 32)
      store(e, d, n &- 16)
    } else {
      let a0 = load(s, 0)
      let a1 = load(s, 16)
      let a2 = load(s, 32)
      let a3 = load(s, 48)
      let b0 = load(s, n &- 64)
      let b1 = load(s, n &- 48)
      let b2 = load(s, n &- 32)
      let b3 = load(s, n &- 16)
      store(a0, d, 0)
      store(a1, d, 16)
      store(a2, d, 32)
      store(a3, d, 48)
      store(b0, d, n &- 64)
      store(b1, d, n &- 48)
      store(b2, d, n &- 32)
      store(b3, d, n &- 16)
    }
  }

  /// More than 128 bytes, lowest address first. Correct when the ranges do
  /// not overlap or `d` is below `s`: every source byte is loaded before the
  /// store that could overwrite it (each block's stores land below the
  /// next block's loads; the head and tail are loaded first).
  @inline(never)
  static func copyForward(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
    let head = load(s, 0)
    let end = n &- 64
    let t0 = load(s, end)
    let t1 = load(s, end &+ 16)
    let t2 = load(s, end &+ 32)
    let t3 = load(s, end &+ 48)
    // The first offset at which the destination is 16-byte aligned, 1...16.
    var offset = 16 &- (Int(bitPattern: d) & 15)
    while offset < end {
      let v0 = load(s, offset)
      let v1 = load(s, offset &+ 16)
      let v2 = load(s, offset &+ 32)
      let v3 = load(s, offset &+ 48)
      store(v0, d, offset)
      store(v1, d, offset &+ 16)
      store(v2, d, offset &+ 32)
      store(v3, d, offset &+ 48)
      offset &+= 64
    }
    store(head, d, 0)
    store(t0, d, end)
    store(t1, d, end &+ 16)
    store(t2, d, end &+ 32)
    store(t3, d, end &+ 48)
  }

  /// More than 128 bytes, highest address first, for `memmove` with `d`
  /// above `s`: the mirror image of ``copyForward(_:_:_:)``.
  @inline(never)
  static func copyBackward(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
    let h0 = load(s, 0)
    let h1 = load(s, 16)
    let h2 = load(s, 32)
    let h3 = load(s, 48)
    let tail = load(s, n &- 16)
    // The last offset at which the destination is 16-byte aligned, n-15...n.
    var end = n &- ((Int(bitPattern: d) &+ n) & 15)
    while end > 64 {
      let v3 = load(s, end &- 16)
      let v2 = load(s, end &- 32)
      let v1 = load(s, end &- 48)
      let v0 = load(s, end &- 64)
      store(v3, d, end &- 16)
      store(v2, d, end &- 32)
      store(v1, d, end &- 48)
      store(v0, d, end &- 64)
      end &-= 64
    }
    store(tail, d, n &- 16)
    store(h0, d, 0)
    store(h1, d, 16)
    store(h2, d, 32)
    store(h3, d, 48)
  }

  // MARK: Accesses

  @inline(__always)
  static func load(_ p: UnsafeRawPointer, _ offset: Int) -> Vector {
    p.loadUnaligned(fromByteOffset: offset, as: Vector.self)
  }

  @inline(__always)
  static func store(_ v: Vector, _ p: UnsafeMutableRawPointer, _ offset: Int) {
    p.storeBytes(of: v, toByteOffset: offset, as: Vector.self)
  }

  @inline(__always)
  static func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
  }

  @inline(__always)
  static func load32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
  }

  // MARK: Word tricks

  /// The sign of the comparison of two different little-endian words as
  /// byte strings: decided by their lowest differing byte.
  @inline(__always)
  static func order(_ x: UInt64, _ y: UInt64) -> Int32 {
    let shift = (x ^ y).trailingZeroBitCount & ~7
    return Int32(truncatingIfNeeded: (x >> UInt64(shift)) & 0xff) &- Int32(truncatingIfNeeded: (y >> UInt64(shift)) & 0xff)
  }

  /// A word whose lowest set bit is the high bit of the first zero byte of
  /// `word` (0 if it has none). Bits above that one may be wrong (a borrow
  /// propagates), so only the lowest may be used ("Bit Twiddling Hacks":
  /// determine if a word has a zero byte).
  @inline(__always)
  static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }
}
