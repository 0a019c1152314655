// memdemo: the specification's memory-mapping programs.
//
//   memdemo persist FILE   maps 1024 bytes of FILE shared; prints what the
//                          mapping holds (up to the first NUL byte), then
//                          reads standard input into it: the next run prints
//                          what this one read ("Hello old world" / "Hello new
//                          world")
//   memdemo shared FILE    maps FILE twice; a write through one mapping is
//                          seen through the other ("b1[0] = 13", "b2[0] = 13")
//   memdemo overmap        maps three read-only pages, maps a read+write page
//                          over the middle one with MAP_FIXED, and prints the
//                          region's lines of /proc/self/maps before and after
import Linux
import Runtime

func fail(_ what: StaticString, _ error: Errno) -> Never {
  MessageLine.report("memdemo", what, error)
  Program.exit(1)
}

func persist(_ path: NullTerminatedPath) {
  do {
    let file = try FileSystem.open(path, .readWrite, options: [.create, .append], permissions: .ownerReadWrite)
    try file.descriptor.allocate(offset: 0, length: 1024)
    let mapping = try MemoryMapping(
      file: file.descriptor, length: 1024, protection: [.read, .write], flags: .sharedValidate)
    let bytes = mapping.bytes
    var end = 0
    while end < bytes.count && bytes[end] != 0 { end += 1 }
    try FileDescriptor.standardOutput.writeAll(UnsafeRawBufferPointer(rebasing: bytes[..<end]))
    _ = try FileDescriptor.standardInput.read(into: bytes)
    try mapping.unmap()
  } catch {
    fail("persist", error)
  }
}

func shared(_ path: NullTerminatedPath) {
  do {
    let file = try FileSystem.open(path, .readWrite, options: [.create, .truncate], permissions: [])
    try file.descriptor.allocate(offset: 0, length: 1024)
    let first = try MemoryMapping(
      file: file.descriptor, length: 1024, protection: [.read, .write], flags: .sharedValidate)
    let second = try MemoryMapping(
      file: file.descriptor, length: 1024, protection: [.read, .write], flags: .sharedValidate)
    first.bytes[0] = 13
    print("b1[0] = " + String(first.bytes[0]))
    print("b2[0] = " + String(second.bytes[0]))
  } catch {
    fail("shared", error)
  }
}

/// Prints the lines of /proc/self/maps that lie in [start, end).
func printMaps(from start: UInt, to end: UInt) throws(Errno) {
  let maps = try FileSystem.open("/proc/self/maps", .readOnly)
  var text: [UInt8] = []
  var chunk = InlineArray<4096, UInt8>(repeating: 0)
  while true {
    let count = try withUnsafeMutablePointer(to: &chunk) { (pointer) throws(Errno) -> Int in
      try maps.descriptor.read(into: UnsafeMutableRawBufferPointer(start: pointer, count: 4096))
    }
    if count == 0 { break }
    withUnsafeMutablePointer(to: &chunk) { pointer in
      text.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: count))
    }
  }
  var lineStart = 0
  for index in 0..<text.count where text[index] == 10 {
    var address: UInt = 0
    var i = lineStart
    while i < index, let digit = hexDigit(text[i]) {
      address = address << 4 | digit
      i += 1
    }
    if address >= start && address < end {
      text.withUnsafeBytes { raw in
        StandardOutput.write(UnsafeRawBufferPointer(rebasing: raw[lineStart...index]))
      }
    }
    lineStart = index + 1
  }
}

func hexDigit(_ byte: UInt8) -> UInt? {
  switch byte {
  case 48...57: UInt(byte - 48)
  case 97...102: UInt(byte - 87)
  default: nil
  }
}

func overmap() {
  do {
    let page = Memory.pageSize
    let region = try MemoryMapping(length: 3 * page, protection: .read, flags: .private)
    let start = UInt(bitPattern: region.base)
    print("before:")
    try printMaps(from: start, to: start + UInt(3 * page))
    let middle = try MemoryMapping(
      length: page, protection: [.read, .write], flags: [.private, .fixed], at: region.base + page)
    print("after:")
    try printMaps(from: start, to: start + UInt(3 * page))
    // The fixed mapping replaced part of the region: unmapping the region
    // removes it too, so it must not be unmapped again.
    _ = middle.release()
    try region.unmap()
  } catch {
    fail("overmap", error)
  }
}

let arguments = Program.arguments
if arguments.count == 3 && arguments[1].equals("persist") {
  persist(NullTerminatedPath(arguments[2].pointer))
} else if arguments.count == 3 && arguments[1].equals("shared") {
  shared(NullTerminatedPath(arguments[2].pointer))
} else if arguments.count == 2 && arguments[1].equals("overmap") {
  overmap()
} else {
  StandardError.write("Usage: memdemo persist FILE | shared FILE | overmap\n")
  Program.exit(2)
}
