// fstat FILE...: opens each FILE, asks the kernel for its status with
// fstat(2) and prints the kernel's `struct stat` field by field, in the
// layout of the specification's `stat64` dump (Rust's `{:#?}`).
import Linux
import Runtime

func field(_ name: StaticString, _ value: String) {
  StandardOutput.write("    ")
  StandardOutput.write(name)
  StandardOutput.write(": ")
  StandardOutput.write(string: value)
  StandardOutput.write(",\n")
}

func dump(_ status: FileStatus) {
  StandardOutput.write("stat64 {\n")
  field("st_dev", String(status.device))
  field("st_ino", String(status.inode))
  field("st_nlink", String(status.linkCount))
  field("st_mode", String(status.mode))
  field("st_uid", String(status.userID))
  field("st_gid", String(status.groupID))
  field("__pad0", "0")
  field("st_rdev", String(status.specialDevice))
  field("st_size", String(status.size))
  field("st_blksize", String(status.blockSize))
  field("st_blocks", String(status.blockCount))
  field("st_atime", String(status.accessTime.seconds))
  field("st_atime_nsec", String(status.accessTime.nanoseconds))
  field("st_mtime", String(status.modificationTime.seconds))
  field("st_mtime_nsec", String(status.modificationTime.nanoseconds))
  field("st_ctime", String(status.statusChangeTime.seconds))
  field("st_ctime_nsec", String(status.statusChangeTime.nanoseconds))
  StandardOutput.write("    __reserved: [\n        0,\n        0,\n        0,\n    ],\n}\n")
}

func run() -> Int32 {
  let arguments = Program.arguments
  if arguments.count < 2 {
    StandardError.write("fstat: missing operand\nUsage: fstat FILE...\n")
    return 2
  }
  var status: Int32 = 0
  for index in 1..<arguments.count {
    let name = arguments[index]
    do {
      let file = try FileSystem.open(NullTerminatedPath(name.pointer), .readOnly)
      dump(try file.descriptor.status())
    } catch {
      MessageLine.report("fstat", name.bytes, error)
      status = 1
    }
  }
  return status
}

Program.exit(run())
