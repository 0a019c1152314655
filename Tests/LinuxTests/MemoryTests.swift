import Foundation
import Glibc
import Linux
import Testing

/// A file's whole contents, read with Glibc until end of file. (Foundation
/// reads /proc files, whose size is 0, only in part.)
func readWholeFile(_ path: String) throws -> String {
  let fd = open(path, O_RDONLY | O_CLOEXEC)
  try #require(fd >= 0)
  defer { Glibc.close(fd) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    if n <= 0 { break }
    bytes += chunk[..<n]
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// The permissions column of `/proc/self/maps` for the mapping holding
/// `address` (`rw-p`, `r-xp`...), or nil when nothing is mapped there.
func mapsPermissions(at address: UnsafeRawPointer) throws -> String? {
  let maps = try readWholeFile("/proc/self/maps")
  let target = UInt(bitPattern: address)
  for line in maps.split(separator: "\n") {
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    let range = fields[0].split(separator: "-")
    guard let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else { continue }
    if start <= target && target < end { return String(fields[1]) }
  }
  return nil
}

/// Whether any page of `length` bytes at `address` is mapped, asked with
/// `mincore` (ENOMEM: not mapped).
func isRangeMapped(_ address: UnsafeMutableRawPointer, length: Int) throws -> Bool {
  var vector = [UInt8](repeating: 0, count: Memory.pageCount(length: length))
  do {
    try vector.withUnsafeMutableBufferPointer { try Memory.residency(address, length: length, into: $0) }
    return true
  } catch {
    if (error as? Errno) == .noMemory { return false }
    throw error
  }
}

@Suite struct MemoryTests {
  let page = Memory.pageSize
  /// A page that nothing maps: the second page of the address space, just
  /// above the one `vm.mmap_min_addr` forbids (4 KiB here, 64 KiB on most
  /// distributions), far below where the kernel places mappings. Error paths about unmapped memory use it rather than a
  /// range this test has just unmapped, which another thread of the test
  /// process may have been given in the meantime (and which a wrong call
  /// would then damage).
  let neverMapped = UnsafeMutableRawPointer(bitPattern: 0x1000)!

  @Test func anonymousMappings() throws {
    var mapping = try MemoryMapping(length: 3 * page)
    #expect(mapping.length == 3 * page)
    #expect(mapping.bytes.allSatisfy { $0 == 0 })
    mapping.bytes[0] = 0xab
    mapping.withUnsafeMutableBytes { $0[3 * page - 1] = 0xcd }
    try mapping.remap(newLength: 64 * page)
    #expect(mapping.length == 64 * page)
    #expect(mapping.bytes[0] == 0xab && mapping.bytes[3 * page - 1] == 0xcd && mapping.bytes[64 * page - 1] == 0)
    // The general call maps anonymous memory when given no file.
    let raw = try Memory.map(length: page, protection: [.read, .write], flags: [.private, .populate, .locked, .noReserve])
    #expect(try mapsPermissions(at: raw) == "rw-p")
    try Memory.unmap(raw, length: page)
    let stack = try Memory.map(length: 4 * page, protection: [.read, .write], flags: [.private, .growsDown, .stack])
    try Memory.unmap(stack, length: 4 * page)
    let shared = try MemoryMapping(length: page, flags: .shared)
    #expect(try mapsPermissions(at: shared.base) == "rw-s")
    try shared.unmap()
  }

  @Test func mappingErrors() throws {
    #expect(throws: Errno.invalidArgument) { _ = try MemoryMapping(length: 0) }
    #expect(throws: Errno.noMemory) { _ = try MemoryMapping(length: 1 << 62) }
    // No mapping type.
    #expect(throws: Errno.invalidArgument) { _ = try Memory.map(length: page, protection: .read, flags: []) }
    // A fixed address must be page-aligned.
    #expect(throws: Errno.invalidArgument) {
      _ = try Memory.map(
        at: UnsafeMutableRawPointer(bitPattern: 0x1000_0001), length: page, protection: .read, flags: [.private, .fixed])
    }
    #expect(throws: Errno.invalidArgument) { try Memory.unmap(UnsafeMutableRawPointer(bitPattern: 0x1001)!, length: page) }
  }

  @Test func mappingUnmapsAtEndOfScope() throws {
    var address: UnsafeMutableRawPointer? = nil
    do {
      let mapping = try MemoryMapping(length: 2 * page)
      mapping.bytes[0] = 1
      address = mapping.base
      #expect(try isRangeMapped(mapping.base, length: 2 * page))
    }
    #expect(try !isRangeMapped(address!, length: 2 * page))
    // Explicitly.
    let explicit = try MemoryMapping(length: page)
    let base = explicit.base
    try explicit.unmap()
    #expect(try !isRangeMapped(base, length: page))
    // Released: stays mapped until unmapped by hand.
    let released = try MemoryMapping(length: page).release()
    #expect(try isRangeMapped(released.baseAddress!, length: page))
    try Memory.unmap(released.baseAddress!, length: released.count)
    #expect(try !isRangeMapped(released.baseAddress!, length: page))
  }

  @Test func sharedFileMappingPersistsToTheFile() throws {
    let file = try MemTestFile(size: 2 * page)
    let mapping = try MemoryMapping(file: file.descriptor, length: 2 * page, protection: [.read, .write], flags: .shared)
    let message = Array("written through the mapping".utf8)
    for (i, byte) in message.enumerated() { mapping.bytes[page + i] = byte }
    try mapping.sync()
    try mapping.sync(flags: [.asynchronous, .invalidate])
    #expect(file.read(count: message.count, at: page) == message)
    // And the other way: a write to the file shows in the mapping.
    _ = [UInt8](repeating: 0x5a, count: 4).withUnsafeBytes { pwrite(file.fd, $0.baseAddress, 4, 8) }
    #expect(Array(mapping.bytes[8..<12]) == [0x5a, 0x5a, 0x5a, 0x5a])
    try mapping.unmap()
    // An offset into the file.
    let second = try MemoryMapping(file: file.descriptor, offset: page, length: page)
    #expect(Array(second.bytes[0..<message.count]) == message)
    #expect(try mapsPermissions(at: second.base) == "r--s")
  }

  @Test func twoMappingsOfOneFileSeeEachOthersWrites() throws {
    let file = try MemTestFile(size: page)
    let a = try MemoryMapping(file: file.descriptor, length: page, protection: [.read, .write], flags: .shared)
    let b = try MemoryMapping(file: file.descriptor, length: page, protection: [.read, .write], flags: .sharedValidate)
    #expect(a.base != b.base)
    a.bytes[100] = 42
    #expect(b.bytes[100] == 42)
    b.bytes[200] = 43
    #expect(a.bytes[200] == 43)
    // A private mapping copies on write: its writes reach neither.
    let p = try MemoryMapping(file: file.descriptor, length: page, protection: [.read, .write], flags: .private)
    #expect(p.bytes[100] == 42)
    p.bytes[100] = 7
    #expect(a.bytes[100] == 42 && file.read(count: 1, at: 100) == [42])
  }

  @Test func fileMappingErrors() throws {
    let file = try MemTestFile(size: page)
    #expect(throws: Errno.badFileDescriptor) { _ = try MemoryMapping(file: FileDescriptor(rawValue: 9999), length: page) }
    #expect(throws: Errno.badFileDescriptor) { _ = try MemoryMapping(file: FileDescriptor(rawValue: -1), length: page) }
    // The offset must be a multiple of the page size.
    #expect(throws: Errno.invalidArgument) { _ = try MemoryMapping(file: file.descriptor, offset: 100, length: page) }
    // MAP_SHARED_VALIDATE refuses flags the file does not support, or
    // that the kernel does not know; plain MAP_SHARED ignores unknown ones
    // (but, since Linux 6.x, not MAP_SYNC).
    #expect(throws: Errno.notSupported) {
      _ = try MemoryMapping(file: file.descriptor, length: page, flags: [.sharedValidate, .sync])
    }
    #expect(throws: Errno.notSupported) {
      _ = try MemoryMapping(file: file.descriptor, length: page, flags: [.sharedValidate, Memory.MapFlags(rawValue: 0x0080_0000)])
    }
    let lenient = try MemoryMapping(file: file.descriptor, length: page, flags: [.shared, Memory.MapFlags(rawValue: 0x0080_0000)])
    try lenient.unmap()
    // A shared writable mapping needs a descriptor open for writing...
    let readOnly = open(file.path, O_RDONLY | O_CLOEXEC)
    defer { Glibc.close(readOnly) }
    #expect(throws: Errno.permissionDenied) {
      _ = try MemoryMapping(file: FileDescriptor(rawValue: readOnly), length: page, protection: [.read, .write], flags: .shared)
    }
    // ... and so does making one writable later.
    let readable = try MemoryMapping(file: FileDescriptor(rawValue: readOnly), length: page, protection: .read, flags: .shared)
    #expect(throws: Errno.permissionDenied) { try readable.protect([.read, .write]) }
    // A pipe cannot be mapped.
    var fds: [Int32] = [-1, -1]
    try #require(pipe(&fds) == 0)
    defer { Glibc.close(fds[0]); Glibc.close(fds[1]) }
    #expect(throws: Errno.operationNotSupportedByDevice) {
      _ = try MemoryMapping(file: FileDescriptor(rawValue: fds[0]), length: page)
    }
  }

  @Test func fixedMappings() throws {
    let region = try MemoryMapping(length: 3 * page)
    region.bytes[page] = 9
    // MAP_FIXED_NOREPLACE refuses to replace a mapping...
    #expect(throws: Errno.fileExists) {
      _ = try Memory.map(at: region.base + page, length: page, protection: .read, flags: [.private, .fixedNoReplace])
    }
    #expect(region.bytes[page] == 9)
    // ... MAP_FIXED replaces it: the middle page is now read-only and new.
    let middle = try Memory.map(at: region.base + page, length: page, protection: .read, flags: [.private, .fixed])
    #expect(middle == region.base + page)
    #expect(try mapsPermissions(at: region.base) == "rw-p")
    #expect(try mapsPermissions(at: middle) == "r--p")
    #expect(try mapsPermissions(at: region.base + 2 * page) == "rw-p")
    #expect(middle.load(as: UInt8.self) == 0)
    // MAP_FIXED_NOREPLACE where nothing is mapped.
    let hole = region.base + 2 * page
    try Memory.unmap(hole, length: page)
    let placed = try Memory.map(at: hole, length: page, protection: [.read, .write], flags: [.private, .fixedNoReplace])
    #expect(placed == hole)
    // (region unmaps all three pages at the end of scope.)
  }

  @Test func remapToAFixedAddressAndWithoutUnmapping() throws {
    let source = try MemoryMapping(length: 2 * page).release()
    source[0] = 11
    source[page] = 12
    let target = try MemoryMapping(length: 2 * page)
    let moved = try Memory.remap(source.baseAddress!, oldLength: 2 * page, newLength: 2 * page, flags: .fixed, to: target.base)
    #expect(moved == target.base)
    #expect(target.bytes[0] == 11 && target.bytes[page] == 12)
    #expect(try !isRangeMapped(source.baseAddress!, length: 2 * page))
    // MREMAP_DONTUNMAP: the old range stays mapped, empty.
    let keep = try MemoryMapping(length: page)
    keep.bytes[0] = 13
    let elsewhere = try Memory.remap(keep.base, oldLength: page, newLength: page, flags: [.mayMove, .dontUnmap])
    let movedHere = MemoryMapping(adopting: elsewhere, length: page)
    #expect(movedHere.bytes[0] == 13)
    #expect(try isRangeMapped(keep.base, length: page))
    #expect(keep.bytes[0] == 0)
    // Errors.
    #expect(throws: Errno.invalidArgument) {  // MREMAP_FIXED without MREMAP_MAYMOVE
      _ = try Memory.remap(keep.base, oldLength: page, newLength: page, flags: .fixed)
    }
    #expect(throws: Errno.invalidArgument) {  // DONTUNMAP must keep the length
      _ = try Memory.remap(keep.base, oldLength: page, newLength: 2 * page, flags: .dontUnmap, to: target.base)
    }
    #expect(throws: Errno.badAddress) {  // nothing mapped there
      _ = try Memory.remap(neverMapped, oldLength: page, newLength: 2 * page)
    }
    let blocked = try MemoryMapping(length: 2 * page)
    _ = try Memory.map(at: blocked.base + page, length: page, protection: .read, flags: [.private, .fixed])
    #expect(throws: Errno.noMemory) {  // cannot grow in place, may not move
      _ = try Memory.remap(blocked.base, oldLength: page, newLength: 2 * page, flags: [])
    }
  }

  @Test func protectAndRunCode() throws {
    // mov eax, 42; ret
    let code: [UInt8] = [0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3]
    let mapping = try MemoryMapping(length: page)
    for (i, byte) in code.enumerated() { mapping.bytes[i] = byte }
    #expect(try mapsPermissions(at: mapping.base) == "rw-p")
    try mapping.protect([.read, .execute])  // never writable and executable at once
    #expect(try mapsPermissions(at: mapping.base) == "r-xp")
    let function = unsafeBitCast(mapping.base, to: (@convention(c) () -> Int32).self)
    #expect(function() == 42)
    try Memory.protect(mapping.base, length: page, .none)
    #expect(try mapsPermissions(at: mapping.base) == "---p")
    // Errors.
    #expect(throws: Errno.invalidArgument) { try Memory.protect(mapping.base + 1, length: page, .read) }
    #expect(throws: Errno.invalidArgument) { try Memory.protect(mapping.base, length: page, Memory.Protection(rawValue: 0x40)) }
    // x86-64 has no grows-up mappings.
    #expect(throws: Errno.invalidArgument) { try Memory.protect(mapping.base, length: page, [.read, .growsUp]) }
    #expect(throws: Errno.noMemory) { try Memory.protect(neverMapped, length: page, .read) }
  }

  @Test func syncErrors() throws {
    let mapping = try MemoryMapping(length: page)
    try mapping.sync()  // anonymous memory: nothing to write, not an error
    #expect(throws: Errno.invalidArgument) { try mapping.sync(flags: [.asynchronous, .synchronous]) }
    #expect(throws: Errno.invalidArgument) { try Memory.sync(mapping.base + 1, length: page) }
    #expect(throws: Errno.invalidArgument) { try mapping.sync(flags: Memory.SyncFlags(rawValue: 0x10)) }
    #expect(throws: Errno.noMemory) { try Memory.sync(neverMapped, length: page) }
  }

  @Test func residency() throws {
    let mapping = try MemoryMapping(length: 4 * page)
    mapping.bytes[0] = 1
    mapping.bytes[2 * page] = 1
    var vector = [UInt8](repeating: 0xff, count: 4)
    try vector.withUnsafeMutableBufferPointer { try Memory.residency(mapping.base, length: 4 * page, into: $0) }
    #expect(vector.map { $0 & 1 } == [1, 0, 1, 0])
    // The length is rounded up to whole pages.
    #expect(Memory.pageCount(length: 1) == 1 && Memory.pageCount(length: page + 1) == 2)
    #expect(throws: Errno.invalidArgument) {
      try vector.withUnsafeMutableBufferPointer { try Memory.residency(mapping.base + 1, length: page, into: $0) }
    }
    #expect(throws: Errno.badAddress) {
      try Memory.residency(mapping.base, length: page, into: UnsafeMutableBufferPointer(start: UnsafeMutablePointer(bitPattern: 8), count: 4))
    }
  }

  @Test func advice() throws {
    let mapping = try MemoryMapping(length: 4 * page)
    mapping.bytes[0] = 5
    try mapping.advise(.dontNeed)  // private anonymous pages read as zero again
    #expect(mapping.bytes[0] == 0)
    for advice: Memory.Advice in [
      .normal, .random, .sequential, .willNeed, .dontFork, .doFork, .dontDump, .doDump,
      .wipeOnFork, .keepOnFork, .cold, .pageOut, .free, .dontNeedLocked,
    ] {
      #expect(throws: Never.self, "advice \(advice.rawValue)") { try mapping.advise(advice) }
    }
    // Transparent huge pages and KSM may be configured out: EINVAL then.
    for advice: Memory.Advice in [.hugePage, .noHugePage, .mergeable, .unmergeable] {
      do { try mapping.advise(advice) } catch { #expect(error == .invalidArgument) }
    }
    try mapping.advise(.populateWrite)
    var vector = [UInt8](repeating: 0, count: 4)
    try vector.withUnsafeMutableBufferPointer { try Memory.residency(mapping.base, length: 4 * page, into: $0) }
    #expect(vector.map { $0 & 1 } == [1, 1, 1, 1])
    try mapping.advise(.populateRead)
    // Errors.
    #expect(throws: Errno.invalidArgument) { try mapping.advise(Memory.Advice(rawValue: 999)) }
    #expect(throws: Errno.invalidArgument) { try Memory.advise(mapping.base + 1, length: page, .normal) }
    #expect(throws: Errno.invalidArgument) { try mapping.advise(.remove) }  // needs a shared file mapping
    let file = try MemTestFile(size: page)
    let shared = try MemoryMapping(file: file.descriptor, length: page, protection: [.read, .write])
    #expect(throws: Errno.invalidArgument) { try shared.advise(.wipeOnFork) }  // private anonymous only
    shared.bytes[0] = 1
    try shared.advise(.remove)  // punches a hole in the file
    #expect(file.read(count: 1) == [0])
    #expect(throws: Errno.noMemory) { try Memory.advise(neverMapped, length: page, .willNeed) }
  }

  @Test func wipeOnForkAndDontForkAreSeenByAForkedChild() throws {
    let wiped = try MemoryMapping(length: page)
    wiped.bytes[0] = 1
    try wiped.advise(.wipeOnFork)
    let kept = try MemoryMapping(length: page)
    kept.bytes[0] = 2
    let withheld = try MemoryMapping(length: page)
    try withheld.advise(.dontFork)
    let w = wiped.base, k = kept.base, d = withheld.base
    let pid = try forkTestChild {
      var vector: UInt8 = 0
      let absent = withUnsafeMutablePointer(to: &vector) {
        Syscall.call(.mincore, Int(bitPattern: d), 4096, Int(bitPattern: $0))
      }
      return (w.load(as: UInt8.self) == 0 ? 0 : 1) | (k.load(as: UInt8.self) == 2 ? 0 : 2)
        | (absent == -Int(Errno.noMemory.rawValue) ? 0 : 4)
    }
    #expect(try reapTestChild(pid) == .exited(code: 0))
    #expect(wiped.bytes[0] == 1)
  }

  @Test func programBreakInAForkedChild() throws {
    // glibc's malloc moves the break in this process: only a child, which
    // runs no malloc, may move it.
    let pid = try forkTestChild {
      let start = Memory.currentBreak
      if Memory.rawBreak(nil) != start { return 1 }
      do throws(Errno) { try Memory.setBreak(start + 2 * 4096) } catch { return 2 }
      if Memory.currentBreak != start + 2 * 4096 { return 3 }
      (start + 4096).storeBytes(of: 0x77, as: UInt8.self)
      if (start + 4096).load(as: UInt8.self) != 0x77 { return 4 }
      // Failure leaves the break where it was and returns it.
      let huge = UnsafeMutableRawPointer(bitPattern: 0x7fff_ffff_0000)!
      if Memory.rawBreak(huge) != start + 2 * 4096 { return 5 }
      do throws(Errno) {
        try Memory.setBreak(huge)
        return 6
      } catch { if error != .noMemory { return 7 } }
      do throws(Errno) { try Memory.setBreak(start) } catch { return 8 }
      if Memory.currentBreak != start { return 9 }
      return 0
    }
    #expect(try reapTestChild(pid) == .exited(code: 0))
  }
}
