#if Freestanding
import Linux

// The C ABI symbols that Embedded Swift code links against, which libc
// would otherwise provide. Defined only in freestanding builds: in hosted
// builds glibc has them, and a second definition would clash.

/// `memcpy`: see ``MemoryFunctions/copy(to:from:count:)``.
@_cdecl("memcpy")
public func memcpy(
  _ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int
) -> UnsafeMutableRawPointer {
  MemoryFunctions.copy(to: destination, from: source, count: count)
  return destination
}

/// `memmove`: see ``MemoryFunctions/move(to:from:count:)``.
@_cdecl("memmove")
public func memmove(
  _ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int
) -> UnsafeMutableRawPointer {
  MemoryFunctions.move(to: destination, from: source, count: count)
  return destination
}

/// `memset`: see ``MemoryFunctions/fill(_:with:count:)``; only the low
/// byte of `value` counts, as in C.
@_cdecl("memset")
public func memset(_ destination: UnsafeMutableRawPointer, _ value: Int32, _ count: Int) -> UnsafeMutableRawPointer {
  MemoryFunctions.fill(destination, with: UInt8(truncatingIfNeeded: value), count: count)
  return destination
}

/// `memcmp`: see ``MemoryFunctions/compare(_:_:count:)``.
@_cdecl("memcmp")
public func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
  MemoryFunctions.compare(a, b, count: count)
}

/// `bcmp`: zero when the bytes are equal, nonzero otherwise (LLVM turns
/// `memcmp(...) == 0` into this cheaper question).
@_cdecl("bcmp")
public func bcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
  MemoryFunctions.equal(a, b, count: count) ? 0 : 1
}

/// `strlen`: see ``MemoryFunctions/length(ofCString:)``.
@_cdecl("strlen")
public func strlen(_ string: UnsafePointer<CChar>) -> Int {
  MemoryFunctions.length(ofCString: UnsafeRawPointer(string))
}

/// `malloc`: see ``Allocator/allocate(byteCount:alignment:)``. Returns
/// null when memory is exhausted (there is no `errno` to set). The C symbol
/// is a forwarder in CLinux (see start.c).
@_cdecl("swift_nolibc_malloc")
public func swiftNolibcMalloc(_ size: Int) -> UnsafeMutableRawPointer? {
  Allocator.allocate(byteCount: size, alignment: 16)
}

/// `free`: see ``Allocator/deallocate(_:)``; null is ignored. The C symbol
/// is a forwarder in CLinux (see start.c).
@_cdecl("swift_nolibc_free")
public func swiftNolibcFree(_ pointer: UnsafeMutableRawPointer?) {
  Allocator.deallocate(pointer)
}

/// `calloc`: zeroed memory for `count` elements of `size` bytes; null when
/// `count * size` overflows or memory is exhausted.
@_cdecl("calloc")
public func calloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
  Allocator.allocateZeroed(count: count, size: size)
}

/// `realloc`: see ``Allocator/reallocate(_:byteCount:)``. `realloc(NULL, n)`
/// is `malloc(n)`; `realloc(p, 0)` frees `p` and returns null, as glibc
/// does; on failure it returns null and `p` is untouched.
@_cdecl("realloc")
public func realloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
  Allocator.reallocate(pointer, byteCount: size)
}

/// `posix_memalign`: `EINVAL` unless the alignment is a power of two
/// multiple of `sizeof(void *)` (POSIX) no greater than a page (this
/// allocator's limit); `ENOMEM` when memory is exhausted. `*result` is set
/// only on success.
@_cdecl("posix_memalign")
public func posix_memalign(
  _ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int
) -> Int32 {
  guard alignment >= 8, alignment & (alignment - 1) == 0, alignment <= Allocator.maximumAlignment else {
    return Errno.invalidArgument.rawValue
  }
  guard let pointer = Allocator.allocate(byteCount: size, alignment: alignment) else {
    return Errno.noMemory.rawValue
  }
  result.pointee = pointer
  return 0
}

/// `aligned_alloc` (C11): null unless the alignment is a power of two no
/// greater than a page, or when memory is exhausted. (C17 dropped the rule
/// that the size be a multiple of the alignment; it is not checked.)
@_cdecl("aligned_alloc")
public func aligned_alloc(_ alignment: Int, _ size: Int) -> UnsafeMutableRawPointer? {
  Allocator.allocate(byteCount: size, alignment: alignment)
}

/// `malloc_usable_size` (a GNU extension): the bytes usable at `pointer`,
/// 0 for null.
@_cdecl("malloc_usable_size")
public func malloc_usable_size(_ pointer: UnsafeMutableRawPointer?) -> Int {
  guard let pointer else { return 0 }
  return Allocator.usableSize(pointer)
}

/// Embedded Swift's `print` calls this once per byte, so the common case
/// (room in the buffer, not a newline) is a handful of instructions with
/// no call; everything else goes through ``StandardOutput/write(byte:)``.
@_cdecl("putchar")
public func putchar(_ character: Int32) -> Int32 {
  #if MinimalRuntime
  StandardOutput.write(byte: UInt8(truncatingIfNeeded: character))
  return character
  #else
  let count = outputCount
  if count < StandardOutput.capacity && character != 10 {
    withUnsafeMutablePointer(to: &outputStorage) { storage in
      UnsafeMutableRawPointer(storage).storeBytes(
        of: UInt8(truncatingIfNeeded: character), toByteOffset: count, as: UInt8.self)
    }
    outputCount = count &+ 1
    return character
  }
  return putcharSlowPath(character)
  #endif
}

@inline(never)
func putcharSlowPath(_ character: Int32) -> Int32 {
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
