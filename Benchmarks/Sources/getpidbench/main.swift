// getpidbench: the cost of a system call through the Linux module's
// wrapper, for Benchmarks/syscall/run.sh, which runs it next to a C loop of
// raw `syscall` instructions (Benchmarks/syscall/getpidbench.c) and prints
// the ratio.
//
//   getpidbench [CALLS]      (default 10,000,000)
//
// Output: "getpid CALLS NANOSECONDS", the CLOCK_MONOTONIC time of the loop
// of CALLS `Process.id` calls alone (startup and printing excluded). The
// call is a volatile asm statement, so the compiler can neither hoist it
// out of the loop nor drop it; the sum of the results is printed to stderr
// only so that it is used.
import Linux
import Runtime

func count() -> Int {
  let arguments = Program.arguments
  guard arguments.count > 1 else { return 10_000_000 }
  var n = 0
  for byte in arguments[1].bytes where byte >= 48 && byte <= 57 { n = n &* 10 &+ Int(byte &- 48) }
  return n
}

/// CLOCK_MONOTONIC in nanoseconds, from the kernel (`clock_gettime(2)`).
func now() -> Int {
  var time: (seconds: Int, nanoseconds: Int) = (0, 0)
  _ = withUnsafeMutablePointer(to: &time) { Syscall.call(.clock_gettime, 1, Int(bitPattern: $0)) }
  return time.seconds &* 1_000_000_000 &+ time.nanoseconds
}

/// Times `calls` calls of `Process.id`; returns nanoseconds and the sum.
func measure(_ calls: Int) -> (nanoseconds: Int, sum: Int32) {
  var sum: Int32 = 0
  let start = now()
  var i = 0
  while i < calls {
    sum &+= Process.id
    i &+= 1
  }
  return (now() &- start, sum)
}

func report(_ calls: Int, _ nanoseconds: Int) throws(Errno) {
  var out = BufferedWriter(.standardOutput, capacity: 256)
  try out.write("getpid ")
  try out.write(calls)
  try out.write(byte: 32)
  try out.write(nanoseconds)
  try out.write(byte: 10)
  try out.finish()
}

let calls = count()
let result = measure(calls)
do throws(Errno) {
  try report(calls, result.nanoseconds)
} catch {
  Program.exit(1)
}
if result.sum == 1 { printError("unlikely") }
