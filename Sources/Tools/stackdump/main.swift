// stackdump: a test subject that writes its own initial stack block (from
// argc to the top of the stack, exactly as the kernel built it) to standard
// output as raw bytes, and `base 0x… top 0x…` to standard error, so that a
// test can rebuild the block with InitialStack's kernel layout and compare.
import Linux
import Runtime

func run() -> Int32 {
  guard let block = Program.initialStackBlock, Program.initialStack != nil else {
    StandardError.write("stackdump: no initial stack block\n")
    return 1
  }
  var line = MessageLine()
  line.append("base 0x")
  line.appendHex(UInt(bitPattern: block.baseAddress))
  line.append(" top 0x")
  line.appendHex(UInt(bitPattern: block.baseAddress) + UInt(block.count))
  line.append("\n")
  line.write()
  do {
    try FileDescriptor.standardOutput.writeAll(block)
  } catch {
    MessageLine.report("stackdump", nil, error)
    return 1
  }
  return 0
}

Program.exit(run())
