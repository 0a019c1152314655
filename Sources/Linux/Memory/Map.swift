/// Memory management: mappings (`mmap`, `munmap`, `mremap`), protection,
/// synchronisation with files, residency, advice, and the program break.
///
/// Addresses and lengths are passed as the kernel takes them: a start
/// address (page-aligned where the call requires it) and a length in bytes.
/// ``MemoryMapping`` owns a mapping and unmaps it exactly once.
public enum Memory {
  /// Page protections (`PROT_*` in `asm-generic/mman-common.h`).
  @frozen
  public struct Protection: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `PROT_READ`
    public static var read: Protection { Protection(rawValue: 0x1) }
    /// `PROT_WRITE`
    public static var write: Protection { Protection(rawValue: 0x2) }
    /// `PROT_EXEC`
    public static var execute: Protection { Protection(rawValue: 0x4) }
    /// `PROT_NONE`: no access.
    public static var none: Protection { [] }
    /// `PROT_GROWSDOWN` (`mprotect` only): extend the change down to the
    /// start of a ``MapFlags/growsDown`` mapping.
    public static var growsDown: Protection { Protection(rawValue: 0x0100_0000) }
    /// `PROT_GROWSUP` (`mprotect` only; no x86-64 mapping grows up, so the
    /// kernel rejects it there with `EINVAL`).
    public static var growsUp: Protection { Protection(rawValue: 0x0200_0000) }
  }

  /// Mapping flags (`MAP_*` in `linux/mman.h`, `asm-generic/mman-common.h`
  /// and `asm-generic/mman.h`).
  ///
  /// Exactly one of ``shared``, ``private`` and ``sharedValidate`` gives the
  /// mapping's type (the low four bits, `MAP_TYPE`).
  @frozen
  public struct MapFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `MAP_SHARED`: writes reach the file and every other mapping of it.
    /// Unknown flags are silently ignored (see ``sharedValidate``).
    public static var shared: MapFlags { MapFlags(rawValue: 0x01) }
    /// `MAP_PRIVATE`: copy-on-write; writes stay in this mapping.
    public static var `private`: MapFlags { MapFlags(rawValue: 0x02) }
    /// `MAP_SHARED_VALIDATE` (Linux 4.15): like ``shared``, but a file
    /// mapping with a flag the kernel does not know, or one the file does
    /// not support (``sync`` on a non-DAX file), fails with `EOPNOTSUPP`.
    /// It is the value 3, ``shared`` and ``private`` together.
    public static var sharedValidate: MapFlags { MapFlags(rawValue: 0x03) }
    /// `MAP_FIXED`: map exactly at the address given, replacing whatever
    /// was mapped there.
    public static var fixed: MapFlags { MapFlags(rawValue: 0x10) }
    /// `MAP_ANONYMOUS`: memory not backed by a file, zero-filled.
    public static var anonymous: MapFlags { MapFlags(rawValue: 0x20) }
    /// `MAP_GROWSDOWN`: a stack-like mapping that grows down on faults
    /// below it.
    public static var growsDown: MapFlags { MapFlags(rawValue: 0x0100) }
    /// `MAP_DENYWRITE`: ignored by the kernel (kept for compatibility).
    public static var denyWrite: MapFlags { MapFlags(rawValue: 0x0800) }
    /// `MAP_EXECUTABLE`: ignored by the kernel (kept for compatibility).
    public static var executable: MapFlags { MapFlags(rawValue: 0x1000) }
    /// `MAP_LOCKED`: lock the pages in memory, as `mlock` would.
    public static var locked: MapFlags { MapFlags(rawValue: 0x2000) }
    /// `MAP_NORESERVE`: do not reserve swap space.
    public static var noReserve: MapFlags { MapFlags(rawValue: 0x4000) }
    /// `MAP_POPULATE`: fault the pages in now.
    public static var populate: MapFlags { MapFlags(rawValue: 0x8000) }
    /// `MAP_NONBLOCK`: with ``populate``, do not read ahead.
    public static var nonBlocking: MapFlags { MapFlags(rawValue: 0x10000) }
    /// `MAP_STACK`: an address suitable for a stack (no huge pages).
    public static var stack: MapFlags { MapFlags(rawValue: 0x20000) }
    /// `MAP_HUGETLB`: back the mapping with huge pages (size in the bits
    /// at ``hugePageSizeShift``).
    public static var hugeTLB: MapFlags { MapFlags(rawValue: 0x40000) }
    /// `MAP_SYNC` (with ``sharedValidate``, on DAX files): synchronous
    /// page faults.
    public static var sync: MapFlags { MapFlags(rawValue: 0x80000) }
    /// `MAP_FIXED_NOREPLACE` (Linux 4.17): map exactly at the address
    /// given, but fail with `EEXIST` rather than replace a mapping there.
    public static var fixedNoReplace: MapFlags { MapFlags(rawValue: 0x100000) }
    /// `MAP_UNINITIALIZED`: anonymous pages may be left uninitialized
    /// (honoured only by kernels built for it, without an MMU).
    public static var uninitialized: MapFlags { MapFlags(rawValue: 0x400_0000) }

    /// `MAP_HUGE_SHIFT`: with ``hugeTLB``, log2 of the huge page size sits
    /// in the six bits from here (`MAP_HUGE_2MB` is `21 << 26`).
    public static var hugePageSizeShift: Int32 { 26 }

    /// ``hugeTLB`` with an explicit page size of `1 << log2Size` bytes
    /// (`MAP_HUGETLB | MAP_HUGE_2MB` is `hugeTLB(log2Size: 21)`).
    @_transparent
    public static func hugeTLB(log2Size: Int32) -> MapFlags {
      MapFlags(rawValue: 0x40000 | (log2Size << 26))
    }
  }

  /// The size of a page on x86-64 Linux. (The auxiliary vector's
  /// `AT_PAGESZ` says the same; x86-64 has no other base page size.)
  public static var pageSize: Int { 4096 }

  /// Creates a mapping and returns its address.
  ///
  /// - `address`: a hint, or with ``MapFlags/fixed`` or
  ///   ``MapFlags/fixedNoReplace`` the exact, page-aligned address.
  /// - `file` and `offset`: what to map; `offset` must be a multiple of the
  ///   page size. Leave `file` nil for anonymous memory
  ///   (``MapFlags/anonymous`` is then added for you).
  ///
  /// Errors include `EINVAL` (zero length, unaligned offset or fixed
  /// address, no mapping type), `EBADF` (a bad descriptor), `EACCES` (a
  /// file not open for the access asked), `EEXIST` (``MapFlags/fixedNoReplace``
  /// over a mapping), `EOPNOTSUPP` (``MapFlags/sharedValidate`` with an
  /// unsupported flag), `ENOMEM` (no room).
  ///
  /// The corresponding system call is `mmap(2)`.
  @inlinable
  public static func map(
    at address: UnsafeMutableRawPointer? = nil, length: Int, protection: Protection,
    flags: MapFlags, file: FileDescriptor? = nil, offset: Int = 0
  ) throws(Errno) -> UnsafeMutableRawPointer {
    let descriptor: Int
    var flags = flags
    if let file {
      descriptor = Int(file.rawValue)
    } else {
      descriptor = -1
      flags.insert(.anonymous)
    }
    let result = try Syscall.check(Syscall.call(
      .mmap, Int(UnsafeRawPointer(address)), length, Int(protection.rawValue), Int(flags.rawValue),
      descriptor, offset))
    return UnsafeMutableRawPointer(bitPattern: result).unsafelyUnwrapped
  }

  /// Maps `length` bytes of fresh, zeroed anonymous memory.
  ///
  /// The corresponding system call is `mmap(2)` with `MAP_ANONYMOUS`.
  @inlinable
  public static func mapAnonymous(
    length: Int, protection: Protection = [.read, .write], flags: MapFlags = .private
  ) throws(Errno) -> UnsafeMutableRawPointer {
    let result = try Syscall.check(Syscall.call(
      .mmap, 0, length, Int(protection.rawValue), Int(flags.union(.anonymous).rawValue), -1, 0))
    return UnsafeMutableRawPointer(bitPattern: result).unsafelyUnwrapped
  }

  /// Removes the mappings in `length` bytes at `address` (page-aligned).
  /// Unmapping a range with nothing mapped in it is not an error.
  ///
  /// The corresponding system call is `munmap(2)`.
  @inlinable
  public static func unmap(_ address: UnsafeMutableRawPointer, length: Int) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.munmap, Int(UnsafeRawPointer(address)), length))
  }
}
