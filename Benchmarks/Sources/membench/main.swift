// membench: the throughput of the runtime's memcpy, memmove and memset, for
// Benchmarks/memory/run.sh, which runs it next to its glibc peer
// (Benchmarks/memory/membench.c) and prints the ratios.
//
//   membench [memcpy|memmove|memset]
//
// Output: one line per (function, size): "<function> <bytes> <GB/s>", GB/s
// with two decimals (10^9 bytes per second).
//
// What is measured, identically in both programs:
//   memcpy  n bytes from a page-aligned source to a page-aligned,
//           non-overlapping destination;
//   memmove n bytes from p to p + 256 (overlapping: must copy backwards);
//   memset  n bytes at a page-aligned destination.
// Each row is the best of 5 rounds of about 40 ms each, after one warm-up
// call (buffers are mapped once and touched before timing starts).
import Linux
import Runtime

let roundNanoseconds = 40_000_000
let rounds = 5
let sizes = [4096, 65536, 1 << 20, 16 << 20, 64 << 20]
let maximumSize = 64 << 20
let moveDistance = 256

/// The functions measured, by their C names.
enum Function: Int {
  case memcpy, memmove, memset

  var name: StaticString {
    switch self {
    case .memcpy: "memcpy"
    case .memmove: "memmove"
    case .memset: "memset"
    }
  }
}

/// CLOCK_MONOTONIC in nanoseconds, from the kernel (`clock_gettime(2)`).
func now() -> Int {
  var time: (seconds: Int, nanoseconds: Int) = (0, 0)
  _ = withUnsafeMutablePointer(to: &time) { Syscall.call(.clock_gettime, 1, Int(bitPattern: $0)) }
  return time.seconds &* 1_000_000_000 &+ time.nanoseconds
}

func run(
  _ function: Function, size: Int, iterations: Int,
  source: UnsafeMutableRawPointer, destination: UnsafeMutableRawPointer
) {
  var i = 0
  while i < iterations {
    switch function {
    case .memcpy: copy(destination, source, size)
    case .memmove: move(source + moveDistance, source, size)
    case .memset: fill(destination, Int32(truncatingIfNeeded: i), size)
    }
    i &+= 1
  }
}

// Freestanding: the runtime's `memcpy`, `memmove` and `memset` (the
// @_cdecl functions of CSymbols.swift). Hosted, where glibc owns those
// names: the MemoryFunctions calls they wrap.
#if Freestanding
@inline(__always) func copy(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { _ = memcpy(d, s, n) }
@inline(__always) func move(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { _ = memmove(d, s, n) }
@inline(__always) func fill(_ d: UnsafeMutableRawPointer, _ v: Int32, _ n: Int) { _ = memset(d, v, n) }
#else
@inline(__always) func copy(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
  MemoryFunctions.copy(to: d, from: s, count: n)
}
@inline(__always) func move(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) {
  MemoryFunctions.move(to: d, from: s, count: n)
}
@inline(__always) func fill(_ d: UnsafeMutableRawPointer, _ v: Int32, _ n: Int) {
  MemoryFunctions.fill(d, with: UInt8(truncatingIfNeeded: v), count: n)
}
#endif

func write(_ value: Int) {
  var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
  withUnsafeMutableBytes(of: &scratch) { buffer in
    let count = DecimalFormatting.write(value, into: buffer)
    StandardOutput.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
  }
}

func matches(_ argument: CString, _ name: StaticString) -> Bool {
  argument.equals(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
}

func measure() throws(Errno) {
  let length = maximumSize + 2 * Memory.pageSize
  let source = try Memory.mapAnonymous(length: length)
  let destination = try Memory.mapAnonymous(length: length)
  MemoryFunctions.fill(source, with: 0x5a, count: length)
  MemoryFunctions.fill(destination, with: 0, count: length)

  let arguments = Program.arguments
  for function in [Function.memcpy, .memmove, .memset] {
    if arguments.count > 1 && !matches(arguments[1], function.name) { continue }
    for size in sizes {
      run(function, size: size, iterations: 1, source: source, destination: destination)
      // Calibrate: double the iteration count until a quarter round passes.
      var iterations = 1
      var elapsed = 0
      while true {
        let start = now()
        run(function, size: size, iterations: iterations, source: source, destination: destination)
        elapsed = now() - start
        if elapsed >= roundNanoseconds / 4 { break }
        iterations *= 2
      }
      iterations = iterations * roundNanoseconds / max(elapsed, 1) + 1
      var best = Int.max
      for _ in 0..<rounds {
        let start = now()
        run(function, size: size, iterations: iterations, source: source, destination: destination)
        best = min(best, now() - start)
      }
      // GB/s in hundredths: bytes * 100 / ns.
      let hundredths = size * iterations * 100 / max(best, 1)
      StandardOutput.write(function.name)
      StandardOutput.write(" ")
      write(size)
      StandardOutput.write(" ")
      write(hundredths / 100)
      StandardOutput.write(hundredths % 100 < 10 ? ".0" : ".")
      write(hundredths % 100)
      StandardOutput.write("\n")
    }
    // The bytes must have arrived (a benchmark of a wrong copy is worthless).
    if function == .memcpy && MemoryFunctions.compare(destination, source, count: maximumSize) != 0 {
      StandardError.write("membench: memcpy produced wrong bytes\n")
      Program.exit(1)
    }
  }
}

do {
  try measure()
} catch {
  StandardError.write("membench: cannot map the buffers\n")
  Program.exit(1)
}
