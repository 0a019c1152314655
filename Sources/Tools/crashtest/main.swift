// crashtest KIND: a test subject that prints a line to standard output and
// then fails in the way KIND names, so that the integration tests can check
// what the runtime reports and how the process ends.
//
//   precondition  a failed precondition        -> "fatal error: ...", status 255
//   overflow      arithmetic overflow           -> status 255
//   unwrap        force-unwrapping nil          -> status 255
//   index         array index out of range      -> status 255
//   fatal         fatalError()                  -> status 255
//   segv          a write through a bad pointer -> "fatal signal: ...", SIGSEGV
//   stack         unbounded recursion           -> "fatal signal: ...", SIGSEGV
//   doublefree    frees a block twice          -> "free(): double free detected", SIGABRT
//   wildfree      frees a pointer never allocated -> "free(): invalid pointer", SIGABRT
//   exit [S]      exits with the length of S after the line (a control)
import Runtime

@inline(never) func opaque<T>(_ value: T) -> T { value }

@inline(never) func recurse(_ depth: Int) -> Int {
  if opaque(depth) < 0 { return 0 }  // never true; keeps the compiler from calling this endless
  var frame = InlineArray<256, Int>(repeating: depth)
  frame[depth & 255] = opaque(depth)
  return recurse(depth + 1) &+ frame[(depth + 1) & 255]
}

let arguments = Program.arguments
guard arguments.count >= 2 else {
  StandardError.write("usage: crashtest precondition|overflow|unwrap|index|fatal|segv|stack|exit N\n")
  Program.exit(2)
}
let kind = arguments[1]
print("before the failure")
if kind.equals("precondition") {
  precondition(opaque(1) == 2, "one is not two")
} else if kind.equals("overflow") {
  print(opaque(Int.max) + opaque(1))
} else if kind.equals("unwrap") {
  let nothing: Int? = opaque(nil)
  print(nothing!)
} else if kind.equals("index") {
  let array = opaque([1, 2, 3])
  print(array[opaque(7)])
} else if kind.equals("fatal") {
  fatalError("deliberate")
} else if kind.equals("segv") {
  UnsafeMutablePointer<Int>(bitPattern: opaque(16))!.pointee = 1
} else if kind.equals("stack") {
  print(recurse(opaque(0)))
} else if kind.equals("doublefree") {
  let block = UnsafeMutableRawPointer.allocate(byteCount: opaque(64), alignment: 16)
  block.deallocate()
  opaque(block).deallocate()
} else if kind.equals("wildfree") {
  let block = UnsafeMutableRawPointer.allocate(byteCount: opaque(64), alignment: 16)
  (block + opaque(16)).deallocate()
} else if kind.equals("exit") {
  Program.exit(arguments.count > 2 ? Int32(arguments[2].count) : 0)
} else {
  StandardError.write("crashtest: unknown kind\n")
  Program.exit(2)
}
print("not reached")
