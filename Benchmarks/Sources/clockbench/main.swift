// clockbench: the cost of reading CLOCK_MONOTONIC through the Linux module,
// for Benchmarks/vdso/run.sh, which runs it next to a C loop calling
// glibc's clock_gettime (Benchmarks/vdso/clockbench.c) and prints the
// ratios.
//
//   clockbench vdso [CALLS]      Clock.monotonic.now(): the vDSO's
//                                __vdso_clock_gettime, bound by the runtime
//   clockbench syscall [CALLS]   the clock_gettime system call itself
//                                (Syscall.call), what the wrapper made
//                                before the vDSO binding
//   (CALLS defaults to 10,000,000)
//
// Output: "MODE CALLS NANOSECONDS", the CLOCK_MONOTONIC time of the loop of
// CALLS calls alone (startup and printing excluded; the first call, which
// binds the vDSO, is made before the clock starts). The nanoseconds read
// are summed and the sum printed to stderr only if unlikely, so that the
// calls are used.
import Linux
import Runtime

func count() -> Int {
  let arguments = Program.arguments
  guard arguments.count > 2 else { return 10_000_000 }
  var n = 0
  for byte in arguments[2].bytes where byte >= 48 && byte <= 57 { n = n &* 10 &+ Int(byte &- 48) }
  return n
}

/// CLOCK_MONOTONIC in nanoseconds, from the kernel (`clock_gettime(2)`).
func kernelNow() -> Int {
  var time = TimeSpec.zero
  _ = withUnsafeMutablePointer(to: &time) { Syscall.call(.clock_gettime, 1, Int(bitPattern: $0)) }
  return Int(time.totalNanoseconds)
}

/// Times `calls` reads of the clock through `Clock.now()`.
@inline(never)
func measureVDSO(_ calls: Int) -> (nanoseconds: Int, sum: Int) {
  var sum = 0
  _ = try? Clock.monotonic.now()  // binds the vDSO
  let start = kernelNow()
  var i = 0
  while i < calls {
    if let time = try? Clock.monotonic.now() { sum &+= Int(time.nanoseconds) }
    i &+= 1
  }
  return (kernelNow() &- start, sum)
}

/// Times `calls` clock_gettime system calls.
@inline(never)
func measureSyscall(_ calls: Int) -> (nanoseconds: Int, sum: Int) {
  var sum = 0
  var time = TimeSpec.zero
  let start = kernelNow()
  var i = 0
  while i < calls {
    let result = withUnsafeMutablePointer(to: &time) { Syscall.call(.clock_gettime, 1, Int(bitPattern: $0)) }
    if result == 0 { sum &+= Int(time.nanoseconds) }
    i &+= 1
  }
  return (kernelNow() &- start, sum)
}

func report(_ mode: StaticString, _ calls: Int, _ nanoseconds: Int) throws(Errno) {
  var out = BufferedWriter(.standardOutput, capacity: 256)
  try out.write(mode)
  try out.write(byte: 32)
  try out.write(calls)
  try out.write(byte: 32)
  try out.write(nanoseconds)
  try out.write(byte: 10)
  try out.finish()
}

@main
struct ClockBench {
  static func main() {
    let arguments = Program.arguments
    guard arguments.count > 1 else {
      printError("usage: clockbench vdso|syscall [CALLS]")
      Program.exit(2)
    }
    let calls = count()
    let mode: StaticString
    let result: (nanoseconds: Int, sum: Int)
    if arguments[1].equals("vdso") {
      if VDSO.symbols.isEmpty { printError("clockbench: no vDSO: Clock.now() makes the system call") }
      mode = "vdso"
      result = measureVDSO(calls)
    } else if arguments[1].equals("syscall") {
      mode = "syscall"
      result = measureSyscall(calls)
    } else {
      printError("usage: clockbench vdso|syscall [CALLS]")
      Program.exit(2)
    }
    do throws(Errno) {
      try report(mode, calls, result.nanoseconds)
    } catch {
      Program.exit(1)
    }
    if result.sum == 1 { printError("unlikely") }
  }
}
