// maps: prints /proc/self/maps, read into a buffer that the program gets
// by moving its program break with brk(2), as the specification does: the
// output shows the new [heap] mapping.
import Linux
import Runtime

func run() -> Int32 {
  let length = 4096
  do {
    let old = Memory.currentBreak
    try Memory.setBreak(old + length)
    let buffer = UnsafeMutableRawBufferPointer(start: old, count: length)
    let maps = try FileSystem.open("/proc/self/maps", .readOnly)
    while true {
      let count = try maps.descriptor.read(into: buffer)
      if count == 0 { break }
      try FileDescriptor.standardOutput.writeAll(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    }
    return 0
  } catch {
    MessageLine.report("maps", nil, error)
    return 1
  }
}

Program.exit(run())
