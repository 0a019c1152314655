// runcode: reads x86-64 machine code from standard input (up to 64 KiB)
// and runs it, W^X: the code is written through a writable view of its
// pages and executed through a read+execute view (ExecutableBuffer), so no
// page is ever writable and executable at once. Code that modifies itself
// still runs: its writes are carried out through the writable view.
//
// The code is called as a C function; if it returns, its `eax` is the exit
// status. With no input, the status is 0. Code that crashes is reported
// like any crash of a freestanding program.
import Linux
import Runtime

func run() -> Int32 {
  do {
    let buffer = try ExecutableBuffer(length: 65536)
    var total = 0
    while total < buffer.bytes.count {
      let count = try FileDescriptor.standardInput.read(
        into: UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[total...]))
      if count == 0 { break }
      total += count
    }
    if total == 0 { return 0 }
    return buffer.run()
  } catch {
    MessageLine.report("runcode", nil, error)
    return 1
  }
}

Program.exit(run())
