import Foundation
import Linux
import Testing

/// The I/O and file-system flags and structure layouts, checked against
/// the kernel's headers by compiling C programs that print them.
///
/// Two programs, because the kernel's uapi headers and glibc's clash:
/// `<asm/stat.h>` and `<sys/stat.h>` both define `struct stat`, and the
/// kernel's `<linux/stat.h>` hides `S_IF*` from glibc programs. The kernel
/// program reads `<linux/fcntl.h>`, `<asm/stat.h>`, `<linux/stat.h>`,
/// `<linux/falloc.h>`, `<linux/fs.h>`, `<asm-generic/poll.h>`,
/// `<linux/uio.h>`; the libc one takes only what uapi lacks or hides
/// (`S_*` mode bits, `R_OK`..., `SPLICE_F_*`, `DT_*`, `struct dirent64`,
/// whose layout is the kernel's `struct linux_dirent64`).
@Suite struct FileSystemConstantTests {
  static func values(of body: String, includes: [String]) throws -> [String: Int] {
    let source = "#define _GNU_SOURCE\n#include <stdio.h>\n#include <stddef.h>\n"
      + includes.map { "#include <\($0)>\n" }.joined()
      + "#define P(x) printf(#x \"\\t%ld\\n\", (long)(x));\nint main(void) {\n\(body)\nreturn 0;\n}\n"
    return try HeaderValues.compile(source: source)
  }

  /// Prints `P(name)` for each name.
  static func printing(_ names: [String]) -> String { names.map { "P(\($0))" }.joined(separator: " ") }

  static func check(_ expected: [(String, Int)], against header: [String: Int]) {
    for (name, value) in expected {
      #expect(header[name] == value, "\(name): header \(header[name].map(String.init) ?? "missing"), ours \(value)")
    }
  }

  @Test func kernelHeaderValues() throws {
    typealias O = FileSystem.OpenOptions
    typealias S = FileDescriptor.StatusFlags
    typealias A = FileSystem.AtFlags
    typealias F = FileDescriptor.AllocateMode
    typealias R = FileSystem.RenameFlags
    typealias E = PollDescriptor.Events
    typealias M = ExtendedFileStatus.Mask
    let expected: [(String, Int)] = [
      ("O_RDONLY", Int(FileSystem.AccessMode.readOnly.rawValue)),
      ("O_WRONLY", Int(FileSystem.AccessMode.writeOnly.rawValue)),
      ("O_RDWR", Int(FileSystem.AccessMode.readWrite.rawValue)),
      ("O_CREAT", Int(O.create.rawValue)), ("O_EXCL", Int(O.exclusiveCreate.rawValue)),
      ("O_NOCTTY", Int(O.noControllingTerminal.rawValue)), ("O_TRUNC", Int(O.truncate.rawValue)),
      ("O_APPEND", Int(O.append.rawValue)), ("O_NONBLOCK", Int(O.nonBlocking.rawValue)),
      ("O_DSYNC", Int(O.dataSync.rawValue)), ("FASYNC", Int(O.async.rawValue)), ("O_DIRECT", Int(O.direct.rawValue)),
      ("O_LARGEFILE", Int(O.largeFile.rawValue)), ("O_DIRECTORY", Int(O.directory.rawValue)),
      ("O_NOFOLLOW", Int(O.noFollow.rawValue)), ("O_NOATIME", Int(O.noAccessTime.rawValue)),
      ("O_CLOEXEC", Int(O.closeOnExec.rawValue)), ("O_SYNC", Int(O.sync.rawValue)), ("O_PATH", Int(O.path.rawValue)),
      ("O_TMPFILE", Int(O.temporaryFile.rawValue)),
      ("O_APPEND", Int(S.append.rawValue)), ("O_NONBLOCK", Int(S.nonBlocking.rawValue)),
      ("O_DSYNC", Int(S.dataSync.rawValue)), ("FASYNC", Int(S.async.rawValue)), ("O_DIRECT", Int(S.direct.rawValue)),
      ("O_LARGEFILE", Int(S.largeFile.rawValue)), ("O_NOATIME", Int(S.noAccessTime.rawValue)),
      ("O_SYNC", Int(S.sync.rawValue)), ("O_PATH", Int(S.path.rawValue)),
      ("O_CLOEXEC", Int(FileDescriptor.PipeOptions.closeOnExec.rawValue)),
      ("O_NONBLOCK", Int(FileDescriptor.PipeOptions.nonBlocking.rawValue)),
      ("O_DIRECT", Int(FileDescriptor.PipeOptions.direct.rawValue)),
      ("FD_CLOEXEC", Int(FileDescriptor.DescriptorFlags.closeOnExec.rawValue)),
      // The fcntl commands Control.swift and Duplicate.swift use.
      ("F_DUPFD", 0), ("F_GETFD", 1), ("F_SETFD", 2), ("F_GETFL", 3), ("F_SETFL", 4),
      ("F_DUPFD_CLOEXEC", 1030), ("F_SETPIPE_SZ", 1031), ("F_GETPIPE_SZ", 1032),
      ("AT_FDCWD", Int(FileDescriptor.currentWorkingDirectory.rawValue)),
      ("AT_SYMLINK_NOFOLLOW", Int(A.symlinkNoFollow.rawValue)), ("AT_REMOVEDIR", Int(A.removeDirectory.rawValue)),
      ("AT_EACCESS", Int(A.effectiveAccess.rawValue)), ("AT_SYMLINK_FOLLOW", Int(A.symlinkFollow.rawValue)),
      ("AT_NO_AUTOMOUNT", Int(A.noAutomount.rawValue)), ("AT_EMPTY_PATH", Int(A.emptyPath.rawValue)),
      ("AT_STATX_FORCE_SYNC", Int(A.statxForceSync.rawValue)), ("AT_STATX_DONT_SYNC", Int(A.statxDontSync.rawValue)),
      ("SEEK_SET", Int(FileDescriptor.SeekOrigin.start.rawValue)),
      ("SEEK_CUR", Int(FileDescriptor.SeekOrigin.current.rawValue)),
      ("SEEK_END", Int(FileDescriptor.SeekOrigin.end.rawValue)),
      ("SEEK_DATA", Int(FileDescriptor.SeekOrigin.nextData.rawValue)),
      ("SEEK_HOLE", Int(FileDescriptor.SeekOrigin.nextHole.rawValue)),
      ("FALLOC_FL_KEEP_SIZE", Int(F.keepSize.rawValue)), ("FALLOC_FL_PUNCH_HOLE", Int(F.punchHole.rawValue)),
      ("FALLOC_FL_COLLAPSE_RANGE", Int(F.collapseRange.rawValue)), ("FALLOC_FL_ZERO_RANGE", Int(F.zeroRange.rawValue)),
      ("FALLOC_FL_INSERT_RANGE", Int(F.insertRange.rawValue)),
      ("FALLOC_FL_UNSHARE_RANGE", Int(F.unshareRange.rawValue)),
      ("RENAME_NOREPLACE", Int(R.noReplace.rawValue)), ("RENAME_EXCHANGE", Int(R.exchange.rawValue)),
      ("RENAME_WHITEOUT", Int(R.whiteout.rawValue)),
      ("POLLIN", Int(E.input.rawValue)), ("POLLPRI", Int(E.priority.rawValue)), ("POLLOUT", Int(E.output.rawValue)),
      ("POLLERR", Int(E.error.rawValue)), ("POLLHUP", Int(E.hangUp.rawValue)), ("POLLNVAL", Int(E.invalid.rawValue)),
      ("POLLRDNORM", Int(E.readNormal.rawValue)), ("POLLRDBAND", Int(E.readBand.rawValue)),
      ("POLLWRNORM", Int(E.writeNormal.rawValue)), ("POLLWRBAND", Int(E.writeBand.rawValue)),
      ("POLLMSG", Int(E.message.rawValue)), ("POLLRDHUP", Int(E.readHangUp.rawValue)),
      ("UIO_MAXIOV", IOVector.maximumCount),
      ("STATX_TYPE", Int(M.type.rawValue)), ("STATX_MODE", Int(M.mode.rawValue)),
      ("STATX_NLINK", Int(M.linkCount.rawValue)), ("STATX_UID", Int(M.userID.rawValue)),
      ("STATX_GID", Int(M.groupID.rawValue)), ("STATX_ATIME", Int(M.accessTime.rawValue)),
      ("STATX_MTIME", Int(M.modificationTime.rawValue)), ("STATX_CTIME", Int(M.statusChangeTime.rawValue)),
      ("STATX_INO", Int(M.inode.rawValue)), ("STATX_SIZE", Int(M.size.rawValue)),
      ("STATX_BLOCKS", Int(M.blockCount.rawValue)), ("STATX_BASIC_STATS", Int(M.basicStats.rawValue)),
      ("STATX_BTIME", Int(M.birthTime.rawValue)), ("STATX_MNT_ID", Int(M.mountID.rawValue)),
      ("STATX_DIOALIGN", Int(M.directIOAlignment.rawValue)),
    ]
    let layouts: [(String, Int?)] = [
      ("sizeof(struct stat)", MemoryLayout<FileStatus>.size),
      ("offsetof(struct stat, st_dev)", MemoryLayout<FileStatus>.offset(of: \.device)),
      ("offsetof(struct stat, st_ino)", MemoryLayout<FileStatus>.offset(of: \.inode)),
      ("offsetof(struct stat, st_nlink)", MemoryLayout<FileStatus>.offset(of: \.linkCount)),
      ("offsetof(struct stat, st_mode)", MemoryLayout<FileStatus>.offset(of: \.mode)),
      ("offsetof(struct stat, st_uid)", MemoryLayout<FileStatus>.offset(of: \.userID)),
      ("offsetof(struct stat, st_gid)", MemoryLayout<FileStatus>.offset(of: \.groupID)),
      ("offsetof(struct stat, st_rdev)", MemoryLayout<FileStatus>.offset(of: \.specialDevice)),
      ("offsetof(struct stat, st_size)", MemoryLayout<FileStatus>.offset(of: \.size)),
      ("offsetof(struct stat, st_blksize)", MemoryLayout<FileStatus>.offset(of: \.blockSize)),
      ("offsetof(struct stat, st_blocks)", MemoryLayout<FileStatus>.offset(of: \.blockCount)),
      ("offsetof(struct stat, st_atime)", MemoryLayout<FileStatus>.offset(of: \.accessTime.seconds)),
      ("offsetof(struct stat, st_atime_nsec)", MemoryLayout<FileStatus>.offset(of: \.accessTime.nanoseconds)),
      ("offsetof(struct stat, st_mtime)", MemoryLayout<FileStatus>.offset(of: \.modificationTime.seconds)),
      ("offsetof(struct stat, st_mtime_nsec)", MemoryLayout<FileStatus>.offset(of: \.modificationTime.nanoseconds)),
      ("offsetof(struct stat, st_ctime)", MemoryLayout<FileStatus>.offset(of: \.statusChangeTime.seconds)),
      ("offsetof(struct stat, st_ctime_nsec)", MemoryLayout<FileStatus>.offset(of: \.statusChangeTime.nanoseconds)),
      ("sizeof(struct statx)", MemoryLayout<ExtendedFileStatus>.size),
      ("offsetof(struct statx, stx_mask)", MemoryLayout<ExtendedFileStatus>.offset(of: \.mask)),
      ("offsetof(struct statx, stx_blksize)", MemoryLayout<ExtendedFileStatus>.offset(of: \.blockSize)),
      ("offsetof(struct statx, stx_attributes)", MemoryLayout<ExtendedFileStatus>.offset(of: \.attributes)),
      ("offsetof(struct statx, stx_nlink)", MemoryLayout<ExtendedFileStatus>.offset(of: \.linkCount)),
      ("offsetof(struct statx, stx_uid)", MemoryLayout<ExtendedFileStatus>.offset(of: \.userID)),
      ("offsetof(struct statx, stx_gid)", MemoryLayout<ExtendedFileStatus>.offset(of: \.groupID)),
      ("offsetof(struct statx, stx_mode)", MemoryLayout<ExtendedFileStatus>.offset(of: \.mode)),
      ("offsetof(struct statx, stx_ino)", MemoryLayout<ExtendedFileStatus>.offset(of: \.inode)),
      ("offsetof(struct statx, stx_size)", MemoryLayout<ExtendedFileStatus>.offset(of: \.size)),
      ("offsetof(struct statx, stx_blocks)", MemoryLayout<ExtendedFileStatus>.offset(of: \.blockCount)),
      ("offsetof(struct statx, stx_attributes_mask)", MemoryLayout<ExtendedFileStatus>.offset(of: \.attributesMask)),
      ("offsetof(struct statx, stx_atime)", MemoryLayout<ExtendedFileStatus>.offset(of: \.accessTime)),
      ("offsetof(struct statx, stx_btime)", MemoryLayout<ExtendedFileStatus>.offset(of: \.birthTime)),
      ("offsetof(struct statx, stx_ctime)", MemoryLayout<ExtendedFileStatus>.offset(of: \.statusChangeTime)),
      ("offsetof(struct statx, stx_mtime)", MemoryLayout<ExtendedFileStatus>.offset(of: \.modificationTime)),
      ("offsetof(struct statx, stx_mtime.tv_nsec)", MemoryLayout<ExtendedFileStatus>.offset(of: \.modificationTime.nanoseconds)),
      ("offsetof(struct statx, stx_rdev_major)", MemoryLayout<ExtendedFileStatus>.offset(of: \.specialDeviceMajor)),
      ("offsetof(struct statx, stx_rdev_minor)", MemoryLayout<ExtendedFileStatus>.offset(of: \.specialDeviceMinor)),
      ("offsetof(struct statx, stx_dev_major)", MemoryLayout<ExtendedFileStatus>.offset(of: \.deviceMajor)),
      ("offsetof(struct statx, stx_dev_minor)", MemoryLayout<ExtendedFileStatus>.offset(of: \.deviceMinor)),
      ("offsetof(struct statx, stx_mnt_id)", MemoryLayout<ExtendedFileStatus>.offset(of: \.mountID)),
      ("offsetof(struct statx, stx_dio_mem_align)", MemoryLayout<ExtendedFileStatus>.offset(of: \.directIOMemoryAlignment)),
      ("offsetof(struct statx, stx_dio_offset_align)", MemoryLayout<ExtendedFileStatus>.offset(of: \.directIOOffsetAlignment)),
      ("sizeof(struct statx_timestamp)", MemoryLayout<ExtendedFileStatus.Timestamp>.size),
      ("sizeof(struct pollfd)", MemoryLayout<PollDescriptor>.size),
      ("offsetof(struct pollfd, events)", MemoryLayout<PollDescriptor>.offset(of: \.events)),
      ("offsetof(struct pollfd, revents)", MemoryLayout<PollDescriptor>.offset(of: \.returnedEvents)),
      ("sizeof(struct iovec)", MemoryLayout<IOVector>.size),
      ("offsetof(struct iovec, iov_len)", MemoryLayout<IOVector>.offset(of: \.length)),
      ("sizeof(struct timespec)", MemoryLayout<TimeSpec>.size),
      ("sizeof(struct __kernel_timespec)", MemoryLayout<TimeSpec>.size),
    ]
    let header = try Self.values(
      of: Self.printing(expected.map(\.0) + layouts.map(\.0)),
      includes: ["linux/fcntl.h", "asm/stat.h", "linux/stat.h", "linux/falloc.h", "linux/fs.h", "asm-generic/poll.h",
                 "linux/uio.h", "linux/time_types.h", "linux/time.h"])
    Self.check(expected, against: header)
    for (name, value) in layouts {
      #expect(header[name] == value, "\(name): header \(header[name].map(String.init) ?? "missing"), ours \(value.map(String.init) ?? "nil")")
    }
  }

  @Test func libcHeaderValues() throws {
    typealias P = FilePermissions
    typealias X = FileSystem.Accessibility
    typealias L = FileDescriptor.SpliceFlags
    let expected: [(String, Int)] = [
      ("S_IRUSR", Int(P.ownerRead.rawValue)), ("S_IWUSR", Int(P.ownerWrite.rawValue)),
      ("S_IXUSR", Int(P.ownerExecute.rawValue)), ("S_IRWXU", Int(P.ownerReadWriteExecute.rawValue)),
      ("S_IRUSR | S_IWUSR", Int(P.ownerReadWrite.rawValue)),
      ("S_IRGRP", Int(P.groupRead.rawValue)), ("S_IWGRP", Int(P.groupWrite.rawValue)),
      ("S_IXGRP", Int(P.groupExecute.rawValue)), ("S_IRWXG", Int(P.groupReadWriteExecute.rawValue)),
      ("S_IRGRP | S_IWGRP", Int(P.groupReadWrite.rawValue)),
      ("S_IROTH", Int(P.otherRead.rawValue)), ("S_IWOTH", Int(P.otherWrite.rawValue)),
      ("S_IXOTH", Int(P.otherExecute.rawValue)), ("S_IRWXO", Int(P.otherReadWriteExecute.rawValue)),
      ("S_IROTH | S_IWOTH", Int(P.otherReadWrite.rawValue)),
      ("S_ISUID", Int(P.setUserID.rawValue)), ("S_ISGID", Int(P.setGroupID.rawValue)), ("S_ISVTX", Int(P.saveText.rawValue)),
      ("S_IFIFO", Int(FileType.fifo.modeBits)), ("S_IFCHR", Int(FileType.characterDevice.modeBits)),
      ("S_IFDIR", Int(FileType.directory.modeBits)), ("S_IFBLK", Int(FileType.blockDevice.modeBits)),
      ("S_IFREG", Int(FileType.regular.modeBits)), ("S_IFLNK", Int(FileType.symbolicLink.modeBits)),
      ("S_IFSOCK", Int(FileType.socket.modeBits)),
      ("F_OK", Int(X.exists.rawValue)), ("R_OK", Int(X.read.rawValue)), ("W_OK", Int(X.write.rawValue)),
      ("X_OK", Int(X.execute.rawValue)),
      ("SPLICE_F_MOVE", Int(L.move.rawValue)), ("SPLICE_F_NONBLOCK", Int(L.nonBlocking.rawValue)),
      ("SPLICE_F_MORE", Int(L.more.rawValue)), ("SPLICE_F_GIFT", Int(L.gift.rawValue)),
      ("offsetof(struct dirent64, d_ino)", 0), ("offsetof(struct dirent64, d_off)", 8),
      ("offsetof(struct dirent64, d_reclen)", 16), ("offsetof(struct dirent64, d_type)", 18),
      ("offsetof(struct dirent64, d_name)", 19),
    ]
    let dt: [(String, FileType)] = [
      ("DT_FIFO", .fifo), ("DT_CHR", .characterDevice), ("DT_DIR", .directory), ("DT_BLK", .blockDevice),
      ("DT_REG", .regular), ("DT_LNK", .symbolicLink), ("DT_SOCK", .socket), ("DT_UNKNOWN", .unknown),
      ("DT_WHT", .unknown),
    ]
    let header = try Self.values(
      of: Self.printing(expected.map(\.0) + dt.map(\.0)), includes: ["fcntl.h", "sys/stat.h", "unistd.h", "dirent.h"])
    Self.check(expected, against: header)
    for (name, type) in dt {
      let value = try #require(header[name])
      #expect(FileType(directoryEntryType: UInt8(value)) == type, "\(name)")
      #expect(FileType(mode: UInt32(value) << 12) == type, "\(name) << 12 as S_IFMT")
    }
  }
}
