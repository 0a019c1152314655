// fmtbench: formatted output through BufferedWriter, for
// Benchmarks/format/run.sh, which runs it next to its peers (glibc printf,
// Benchmarks/format/fmtbench.c; hosted Swift print,
// Benchmarks/format/fmtbench.swift) and prints the ratios.
//
//   fmtbench [LINES]        (default 10,000,000)
//
// Writes LINES lines to standard output, line i (from 0) being what
//   printf("%8d 0x%08x %-6s|\n", i, (unsigned)i * 2654435761u, names[i % 4])
// writes, with names "alpha", "beta", "gamma", "delta". The peers write the
// same bytes (run.sh checks by hashing). The buffer is 4 KiB, as glibc's
// stdio picks for /dev/null and pipes (st_blksize).
import Linux
import Runtime

/// LINES from the first argument (decimal digits), or the default.
func lineCount() -> Int {
  let arguments = Program.arguments
  guard arguments.count > 1 else { return 10_000_000 }
  var n = 0
  for byte in arguments[1].bytes where byte >= 48 && byte <= 57 { n = n &* 10 &+ Int(byte &- 48) }
  return n
}

@inline(__always)
func name(_ i: Int) -> StaticString {
  switch i & 3 {
  case 0: "alpha"
  case 1: "beta"
  case 2: "gamma"
  default: "delta"
  }
}

func run(_ lines: Int) throws(Errno) {
  var out = BufferedWriter(.standardOutput)
  var i = 0
  while i < lines {
    try out.write(i, format: .decimal(width: 8))
    try out.write(" 0x")
    try out.write(UInt32(truncatingIfNeeded: i) &* 2_654_435_761, format: .hex(width: 8, padding: .zero))
    try out.write(byte: 32)
    try out.write(name(i), width: 6, alignment: .left)
    try out.write("|\n")
    i &+= 1
  }
  try out.finish()
}

do throws(Errno) {
  try run(lineCount())
} catch {
  printError("fmtbench: write error")
  Program.exit(1)
}
