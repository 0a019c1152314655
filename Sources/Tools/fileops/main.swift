// fileops: the specification's file-operation programs.
//
//   fileops create [PATH]   creates PATH (default hello.txt) with O_CREAT |
//                           O_RDWR | O_DSYNC, mode 0600, writes "hello world\n"
//   fileops resize [PATH]   fallocate 1024 bytes in PATH (default buffer),
//                           prints "size: 1024"; ftruncate to 512, prints
//                           "size: 512"
//   fileops seek [PATH]     fallocate 1024 bytes, lseek to 512, prints
//                           "Cursor position: 512", then waits for one byte
//                           of standard input (so that /proc/PID/fdinfo can
//                           be read meanwhile)
import Linux
import Runtime

func fail(_ what: StaticString, _ error: Errno) -> Never {
  MessageLine.report("fileops", what, error)
  Program.exit(1)
}

func path(_ arguments: Arguments, default fallback: StaticString) -> NullTerminatedPath {
  arguments.count > 2 ? NullTerminatedPath(arguments[2].pointer) : NullTerminatedPath(fallback.utf8Start)
}

func create(_ arguments: Arguments) {
  do {
    let file = try FileSystem.open(
      path(arguments, default: "hello.txt"), .readWrite, options: [.create, .dataSync],
      permissions: [.ownerRead, .ownerWrite])
    try file.descriptor.writeAll("hello world\n")
    try file.close()
  } catch {
    fail("create", error)
  }
}

func openBuffer(_ arguments: Arguments) -> OwnedFileDescriptor {
  do {
    // Not close-on-exec, so that /proc/PID/fdinfo shows the specification's
    // flags (0102002: O_RDWR | O_APPEND | O_LARGEFILE).
    let file = try FileSystem.open(
      path(arguments, default: "buffer"), .readWrite, options: [.create, .append],
      permissions: .ownerReadWriteExecute, closeOnExec: false)
    try file.descriptor.allocate(offset: 0, length: 1024)
    return file
  } catch {
    fail("open and fallocate", error)
  }
}

func resize(_ arguments: Arguments) {
  let file = openBuffer(arguments)
  do {
    print("size: " + String(try file.descriptor.status().size))
    try file.descriptor.truncate(to: 512)
    print("size: " + String(try file.descriptor.status().size))
    try file.close()
  } catch {
    fail("resize", error)
  }
}

func seek(_ arguments: Arguments) {
  let file = openBuffer(arguments)
  do {
    let position = try file.descriptor.seek(offset: 512, from: .start)
    print("Cursor position: " + String(position))
    StandardOutput.flush()
    var byte: UInt8 = 0
    _ = try withUnsafeMutableBytes(of: &byte) { (buffer) throws(Errno) -> Int in
      try FileDescriptor.standardInput.read(into: buffer)
    }
    try file.close()
  } catch {
    fail("seek", error)
  }
}

let arguments = Program.arguments
if arguments.count >= 2 && arguments[1].equals("create") {
  create(arguments)
} else if arguments.count >= 2 && arguments[1].equals("resize") {
  resize(arguments)
} else if arguments.count >= 2 && arguments[1].equals("seek") {
  seek(arguments)
} else {
  StandardError.write("Usage: fileops create|resize|seek [PATH]\n")
  Program.exit(2)
}
