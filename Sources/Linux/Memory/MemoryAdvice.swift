extension Memory {
  /// Advice about how a range of memory will be used (`MADV_*` in
  /// `asm-generic/mman-common.h`). Not an option set: one value per call.
  @frozen
  public struct Advice: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `MADV_NORMAL`: no special treatment.
    public static var normal: Advice { Advice(rawValue: 0) }
    /// `MADV_RANDOM`: expect random access; read ahead less.
    public static var random: Advice { Advice(rawValue: 1) }
    /// `MADV_SEQUENTIAL`: expect sequential access; read ahead more.
    public static var sequential: Advice { Advice(rawValue: 2) }
    /// `MADV_WILLNEED`: the pages will be needed soon; start reading them.
    public static var willNeed: Advice { Advice(rawValue: 3) }
    /// `MADV_DONTNEED`: drop the pages now. Private anonymous pages read
    /// as zero afterwards; file pages are read again from the file.
    public static var dontNeed: Advice { Advice(rawValue: 4) }
    /// `MADV_FREE` (Linux 4.5): the kernel may drop these private anonymous
    /// pages lazily, unless they are written again first.
    public static var free: Advice { Advice(rawValue: 8) }
    /// `MADV_REMOVE`: free the pages and the file's backing store
    /// (a hole punch, on file systems that support it).
    public static var remove: Advice { Advice(rawValue: 9) }
    /// `MADV_DONTFORK`: a child made by `fork` does not get this range.
    public static var dontFork: Advice { Advice(rawValue: 10) }
    /// `MADV_DOFORK`: undoes ``dontFork``.
    public static var doFork: Advice { Advice(rawValue: 11) }
    /// `MADV_MERGEABLE`: let KSM merge identical pages.
    public static var mergeable: Advice { Advice(rawValue: 12) }
    /// `MADV_UNMERGEABLE`: undoes ``mergeable``.
    public static var unmergeable: Advice { Advice(rawValue: 13) }
    /// `MADV_HUGEPAGE`: back with transparent huge pages where possible.
    public static var hugePage: Advice { Advice(rawValue: 14) }
    /// `MADV_NOHUGEPAGE`: never back with transparent huge pages.
    public static var noHugePage: Advice { Advice(rawValue: 15) }
    /// `MADV_DONTDUMP`: leave the range out of core dumps.
    public static var dontDump: Advice { Advice(rawValue: 16) }
    /// `MADV_DODUMP`: undoes ``dontDump``.
    public static var doDump: Advice { Advice(rawValue: 17) }
    /// `MADV_WIPEONFORK` (Linux 4.14): a child made by `fork` sees zeroes.
    public static var wipeOnFork: Advice { Advice(rawValue: 18) }
    /// `MADV_KEEPONFORK`: undoes ``wipeOnFork``.
    public static var keepOnFork: Advice { Advice(rawValue: 19) }
    /// `MADV_COLD` (Linux 5.4): deactivate the pages (reclaim them first).
    public static var cold: Advice { Advice(rawValue: 20) }
    /// `MADV_PAGEOUT` (Linux 5.4): reclaim the pages now.
    public static var pageOut: Advice { Advice(rawValue: 21) }
    /// `MADV_POPULATE_READ` (Linux 5.14): fault the pages in, readable.
    public static var populateRead: Advice { Advice(rawValue: 22) }
    /// `MADV_POPULATE_WRITE` (Linux 5.14): fault the pages in, writable.
    public static var populateWrite: Advice { Advice(rawValue: 23) }
    /// `MADV_DONTNEED_LOCKED` (Linux 5.18): ``dontNeed`` that also drops
    /// locked pages.
    public static var dontNeedLocked: Advice { Advice(rawValue: 24) }
    /// `MADV_COLLAPSE` (Linux 6.1): collapse the range into transparent
    /// huge pages now.
    public static var collapse: Advice { Advice(rawValue: 25) }
    /// `MADV_HWPOISON`: poison the pages, as a hardware error would (for
    /// testing; needs `CAP_SYS_ADMIN`).
    public static var hardwarePoison: Advice { Advice(rawValue: 100) }
    /// `MADV_SOFT_OFFLINE`: migrate the pages away and take them offline
    /// (for testing; needs `CAP_SYS_ADMIN`).
    public static var softOffline: Advice { Advice(rawValue: 101) }
  }

  /// Advises the kernel about how `length` bytes at `address`
  /// (page-aligned) will be used. Some advice changes what the memory
  /// holds (``Advice/dontNeed``, ``Advice/free``, ``Advice/remove``).
  ///
  /// Errors: `EINVAL` (unaligned address, unknown advice, advice the range
  /// does not support), `ENOMEM` (part of the range is not mapped),
  /// `EAGAIN`, `EIO`, `EPERM`, `EFAULT` (populating failed).
  ///
  /// The corresponding system call is `madvise(2)`.
  @inlinable
  public static func advise(_ address: UnsafeMutableRawPointer, length: Int, _ advice: Advice) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.madvise, Int(UnsafeRawPointer(address)), length, Int(advice.rawValue)))
  }
}
