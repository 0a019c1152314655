import Linux
@testable import Runtime
import Testing

// Byte-exact tests of the memory primitives behind memcpy, memmove, memset,
// memcmp, bcmp and strlen, against reference loops written for clarity.
//
// The matrices are large (every size 0...4096 at every pair of
// misalignments is a million copies), so the checking loops use typed byte
// pointers, which stay fast in debug builds, and each case restores only the
// bytes it touched.

/// Memory for one test: page-aligned, zeroed, with an inaccessible page
/// before and after it, so that a read or write outside the buffer faults.
private final class GuardedBuffer {
  let base: UnsafeMutableRawPointer
  let count: Int
  private let mapping: UnsafeMutableRawPointer
  private let mappingLength: Int

  init(count: Int) throws {
    let page = Memory.pageSize
    let length = (count + page - 1) / page * page
    mappingLength = length + 2 * page
    mapping = try Memory.mapAnonymous(length: mappingLength)
    base = mapping + page
    self.count = length
    try protect(mapping, length: page, [])
    try protect(base + length, length: page, [])
  }

  deinit { try? Memory.unmap(mapping, length: mappingLength) }

  var bytes: UnsafeMutablePointer<UInt8> { base.assumingMemoryBound(to: UInt8.self) }
}

/// `mprotect(2)` (the `Linux` module does not wrap it yet).
private func protect(_ address: UnsafeMutableRawPointer, length: Int, _ protection: Memory.Protection) throws {
  let result = Syscall.call(.mprotect, Int(bitPattern: address), length, Int(protection.rawValue))
  try #require(result == 0)
}

/// Fills `count` bytes with a fixed pseudo-random sequence (xorshift64),
/// different for each seed, so that a byte copied from a wrong offset is
/// seen as wrong.
private func fillRandom(_ p: UnsafeMutablePointer<UInt8>, count: Int, seed: UInt64) {
  var state = seed | 1
  for i in 0..<count {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    p[i] = UInt8(truncatingIfNeeded: state >> 32)
  }
}

/// Whether `count` bytes at `a` and `b` are equal (the reference: a byte loop).
private func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
  var i = 0
  while i < count {
    if a[i] != b[i] { return false }
    i += 1
  }
  return true
}

/// Copies `count` bytes, lowest first (the reference for restoring).
private func referenceCopy(_ destination: UnsafeMutablePointer<UInt8>, _ source: UnsafePointer<UInt8>, count: Int) {
  var i = 0
  while i < count {
    destination[i] = source[i]
    i += 1
  }
}

/// The alignments 0...15 of a pointer within a 16-byte block.
private let alignments = Array(0..<16)
/// The loops above 256 bytes: SSE2 (false) and, where the machine has it,
/// AVX (true).
private let loops = [false, true]
/// Bytes checked on each side of a written range.
private let guardBytes = 32

@Suite struct MemoryFunctionsTests {
  // MARK: memcpy

  /// Every size 0...4096 at every source misalignment (the argument) and
  /// every destination misalignment 0...15; the bytes around the
  /// destination must be untouched.
  @Test(arguments: alignments, loops)
  func copyEverySizeAndAlignment(sourceAlignment: Int, wide: Bool) throws {
    guard !wide || MemoryFunctions.usesWideVectors else { return }
    let maximum = 4096
    let source = try GuardedBuffer(count: maximum + 64)
    let destination = try GuardedBuffer(count: maximum + 2 * guardBytes + 64)
    let background = try GuardedBuffer(count: destination.count)
    fillRandom(source.bytes, count: source.count, seed: 1)
    fillRandom(background.bytes, count: background.count, seed: 2)
    referenceCopy(destination.bytes, background.bytes, count: destination.count)
    let s = source.bytes + sourceAlignment
    for destinationAlignment in alignments {
      let offset = guardBytes + destinationAlignment
      let d = destination.bytes + offset
      for n in 0...maximum {
        MemoryFunctions.copy(to: d, from: s, count: n, wide: wide)
        let region = offset - guardBytes
        let ok =
          same(d, s, count: n)
          && same(destination.bytes + region, background.bytes + region, count: guardBytes)
          && same(d + n, background.bytes + offset + n, count: guardBytes)
        if !ok {
          Issue.record("copy of \(n) bytes, alignments \(sourceAlignment)/\(destinationAlignment), wide \(wide) is wrong")
          return
        }
        referenceCopy(d, background.bytes + offset, count: n)
      }
    }
  }

  // MARK: memmove

  /// Overlapping moves in both directions: every size 0...320 at every
  /// distance 1...size+1 and every source misalignment (the argument); then
  /// every size up to 4096 (each at one source misalignment) at the
  /// distances that matter to a 16-byte, 64-byte-block implementation. Bytes
  /// outside the destination keep their old values (including the part of
  /// the source not overwritten).
  @Test(arguments: alignments, loops)
  func moveOverlappingBothDirections(sourceAlignment: Int, wide: Bool) throws {
    guard !wide || MemoryFunctions.usesWideVectors else { return }
    let maximum = 4096
    let buffer = try GuardedBuffer(count: 2 * maximum + 4 * guardBytes + 64)
    let pristine = try GuardedBuffer(count: buffer.count)
    fillRandom(pristine.bytes, count: pristine.count, seed: 3)
    referenceCopy(buffer.bytes, pristine.bytes, count: buffer.count)

    func check(_ n: Int, _ distance: Int) -> Bool {
      // Forward: destination below the source. Backward: above.
      for backward in [false, true] {
        let low = guardBytes + sourceAlignment
        let source = backward ? low : low + distance
        let destination = backward ? low + distance : low
        MemoryFunctions.move(to: buffer.base + destination, from: buffer.base + source, count: n, wide: wide)
        let end = low + distance + n
        let ok =
          same(buffer.bytes + destination, pristine.bytes + source, count: n)
          && same(buffer.bytes, pristine.bytes, count: destination)
          && same(buffer.bytes + destination + n, pristine.bytes + destination + n, count: end + guardBytes - destination - n)
        if !ok {
          Issue.record("move of \(n) bytes, distance \(distance), backward \(backward), source alignment \(sourceAlignment), wide \(wide) is wrong")
          return false
        }
        referenceCopy(buffer.bytes + destination, pristine.bytes + destination, count: n)
      }
      return true
    }

    for n in 0...320 {
      for distance in 1...(n + 1) where !check(n, distance) { return }
    }
    // Each size once, at the source alignment of this argument.
    for n in 321...maximum where n & 15 == sourceAlignment {
      let distances = [
        1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65, 127, 128, 129,
        n / 2, n - 129, n - 65, n - 64, n - 63, n - 17, n - 16, n - 15, n - 1, n,
      ]
      // The same size at a different relative alignment of each distance.
      for distance in distances where !check(n, distance + (n & 3)) { return }
    }
  }

  /// Moves of ranges that do not overlap take the forward path: every size
  /// 0...600 at every pair of misalignments, in both orders.
  @Test(arguments: loops)
  func moveDisjointEverySizeAndAlignment(wide: Bool) throws {
    guard !wide || MemoryFunctions.usesWideVectors else { return }
    let maximum = 600
    let buffer = try GuardedBuffer(count: 2 * maximum + 4 * guardBytes + 64)
    let pristine = try GuardedBuffer(count: buffer.count)
    fillRandom(pristine.bytes, count: pristine.count, seed: 4)
    referenceCopy(buffer.bytes, pristine.bytes, count: buffer.count)
    let far = maximum + 2 * guardBytes + 16
    for sourceAlignment in alignments {
      for destinationAlignment in alignments {
        for n in 0...maximum {
          for upward in [false, true] {
            let source = guardBytes + sourceAlignment + (upward ? 0 : far)
            let destination = guardBytes + destinationAlignment + (upward ? far : 0)
            MemoryFunctions.move(to: buffer.base + destination, from: buffer.base + source, count: n, wide: wide)
            let ok =
              same(buffer.bytes + destination, pristine.bytes + source, count: n)
              && same(buffer.bytes + destination - guardBytes, pristine.bytes + destination - guardBytes, count: guardBytes)
              && same(buffer.bytes + destination + n, pristine.bytes + destination + n, count: guardBytes)
            if !ok {
              Issue.record("disjoint move of \(n) bytes, alignments \(sourceAlignment)/\(destinationAlignment) is wrong")
              return
            }
            referenceCopy(buffer.bytes + destination, pristine.bytes + destination, count: n)
          }
        }
      }
    }
  }

  // MARK: memset

  /// Every size 0...4096 at every destination misalignment with several
  /// values; the guard bytes on both sides must be untouched.
  @Test(arguments: [UInt8(0x00), 0x01, 0x5a, 0x80, 0xff], loops)
  func fillEverySizeAndAlignment(value: UInt8, wide: Bool) throws {
    guard !wide || MemoryFunctions.usesWideVectors else { return }
    let maximum = 4096
    let destination = try GuardedBuffer(count: maximum + 2 * guardBytes + 64)
    let background = try GuardedBuffer(count: destination.count)
    fillRandom(background.bytes, count: background.count, seed: 5 + UInt64(value))
    referenceCopy(destination.bytes, background.bytes, count: destination.count)
    for alignment in alignments {
      let offset = guardBytes + alignment
      let d = destination.bytes + offset
      for n in 0...maximum {
        MemoryFunctions.fill(d, with: value, count: n, wide: wide)
        var ok =
          same(destination.bytes + alignment, background.bytes + alignment, count: guardBytes)
          && same(d + n, background.bytes + offset + n, count: guardBytes)
        var i = 0
        while ok && i < n {
          ok = d[i] == value
          i += 1
        }
        if !ok {
          Issue.record("fill of \(n) bytes with \(value) at alignment \(alignment) is wrong")
          return
        }
        referenceCopy(d, background.bytes + offset, count: n)
      }
    }
  }

  // MARK: memcmp and bcmp

  /// Equal ranges compare equal at every size and alignment, whatever they
  /// hold.
  @Test func compareEqualRanges() throws {
    let a = try GuardedBuffer(count: 4096)
    let b = try GuardedBuffer(count: 4096)
    fillRandom(a.bytes, count: a.count, seed: 6)
    for n in 0...600 {
      for (x, y) in [(0, 0), (1, 3), (15, 15), (n & 15, (n >> 4) & 15), (7, 0)] {
        referenceCopy(b.bytes + y, a.bytes + x, count: n)
        #expect(MemoryFunctions.compare(a.base + x, b.base + y, count: n) == 0)
        #expect(MemoryFunctions.equal(a.base + x, b.base + y, count: n))
      }
    }
  }

  /// A single differing byte at every position of every size up to 300, in
  /// both orders, with values on both sides of 127 (the comparison is
  /// unsigned), and with every later byte differing the other way (only the
  /// first difference counts).
  @Test(arguments: [(UInt8(0x01), UInt8(0x00)), (0x80, 0x7f), (0xff, 0x00), (0xff, 0xfe), (0x81, 0x01)])
  func compareFirstDifferenceDecides(larger: UInt8, smaller: UInt8) throws {
    let a = try GuardedBuffer(count: 4096)
    let b = try GuardedBuffer(count: 4096)
    for n in 1...300 {
      let x = n & 15
      let y = (n * 7) & 15
      let p = a.bytes + x
      let q = b.bytes + y
      fillRandom(p, count: n, seed: UInt64(n))
      referenceCopy(q, p, count: n)
      for position in 0..<n {
        for laterBytesDiffer in [false, true] {
          p[position] = larger
          q[position] = smaller
          if laterBytesDiffer {
            for i in (position + 1)..<n {
              p[i] = 0x00
              q[i] = 0xff
            }
          }
          let forward = MemoryFunctions.compare(p, q, count: n)
          let backward = MemoryFunctions.compare(q, p, count: n)
          let equal = MemoryFunctions.equal(p, q, count: n) || MemoryFunctions.equal(q, p, count: n)
          if forward <= 0 || backward >= 0 || equal {
            Issue.record("compare of \(n) bytes differing at \(position) (\(larger) > \(smaller)): \(forward), \(backward), \(equal)")
            return
          }
          // Equal again (the later bytes stay as they are in both).
          p[position] = q[position]
          if laterBytesDiffer {
            referenceCopy(q + position + 1, p + position + 1, count: n - position - 1)
          }
          if MemoryFunctions.compare(p, q, count: n) != 0 || !MemoryFunctions.equal(p, q, count: n) {
            Issue.record("compare of \(n) equal bytes after a difference at \(position) is not zero")
            return
          }
        }
      }
    }
  }

  /// Only the first `count` bytes count: a difference just after the range
  /// is ignored.
  @Test func compareIgnoresBytesAfterTheRange() throws {
    let a = try GuardedBuffer(count: 4096)
    let b = try GuardedBuffer(count: 4096)
    for n in 0...300 {
      for i in 0...n {
        a.bytes[i] = 0x42
        b.bytes[i] = 0x42
      }
      b.bytes[n] = 0x43
      #expect(MemoryFunctions.compare(a.base, b.base, count: n) == 0)
      #expect(MemoryFunctions.equal(a.base, b.base, count: n))
    }
  }

  // MARK: strlen

  /// Every length 0...300 at every alignment, with NUL bytes just before
  /// the string (in the same word) and after its end.
  @Test func lengthEveryLengthAndAlignment() throws {
    let buffer = try GuardedBuffer(count: 4096)
    for alignment in alignments {
      for length in 0...300 {
        let start = buffer.bytes + 16 + alignment
        for i in 0..<(16 + alignment) { buffer.bytes[i] = 0 }
        for i in 0..<length { start[i] = UInt8(truncatingIfNeeded: i % 255 + 1) | (i & 1 == 0 ? 0x80 : 0) }
        start[length] = 0
        for i in 1..<16 { start[length + i] = UInt8(truncatingIfNeeded: i & 1) }
        let measured = MemoryFunctions.length(ofCString: start)
        if measured != length {
          Issue.record("length of a \(length)-byte string at alignment \(alignment) is \(measured)")
          return
        }
      }
    }
  }

  /// Strings whose NUL is the last byte before an inaccessible page: the
  /// function must not read past the page (the test would crash).
  @Test func lengthStopsAtThePageEnd() throws {
    let buffer = try GuardedBuffer(count: Memory.pageSize)
    let end = buffer.bytes + buffer.count
    for i in 0..<buffer.count { buffer.bytes[i] = 0x80 | UInt8(truncatingIfNeeded: i) }
    end[-1] = 0
    for length in 0...300 {
      #expect(MemoryFunctions.length(ofCString: end - 1 - length) == length)
    }
    // The whole page as one string.
    #expect(MemoryFunctions.length(ofCString: buffer.base) == buffer.count - 1)
  }

  // MARK: Bounds

  /// No function reads or writes outside its ranges: the ranges are put
  /// against an inaccessible page, at the start and at the end of their
  /// buffers, for every size up to 300.
  @Test func accessesStayInsideTheRanges() throws {
    let a = try GuardedBuffer(count: Memory.pageSize)
    let b = try GuardedBuffer(count: Memory.pageSize)
    fillRandom(a.bytes, count: a.count, seed: 7)
    fillRandom(b.bytes, count: b.count, seed: 7)
    let page = Memory.pageSize
    for n in 0...300 {
      for (x, y) in [(0, 0), (page - n, page - n), (0, page - n), (page - n, 0)] {
        MemoryFunctions.copy(to: b.base + y, from: a.base + x, count: n)
        MemoryFunctions.move(to: b.base + y, from: a.base + x, count: n)
        MemoryFunctions.move(to: a.base + x, from: a.base + x, count: n)
        #expect(MemoryFunctions.compare(a.base + x, b.base + y, count: n) == 0)
        #expect(MemoryFunctions.equal(a.base + x, b.base + y, count: n))
        _ = MemoryFunctions.containsNewline(UnsafeRawBufferPointer(start: a.base + x, count: n))
        MemoryFunctions.fill(b.base + y, with: 0x3c, count: n)
        fillRandom(b.bytes, count: b.count, seed: 7)
      }
    }
    // Overlapping moves that end at the page boundary, both directions.
    for n in 0...300 {
      for distance in [1, 16, 64] where n + distance <= page {
        MemoryFunctions.move(to: a.base + page - n, from: a.base + page - n - distance, count: n)
        MemoryFunctions.move(to: a.base + page - n - distance, from: a.base + page - n, count: n)
        MemoryFunctions.move(to: a.base, from: a.base + distance, count: n)
        MemoryFunctions.move(to: a.base + distance, from: a.base, count: n)
      }
    }
  }

  // MARK: Newline search

  /// A newline at every position of every size up to 100, at every
  /// alignment; and none at all.
  @Test func containsNewlineFindsEveryPosition() throws {
    let buffer = try GuardedBuffer(count: 4096)
    for alignment in alignments {
      let p = buffer.bytes + alignment
      for n in 0...100 {
        // 0x0b and 0x8a are one bit away from a newline.
        for i in 0..<n { p[i] = i & 1 == 0 ? 0x0b : 0x8a }
        p[n] = 10
        #expect(!MemoryFunctions.containsNewline(UnsafeRawBufferPointer(start: p, count: n)))
        for position in 0..<n {
          p[position] = 10
          if !MemoryFunctions.containsNewline(UnsafeRawBufferPointer(start: p, count: n)) {
            Issue.record("newline at \(position) of \(n) bytes, alignment \(alignment), not found")
            return
          }
          p[position] = 0x0b
        }
      }
    }
    #expect(!MemoryFunctions.containsNewline(UnsafeRawBufferPointer(start: nil, count: 0)))
  }
}
