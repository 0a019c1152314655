import Foundation
import Glibc
import Linux
import Testing

/// Collects a directory's entries as (name, type) pairs, `.` and `..` left out.
func entries(of directory: FileDescriptor) throws -> [String: FileType] {
  var found: [String: FileType] = [:]
  try FileSystem.forEachEntry(in: directory) { entry in
    if !entry.isDotOrDotDot { found[String(decoding: entry.name, as: UTF8.self)] = entry.type }
  }
  return found
}

@Suite struct FileSystemTests {
  @Test func openCreatesAndReportsErrors() throws {
    let dir = try ScratchDirectory()
    let path = dir.file("new")
    let file = try FileSystem.open(path, .readWrite, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
    #expect(try file.descriptor.descriptorFlags() == .closeOnExec)
    #expect(try file.descriptor.status().permissions == .ownerReadWrite)
    try file.descriptor.writeAll("abc")
    let inheritable = try FileSystem.open(path, .readOnly, closeOnExec: false)
    #expect(try inheritable.descriptor.descriptorFlags() == [])
    #expect(throws: Errno.fileExists) { _ = try FileSystem.open(path, .writeOnly, options: [.create, .exclusiveCreate]) }
    #expect(throws: Errno.noSuchFileOrDirectory) { _ = try FileSystem.open(dir.file("missing"), .readOnly) }
    #expect(throws: Errno.notDirectory) { _ = try FileSystem.open(path, .readOnly, options: .directory) }
    #expect(throws: Errno.notDirectory) { _ = try FileSystem.open(path + "/below", .readOnly) }
    #expect(throws: Errno.isDirectory) { _ = try FileSystem.open(dir.path, .writeOnly) }
    #expect(throws: Errno.invalidArgument) { _ = try FileSystem.open("a\0b", .readOnly) }
    #expect(throws: Errno.badFileDescriptor) { _ = try FileSystem.open("relative", .readOnly, relativeTo: closedDescriptor) }
    // Root may open any file for writing, but not a read-only sysfs
    // attribute (mode 0444, no store method: fs/sysfs/file.c refuses it).
    #expect(throws: Errno.permissionDenied) { _ = try FileSystem.open("/sys/kernel/notes", .writeOnly) }
    // Truncate, append, relative to a directory descriptor.
    let directory = try FileSystem.open(dir.path, .readOnly, options: .directory)
    let appending = try FileSystem.open("new", .writeOnly, options: .append, relativeTo: directory.descriptor)
    try appending.descriptor.writeAll("def")
    #expect(try FileSystem.status(of: path).size == 6)
    _ = try FileSystem.open("new", .writeOnly, options: .truncate, relativeTo: directory.descriptor)
    #expect(try FileSystem.status(of: path).size == 0)
    // O_NOFOLLOW, O_PATH, O_TMPFILE.
    try FileSystem.makeSymbolicLink(dir.file("link"), to: "new")
    #expect(throws: Errno.tooManySymbolicLinkLevels) { _ = try FileSystem.open(dir.file("link"), .readOnly, options: .noFollow) }
    let pathOnly = try FileSystem.open(dir.file("link"), .readOnly, options: [.path, .noFollow])
    #expect(try pathOnly.descriptor.status().type == .symbolicLink)
    #expect(throws: Errno.badFileDescriptor) { _ = try [UInt8].reading(1) { try pathOnly.descriptor.read(into: $0) } }
    let temporary = try FileSystem.open(dir.path, .readWrite, options: .temporaryFile, permissions: .ownerReadWrite)
    #expect(try temporary.descriptor.status().linkCount == 0)
    #expect(try entries(of: directory.descriptor).keys.sorted() == ["link", "new"])
  }

  @Test func statusOfFilesLinksAndDescriptors() throws {
    let dir = try ScratchDirectory()
    let path = dir.file("file")
    try Data(repeating: 7, count: 5000).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o640, .modificationDate: Date(timeIntervalSince1970: 1_000_000_000.5)], ofItemAtPath: path)
    let status = try FileSystem.status(of: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let referenceDevice = UInt64((attributes[.systemNumber] as! NSNumber).uint64Value)
    #expect(status.type == .regular)
    #expect(status.permissions == [.ownerReadWrite, .groupRead])
    #expect(status.size == 5000)
    #expect(status.inode == (attributes[.systemFileNumber] as! NSNumber).uint64Value)
    #expect(status.device == referenceDevice)
    #expect(status.linkCount == 1)
    #expect(status.userID == getuid())
    #expect(status.blockSize > 0)
    #expect(status.blockCount >= 8)  // 5000 bytes: at least ten 512-byte blocks unless compressed
    #expect(status.modificationTime == TimeSpec(seconds: 1_000_000_000, nanoseconds: 500_000_000))
    #expect(abs(status.statusChangeTime.seconds - Int64(Date().timeIntervalSince1970)) < 60)
    let file = try FileSystem.open(path, .readOnly)
    #expect(try file.descriptor.status().inode == status.inode)
    try FileSystem.makeSymbolicLink(dir.file("link"), to: "file")
    #expect(try FileSystem.status(of: dir.file("link")).inode == status.inode)
    let link = try FileSystem.linkStatus(of: dir.file("link"))
    #expect(link.type == .symbolicLink && link.size == 4)
    let directory = try FileSystem.open(dir.path, .readOnly, options: .directory)
    #expect(try FileSystem.status(of: "link", relativeTo: directory.descriptor, flags: .symlinkNoFollow).type == .symbolicLink)
    #expect(try FileSystem.status(of: "", relativeTo: file.descriptor, flags: .emptyPath).inode == status.inode)
    #expect(try FileSystem.status(of: "/dev/null").type == .characterDevice)
    #expect(try FileSystem.status(of: dir.path).type == .directory)
    let pipe = try FileDescriptor.pipe()
    #expect(try pipe.readEnd.descriptor.status().type == .fifo)
    #expect(throws: Errno.noSuchFileOrDirectory) { _ = try FileSystem.status(of: dir.file("missing")) }
    #expect(throws: Errno.noSuchFileOrDirectory) { _ = try FileSystem.status(of: "") }
    #expect(throws: Errno.notDirectory) { _ = try FileSystem.status(of: path + "/x") }
    #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.status() }
    #expect(throws: Errno.invalidArgument) { _ = try FileSystem.status(of: path, flags: FileSystem.AtFlags(rawValue: 0x1)) }
    // statx: the same answers, and the birth time where the file system keeps it.
    let extended = try FileSystem.extendedStatus(of: path, mask: [.basicStats, .birthTime])
    #expect(extended.mask.contains(.basicStats))
    #expect(extended.type == .regular && extended.permissions == [.ownerReadWrite, .groupRead])
    #expect(extended.size == 5000 && extended.inode == status.inode && extended.linkCount == 1)
    #expect(extended.modificationTime == ExtendedFileStatus.Timestamp(seconds: 1_000_000_000, nanoseconds: 500_000_000))
    // glibc's gnu_dev_major/minor (sys/sysmacros.h).
    #expect(UInt64(extended.deviceMajor) == ((referenceDevice >> 8) & 0xfff) | ((referenceDevice >> 32) & ~0xfff))
    #expect(UInt64(extended.deviceMinor) == (referenceDevice & 0xff) | ((referenceDevice >> 12) & ~0xff))
    if extended.mask.contains(.birthTime) { #expect(extended.birthTime.seconds > 0) }
    #expect(try file.descriptor.extendedStatus().inode == status.inode)
    #expect(try FileSystem.extendedStatus(of: dir.file("link"), flags: .symlinkNoFollow).type == .symbolicLink)
    #expect(throws: Errno.noSuchFileOrDirectory) { _ = try FileSystem.extendedStatus(of: dir.file("missing")) }
    #expect(throws: Errno.invalidArgument) { _ = try FileSystem.extendedStatus(of: path, mask: ExtendedFileStatus.Mask(rawValue: 0x8000_0000)) }
    #expect(throws: Errno.badFileDescriptor) { _ = try closedDescriptor.extendedStatus() }
  }

  @Test func truncateAllocateSyncAndSeek() throws {
    let dir = try ScratchDirectory()
    let path = dir.file("file")
    let file = try FileSystem.open(path, .readWrite, options: .create)
    let fd = file.descriptor
    try fd.truncate(to: 1 << 20)
    #expect(try fd.status().size == 1 << 20)
    try FileSystem.truncate(path, to: 10)
    #expect(try fd.status().size == 10)
    #expect(throws: Errno.invalidArgument) { try fd.truncate(to: -1) }
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.truncate(dir.file("missing"), to: 0) }
    #expect(throws: Errno.isDirectory) { try FileSystem.truncate(dir.path, to: 0) }
    let pipe = try FileDescriptor.pipe()
    #expect(throws: Errno.invalidArgument) { try pipe.writeEnd.descriptor.truncate(to: 0) }
    // fallocate: allocate past the end (grows), keep size, punch a hole, zero a range.
    try fd.allocate(offset: 0, length: 65536)
    #expect(try fd.status().size == 65536)
    try fd.allocate(offset: 65536, length: 65536, mode: .keepSize)
    #expect(try fd.status().size == 65536)
    try Array(repeating: UInt8(1), count: 65536).withUnsafeBytes { _ = try fd.write(toAbsoluteOffset: 0, $0) }
    try fd.allocate(offset: 8192, length: 8192, mode: [.punchHole, .keepSize])
    #expect(try [UInt8].reading(4) { try fd.read(fromAbsoluteOffset: 8192, into: $0) } == [0, 0, 0, 0])
    try fd.allocate(offset: 0, length: 4096, mode: .zeroRange)
    #expect(try [UInt8].reading(2) { try fd.read(fromAbsoluteOffset: 4095, into: $0) } == [0, 1])
    try fd.allocate(offset: 4096, length: 4096, mode: .collapseRange)
    #expect(try fd.status().size == 65536 - 4096)
    try fd.allocate(offset: 4096, length: 4096, mode: .insertRange)
    #expect(try fd.status().size == 65536)
    #expect(throws: Errno.notSupported) { try fd.allocate(offset: 0, length: 4096, mode: .punchHole) }  // needs keepSize
    #expect(throws: Errno.invalidArgument) { try fd.allocate(offset: 0, length: 0) }
    #expect(throws: Errno.illegalSeek) { try pipe.writeEnd.descriptor.allocate(offset: 0, length: 1) }
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.allocate(offset: 0, length: 1) }
    try fd.sync()
    try fd.syncData()
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.sync() }
    #expect(throws: Errno.invalidArgument) { try pipe.writeEnd.descriptor.syncData() }
    // lseek, every origin, on data at 0..<4 KiB and 512..<516 KiB, holes elsewhere.
    try fd.truncate(to: 0)
    try Array(repeating: UInt8(3), count: 4096).withUnsafeBytes { _ = try fd.write(toAbsoluteOffset: 0, $0) }
    try fd.truncate(to: 1 << 20)  // 4 KiB of data, then a hole to 1 MiB
    try Array(repeating: UInt8(2), count: 4096).withUnsafeBytes { _ = try fd.write(toAbsoluteOffset: 512 << 10, $0) }
    #expect(try fd.seek(offset: 100, from: .start) == 100)
    #expect(try fd.seek(offset: 10, from: .current) == 110)
    #expect(try fd.seek(offset: -24, from: .end) == (1 << 20) - 24)
    #expect(try fd.seek(offset: 0, from: .nextHole) == 4096)
    #expect(try fd.seek(offset: 4096, from: .nextData) == 512 << 10)
    #expect(throws: Errno.noSuchAddressOrDevice) { try fd.seek(offset: 1 << 21, from: .nextData) }
    #expect(throws: Errno.invalidArgument) { try fd.seek(offset: -1, from: .start) }
    #expect(throws: Errno.invalidArgument) { try fd.seek(offset: 0, from: FileDescriptor.SeekOrigin(rawValue: 5)) }
    #expect(throws: Errno.illegalSeek) { try pipe.readEnd.descriptor.seek(offset: 0, from: .current) }
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.seek(offset: 0, from: .start) }
  }

  @Test func directoriesEntriesAndNames() throws {
    let dir = try ScratchDirectory()
    let directory = try FileSystem.open(dir.path, .readOnly, options: .directory)
    let d = directory.descriptor
    try FileSystem.makeDirectory("sub", permissions: .ownerReadWriteExecute, relativeTo: d)
    #expect(try FileSystem.status(of: dir.file("sub")).permissions == .ownerReadWriteExecute)
    #expect(throws: Errno.fileExists) { try FileSystem.makeDirectory(dir.file("sub")) }
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.makeDirectory(dir.file("a/b")) }
    _ = try FileSystem.open("file", .writeOnly, options: .create, relativeTo: d)
    try FileSystem.makeSymbolicLink("link", relativeTo: d, to: "file")
    try FileSystem.link("file", relativeTo: d, as: "hard", relativeTo: d)
    #expect(try FileSystem.status(of: dir.file("file")).linkCount == 2)
    try FileSystem.link("link", relativeTo: d, as: "followed", relativeTo: d, flags: .symlinkFollow)
    #expect(try FileSystem.linkStatus(of: dir.file("followed")).type == .regular)
    #expect(throws: Errno.fileExists) { try FileSystem.link(dir.file("file"), as: dir.file("hard")) }
    #expect(throws: Errno.notPermitted) { try FileSystem.link(dir.file("sub"), as: dir.file("sub2")) }
    #expect(throws: Errno.fileExists) { try FileSystem.makeSymbolicLink(dir.file("link"), to: "x") }
    // The directory iterator, through a caller buffer.
    #expect(try entries(of: d) == ["sub": .directory, "file": .regular, "link": .symbolicLink, "hard": .regular, "followed": .regular])
    try d.seek(offset: 0, from: .start)
    var names: [String] = []
    var inodes: [String: UInt64] = [:]
    try withUnsafeTemporaryAllocation(byteCount: 280, alignment: 8) { buffer in  // one long entry at a time
      var list = DirectoryEntries(d, buffer: buffer)
      while let entry = try list.next() {
        let name = String(decoding: entry.name, as: UTF8.self)
        names.append(name)
        inodes[name] = entry.inode
      }
      #expect(try list.next() == nil)
    }
    #expect(names.sorted() == [".", "..", "file", "followed", "hard", "link", "sub"])
    #expect(inodes["file"] == (try FileSystem.status(of: dir.file("file")).inode))
    #expect(throws: Errno.invalidArgument) {
      try d.seek(offset: 0, from: .start)
      _ = try withUnsafeTemporaryAllocation(byteCount: 16, alignment: 8) { try d.readDirectoryEntries(into: $0) }
    }
    let file = try FileSystem.open(dir.file("file"), .readOnly)
    #expect(throws: Errno.notDirectory) { _ = try entries(of: file.descriptor) }
    #expect(throws: Errno.badFileDescriptor) { _ = try entries(of: closedDescriptor) }
    // readlink into a caller buffer; truncation is an error.
    var target = [UInt8](repeating: 0, count: 8)
    #expect(try target.withUnsafeMutableBytes { try FileSystem.readLink("link", relativeTo: d, into: $0) } == 4)
    #expect(Array(target[..<4]) == Array("file".utf8))
    #expect(throws: Errno.outOfRange) { _ = try target.withUnsafeMutableBytes { try FileSystem.readLink("link", relativeTo: d, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<4])) } }
    #expect(throws: Errno.invalidArgument) { _ = try target.withUnsafeMutableBytes { try FileSystem.readLink(dir.file("file"), into: $0) } }
    #expect(throws: Errno.noSuchFileOrDirectory) { _ = try target.withUnsafeMutableBytes { try FileSystem.readLink(dir.file("none"), into: $0) } }
    // rename: plain, no-replace, exchange, across file systems.
    try FileSystem.rename("hard", relativeTo: d, to: "renamed", relativeTo: d)
    #expect(throws: Errno.fileExists) { try FileSystem.rename(dir.file("renamed"), to: dir.file("file"), flags: .noReplace) }
    try FileSystem.rename(dir.file("sub"), to: dir.file("file"), flags: .exchange)
    #expect(try FileSystem.status(of: dir.file("file")).type == .directory)
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.rename(dir.file("none"), to: dir.file("x")) }
    #expect(throws: Errno.invalidArgument) { try FileSystem.rename(dir.file("renamed"), to: dir.file("x"), flags: [.noReplace, .exchange]) }
    #expect(throws: Errno.isDirectory) { try FileSystem.rename(dir.file("renamed"), to: dir.file("file")) }
    if try FileSystem.status(of: "/dev/shm").device != (try FileSystem.status(of: dir.path).device) {
      #expect(throws: Errno.improperLink) { try FileSystem.rename(dir.file("renamed"), to: "/dev/shm/nolibc-exdev-\(UUID().uuidString)") }
    }
    // unlink and rmdir.
    #expect(throws: Errno.isDirectory) { try FileSystem.remove(dir.file("file")) }
    #expect(throws: Errno.notDirectory) { try FileSystem.remove(dir.file("sub"), flags: .removeDirectory) }
    try FileSystem.remove("sub", relativeTo: d)
    _ = try FileSystem.open(dir.file("file/inner"), .writeOnly, options: .create)
    #expect(throws: Errno.directoryNotEmpty) { try FileSystem.remove(dir.file("file"), flags: .removeDirectory) }
    try FileSystem.remove(dir.file("file/inner"))
    try FileSystem.remove(dir.file("file"), flags: .removeDirectory)
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.remove(dir.file("file")) }
    #expect(throws: Errno.invalidArgument) { try FileSystem.remove(dir.file("link"), flags: .symlinkNoFollow) }
  }

  @Test func permissionsAccessAndCreationMask() throws {
    let dir = try ScratchDirectory()
    let path = dir.file("file")
    let file = try FileSystem.open(path, .writeOnly, options: .create, permissions: [.ownerReadWrite, .groupRead, .otherRead])
    try FileSystem.setPermissions(path, [.ownerReadWriteExecute, .setUserID])
    #expect(try FileSystem.status(of: path).permissions == [.ownerReadWriteExecute, .setUserID])
    try file.descriptor.setPermissions(.ownerRead)
    #expect(try FileSystem.status(of: path).permissions == .ownerRead)
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.setPermissions(dir.file("none"), .ownerRead) }
    #expect(throws: Errno.badFileDescriptor) { try closedDescriptor.setPermissions(.ownerRead) }
    #expect(FilePermissions(rawValue: 0o644) == [.ownerReadWrite, .groupRead, .otherRead])
    // access: root passes read and write, but execute only with an x bit.
    try FileSystem.checkAccess(path)
    try FileSystem.checkAccess(path, [.read, .write])
    #expect(throws: Errno.permissionDenied) { try FileSystem.checkAccess(path, .execute) }
    try FileSystem.setPermissions(path, .otherExecute)
    try FileSystem.checkAccess(path, .execute)
    try FileSystem.checkAccess(path, .execute, flags: .effectiveAccess)  // faccessat2
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.checkAccess(dir.file("none")) }
    #expect(throws: Errno.invalidArgument) { try FileSystem.checkAccess(path, FileSystem.Accessibility(rawValue: 8)) }
    #expect(throws: Errno.invalidArgument) { try FileSystem.checkAccess(path, flags: FileSystem.AtFlags(rawValue: 0x1)) }
    try FileSystem.makeSymbolicLink(dir.file("dangling"), to: "none")
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.checkAccess(dir.file("dangling")) }
    try FileSystem.checkAccess(dir.file("dangling"), flags: .symlinkNoFollow)
    // umask (process-wide: set and restored at once).
    let previous = FileSystem.setCreationMask([.groupWrite, .otherReadWriteExecute])
    _ = try FileSystem.open(dir.file("masked"), .writeOnly, options: .create, permissions: FilePermissions(rawValue: 0o777))
    #expect(FileSystem.setCreationMask(previous) == [.groupWrite, .otherReadWriteExecute])
    #expect(try FileSystem.status(of: dir.file("masked")).permissions == [.ownerReadWriteExecute, .groupRead, .groupExecute])
  }

  @Test func workingDirectory() throws {
    let dir = try ScratchDirectory()
    var buffer = [UInt8](repeating: 0, count: pathMax)
    let original = try buffer.withUnsafeMutableBytes { raw in
      String(decoding: raw.prefix(try FileSystem.currentDirectory(into: raw)), as: UTF8.self)
    }
    #expect(original == FileManager.default.currentDirectoryPath)
    #expect(buffer[original.utf8.count] == 0)
    #expect(throws: Errno.outOfRange) {
      _ = try buffer.withUnsafeMutableBytes { try FileSystem.currentDirectory(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<original.utf8.count])) }
    }
    #expect(throws: Errno.badAddress) {
      _ = try FileSystem.currentDirectory(into: UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: 8), count: 4096))
    }
    // The working directory is process-wide: change it and restore it at once.
    let back = try FileSystem.open(".", .readOnly, options: .directory)
    try FileSystem.changeDirectory(to: dir.path)
    let inside = try buffer.withUnsafeMutableBytes { String(decoding: $0.prefix(try FileSystem.currentDirectory(into: $0)), as: UTF8.self) }
    try FileSystem.changeDirectory(to: back.descriptor)
    #expect(inside == dir.path)
    #expect(FileManager.default.currentDirectoryPath == original)
    #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.changeDirectory(to: dir.file("none")) }
    #expect(throws: Errno.notDirectory) { try FileSystem.changeDirectory(to: "/dev/null") }
    #expect(throws: Errno.badFileDescriptor) { try FileSystem.changeDirectory(to: closedDescriptor) }
    let file = try FileSystem.open("/dev/null", .readOnly)
    #expect(throws: Errno.notDirectory) { try FileSystem.changeDirectory(to: file.descriptor) }
  }

  @Test func pathsOfEveryKind() throws {
    let dir = try ScratchDirectory()
    // String, Substring, StaticString, [UInt8], a raw buffer, a C string.
    _ = try FileSystem.open(dir.file("plain"), .writeOnly, options: .create)
    let directory = try FileSystem.open(dir.path, .readOnly, options: .directory)
    let d = directory.descriptor
    #expect(try FileSystem.status(of: "plain", relativeTo: d).type == .regular)
    #expect(try FileSystem.status(of: "plainly".dropLast(2), relativeTo: d).type == .regular)
    #expect(try FileSystem.status(of: "plain" as StaticString, relativeTo: d).type == .regular)
    #expect(try FileSystem.status(of: Array("plain".utf8), relativeTo: d).type == .regular)
    let fromBuffer = try Array("plain".utf8).withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws(Errno) in
      try FileSystem.status(of: raw, relativeTo: d).type
    }
    #expect(fromBuffer == .regular)
    let fromCString = try "plain".withCString { c in
      try c.withMemoryRebound(to: UInt8.self, capacity: 6) { try FileSystem.status(of: NullTerminatedPath($0), relativeTo: d).type }
    }
    #expect(fromCString == .regular)
    // Not UTF-8: the bytes reach the kernel as they are.
    let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0xFF]  // "caf\xe9\xff"
    _ = try FileSystem.open(latin1, .writeOnly, options: .create, relativeTo: d)
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(names.count == 2)
    var found = false
    try FileSystem.forEachEntry(in: d) { entry in
      if Array(entry.name) == latin1 { found = true }
    }
    #expect(found)
    #expect(try FileSystem.status(of: latin1, relativeTo: d).type == .regular)
    // An interior NUL is EINVAL, never a shorter path.
    #expect(throws: Errno.invalidArgument) { _ = try FileSystem.status(of: "plain\0ignored", relativeTo: d) }
    #expect(throws: Errno.invalidArgument) { _ = try FileSystem.status(of: [0x70, 0, 0x71] as [UInt8], relativeTo: d) }
    // A component of 255 bytes is fine, 256 is ENAMETOOLONG.
    let longest = String(repeating: "n", count: 255)
    _ = try FileSystem.open(longest, .writeOnly, options: .create, relativeTo: d)
    #expect(throws: Errno.fileNameTooLong) { _ = try FileSystem.open(longest + "n", .writeOnly, options: .create, relativeTo: d) }
    // A path of 4095 bytes (plus the NUL: PATH_MAX) resolves; 4096 bytes is ENAMETOOLONG.
    var path = dir.path
    let component = String(repeating: "d", count: 200)
    while path.utf8.count + 1 + component.count < 4095 - 10 {
      path += "/" + component
      try FileSystem.makeDirectory(path)
    }
    let padding = 4095 - path.utf8.count - 1
    let exact = path + "/" + String(repeating: "f", count: padding)
    #expect(exact.utf8.count == 4095)
    _ = try FileSystem.open(exact, .writeOnly, options: .create)
    #expect(try FileSystem.status(of: exact).type == .regular)
    #expect(throws: Errno.fileNameTooLong) { _ = try FileSystem.status(of: exact + "f") }
    #expect(throws: Errno.fileNameTooLong) { _ = try FileSystem.status(of: String(repeating: "/", count: pathMax)) }
    // The kernel says the same about 4096 bytes (not only our stack copy).
    let kernel = (exact + "f").withCString { Glibc.access($0, F_OK) == -1 ? errno : 0 }
    #expect(kernel == ENAMETOOLONG)
  }
}
