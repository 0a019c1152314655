/// The status of a file as `statx` reports it: the kernel's `struct statx`
/// (`linux/stat.h`, 256 bytes, of which newer kernels fill more of the
/// reserved tail).
///
/// Only the fields named in ``mask`` are valid: the file system may not
/// supply all that was asked for, and may supply more.
@frozen
public struct ExtendedFileStatus: Sendable {
  /// `stx_mask`: which fields were filled in.
  public var mask: Mask
  /// `stx_blksize`: the preferred I/O size.
  public var blockSize: UInt32
  /// `stx_attributes`: `STATX_ATTR_*` flags.
  public var attributes: UInt64
  /// `stx_nlink`
  public var linkCount: UInt32
  /// `stx_uid`
  public var userID: UInt32
  /// `stx_gid`
  public var groupID: UInt32
  /// `stx_mode`: type and permissions; see ``type`` and ``permissions``.
  public var mode: UInt16
  @usableFromInline var spare0: UInt16
  /// `stx_ino`
  public var inode: UInt64
  /// `stx_size`
  public var size: UInt64
  /// `stx_blocks`: allocated 512-byte blocks.
  public var blockCount: UInt64
  /// `stx_attributes_mask`: which ``attributes`` bits the file system
  /// supports.
  public var attributesMask: UInt64
  /// `stx_atime`
  public var accessTime: Timestamp
  /// `stx_btime`: creation (birth), with ``Mask/birthTime``.
  public var birthTime: Timestamp
  /// `stx_ctime`
  public var statusChangeTime: Timestamp
  /// `stx_mtime`
  public var modificationTime: Timestamp
  /// `stx_rdev_major`
  public var specialDeviceMajor: UInt32
  /// `stx_rdev_minor`
  public var specialDeviceMinor: UInt32
  /// `stx_dev_major`
  public var deviceMajor: UInt32
  /// `stx_dev_minor`
  public var deviceMinor: UInt32
  /// `stx_mnt_id`, with ``Mask/mountID``.
  public var mountID: UInt64
  /// `stx_dio_mem_align`, with ``Mask/directIOAlignment``.
  public var directIOMemoryAlignment: UInt32
  /// `stx_dio_offset_align`, with ``Mask/directIOAlignment``.
  public var directIOOffsetAlignment: UInt32
  /// `__spare3`: fields of newer kernels (subvolume, atomic writes, ...).
  @usableFromInline var spare3: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                                 UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

  /// A time of a file: the kernel's `struct statx_timestamp` (16 bytes).
  @frozen
  public struct Timestamp: Equatable, Hashable, Sendable {
    /// `tv_sec`: seconds since 1970-01-01 00:00 UTC.
    public var seconds: Int64
    /// `tv_nsec`
    public var nanoseconds: UInt32
    @usableFromInline var reserved: Int32

    @_transparent
    public init(seconds: Int64, nanoseconds: UInt32) {
      self.seconds = seconds
      self.nanoseconds = nanoseconds
      self.reserved = 0
    }
  }

  /// Which fields to ask for and which were filled in (`STATX_*` in
  /// `linux/stat.h`).
  @frozen
  public struct Mask: OptionSet, Sendable {
    public var rawValue: UInt32
    @_transparent public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `STATX_TYPE`: the type bits of `stx_mode`.
    public static var type: Mask { Mask(rawValue: 0x1) }
    /// `STATX_MODE`: the permission bits of `stx_mode`.
    public static var mode: Mask { Mask(rawValue: 0x2) }
    /// `STATX_NLINK`
    public static var linkCount: Mask { Mask(rawValue: 0x4) }
    /// `STATX_UID`
    public static var userID: Mask { Mask(rawValue: 0x8) }
    /// `STATX_GID`
    public static var groupID: Mask { Mask(rawValue: 0x10) }
    /// `STATX_ATIME`
    public static var accessTime: Mask { Mask(rawValue: 0x20) }
    /// `STATX_MTIME`
    public static var modificationTime: Mask { Mask(rawValue: 0x40) }
    /// `STATX_CTIME`
    public static var statusChangeTime: Mask { Mask(rawValue: 0x80) }
    /// `STATX_INO`
    public static var inode: Mask { Mask(rawValue: 0x100) }
    /// `STATX_SIZE`
    public static var size: Mask { Mask(rawValue: 0x200) }
    /// `STATX_BLOCKS`
    public static var blockCount: Mask { Mask(rawValue: 0x400) }
    /// `STATX_BASIC_STATS`: what `struct stat` holds.
    public static var basicStats: Mask { Mask(rawValue: 0x7ff) }
    /// `STATX_BTIME`
    public static var birthTime: Mask { Mask(rawValue: 0x800) }
    /// `STATX_MNT_ID`
    public static var mountID: Mask { Mask(rawValue: 0x1000) }
    /// `STATX_DIOALIGN`
    public static var directIOAlignment: Mask { Mask(rawValue: 0x2000) }
  }

  /// An all-zero status, for the kernel to fill in.
  @inlinable
  public init() {
    mask = []; blockSize = 0; attributes = 0; linkCount = 0; userID = 0; groupID = 0; mode = 0; spare0 = 0
    inode = 0; size = 0; blockCount = 0; attributesMask = 0
    accessTime = Timestamp(seconds: 0, nanoseconds: 0)
    birthTime = accessTime; statusChangeTime = accessTime; modificationTime = accessTime
    specialDeviceMajor = 0; specialDeviceMinor = 0; deviceMajor = 0; deviceMinor = 0
    mountID = 0; directIOMemoryAlignment = 0; directIOOffsetAlignment = 0
    spare3 = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  }

  /// The file's type, from ``mode``.
  @inlinable public var type: FileType { FileType(mode: UInt32(mode)) }

  /// The file's permission bits, from ``mode``.
  @inlinable public var permissions: FilePermissions { FilePermissions(rawValue: UInt32(mode) & 0o7777) }
}

extension FileSystem {
  /// The status of the file at `path` (relative to `directory`): the
  /// fields in `mask` and any others the file system gives cheaply.
  ///
  /// `flags` may hold ``AtFlags/symlinkNoFollow``, ``AtFlags/emptyPath``,
  /// ``AtFlags/noAutomount``, ``AtFlags/statxForceSync`` and
  /// ``AtFlags/statxDontSync``.
  ///
  /// The corresponding system call is `statx(2)`.
  @inlinable
  public static func extendedStatus(
    of path: some PathRepresentable, relativeTo directory: FileDescriptor = .currentWorkingDirectory,
    flags: AtFlags = [], mask: ExtendedFileStatus.Mask = .basicStats
  ) throws(Errno) -> ExtendedFileStatus {
    var status = ExtendedFileStatus()
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try withUnsafeMutablePointer(to: &status) {
        (pointer: UnsafeMutablePointer<ExtendedFileStatus>) throws(Errno) -> Int in
        try Syscall.check(Syscall.call(
          .statx, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(flags.rawValue), Int(mask.rawValue),
          Int(UnsafeRawPointer(pointer))))
      }
    }
    return status
  }
}

extension FileDescriptor {
  /// The status of the open file: the fields in `mask` and any others the
  /// file system gives cheaply.
  ///
  /// The corresponding system call is `statx(2)` with an empty path and
  /// `AT_EMPTY_PATH`.
  @inlinable
  public func extendedStatus(mask: ExtendedFileStatus.Mask = .basicStats) throws(Errno) -> ExtendedFileStatus {
    try FileSystem.extendedStatus(of: "" as StaticString, relativeTo: self, flags: .emptyPath, mask: mask)
  }
}
