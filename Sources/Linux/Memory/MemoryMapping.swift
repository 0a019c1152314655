/// A memory mapping this program owns: unmapped exactly once, either
/// explicitly with ``unmap()`` (which reports the kernel's error) or
/// automatically when the value goes out of scope (which cannot).
///
/// It cannot be copied, so two owners cannot unmap it twice. The memory is
/// reached through ``base`` and ``bytes``, which are valid while the value
/// lives; ``release()`` gives the range up without unmapping it.
///
/// Implementation notes: `munmap` of a range with nothing mapped in it
/// succeeds, and the kernel may reuse a range as soon as it is unmapped, so
/// a second unmap of a copied address would silently remove someone
/// else's mapping. `~Copyable` is what rules that out.
@frozen
public struct MemoryMapping: ~Copyable {
  @usableFromInline var _base: UnsafeMutableRawPointer
  @usableFromInline var _length: Int

  /// The first byte of the mapping (page-aligned).
  @inlinable public var base: UnsafeMutableRawPointer { _base }
  /// The length in bytes, as asked for (the kernel maps whole pages).
  @inlinable public var length: Int { _length }

  /// Takes ownership of `length` bytes mapped at `base`, which must not be
  /// unmapped elsewhere.
  @_transparent
  public init(adopting base: UnsafeMutableRawPointer, length: Int) {
    self._base = base
    self._length = length
  }

  /// Maps `length` bytes of fresh, zeroed anonymous memory.
  ///
  /// The corresponding system call is `mmap(2)` with `MAP_ANONYMOUS`.
  @inlinable
  public init(
    length: Int, protection: Memory.Protection = [.read, .write], flags: Memory.MapFlags = .private,
    at address: UnsafeMutableRawPointer? = nil
  ) throws(Errno) {
    let base = try Memory.map(at: address, length: length, protection: protection, flags: flags)
    self.init(adopting: base, length: length)
  }

  /// Maps `length` bytes of `file` from `offset` (a multiple of the page
  /// size). With ``Memory/MapFlags/shared`` writes reach the file; with
  /// ``Memory/MapFlags/private`` they stay in this mapping. The descriptor
  /// may be closed afterwards: the mapping keeps the file open.
  ///
  /// The corresponding system call is `mmap(2)`.
  @inlinable
  public init(
    file: FileDescriptor, offset: Int = 0, length: Int, protection: Memory.Protection = .read,
    flags: Memory.MapFlags = .shared, at address: UnsafeMutableRawPointer? = nil
  ) throws(Errno) {
    let base = try Memory.map(
      at: address, length: length, protection: protection, flags: flags, file: file, offset: offset)
    self.init(adopting: base, length: length)
  }

  /// The mapped bytes. Reading or writing them needs the matching
  /// protection; a file mapping faults (`SIGBUS`) beyond the file's end.
  @inlinable
  public var bytes: UnsafeMutableRawBufferPointer {
    UnsafeMutableRawBufferPointer(start: base, count: length)
  }

  /// Calls `body` with the mapped bytes.
  @inlinable
  public func withUnsafeMutableBytes<R, E: Error>(
    _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
  ) throws(E) -> R {
    try body(bytes)
  }

  /// Unmaps the mapping and reports the kernel's verdict.
  ///
  /// The corresponding system call is `munmap(2)`.
  @inlinable
  public consuming func unmap() throws(Errno) {
    let base = self.base
    let length = self.length
    discard self
    try Memory.unmap(base, length: length)
  }

  /// Gives up ownership without unmapping and returns the range.
  @inlinable
  public consuming func release() -> UnsafeMutableRawBufferPointer {
    let bytes = self.bytes
    discard self
    return bytes
  }

  /// Changes the protection of the whole mapping.
  ///
  /// The corresponding system call is `mprotect(2)`.
  @inlinable
  public func protect(_ protection: Memory.Protection) throws(Errno) {
    try Memory.protect(base, length: length, protection)
  }

  /// Writes the changes of a shared file mapping back to the file.
  ///
  /// The corresponding system call is `msync(2)`.
  @inlinable
  public func sync(flags: Memory.SyncFlags = .synchronous) throws(Errno) {
    try Memory.sync(base, length: length, flags: flags)
  }

  /// Advises the kernel about the whole mapping.
  ///
  /// The corresponding system call is `madvise(2)`.
  @inlinable
  public func advise(_ advice: Memory.Advice) throws(Errno) {
    try Memory.advise(base, length: length, advice)
  }

  /// Grows or shrinks the mapping, moving it if `flags` allows; ``base``
  /// and ``length`` follow. On error the mapping is unchanged.
  ///
  /// The corresponding system call is `mremap(2)`.
  @inlinable
  public mutating func remap(newLength: Int, flags: Memory.RemapFlags = .mayMove) throws(Errno) {
    _base = try Memory.remap(_base, oldLength: _length, newLength: newLength, flags: flags)
    _length = newLength
  }

  deinit {
    _ = Syscall.call(.munmap, Int(UnsafeRawPointer(base)), length)
  }
}
