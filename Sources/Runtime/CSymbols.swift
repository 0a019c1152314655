#if Freestanding
import Linux

// The C ABI symbols that Embedded Swift code links against, which libc
// would otherwise provide. Defined only in freestanding builds: in hosted
// builds glibc has them, and a second definition would clash.

@_cdecl("memcpy")
public func memcpy(
  _ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int
) -> UnsafeMutableRawPointer {
  MemoryFunctions.copy(to: destination, from: source, count: count)
  return destination
}

@_cdecl("memmove")
public func memmove(
  _ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int
) -> UnsafeMutableRawPointer {
  MemoryFunctions.move(to: destination, from: source, count: count)
  return destination
}

@_cdecl("memset")
public func memset(_ destination: UnsafeMutableRawPointer, _ value: Int32, _ count: Int) -> UnsafeMutableRawPointer {
  MemoryFunctions.fill(destination, with: UInt8(truncatingIfNeeded: value), count: count)
  return destination
}

@_cdecl("memcmp")
public func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
  MemoryFunctions.compare(a, b, count: count)
}

@_cdecl("bcmp")
public func bcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
  MemoryFunctions.compare(a, b, count: count)
}

@_cdecl("strlen")
public func strlen(_ string: UnsafePointer<CChar>) -> Int {
  MemoryFunctions.length(ofCString: UnsafeRawPointer(string))
}

/// `malloc`; the C symbol is a forwarder in CLinux (see start.c).
@_cdecl("swift_nolibc_malloc")
public func swiftNolibcMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
  Allocator.allocate(byteCount: size, alignment: 16)
}

/// `free`; the C symbol is a forwarder in CLinux (see start.c).
@_cdecl("swift_nolibc_free")
public func swiftNolibcFree(_ pointer: UnsafeMutableRawPointer?) {
  Allocator.deallocate(pointer)
}

@_cdecl("posix_memalign")
public func posix_memalign(
  _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int
) -> Int32 {
  // POSIX: the alignment must be a power of two multiple of sizeof(void *).
  guard alignment >= 8, alignment & (alignment - 1) == 0 else { return Errno.invalidArgument.rawValue }
  guard let pointer = Allocator.allocate(byteCount: size, alignment: max(alignment, 16)) else {
    return Errno.noMemory.rawValue
  }
  result.pointee = pointer
  return 0
}

@_cdecl("putchar")
public func putchar(_ character: Int32) -> Int32 {
  StandardOutput.write(byte: UInt8(truncatingIfNeeded: character))
  return character
}

/// Fills `count` bytes with random bytes from the kernel (`getrandom`).
/// Like the BSD function it never fails; if the kernel cannot provide
/// randomness the program dies rather than run on with predictable values.
@_cdecl("arc4random_buf")
public func arc4random_buf(_ buffer: UnsafeMutableRawPointer, _ count: Int) {
  do {
    try Random.fill(UnsafeMutableRawBufferPointer(start: buffer, count: count))
  } catch {
    StandardError.write("fatal error: getrandom failed\n")
    Linux.Process.exitGroup(255)
  }
}
#endif
