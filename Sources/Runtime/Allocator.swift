import Linux

/// The heap allocator behind `malloc`, `free`, `calloc`, `realloc`,
/// `posix_memalign`, `aligned_alloc` and the Swift runtime's object
/// allocation (which calls `posix_memalign` and `free`).
///
/// It works in both build modes: freestanding programs reach it through the
/// C symbols in `CSymbols.swift`; hosted programs and the tests call this
/// Swift API directly (there glibc's `malloc` stays the process allocator,
/// and this one is a separate heap next to it).
///
/// Contract:
///
/// - Every pointer is aligned to 16 bytes, or to the requested alignment,
///   which must be a power of two no greater than a page (4096).
/// - A byte count of 0 returns a unique pointer that can be freed (usable
///   size 8), as glibc does.
/// - Failure is a nil result, never a trap: a negative count or one above
///   ``maximumByteCount`` (2⁴⁷, the size of the x86-64 user address
///   space), an unsupported alignment, or the kernel refusing memory
///   (`ENOMEM`). There is no `errno` in this runtime, so the C entry points
///   return null without setting one (`posix_memalign` returns the code).
/// - Freeing a pointer twice, or one this allocator did not return, is
///   detected in most cases and ends the process with
///   `free(): double free detected` or `free(): invalid pointer` on
///   standard error and `SIGABRT`, as glibc does, instead of corrupting the
///   heap.
///
/// Single-threaded: the runtime has no threads yet, and the allocator takes
/// no lock. A threaded runtime will need a lock or per-thread caches.
///
/// Implementation notes:
///
/// - Size classes. A request of up to ``largeThreshold`` bytes (plus an
///   8-byte header) is rounded up to one of 48 block sizes: multiples of 16
///   up to 128, then four sizes per power of two (160, 192, 224, 256, 320,
///   …, 128 KiB), so at most 25% is lost to rounding. The class of a size
///   is computed with one leading-zero count, no table.
/// - Free lists. Each class has a singly linked LIFO list of free blocks,
///   threaded through the first 8 bytes of the blocks themselves. `malloc`
///   pops, `free` pushes: a handful of instructions and no system call. The
///   most recently freed block is the first reused, while it is still in
///   the cache.
/// - Bump region. When a class's list is empty, a block is carved from the
///   current 4 MiB chunk of anonymous memory, mapped on demand (the kernel
///   backs only the pages that are touched). When a block no longer fits in
///   the rest of the chunk, the rest is cut into free blocks of the largest
///   classes that fit, so nothing is lost, and a new chunk is mapped. Chunk
///   memory is never unmapped: a freed small block waits in its class's
///   list, as in glibc's bins and tcache.
/// - Header. The 8 bytes before every pointer say what the block is: a
///   small block in use or free (with its class), a large mapping (with
///   its offset into the mapping; the mapping's length is in the 8 bytes
///   before that), or an over-aligned pointer (with its distance back to
///   the block that holds it). Blocks start at 8 mod 16, so that with the
///   header every pointer is 16-aligned. The free state makes a double
///   free detectable.
/// - Large blocks (above ``largeThreshold``) are their own mappings, and
///   `free` unmaps them: their memory goes straight back to the kernel.
///   `realloc` moves them with `mremap`, which moves page tables instead of
///   copying bytes.
/// - Alignment above 16: a small block with `alignment - 16` spare bytes,
///   and an "aligned" header just before the aligned address; a large
///   mapping is page-aligned, so the pointer simply sits `alignment` bytes
///   into it.
/// - Zeroing. Chunks and large mappings come zeroed from the kernel and the
///   bump region is never reused, so `calloc` clears only blocks taken
///   from a free list.
/// - State is a few globals with constant initial values (zeros in
///   `.bss`): no initializer runs, which matters because the allocator
///   may be called before anything else.
public enum Allocator {
  /// The largest alignment supported: a page.
  public static var maximumAlignment: Int { 4096 }

  /// The largest byte count accepted, 2⁴⁷: the size of the x86-64 user
  /// address space. Larger requests return nil without asking the kernel.
  public static var maximumByteCount: Int { 1 << 47 }

  /// The largest request served from the size classes; larger ones get a
  /// mapping of their own, unmapped when freed.
  public static var largeThreshold: Int { maximumBlockSize - headerSize }

  /// Allocates `size` bytes aligned to `alignment` (a power of two, at most
  /// ``maximumAlignment``), or returns nil when the arguments are invalid or
  /// memory is exhausted. The memory is uninitialized.
  ///
  /// The corresponding C functions are `malloc`, `posix_memalign` and
  /// `aligned_alloc`.
  public static func allocate(byteCount size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
    guard alignment > 0, alignment & (alignment &- 1) == 0 else { return nil }
    if alignment <= minimumAlignment {
      if UInt(bitPattern: size) <= UInt(largeThreshold) {
        return allocateSmall(classIndex(blockSize: size &+ headerSize)).pointer
      }
      return allocateLarge(byteCount: size, alignment: minimumAlignment)
    }
    return allocateOverAligned(byteCount: size, alignment: alignment)
  }

  /// Allocates zeroed memory for `count` elements of `size` bytes, 16-byte
  /// aligned, or returns nil when `count * size` overflows, either is
  /// negative, or memory is exhausted.
  ///
  /// The corresponding C function is `calloc`.
  public static func allocateZeroed(count: Int, size: Int) -> UnsafeMutableRawPointer? {
    guard count >= 0, size >= 0 else { return nil }
    let (total, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow else { return nil }
    if total <= largeThreshold {
      let (pointer, fresh) = allocateSmall(classIndex(blockSize: total + headerSize))
      if let pointer, !fresh { MemoryFunctions.fill(pointer, with: 0, count: total) }
      return pointer
    }
    // A new mapping is zero-filled by the kernel.
    return allocateLarge(byteCount: total, alignment: minimumAlignment)
  }

  /// Frees memory from this allocator; nil is ignored.
  ///
  /// The corresponding C function is `free`.
  public static func deallocate(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    let header = pointer.load(fromByteOffset: -headerSize, as: UInt.self)
    if header & kindMask == Kind.smallInUse {
      pushFree(pointer, header: header)
    } else {
      deallocateSlow(pointer, header: header)
    }
  }

  /// Resizes the allocation at `pointer` to `size` bytes, keeping its
  /// contents up to the smaller of the two sizes, and returns the new
  /// pointer (16-byte aligned; an over-aligned block may lose its extra
  /// alignment when it moves).
  ///
  /// - A nil `pointer` allocates, like ``allocate(byteCount:alignment:)``.
  /// - A `size` of 0 frees the memory and returns nil, as glibc does.
  /// - On failure (invalid size, memory exhausted) it returns nil and the
  ///   old allocation is left untouched.
  ///
  /// Implementation notes: a small block is kept when the new size fits in
  /// its class and uses at least half of it (so growing within the class
  /// is free, and shrinking far releases the rest); a large block is
  /// resized with `mremap`; otherwise the bytes move to a new block.
  ///
  /// The corresponding C function is `realloc`.
  public static func reallocate(_ pointer: UnsafeMutableRawPointer?, byteCount size: Int) -> UnsafeMutableRawPointer? {
    guard let pointer else { return allocate(byteCount: size, alignment: minimumAlignment) }
    if size == 0 {
      deallocate(pointer)
      return nil
    }
    guard size > 0, size <= maximumByteCount else { return nil }
    let header = pointer.load(fromByteOffset: -headerSize, as: UInt.self)
    let kind = header & kindMask
    if kind == Kind.large && size > largeThreshold {
      return reallocateLarge(pointer, header: header, byteCount: size)
    }
    let usable = usableSize(pointer)
    if size <= usable {
      // In place, unless a small block would be less than half used (then
      // a smaller class takes it) or a large one would shrink to a small
      // size (then its mapping goes back to the kernel).
      if kind == Kind.aligned || (kind == Kind.smallInUse && (size >= usable >> 1 || usable < 32)) {
        return pointer
      }
    }
    guard let moved = allocate(byteCount: size, alignment: minimumAlignment) else {
      // The old block still holds `size` bytes if it is shrinking.
      return size <= usable ? pointer : nil
    }
    MemoryFunctions.copy(to: moved, from: pointer, count: min(size, usable))
    deallocate(pointer)
    return moved
  }

  /// The number of bytes usable at `pointer`: at least the number
  /// requested, often more (the rest of the size class or of the page).
  ///
  /// The corresponding C function is `malloc_usable_size`.
  public static func usableSize(_ pointer: UnsafeMutableRawPointer) -> Int {
    let header = pointer.load(fromByteOffset: -headerSize, as: UInt.self)
    switch header & kindMask {
    case Kind.smallInUse:
      return blockSize(ofClass: Int(header >> kindBits)) - headerSize
    case Kind.large:
      let offset = Int(header >> kindBits)
      return pointer.load(fromByteOffset: -2 * headerSize, as: Int.self) - offset
    case Kind.aligned:
      let offset = Int(header >> kindBits)
      return usableSize(pointer - offset) - offset
    default:
      invalidPointer(header)
    }
  }
}

// MARK: - Layout

extension Allocator {
  /// Bytes of header before every pointer.
  @inline(__always) static var headerSize: Int { 8 }
  /// The alignment of every pointer, and of `malloc` in the C ABI
  /// (`alignof(max_align_t)` on x86-64).
  @inline(__always) static var minimumAlignment: Int { 16 }
  /// Block sizes: 16, 32, …, 128, then 4 per power of two up to 2¹⁷.
  @inline(__always) static var classCount: Int { 48 }
  @inline(__always) static var maximumBlockSize: Int { 1 << 17 }
  /// The bump region is carved from chunks of this size.
  @inline(__always) static var chunkSize: Int { 4 << 20 }

  /// The low byte of a header: what kind of block follows. The values are
  /// arbitrary but unlikely in stray data, so that freeing a pointer this
  /// allocator did not return is usually caught.
  enum Kind {
    /// A small block in use; the class is in the upper bits.
    static var smallInUse: UInt { 0xA1 }
    /// A small block on its free list; the class is in the upper bits.
    static var smallFree: UInt { 0xF1 }
    /// A large mapping; the pointer's offset into it is in the upper bits,
    /// the mapping's length in the 8 bytes before the header.
    static var large: UInt { 0xA2 }
    /// An over-aligned pointer inside a small block; the distance back to
    /// the block's own pointer is in the upper bits.
    static var aligned: UInt { 0xA3 }
  }
  @inline(__always) static var kindMask: UInt { 0xFF }
  @inline(__always) static var kindBits: UInt { 8 }

  /// The index of the smallest class whose blocks hold `size` bytes,
  /// header included; `size` is at most ``maximumBlockSize``.
  @inline(__always)
  static func classIndex(blockSize size: Int) -> Int {
    if size <= 128 { return (size &+ 15) &>> 4 &- 1 }
    // floor(log2(size - 1)): the class lies in (2^lg, 2^(lg+1)], in steps
    // of 2^(lg-2).
    let lg = (Int.bitWidth &- 1) &- (size &- 1).leadingZeroBitCount
    return 8 &+ ((lg &- 7) &<< 2) &+ ((size &- 1 &- (1 &<< lg)) &>> (lg &- 2))
  }

  /// The size of the blocks of class `index`, header included.
  @inline(__always)
  static func blockSize(ofClass index: Int) -> Int {
    if index < 8 { return (index &+ 1) &<< 4 }
    let k = index &- 8
    let lg = 7 &+ (k &>> 2)
    return (1 &<< lg) &+ (((k & 3) &+ 1) &<< (lg &- 2))
  }

  /// The free-list heads, one per class (0 for empty).
  ///
  /// Invariant relied on: a global's storage has a fixed address for the
  /// life of the process, so the pointer stays valid after the closure.
  @inline(__always)
  static var freeLists: UnsafeMutablePointer<UInt> {
    withUnsafeMutablePointer(to: &allocatorFreeLists) {
      UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt.self)
    }
  }
}

/// The free-list heads of ``Allocator``'s classes; zeros in `.bss`.
nonisolated(unsafe) private var allocatorFreeLists = InlineArray<48, UInt>(repeating: 0)
/// The next pointer the bump region would return (its block starts 8 bytes
/// earlier), and the end of the current chunk; 0 before the first chunk.
nonisolated(unsafe) private var allocatorBumpNext: UInt = 0
nonisolated(unsafe) private var allocatorBumpEnd: UInt = 0

/// Allocations requested so far (one per small or large block handed
/// out, including those of `realloc` that move), for tests that check code
/// allocates nothing: see ``Allocator/allocationCount``.
nonisolated(unsafe) var allocatorAllocationCount = 0

extension Allocator {
  /// How many blocks this allocator has handed out since the process
  /// started. Tests read it before and after a piece of code to show that
  /// the code allocates nothing (single-threaded, like the allocator).
  public static var allocationCount: Int { allocatorAllocationCount }
}

// MARK: - Small blocks

extension Allocator {
  /// A block of class `index`, and whether it is fresh (still zero) from
  /// the bump region; nil when the kernel refuses a new chunk.
  @inline(__always)
  static func allocateSmall(_ index: Int) -> (pointer: UnsafeMutableRawPointer?, fresh: Bool) {
    allocatorAllocationCount &+= 1
    let lists = freeLists
    let head = lists[index]
    if head != 0 {
      let block = UnsafeMutableRawPointer(bitPattern: head).unsafelyUnwrapped
      lists[index] = block.load(as: UInt.self)
      block.storeBytes(of: UInt(bitPattern: index) &<< kindBits | Kind.smallInUse, toByteOffset: -headerSize, as: UInt.self)
      return (block, false)
    }
    return (carve(index), true)
  }

  /// Pushes a small block on its class's free list.
  @inline(__always)
  static func pushFree(_ pointer: UnsafeMutableRawPointer, header: UInt) {
    let index = Int(header &>> kindBits)
    let lists = freeLists
    pointer.storeBytes(of: lists[index], as: UInt.self)
    pointer.storeBytes(of: header ^ (Kind.smallInUse ^ Kind.smallFree), toByteOffset: -headerSize, as: UInt.self)
    lists[index] = UInt(bitPattern: pointer)
  }

  /// A fresh block of class `index` from the bump region, mapping a new
  /// chunk when the current one is used up.
  @inline(never)
  static func carve(_ index: Int) -> UnsafeMutableRawPointer? {
    let size = UInt(blockSize(ofClass: index))
    var next = allocatorBumpNext
    if next == 0 || allocatorBumpEnd &- (next &- UInt(headerSize)) < size {
      retireChunk()
      guard let chunk = try? Memory.mapAnonymous(length: chunkSize) else { return nil }
      next = UInt(bitPattern: chunk) &+ UInt(minimumAlignment)
      allocatorBumpEnd = UInt(bitPattern: chunk) &+ UInt(chunkSize)
    }
    allocatorBumpNext = next &+ size
    let block = UnsafeMutableRawPointer(bitPattern: next).unsafelyUnwrapped
    block.storeBytes(of: UInt(bitPattern: index) &<< kindBits | Kind.smallInUse, toByteOffset: -headerSize, as: UInt.self)
    return block
  }

  /// Cuts the rest of the current chunk into free blocks of the largest
  /// classes that fit, so that no memory is stranded, and empties the
  /// bump region.
  static func retireChunk() {
    var next = allocatorBumpNext
    let end = allocatorBumpEnd
    allocatorBumpNext = 0
    allocatorBumpEnd = 0
    guard next != 0 else { return }
    while end &- (next &- UInt(headerSize)) >= UInt(blockSize(ofClass: 0)) {
      let rest = min(Int(end &- (next &- UInt(headerSize))), maximumBlockSize)
      var index = classIndex(blockSize: rest)
      if blockSize(ofClass: index) > rest { index &-= 1 }
      let block = UnsafeMutableRawPointer(bitPattern: next).unsafelyUnwrapped
      pushFree(block, header: UInt(bitPattern: index) &<< kindBits | Kind.smallInUse)
      next &+= UInt(blockSize(ofClass: index))
    }
  }
}

// MARK: - Large and over-aligned blocks

extension Allocator {
  /// A mapping of its own for `size` bytes; the pointer sits `alignment`
  /// bytes (at least 16) into it, after the length and the header.
  @inline(never)
  static func allocateLarge(byteCount size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
    allocatorAllocationCount &+= 1
    guard size >= 0, size <= maximumByteCount else { return nil }
    let offset = max(alignment, minimumAlignment)
    let length = (offset + size + Memory.pageSize - 1) & ~(Memory.pageSize - 1)
    guard let base = try? Memory.mapAnonymous(length: length) else { return nil }
    let pointer = base + offset
    pointer.storeBytes(of: length, toByteOffset: -2 * headerSize, as: Int.self)
    pointer.storeBytes(of: UInt(offset) &<< kindBits | Kind.large, toByteOffset: -headerSize, as: UInt.self)
    return pointer
  }

  /// `size` bytes aligned to `alignment`, which is above 16.
  @inline(never)
  static func allocateOverAligned(byteCount size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
    guard alignment <= maximumAlignment, size >= 0 else { return nil }
    // Room to slide the pointer up to the next multiple of `alignment`.
    let padded = size &+ (alignment &- minimumAlignment)
    guard padded >= 0, padded <= largeThreshold else {
      return allocateLarge(byteCount: size, alignment: alignment)
    }
    guard let block = allocateSmall(classIndex(blockSize: padded &+ headerSize)).pointer else { return nil }
    let address = UInt(bitPattern: block)
    let aligned = (address &+ UInt(alignment &- 1)) & ~UInt(alignment &- 1)
    if aligned == address { return block }
    // `aligned - address` is at least 16, so the header lies inside the
    // block and its own header is untouched.
    let pointer = UnsafeMutableRawPointer(bitPattern: aligned).unsafelyUnwrapped
    pointer.storeBytes(of: (aligned &- address) &<< kindBits | Kind.aligned, toByteOffset: -headerSize, as: UInt.self)
    return pointer
  }

  /// `free` for everything but a small block in use.
  @inline(never)
  static func deallocateSlow(_ pointer: UnsafeMutableRawPointer, header: UInt) {
    switch header & kindMask {
    case Kind.large:
      let offset = Int(header >> kindBits)
      let length = pointer.load(fromByteOffset: -2 * headerSize, as: Int.self)
      // munmap fails only for an invalid range, which a valid pointer
      // never gives; there is nothing useful to do about it here.
      try? Memory.unmap(pointer - offset, length: length)
    case Kind.aligned:
      let block = pointer - Int(header >> kindBits)
      let blockHeader = block.load(fromByteOffset: -headerSize, as: UInt.self)
      guard blockHeader & kindMask == Kind.smallInUse else { invalidPointer(blockHeader) }
      pushFree(block, header: blockHeader)
    default:
      invalidPointer(header)
    }
  }

  /// `realloc` of a large block to a large size: `mremap`.
  static func reallocateLarge(_ pointer: UnsafeMutableRawPointer, header: UInt, byteCount size: Int) -> UnsafeMutableRawPointer? {
    let offset = Int(header >> kindBits)
    let length = pointer.load(fromByteOffset: -2 * headerSize, as: Int.self)
    let newLength = (offset + size + Memory.pageSize - 1) & ~(Memory.pageSize - 1)
    if newLength == length { return pointer }
    guard let base = try? Memory.remap(pointer - offset, oldLength: length, newLength: newLength, flags: .mayMove) else {
      return nil
    }
    let moved = base + offset
    moved.storeBytes(of: newLength, toByteOffset: -2 * headerSize, as: Int.self)
    return moved
  }

  /// Ends the process on a pointer that is not a live block: the heap
  /// cannot be trusted after a double free or a wild free.
  static func invalidPointer(_ header: UInt) -> Never {
    if header & kindMask == Kind.smallFree {
      StandardError.write("free(): double free detected\n")
    } else {
      StandardError.write("free(): invalid pointer\n")
    }
    // As abort(3): default action, unblocked, then raised at ourselves.
    _ = try? Signals.setAction(.default, for: .abort)
    var abortOnly: UInt64 = 1 << (UInt64(Signal.abort.rawValue) - 1)
    _ = withUnsafePointer(to: &abortOnly) { mask in
      Syscall.call(.rt_sigprocmask, 1, Int(bitPattern: mask), 0, 8)  // SIG_UNBLOCK
    }
    _ = Syscall.call(.kill, Syscall.call(.getpid), Int(Signal.abort.rawValue))
    Linux.Process.exitGroup(134)
  }
}
