// The hosted Swift peer of fmtbench (Benchmarks/Sources/fmtbench/main.swift):
// the same lines through print and string interpolation, padded the way
// Swift code without Foundation pads. Built with swiftc -O.
//   fmtbench-swift [LINES]   (default 10,000,000)
let lines = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 0 : 10_000_000
let names = ["alpha", "beta", "gamma", "delta"]

func padded(_ text: String, to width: Int, with fill: Character, left: Bool = false) -> String {
  let pad = String(repeating: fill, count: max(0, width - text.utf8.count))
  return left ? text + pad : pad + text
}

for i in 0..<lines {
  let hash = UInt32(truncatingIfNeeded: i) &* 2_654_435_761
  print("\(padded(String(i), to: 8, with: " ")) 0x\(padded(String(hash, radix: 16), to: 8, with: "0")) \(padded(names[i & 3], to: 6, with: " ", left: true))|")
}
