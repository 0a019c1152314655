import Linux
import Testing

@testable import Runtime

// The allocator is single-threaded, and Swift Testing runs tests in
// parallel: every test that touches it is in this one serialized suite. (In
// this hosted process glibc's malloc serves everything else; `Allocator` is
// a separate heap, so other suites running at the same time do not touch
// it.)
@Suite(.serialized)
struct AllocatorTests {
  // MARK: Size classes

  @Test func sizeClassesRoundUpAndAreOrdered() {
    var previous = 0
    for index in 0..<Allocator.classCount {
      let size = Allocator.blockSize(ofClass: index)
      #expect(size > previous)
      #expect(size % 16 == 0)
      #expect(Allocator.classIndex(blockSize: size) == index)
      #expect(Allocator.classIndex(blockSize: previous + 1) == index)
      // At most 25% lost to rounding (above the 16-byte steps).
      if size > 128 { #expect(size - previous <= size / 4) }
      previous = size
    }
    #expect(previous == Allocator.maximumBlockSize)
    #expect(Allocator.classIndex(blockSize: 1) == 0)
    #expect(Allocator.classIndex(blockSize: 8) == 0)
  }

  // MARK: malloc and free

  @Test func everySmallSizeIsAlignedAndUsable() throws {
    var pointers: [UnsafeMutableRawPointer] = []
    for size in 0...3000 {
      let p = try #require(Allocator.allocate(byteCount: size, alignment: 16))
      #expect(UInt(bitPattern: p) % 16 == 0)
      let usable = Allocator.usableSize(p)
      #expect(usable >= size)
      #expect(usable <= max(size + size / 4, 16) + 16)
      p.initializeMemory(as: UInt8.self, repeating: 0xA5, count: usable)
      pointers.append(p)
    }
    // No two blocks overlap: sorted by address, each ends before the next.
    let sorted = pointers.sorted { UInt(bitPattern: $0) < UInt(bitPattern: $1) }
    for (a, b) in zip(sorted, sorted.dropFirst()) {
      #expect(a + Allocator.usableSize(a) <= b)
    }
    for p in pointers { Allocator.deallocate(p) }
  }

  @Test func zeroBytesGiveUniqueFreeablePointers() throws {
    let a = try #require(Allocator.allocate(byteCount: 0, alignment: 16))
    let b = try #require(Allocator.allocate(byteCount: 0, alignment: 1))
    #expect(a != b)
    #expect(Allocator.usableSize(a) == 8)
    Allocator.deallocate(a)
    Allocator.deallocate(b)
  }

  @Test func freeingNilDoesNothing() {
    Allocator.deallocate(nil)
  }

  @Test func freedBlocksAreReusedLastInFirstOut() throws {
    for size in [1, 24, 100, 1000, 50_000, Allocator.largeThreshold] {
      let a = try #require(Allocator.allocate(byteCount: size, alignment: 16))
      let b = try #require(Allocator.allocate(byteCount: size, alignment: 16))
      Allocator.deallocate(a)
      Allocator.deallocate(b)
      #expect(Allocator.allocate(byteCount: size, alignment: 16) == b)
      #expect(Allocator.allocate(byteCount: size, alignment: 16) == a)
      Allocator.deallocate(a)
      Allocator.deallocate(b)
    }
  }

  @Test func largeBlocksHaveTheirOwnMappings() throws {
    let size = Allocator.largeThreshold + 1
    let p = try #require(Allocator.allocate(byteCount: size, alignment: 16))
    #expect(UInt(bitPattern: p) % 4096 == 16)
    #expect(Allocator.usableSize(p) >= size)
    #expect(Allocator.usableSize(p) < size + 4096)
    p.initializeMemory(as: UInt8.self, repeating: 1, count: Allocator.usableSize(p))
    Allocator.deallocate(p)
  }

  // MARK: Alignment

  @Test(arguments: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096])
  func alignmentsUpToAPage(alignment: Int) throws {
    var pointers: [UnsafeMutableRawPointer] = []
    for size in [0, 1, 8, 17, 100, 4000, 4096, 5000, 70_000, Allocator.largeThreshold, 200_000, 1 << 20] {
      for _ in 0..<3 {
        let p = try #require(Allocator.allocate(byteCount: size, alignment: alignment))
        #expect(UInt(bitPattern: p) % UInt(max(alignment, 16)) == 0)
        let usable = Allocator.usableSize(p)
        #expect(usable >= size)
        p.initializeMemory(as: UInt8.self, repeating: 0x3C, count: usable)
        pointers.append(p)
      }
    }
    for p in pointers { Allocator.deallocate(p) }
    // Over-aligned blocks went back to their classes: the same request
    // gets memory again.
    let p = try #require(Allocator.allocate(byteCount: 100, alignment: alignment))
    Allocator.deallocate(p)
  }

  @Test(arguments: [0, -1, -16, 3, 24, 48, 4095, 8192, 1 << 20, Int.min])
  func invalidAlignmentsReturnNil(alignment: Int) {
    #expect(Allocator.allocate(byteCount: 16, alignment: alignment) == nil)
    #expect(Allocator.allocate(byteCount: 1 << 20, alignment: alignment) == nil)
  }

  // MARK: Errors

  @Test func invalidAndHugeSizesReturnNil() {
    for size in [-1, -4096, Int.min, Int.max, Int.max - 15, Int.max - 4096, (1 << 47) + 1, 1 << 50] {
      for alignment in [1, 16, 64, 4096] {
        #expect(Allocator.allocate(byteCount: size, alignment: alignment) == nil)
      }
      #expect(Allocator.allocateZeroed(count: 1, size: size) == nil)
    }
  }

  @Test func kernelRefusalIsNil() {
    // Nearly the whole 47-bit user address space: no kernel can map it.
    #expect(Allocator.allocate(byteCount: Allocator.maximumByteCount - 8192, alignment: 16) == nil)
    #expect(Allocator.allocate(byteCount: Allocator.maximumByteCount, alignment: 4096) == nil)
    // 64 TiB: more than RAM plus swap, refused unless the kernel is set to
    // overcommit without limit (vm.overcommit_memory = 1).
    if readProcFile("/proc/sys/vm/overcommit_memory").first != UInt8(ascii: "1") {
      #expect(Allocator.allocate(byteCount: 1 << 46, alignment: 16) == nil)
      #expect(Allocator.allocateZeroed(count: 1 << 36, size: 1 << 10) == nil)
    }
  }

  @Test func callocOverflowIsNil() {
    #expect(Allocator.allocateZeroed(count: Int.max / 2 + 1, size: 2) == nil)
    #expect(Allocator.allocateZeroed(count: 1 << 32, size: 1 << 32) == nil)
    #expect(Allocator.allocateZeroed(count: -1, size: 1) == nil)
    #expect(Allocator.allocateZeroed(count: 1, size: -1) == nil)
    #expect(Allocator.allocateZeroed(count: 3, size: Int.max / 2) == nil)
  }

  @Test func reallocatingToAHugeSizeFailsAndKeepsTheBlock() throws {
    let p = try #require(Allocator.allocate(byteCount: 100, alignment: 16))
    p.initializeMemory(as: UInt8.self, repeating: 7, count: 100)
    #expect(Allocator.reallocate(p, byteCount: Int.max) == nil)
    #expect(Allocator.reallocate(p, byteCount: -5) == nil)
    #expect(Allocator.reallocate(p, byteCount: Allocator.maximumByteCount - 8192) == nil)
    #expect(p.load(fromByteOffset: 99, as: UInt8.self) == 7)
    let large = try #require(Allocator.allocate(byteCount: 1 << 20, alignment: 16))
    #expect(Allocator.reallocate(large, byteCount: Allocator.maximumByteCount - 8192) == nil)
    Allocator.deallocate(large)
    Allocator.deallocate(p)
  }

  // MARK: calloc

  @Test func zeroedMemoryIsZeroEvenWhenRecycled() throws {
    let sizes = [1, 8, 16, 100, 1000, 4096, 30_000, Allocator.largeThreshold, 300_000]
    for size in sizes {
      let p = try #require(Allocator.allocate(byteCount: size, alignment: 16))
      p.initializeMemory(as: UInt8.self, repeating: 0xFF, count: Allocator.usableSize(p))
      Allocator.deallocate(p)
      let q = try #require(Allocator.allocateZeroed(count: 1, size: size))
      if size <= Allocator.largeThreshold { #expect(q == p) }  // recycled
      let bytes = UnsafeRawBufferPointer(start: q, count: size)
      #expect(bytes.allSatisfy { $0 == 0 })
      Allocator.deallocate(q)
    }
    let array = try #require(Allocator.allocateZeroed(count: 1000, size: 24))
    #expect(UnsafeRawBufferPointer(start: array, count: 24_000).allSatisfy { $0 == 0 })
    Allocator.deallocate(array)
  }

  // MARK: realloc

  @Test func reallocateFromNilAllocatesAndToZeroFrees() throws {
    let p = try #require(Allocator.reallocate(nil, byteCount: 40))
    #expect(Allocator.usableSize(p) >= 40)
    #expect(Allocator.reallocate(p, byteCount: 0) == nil)
    // p went back to its free list.
    #expect(Allocator.allocate(byteCount: 40, alignment: 16) == p)
    Allocator.deallocate(p)
  }

  @Test func reallocateGrowsInPlaceWithinTheClass() throws {
    let p = try #require(Allocator.allocate(byteCount: 100, alignment: 16))
    fill(p, count: 100, id: 1)
    let usable = Allocator.usableSize(p)
    #expect(Allocator.reallocate(p, byteCount: usable) == p)
    #expect(Allocator.reallocate(p, byteCount: usable - 10) == p)
    #expect(check(p, count: 100, id: 1))
    Allocator.deallocate(p)
  }

  @Test func reallocateKeepsTheContentsAcrossEveryKindOfMove() throws {
    // small → small → large (mremap grow) → large shrink → small → tiny.
    let steps = [10, 300, 5000, 100_000, 400_000, 3 << 20, 1 << 20, 200_000, 3000, 20, 5]
    var p = try #require(Allocator.allocate(byteCount: steps[0], alignment: 16))
    fill(p, count: steps[0], id: 42)
    var valid = steps[0]
    for size in steps.dropFirst() {
      p = try #require(Allocator.reallocate(p, byteCount: size))
      #expect(UInt(bitPattern: p) % 16 == 0)
      #expect(Allocator.usableSize(p) >= size)
      #expect(check(p, count: valid, id: 42, limit: size))
      fill(p, count: size, id: 42)
      valid = size
    }
    Allocator.deallocate(p)
  }

  @Test func reallocateAnOverAlignedBlock() throws {
    let p = try #require(Allocator.allocate(byteCount: 100, alignment: 1024))
    fill(p, count: 100, id: 9)
    let same = try #require(Allocator.reallocate(p, byteCount: 50))
    #expect(same == p)
    let moved = try #require(Allocator.reallocate(p, byteCount: 10_000))
    #expect(check(moved, count: 50, id: 9))
    Allocator.deallocate(moved)
  }

  // MARK: Returning memory to the kernel

  @Test func freedLargeBlocksGoBackToTheKernel() throws {
    let megabyte = 1 << 20
    let before = residentBytes()
    var blocks: [UnsafeMutableRawPointer] = []
    for _ in 0..<64 {
      let p = try #require(Allocator.allocate(byteCount: megabyte, alignment: 16))
      p.initializeMemory(as: UInt8.self, repeating: 0x11, count: megabyte)  // back every page
      blocks.append(p)
    }
    let allocated = residentBytes()
    for p in blocks { Allocator.deallocate(p) }
    let freed = residentBytes()
    // Other suites run in this process at the same time and move the
    // counts a little; 64 MiB stands far above that.
    #expect(allocated - before >= 60 * megabyte)
    #expect(allocated - freed >= 60 * megabyte)
    #expect(freed - before < 8 * megabyte)
  }

  // MARK: Randomized stress

  /// Millions of random operations in total over a table of live blocks,
  /// with a canary in every block, checked before every free and realloc
  /// and at the end.
  @Test(arguments: [(seed: UInt64(1), slots: 4096, operations: 1_000_000),
                    (seed: UInt64(2), slots: 64, operations: 1_000_000),
                    (seed: UInt64(3), slots: 512, operations: 500_000)])
  func randomizedStress(seed: UInt64, slots: Int, operations: Int) {
    var random = SplitMix64(state: seed)
    var table = [Block?](repeating: nil, count: slots)
    var nextID = 1
    var counts = (malloc: 0, calloc: 0, aligned: 0, realloc: 0, free: 0)

    // Plain checks with `Issue.record` in the loop: `#require` costs
    // microseconds per use in a debug build.
    for operation in 0..<operations {
      let r = random.next()
      let slot = Int(r % UInt64(slots))
      let choice = (r >> 32) % 100
      if let block = table[slot] {
        guard check(block.pointer, count: block.size, id: block.id) else {
          Issue.record("operation \(operation): block \(block.id) of \(block.size) bytes is corrupted")
          return
        }
        if choice < 30 {
          let size = randomSize(&random)
          guard let moved = Allocator.reallocate(block.pointer, byteCount: size) else {
            Issue.record("operation \(operation): realloc to \(size) bytes failed")
            return
          }
          guard check(moved, count: block.size, id: block.id, limit: size), Allocator.usableSize(moved) >= size else {
            Issue.record("operation \(operation): realloc of block \(block.id) from \(block.size) to \(size) bytes lost its contents")
            return
          }
          fill(moved, count: size, id: block.id)
          table[slot] = Block(pointer: moved, size: size, id: block.id)
          counts.realloc += 1
        } else {
          Allocator.deallocate(block.pointer)
          table[slot] = nil
          counts.free += 1
        }
      } else {
        let size = randomSize(&random)
        let id = nextID
        nextID += 1
        var alignment = 16
        let result: UnsafeMutableRawPointer?
        if choice < 70 {
          result = Allocator.allocate(byteCount: size, alignment: 16)
          counts.malloc += 1
        } else if choice < 85 {
          result = Allocator.allocateZeroed(count: 1, size: size)
          if let result, !checkZero(result, count: size) {
            Issue.record("operation \(operation): calloc of \(size) bytes is not zeroed")
            return
          }
          counts.calloc += 1
        } else {
          alignment = 32 << Int((r >> 48) % 8)  // 32 ... 4096
          result = Allocator.allocate(byteCount: size, alignment: alignment)
          counts.aligned += 1
        }
        guard let pointer = result, UInt(bitPattern: pointer) % UInt(alignment) == 0,
          Allocator.usableSize(pointer) >= size
        else {
          Issue.record("operation \(operation): allocating \(size) bytes aligned to \(alignment) failed")
          return
        }
        fill(pointer, count: size, id: id)
        table[slot] = Block(pointer: pointer, size: size, id: id)
      }
    }
    for case let block? in table {
      #expect(check(block.pointer, count: block.size, id: block.id), "block \(block.id) is corrupted at the end")
      Allocator.deallocate(block.pointer)
    }
    #expect(counts.malloc > operations / 10)
    #expect(counts.calloc > 0 && counts.aligned > 0 && counts.realloc > 0 && counts.free > 0)
  }
}

// MARK: - Helpers

struct Block {
  var pointer: UnsafeMutableRawPointer
  var size: Int
  var id: Int
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so a
/// failure reproduces.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z &>> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z &>> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z &>> 31)
  }
}

/// 1 B to 8 MiB, skewed to small sizes as real programs are: 70% up to
/// 256 B, 20% up to 4 KiB, 8% up to 128 KiB, 1.9% up to 1 MiB, 0.1% up
/// to 8 MiB.
func randomSize(_ random: inout SplitMix64) -> Int {
  let r = random.next()
  let band = r % 1000
  let within = Int(r >> 16)
  switch band {
  case 0..<700: return 1 + within % 256
  case 700..<900: return 257 + within % (4096 - 256)
  case 900..<980: return 4097 + within % (128 << 10)
  case 980..<999: return (128 << 10) + within % (896 << 10)
  default: return (1 << 20) + within % (7 << 20)
  }
}

/// The canary word at `offset` (a multiple of 8) of block `id`; the byte
/// at offset `x` is byte `x % 8` of the word at `x - x % 8`.
@inline(__always)
func canaryWord(_ id: Int, _ offset: Int) -> UInt64 {
  (UInt64(truncatingIfNeeded: id) &* 0x9e37_79b9_7f4a_7c15) ^ (UInt64(truncatingIfNeeded: offset) &* 0x0100_0000_01b3)
}

/// The spans that carry a canary in a block of `count` bytes: the whole
/// block up to 256 bytes; in larger blocks the first and last 64 bytes and
/// 64 bytes at each of 14 evenly spread points (about 1 KiB, so that even
/// 8 MiB blocks stay cheap in a debug build). Spans start at multiples of
/// 8, except the last one.
func canarySpan(_ count: Int, _ k: Int) -> Range<Int>? {
  if count <= 256 { return k == 0 ? 0..<count : nil }
  switch k {
  case 0: return 0..<64
  case 1...14: let start = (count - 64) / 15 * k & ~7; return start..<start + 64
  case 15: return count - 64..<count
  default: return nil
  }
}

/// Compares (`verify`) or writes the pattern of block `id` over the canary
/// spans of a block of `count` bytes, below `limit`; `zero` uses zeros
/// instead of the pattern. Returns false at the first mismatch.
func canaries(
  _ pointer: UnsafeMutableRawPointer, count: Int, id: Int, limit: Int = .max, verify: Bool, zero: Bool = false
) -> Bool {
  var k = 0
  while let span = canarySpan(count, k) {
    k += 1
    var x = span.lowerBound
    let end = min(span.upperBound, limit)
    while x < end {
      let base = x & ~7
      let word = zero ? 0 : canaryWord(id, base)
      if x == base && x + 8 <= end {
        if verify {
          if pointer.load(fromByteOffset: x, as: UInt64.self) != word { return false }
        } else {
          pointer.storeBytes(of: word, toByteOffset: x, as: UInt64.self)
        }
        x += 8
      } else {
        let byte = UInt8(truncatingIfNeeded: word >> UInt64((x - base) * 8))
        if verify {
          if pointer.load(fromByteOffset: x, as: UInt8.self) != byte { return false }
        } else {
          pointer.storeBytes(of: byte, toByteOffset: x, as: UInt8.self)
        }
        x += 1
      }
    }
  }
  return true
}

func fill(_ pointer: UnsafeMutableRawPointer, count: Int, id: Int) {
  _ = canaries(pointer, count: count, id: id, verify: false)
}

/// Whether the canaries of a block of `count` bytes still hold block `id`'s
/// pattern; with `limit`, only those below it (the part of a block that
/// `realloc` keeps).
func check(_ pointer: UnsafeMutableRawPointer, count: Int, id: Int, limit: Int = .max) -> Bool {
  canaries(pointer, count: count, id: id, limit: limit, verify: true)
}

func checkZero(_ pointer: UnsafeMutableRawPointer, count: Int) -> Bool {
  canaries(pointer, count: count, id: 0, verify: true, zero: true)
}

/// The whole of a small file such as one in /proc, read with raw system
/// calls.
func readProcFile(_ path: String) -> [UInt8] {
  let fd = path.withCString { Syscall.call(.openat, -100, Int(bitPattern: $0), 0) }
  guard fd >= 0 else { return [] }
  defer { _ = Syscall.call(.close, fd) }
  var result: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = buffer.withUnsafeMutableBytes { bytes in
      (try? FileDescriptor(rawValue: Int32(fd)).read(into: bytes)) ?? 0
    }
    if count <= 0 { break }
    result += buffer[0..<count]
  }
  return result
}

/// The resident set size of this process, from the second field of
/// `/proc/self/statm` (in pages; see proc(5)).
func residentBytes() -> Int {
  let fields = readProcFile("/proc/self/statm").split(separator: UInt8(ascii: " "))
  let pages = fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) ?? 0 : 0
  return pages * 4096
}
