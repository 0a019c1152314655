/// The status of a file as `stat`, `fstat`, `lstat` and `fstatat` report
/// it: the kernel's x86-64 `struct stat` (`arch/x86/include/uapi/asm/stat.h`,
/// 144 bytes), field for field.
///
/// Implementation notes: x86-64 has no `stat64`; the `newfstatat` and
/// `fstat` calls fill this layout, which differs from i386's and from the
/// generic one (`asm-generic/stat.h`: there `st_mode` comes before
/// `st_nlink`). ``FileSystemConstantTests`` checks every offset.
@frozen
public struct FileStatus: Sendable {
  /// `st_dev`: the device holding the file.
  public var device: UInt64
  /// `st_ino`
  public var inode: UInt64
  /// `st_nlink`: the number of hard links.
  public var linkCount: UInt64
  /// `st_mode`: type and permissions; see ``type`` and ``permissions``.
  public var mode: UInt32
  /// `st_uid`
  public var userID: UInt32
  /// `st_gid`
  public var groupID: UInt32
  @usableFromInline var padding0: UInt32
  /// `st_rdev`: the device a device file stands for.
  public var specialDevice: UInt64
  /// `st_size`: bytes (a symbolic link: the length of its target).
  public var size: Int64
  /// `st_blksize`: the preferred I/O size.
  public var blockSize: Int64
  /// `st_blocks`: allocated 512-byte blocks.
  public var blockCount: Int64
  /// `st_atime`, `st_atime_nsec`: the last access.
  public var accessTime: TimeSpec
  /// `st_mtime`, `st_mtime_nsec`: the last change of the data.
  public var modificationTime: TimeSpec
  /// `st_ctime`, `st_ctime_nsec`: the last change of the status.
  public var statusChangeTime: TimeSpec
  @usableFromInline var unused: (Int64, Int64, Int64)

  /// An all-zero status, for the kernel to fill in.
  @inlinable
  public init() {
    device = 0; inode = 0; linkCount = 0; mode = 0; userID = 0; groupID = 0; padding0 = 0
    specialDevice = 0; size = 0; blockSize = 0; blockCount = 0
    accessTime = TimeSpec(seconds: 0, nanoseconds: 0)
    modificationTime = accessTime
    statusChangeTime = accessTime
    unused = (0, 0, 0)
  }

  /// The file's type, from ``mode``.
  @inlinable public var type: FileType { FileType(mode: mode) }

  /// The file's permission bits, from ``mode``.
  @inlinable public var permissions: FilePermissions { FilePermissions(rawValue: mode & 0o7777) }
}

extension FileSystem {
  /// The status of the file at `path` (relative to `directory`).
  ///
  /// With `flags: .symlinkNoFollow` it describes a final symbolic link
  /// itself (`lstat`); with `.emptyPath` and an empty path, `directory`
  /// itself (`fstat`).
  ///
  /// The corresponding system call is `newfstatat(2)` (`fstatat`).
  @inlinable
  public static func status(
    of path: some PathRepresentable, relativeTo directory: FileDescriptor = .currentWorkingDirectory,
    flags: AtFlags = []
  ) throws(Errno) -> FileStatus {
    var status = FileStatus()
    try path.withNullTerminatedPath { (cPath: UnsafePointer<CChar>) throws(Errno) in
      _ = try withUnsafeMutablePointer(to: &status) { (pointer: UnsafeMutablePointer<FileStatus>) throws(Errno) -> Int in
        try Syscall.check(Syscall.call(
          .newfstatat, Int(directory.rawValue), Int(UnsafeRawPointer(cPath)), Int(UnsafeRawPointer(pointer)),
          Int(flags.rawValue)))
      }
    }
    return status
  }

  /// The status of the file at `path`, or of a final symbolic link itself.
  ///
  /// The corresponding system call is `newfstatat(2)` with
  /// `AT_SYMLINK_NOFOLLOW` (`lstat`).
  @inlinable
  public static func linkStatus(
    of path: some PathRepresentable, relativeTo directory: FileDescriptor = .currentWorkingDirectory
  ) throws(Errno) -> FileStatus {
    try status(of: path, relativeTo: directory, flags: .symlinkNoFollow)
  }
}

extension FileDescriptor {
  /// The status of the open file.
  ///
  /// The corresponding system call is `fstat(2)`.
  @inlinable
  public func status() throws(Errno) -> FileStatus {
    var status = FileStatus()
    _ = try withUnsafeMutablePointer(to: &status) { (pointer: UnsafeMutablePointer<FileStatus>) throws(Errno) -> Int in
      try Syscall.check(Syscall.call(.fstat, Int(rawValue), Int(UnsafeRawPointer(pointer))))
    }
    return status
  }
}
