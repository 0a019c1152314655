// mallocbench: the throughput of the runtime's allocator on a random
// malloc/free workload, for Benchmarks/malloc/run.sh, which runs it next to
// its C peer (Benchmarks/malloc/mallocbench.c, built against glibc and
// musl) and prints the ratios.
//
//   mallocbench [operations]      (default 10000000)
//
// Output: one line, "ops <operations> ns <nanoseconds> bytes <checksum>",
// where the checksum is the sum of all sizes requested: equal in both
// programs when they ran the same sequence.
//
// The workload, identical in both programs (same generator, same order):
// a table of 4096 slots, all empty. Each operation draws a 64-bit number r
// from SplitMix64 (seed 0x853c49e6748fea9b); the top 12 bits pick a slot. An
// occupied slot is freed; an empty one gets malloc(size(r)), whose first
// byte is written. At the end every remaining block is freed; the time
// covers all of it. About half the slots are live at any time.
//
// size(r), from the low bits of r:
//   1/1024     64 KiB ... 1 MiB, uniform              (large: own mappings)
//   102/1024   512 B ... 4 KiB, uniform
//   the rest   16 B ... 511 B, log-uniform over 16 << (0...4)
import Linux
import Runtime

let slotCount = 4096

/// SplitMix64 (Steele, Lea, Flood 2014), as in the C peer.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z &>> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z &>> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z &>> 31)
  }
}

@inline(__always)
func size(_ r: UInt64) -> Int {
  let select = r & 1023
  if select == 0 { return 65536 + Int((r &>> 10) % (1_048_576 - 65536 + 1)) }
  if select <= 102 { return 512 + Int((r &>> 10) % 3585) }
  let base: UInt64 = 16 &<< (((r &>> 10) & 0xffff) % 5)
  return Int(base + ((r &>> 26) & (base &- 1)))
}

/// CLOCK_MONOTONIC in nanoseconds, from the kernel (`clock_gettime(2)`).
func now() -> Int {
  var time: (seconds: Int, nanoseconds: Int) = (0, 0)
  _ = withUnsafeMutablePointer(to: &time) { Syscall.call(.clock_gettime, 1, Int(bitPattern: $0)) }
  return time.seconds &* 1_000_000_000 &+ time.nanoseconds
}

func write(_ value: Int) {
  var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
  withUnsafeMutableBytes(of: &scratch) { buffer in
    let count = DecimalFormatting.write(value, into: buffer)
    StandardOutput.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
  }
}

/// The decimal value of `argument`, or nil if it is not a positive number.
func parse(_ argument: CString) -> Int? {
  var value = 0
  for byte in argument.bytes {
    guard byte >= 48, byte <= 57, value < Int.max / 10 - 10 else { return nil }
    value = value * 10 + Int(byte - 48)
  }
  return value > 0 ? value : nil
}

func run(operations: Int, slots: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> (nanoseconds: Int, bytes: Int)? {
  var random = SplitMix64(state: 0x853c_49e6_748f_ea9b)
  var bytes = 0
  let start = now()
  var i = 0
  while i < operations {
    let r = random.next()
    let slot = Int(r &>> 52)
    if let block = slots[slot] {
      Allocator.deallocate(block)
      slots[slot] = nil
    } else {
      let n = size(r)
      guard let block = Allocator.allocate(byteCount: n, alignment: 16) else { return nil }
      block.storeBytes(of: UInt8(truncatingIfNeeded: i), as: UInt8.self)
      slots[slot] = block
      bytes &+= n
    }
    i &+= 1
  }
  for slot in 0..<slotCount {
    Allocator.deallocate(slots[slot])
    slots[slot] = nil
  }
  return (now() - start, bytes)
}

func main() -> Int32 {
  let arguments = Program.arguments
  var operations = 10_000_000
  if arguments.count > 1 {
    guard let value = parse(arguments[1]) else {
      printError("usage: mallocbench [operations]")
      return 2
    }
    operations = value
  }
  guard let table = try? Memory.mapAnonymous(length: slotCount * 8) else {
    printError("mallocbench: cannot map the slot table")
    return 1
  }
  let slots = table.bindMemory(to: UnsafeMutableRawPointer?.self, capacity: slotCount)
  guard let result = run(operations: operations, slots: slots) else {
    printError("mallocbench: out of memory")
    return 1
  }
  StandardOutput.write("ops ")
  write(operations)
  StandardOutput.write(" ns ")
  write(result.nanoseconds)
  StandardOutput.write(" bytes ")
  write(result.bytes)
  StandardOutput.write("\n")
  return 0
}

Program.exit(main())
