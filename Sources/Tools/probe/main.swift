// probe: a test subject that exercises the runtime the way ordinary Swift
// code does (classes, arrays, dictionaries, strings, integer printing, the
// environment, the auxiliary vector, standard input) and prints what it
// sees, so that the integration tests can compare it with the truth.
//
//   probe auxv          prints the page size, AT_ENTRY and AT_EXECFN
//   probe env NAME      prints NAME's value or "unset"
//   probe collections   builds arrays, a dictionary, a set and objects
//   probe stdin         copies standard input to standard output
//   probe lines N       prints N numbered lines through Swift's print
//   probe serialize     builds an initial stack, then serializes it 100
//                       times and prints how many heap allocations the
//                       serializations made (InitialStack promises none)
//   probe prompt        prints a line, waits for standard input to end,
//                       prints another (shows when output is flushed)
import Linux
import Runtime
import InitialStack

final class Node {
  let value: Int
  var next: Node?
  init(value: Int, next: Node?) {
    self.value = value
    self.next = next
  }
}

func collections() {
  var squares: [Int] = []
  for i in 0..<1000 { squares.append(i * i) }
  var table: [Int: Int] = [:]  // hashing is seeded through arc4random_buf
  for (i, square) in squares.enumerated() { table[square] = i }
  var seen = Set<Int>()
  for square in squares where square % 3 == 0 { seen.insert(square % 1000) }
  var list: Node? = nil
  for i in 0..<100 { list = Node(value: i, next: list) }
  var sum = 0
  while let node = list {
    sum += node.value
    list = node.next
  }
  let text = "count " + String(squares.count) + ", table " + String(table.count)
  print(text)
  print(table[998_001] ?? -1)  // through the standard library's print and putchar
  print(seen.count)
  print(sum)
}

func serializeWithoutAllocating() -> Int32 {
  do throws(InitialStackError) {
    var builder = InitialStackBuilder(layout: .linuxLibcAuxv)
    try builder.addArgument("./first_arg")
    try builder.addArgument("./second_arg")
    try builder.addEnvironmentVariable("FOO=BAR")
    try builder.addEnvironmentVariable("PATH=/bin")
    try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .clockTicks, value: 100))
    try builder.setRandomBytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    try builder.setExecutableFileName("/usr/bin/foo")
    try builder.setPlatform("x86_64")
    var kernel = InitialStackBuilder(layout: .kernel(stackTop: 0x7fff_f000, alignmentGap: 24))
    try kernel.addArgument("prog")
    try kernel.setPlatform("x86_64")
    try kernel.setRandomBytes([UInt8](repeating: 7, count: 16))
    try kernel.setExecutableFileName("/bin/prog")
    let size = try builder.totalSize
    let kernelSize = try kernel.totalSize
    let kernelBase = try kernel.requiredBaseAddress!
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    let before = Allocator.allocationCount
    for _ in 0..<100 {
      try builder.serialize(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<size]), baseAddress: 0x7fff_0000)
      try kernel.serialize(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<kernelSize]), baseAddress: kernelBase)
    }
    let allocations = Allocator.allocationCount - before
    print("size " + String(size) + ", allocations while serializing " + String(allocations))
    return 0
  } catch {
    print("InitialStack error")
    return 1
  }
}

func run() -> Int32 {
  let arguments = Program.arguments
  guard arguments.count >= 2 else { return 2 }
  let command = arguments[1]
  if command.equals("auxv") {
    let aux = Program.auxiliaryVector
    print("pagesize " + String(aux[.pageSize] ?? 0))
    print("entry " + String(aux[.entry] ?? 0, radix: 16))
    if let name = aux[.executableFileName], let pointer = UnsafePointer<UInt8>(bitPattern: name) {
      print("execfn " + CString(pointer).string)
    }
    var count = 0
    for _ in aux { count += 1 }
    print("entries " + String(count))
  } else if command.equals("env"), arguments.count == 3 {
    if let value = Program.environment.value(named: arguments[2].bytes) {
      StandardOutput.write(value.bytes)
      StandardOutput.write("\n")
    } else {
      print("unset")
    }
  } else if command.equals("collections") {
    collections()
  } else if command.equals("stdin") {
    var buffer = InlineArray<4096, UInt8>(repeating: 0)
    while true {
      let count = withUnsafeMutablePointer(to: &buffer) { pointer in
        (try? StandardInput.read(into: UnsafeMutableRawBufferPointer(start: pointer, count: 4096))) ?? -1
      }
      if count <= 0 { return count == 0 ? 0 : 1 }
      withUnsafeMutablePointer(to: &buffer) { pointer in
        StandardOutput.write(UnsafeRawBufferPointer(start: pointer, count: count))
      }
    }
  } else if command.equals("serialize") {
    return serializeWithoutAllocating()
  } else if command.equals("prompt") {
    print("question?")
    var byte: UInt8 = 0
    func readOne() -> Int {
      withUnsafeMutableBytes(of: &byte) { buffer in
        do throws(Errno) { return try StandardInput.read(into: buffer) } catch { return -1 }
      }
    }
    while readOne() > 0 {}
    print("done")
  } else if command.equals("lines"), arguments.count == 3 {
    for i in 0..<arguments[2].count {
      print(i)
    }
  } else {
    return 2
  }
  return 0
}

Program.exit(run())
