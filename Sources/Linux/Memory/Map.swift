/// Memory mappings: the calls the runtime's allocator and signal stacks
/// need. (The full memory family comes with the kernel-interface issue.)
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
  }

  /// Mapping flags (`MAP_*` in `linux/mman.h`, `asm-generic/mman-common.h`
  /// and `asm-generic/mman.h`).
  @frozen
  public struct MapFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `MAP_SHARED`
    public static var shared: MapFlags { MapFlags(rawValue: 0x01) }
    /// `MAP_PRIVATE`
    public static var `private`: MapFlags { MapFlags(rawValue: 0x02) }
    /// `MAP_FIXED`
    public static var fixed: MapFlags { MapFlags(rawValue: 0x10) }
    /// `MAP_ANONYMOUS`
    public static var anonymous: MapFlags { MapFlags(rawValue: 0x20) }
    /// `MAP_NORESERVE`
    public static var noReserve: MapFlags { MapFlags(rawValue: 0x4000) }
    /// `MAP_POPULATE`
    public static var populate: MapFlags { MapFlags(rawValue: 0x8000) }
    /// `MAP_STACK`
    public static var stack: MapFlags { MapFlags(rawValue: 0x20000) }
    /// `MAP_FIXED_NOREPLACE`
    public static var fixedNoReplace: MapFlags { MapFlags(rawValue: 0x100000) }
  }

  /// Flags of `mremap` (`MREMAP_*` in `linux/mman.h`).
  @frozen
  public struct RemapFlags: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `MREMAP_MAYMOVE`
    public static var mayMove: RemapFlags { RemapFlags(rawValue: 1) }
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

  /// Removes the mappings in `length` bytes at `address`.
  ///
  /// The corresponding system call is `munmap(2)`.
  @inlinable
  public static func unmap(_ address: UnsafeMutableRawPointer, length: Int) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.munmap, Int(UnsafeRawPointer(address)), length))
  }

  /// Grows or shrinks a mapping, moving it if `flags` allows.
  ///
  /// The corresponding system call is `mremap(2)`.
  @inlinable
  public static func remap(
    _ address: UnsafeMutableRawPointer, oldLength: Int, newLength: Int, flags: RemapFlags = .mayMove
  ) throws(Errno) -> UnsafeMutableRawPointer {
    let result = try Syscall.check(Syscall.call(
      .mremap, Int(UnsafeRawPointer(address)), oldLength, newLength, Int(flags.rawValue)))
    return UnsafeMutableRawPointer(bitPattern: result).unsafelyUnwrapped
  }

  /// The size of a page on x86-64 Linux. (The auxiliary vector's
  /// `AT_PAGESZ` says the same; x86-64 has no other base page size.)
  public static var pageSize: Int { 4096 }
}
