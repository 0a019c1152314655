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
//   probe clocks        reads clocks through the vDSO and through the
//                       system calls, alternately, so that a test can
//                       compare them (see clocks() for the format)
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

/// Whether two static strings have the same bytes (Embedded Swift cannot
/// compare strings without Unicode tables).
func same(_ a: StaticString, _ b: StaticString) -> Bool {
  UnsafeRawBufferPointer(start: a.utf8Start, count: a.utf8CodeUnitCount)
    .elementsEqual(UnsafeRawBufferPointer(start: b.utf8Start, count: b.utf8CodeUnitCount))
}

/// `probe clocks`. First `vdso NAME 0xADDRESS` for every entry point the
/// runtime found. Then, for each clock id (valid ones and invalid 100 and
/// -1), `clock ID` followed by four readings in this order, each
/// `SOURCE RESULT SECONDS NANOSECONDS` (RESULT 0 or -errno):
/// `vdso` (calling `__vdso_clock_gettime` directly), `syscall` (the system
/// call), `vdso` again, and `now` (`Clock.now()`, the binding programs
/// use). Then `res ID vdso R S NS syscall R S NS now R S NS` for
/// clock_getres; `timeofday syscall R S US vdso R S US now S US syscall R S
/// US`; `time syscall T now T syscall T`; `cpu syscall R CPU NODE now R CPU
/// NODE`.
func clocks() {
  typealias ClockCall = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Int32
  typealias TimeOfDayCall = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32
  var clockGettime: ClockCall? = nil
  var clockGetres: ClockCall? = nil
  var gettimeofday: TimeOfDayCall? = nil
  for symbol in VDSO.symbols {
    var line = "vdso " + String(decoding: UnsafeRawBufferPointer(start: symbol.name.utf8Start, count: symbol.name.utf8CodeUnitCount), as: UTF8.self)
    line += " 0x" + String(symbol.address, radix: 16)
    print(line)
    let pointer = UnsafeRawPointer(bitPattern: symbol.address)
    if same(symbol.name, "__vdso_clock_gettime") { clockGettime = unsafeBitCast(pointer, to: ClockCall?.self) }
    if same(symbol.name, "__vdso_clock_getres") { clockGetres = unsafeBitCast(pointer, to: ClockCall?.self) }
    if same(symbol.name, "__vdso_gettimeofday") { gettimeofday = unsafeBitCast(pointer, to: TimeOfDayCall?.self) }
  }
  func reading(_ source: String, _ result: Int, _ time: TimeSpec) -> String {
    " " + source + " " + String(result) + " " + String(time.seconds) + " " + String(time.nanoseconds)
  }
  func viaVDSO(_ function: ClockCall?, _ id: Int32) -> String {
    guard let function else { return reading("vdso", 1, .zero) }
    var time = TimeSpec.zero
    let result = withUnsafeMutablePointer(to: &time) { function(id, UnsafeMutableRawPointer($0)) }
    return reading("vdso", Int(result), time)
  }
  func viaSyscall(_ number: SyscallNumber, _ id: Int32) -> String {
    var time = TimeSpec.zero
    let result = withUnsafeMutablePointer(to: &time) { Syscall.call(number, Int(id), Int(bitPattern: $0)) }
    return reading("syscall", result, time)
  }
  func viaClock(_ id: Int32, resolution: Bool) -> String {
    do throws(Errno) {
      let clock = Clock(rawValue: id)
      return reading("now", 0, resolution ? try clock.resolution() : try clock.now())
    } catch {
      return reading("now", -Int(error.rawValue), .zero)
    }
  }
  let ids: [Int32] = [0, 1, 7, 4, 5, 6, 11, 2, 3, 100, -1]
  for id in ids {
    var line = "clock " + String(id)
    line += viaVDSO(clockGettime, id)
    line += viaSyscall(.clock_gettime, id)
    line += viaVDSO(clockGettime, id)
    line += viaClock(id, resolution: false)
    print(line)
  }
  for id in ids {
    print("res " + String(id) + viaVDSO(clockGetres, id) + viaSyscall(.clock_getres, id) + viaClock(id, resolution: true))
  }
  func timeOfDay(_ source: String, _ function: TimeOfDayCall?) -> String {
    var value = TimeValue(seconds: 0)
    let result = withUnsafeMutablePointer(to: &value) { pointer in
      if let function { return Int(function(UnsafeMutableRawPointer(pointer), nil)) }
      return Syscall.call(.gettimeofday, Int(bitPattern: pointer), 0)
    }
    return " " + source + " " + String(result) + " " + String(value.seconds) + " " + String(value.microseconds)
  }
  var times = "timeofday" + timeOfDay("syscall", nil)
  times += gettimeofday == nil ? " vdso 1 0 0" : timeOfDay("vdso", gettimeofday)
  let now = Time.timeOfDay()
  times += " now " + String(now.seconds) + " " + String(now.microseconds)
  times += timeOfDay("syscall", nil)
  print(times)
  var seconds = "time syscall " + String(Syscall.call(.time, 0))
  seconds += " now " + String(Time.secondsSinceEpoch())
  seconds += " syscall " + String(Syscall.call(.time, 0))
  print(seconds)
  var cpu: UInt32 = 0
  var node: UInt32 = 0
  let result = withUnsafeMutablePointer(to: &cpu) { cpu in
    withUnsafeMutablePointer(to: &node) { Syscall.call(.getcpu, Int(bitPattern: cpu), Int(bitPattern: $0), 0) }
  }
  var line = "cpu syscall " + String(result) + " " + String(cpu) + " " + String(node)
  do throws(Errno) {
    let current = try Process.currentProcessor()
    line += " now 0 " + String(current.cpu) + " " + String(current.node)
  } catch {
    line += " now " + String(-Int(error.rawValue)) + " 0 0"
  }
  print(line)
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
  } else if command.equals("clocks") {
    clocks()
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
