import InitialStack
import Linux

/// The running program: its arguments, environment and auxiliary vector,
/// read in place from the initial process stack (System V AMD64 ABI §3.4.1,
/// "Initial Stack and Register State"), and its exit.
///
/// In freestanding programs the values come from the stack the kernel built
/// (the runtime's `_start` records where it is; nothing is copied). In
/// hosted programs, where glibc owns startup, they come from
/// `/proc/self/cmdline`, `/proc/self/environ` and `/proc/self/auxv`, read
/// once on first use into memory that lives for the rest of the run.
public enum Program {
  /// The command-line arguments, `argv[0]` first.
  public static var arguments: Arguments {
    let vectors = InitialVectors.current
    return Arguments(base: vectors.argv, count: vectors.argc)
  }

  /// The environment, in the order the kernel received it.
  public static var environment: Environment { Environment(base: InitialVectors.current.envp) }

  /// The auxiliary vector the kernel passed.
  public static var auxiliaryVector: AuxiliaryVector { AuxiliaryVector(base: InitialVectors.current.auxv) }

  /// The stack pointer the program was entered with (`argc` is there, then
  /// argv, envp and the auxiliary vector), for programs that rewrite their
  /// initial stack before handing it on (ld.so). Nil in hosted programs.
  public static var initialStackPointer: UnsafeMutableRawPointer? {
    InitialVectors.stackPointer.map { UnsafeMutableRawPointer(mutating: $0) }
  }
}

/// Where argv, envp and auxv are.
@usableFromInline
struct InitialVectors {
  var argc: Int
  var argv: UnsafePointer<UnsafePointer<UInt8>?>
  var envp: UnsafePointer<UnsafePointer<UInt8>?>
  var auxv: UnsafePointer<UInt>

  /// The initial stack pointer `_start` received (freestanding), or nil.
  nonisolated(unsafe) static var stackPointer: UnsafeRawPointer? = nil
  #if !Freestanding
  nonisolated(unsafe) static var hosted: InitialVectors? = nil
  #endif

  /// Finds the vectors from the stack pointer: argc, then argv and its
  /// NULL, then envp and its NULL, then the auxiliary vector.
  static func fromStack(_ stack: UnsafeRawPointer) -> InitialVectors {
    let argc = stack.load(as: Int.self)
    let argv = (stack + 8).assumingMemoryBound(to: UnsafePointer<UInt8>?.self)
    let envp = argv + argc + 1
    var end = envp
    while end.pointee != nil { end += 1 }
    let auxv = UnsafeRawPointer(end + 1).assumingMemoryBound(to: UInt.self)
    return InitialVectors(argc: argc, argv: argv, envp: envp, auxv: auxv)
  }

  static var current: InitialVectors {
    if let stack = stackPointer { return fromStack(stack) }
    #if Freestanding
    fatalError("process information is read before startup")
    #else
    if let vectors = hosted { return vectors }
    let vectors = HostedProcessInformation.load()
    hosted = vectors
    return vectors
    #endif
  }
}

/// The command-line arguments: a random-access collection of ``CString``s.
public struct Arguments: RandomAccessCollection, @unchecked Sendable {
  let base: UnsafePointer<UnsafePointer<UInt8>?>
  /// The number of arguments (`argc`).
  public let count: Int

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  /// The argument at `position` (0 is the program name as it was invoked).
  public subscript(position: Int) -> CString {
    precondition(position >= 0 && position < count, "argument index out of range")
    return CString(base[position].unsafelyUnwrapped)
  }
}

/// The environment: a sequence of `NAME=VALUE` entries as ``CString``s,
/// with lookup by name.
public struct Environment: Sequence, @unchecked Sendable {
  let base: UnsafePointer<UnsafePointer<UInt8>?>

  public struct Iterator: IteratorProtocol {
    var position: UnsafePointer<UnsafePointer<UInt8>?>
    public mutating func next() -> CString? {
      guard let entry = position.pointee else { return nil }
      position += 1
      return CString(entry)
    }
  }

  public func makeIterator() -> Iterator { Iterator(position: base) }

  /// The value of the first entry named `name` (the bytes after its `=`),
  /// or nil. Entries without `=` never match.
  public func value(named name: UnsafeRawBufferPointer) -> CString? {
    for entry in self {
      var i = 0
      let p = entry.pointer
      while i < name.count && p[i] != 0 && p[i] == name[i] { i += 1 }
      if i == name.count && p[i] == 61 { return CString(p + i + 1) }  // "="
    }
    return nil
  }

  /// The value of the variable named `name`, or nil.
  public subscript(name: StaticString) -> CString? {
    value(named: UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
  }

  /// The value of the variable named `name`, or nil.
  public subscript(name: String) -> CString? {
    var name = name
    return name.withUTF8 { value(named: UnsafeRawBufferPointer($0)) }
  }
}

/// The auxiliary vector: the kernel's key/value pairs, up to `AT_NULL`.
public struct AuxiliaryVector: Sequence, @unchecked Sendable {
  let base: UnsafePointer<UInt>

  public struct Iterator: IteratorProtocol {
    var position: UnsafePointer<UInt>
    public mutating func next() -> AuxiliaryVectorEntry? {
      let key = position[0]
      if key == 0 { return nil }
      let entry = AuxiliaryVectorEntry(key: AuxiliaryVectorKey(rawValue: key), value: position[1])
      position += 2
      return entry
    }
  }

  public func makeIterator() -> Iterator { Iterator(position: base) }

  /// The value of the first entry with `key`, or nil.
  public subscript(key: AuxiliaryVectorKey) -> UInt? {
    for entry in self where entry.key == key { return entry.value }
    return nil
  }
}

extension Program {
  /// The block the kernel built for this process above its initial stack
  /// pointer: from `argc` up to the top of the stack (the file name of
  /// `AT_EXECFN` and the zero word above it, `fs/exec.c`), or nil where the
  /// runtime did not start the process (hosted programs) or the vector has
  /// no `AT_EXECFN`.
  ///
  /// A loader or an emulator can compare its own stacks with it, and
  /// ``initialStack`` parses it with the `InitialStack` module.
  public static var initialStackBlock: UnsafeRawBufferPointer? {
    guard let stack = InitialVectors.stackPointer,
      let fileName = auxiliaryVector[.executableFileName],
      let name = UnsafeRawPointer(bitPattern: fileName)
    else { return nil }
    var length = 0
    while name.load(fromByteOffset: length, as: UInt8.self) != 0 { length += 1 }
    let top = fileName + UInt(length) + 1 + UInt(MemoryLayout<UInt>.size)
    guard top > UInt(bitPattern: stack) else { return nil }
    return UnsafeRawBufferPointer(start: stack, count: Int(top - UInt(bitPattern: stack)))
  }

  /// The initial stack parsed by the `InitialStack` module (argc, argv,
  /// envp, the auxiliary vector, bounds-checked strings), or nil as for
  /// ``initialStackBlock``.
  public static var initialStack: ParsedInitialStack? {
    guard let block = initialStackBlock else { return nil }
    return try? ParsedInitialStack(
      bytes: block, baseAddress: UInt(bitPattern: block.baseAddress), wordSize: .native)
  }
}
