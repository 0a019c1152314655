// stacklayout: builds and parses initial process stacks (argc, argv, envp,
// auxiliary vector) for any address space, with the InitialStack module.
//
//   stacklayout build [OPTION]...     writes a block to standard output
//     --layout crate|kernel           linux-libc-auxv's layout (default) or Linux's
//     --bits 64|32                    word size (default 64)
//     --base ADDRESS                  where the block will live (crate layout; default 0x7fff0000)
//     --top ADDRESS --gap N           stack top and alignment gap (kernel layout); the
//                                     block's base is printed to standard error
//     --arg STRING, --env NAME=VALUE  (repeatable, in order)
//     --aux KEY=VALUE                 KEY as AT_NAME or a number; VALUE decimal or 0x hex
//     --platform S, --base-platform S, --execfn S
//     --random HEX                    the 16 AT_RANDOM bytes as 32 hex digits
//     --kernel-order                  sort the auxiliary vector as the kernel does
//     --hex                           write hex text (16 bytes a line) instead of bytes
//   stacklayout parse --base ADDRESS [--bits 64|32] [FILE]
//                                     reads a raw block (FILE or standard input) taken
//                                     from ADDRESS and prints argc, argv, envp and auxv
//
// Exit status: 0, 1 for a malformed block or a build error, 2 for a usage error.
import InitialStack
import Linux
import Runtime

func usage(_ message: String) -> Never {
  printError("stacklayout: " + message + "\nTry 'stacklayout --help' for more information.")
  Program.exit(2)
}

func number(_ text: CString) -> UInt? {
  let bytes = text.bytes
  var value: UInt = 0
  var radix: UInt = 10
  var start = 0
  if bytes.count > 2 && bytes[0] == 48 && (bytes[1] == 120 || bytes[1] == 88) {
    radix = 16
    start = 2
  }
  guard start < bytes.count else { return nil }
  for i in start..<bytes.count {
    let byte = bytes[i]
    let digit: UInt
    switch byte {
    case 48...57: digit = UInt(byte - 48)
    case 97...102 where radix == 16: digit = UInt(byte - 87)
    case 65...70 where radix == 16: digit = UInt(byte - 55)
    default: return nil
    }
    let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
    let (sum, o2) = shifted.addingReportingOverflow(digit)
    if o1 || o2 { return nil }
    value = sum
  }
  return value
}

func hexDigit(_ byte: UInt8) -> UInt8? {
  switch byte {
  case 48...57: byte - 48
  case 97...102: byte - 87
  case 65...70: byte - 55
  default: nil
  }
}

/// `AT_PAGESZ` or `6` as a key.
func key(_ bytes: UnsafeRawBufferPointer) -> AuxiliaryVectorKey? {
  for raw in UInt(0)...UInt(64) {
    let key = AuxiliaryVectorKey(rawValue: raw)
    if let name = key.name, UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount).elementsEqual(bytes) {
      return key
    }
  }
  var value: UInt = 0
  for byte in bytes {
    guard byte >= 48 && byte <= 57, value < UInt.max / 10 else { return nil }
    value = value * 10 + UInt(byte - 48)
  }
  return bytes.isEmpty ? nil : AuxiliaryVectorKey(rawValue: value)
}

func build(_ arguments: Arguments) -> Int32 {
  var crate = true
  var wordSize = WordSize.bits64
  var base: UInt = 0x7fff_0000
  var top: UInt? = nil
  var gap: UInt = 0
  var hex = false
  var kernelOrder = false
  var steps: [(CString, CString)] = []  // options that add content, in order
  var index = 2
  func value() -> CString {
    index += 1
    guard index < arguments.count else { usage("option '" + arguments[index - 1].string + "' needs a value") }
    return arguments[index]
  }
  while index < arguments.count {
    let option = arguments[index]
    if option.equals("--layout") {
      let v = value()
      if v.equals("crate") { crate = true } else if v.equals("kernel") { crate = false } else { usage("unknown layout '" + v.string + "'") }
    } else if option.equals("--bits") {
      let v = value()
      if v.equals("64") { wordSize = .bits64 } else if v.equals("32") { wordSize = .bits32 } else { usage("--bits takes 64 or 32") }
    } else if option.equals("--base") {
      let v = value()
      guard let n = number(v) else { usage("invalid address '" + v.string + "'") }
      base = n
    } else if option.equals("--top") {
      let v = value()
      guard let n = number(v) else { usage("invalid address '" + v.string + "'") }
      top = n
    } else if option.equals("--gap") {
      let v = value()
      guard let n = number(v) else { usage("invalid gap '" + v.string + "'") }
      gap = n
    } else if option.equals("--hex") {
      hex = true
    } else if option.equals("--kernel-order") {
      kernelOrder = true
    } else if option.equals("--arg") || option.equals("--env") || option.equals("--aux") || option.equals("--platform")
      || option.equals("--base-platform") || option.equals("--execfn") || option.equals("--random")
    {
      steps.append((option, value()))
    } else {
      usage("unrecognized option '" + option.string + "'")
    }
    index += 1
  }
  if !crate && top == nil { usage("the kernel layout needs --top") }

  var builder = InitialStackBuilder(layout: crate ? .linuxLibcAuxv : .kernel(stackTop: top!, alignmentGap: gap), wordSize: wordSize)
  do throws(InitialStackError) {
    for (option, text) in steps {
      if option.equals("--arg") {
        try builder.addArgument(bytes: Array(text.bytes))
      } else if option.equals("--env") {
        try builder.addEnvironmentVariable(bytes: Array(text.bytes))
      } else if option.equals("--platform") {
        try builder.setPlatform(text.string)
      } else if option.equals("--base-platform") {
        try builder.setBasePlatform(text.string)
      } else if option.equals("--execfn") {
        try builder.setExecutableFileName(bytes: Array(text.bytes))
      } else if option.equals("--random") {
        let digits = text.bytes
        guard digits.count == 32 else { usage("--random takes 32 hex digits") }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 2) {
          guard let high = hexDigit(digits[i]), let low = hexDigit(digits[i + 1]) else {
            usage("--random takes 32 hex digits")
          }
          bytes.append(high << 4 | low)
        }
        try builder.setRandomBytes(bytes)
      } else {  // --aux KEY=VALUE
        let bytes = text.bytes
        guard let equals = bytes.firstIndex(of: 61) else { usage("--aux takes KEY=VALUE") }
        guard let k = key(UnsafeRawBufferPointer(rebasing: bytes[..<equals])) else { usage("unknown key in '" + text.string + "'") }
        guard let v = number(CString(text.pointer + equals + 1)) else { usage("invalid value in '" + text.string + "'") }
        try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: k, value: v))
      }
    }
    if kernelOrder { builder.sortAuxiliaryVectorInKernelOrder() }
    let size = try builder.totalSize
    if let required = try builder.requiredBaseAddress {
      base = required
      var line = MessageLine()
      line.append("base 0x")
      line.appendHex(base)
      line.append("\n")
      line.write()
    }
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
    try builder.serialize(into: UnsafeMutableRawBufferPointer(rebasing: block[..<size]), baseAddress: base)
    do throws(Errno) {
      if hex {
        var out = BufferedWriter(.standardOutput)
        for offset in stride(from: 0, to: size, by: 16) {
          try out.write(base + UInt(offset), format: .hex(width: 16, padding: .zero))
          try out.write(":")
          for i in offset..<min(offset + 16, size) {
            try out.write(" ")
            try out.write(block[i], format: .hex(width: 2, padding: .zero))
          }
          try out.write("\n")
        }
        try out.finish()
      } else {
        try FileDescriptor.standardOutput.writeAll(UnsafeRawBufferPointer(rebasing: block[..<size]))
      }
    } catch {
      MessageLine.report("stacklayout", "write error", error)
      return 1
    }
    return 0
  } catch {
    printError("stacklayout: " + error.message)
    return 1
  }
}

func printString(_ result: Result<UnsafeRawBufferPointer, InitialStackError>) {
  switch result {
  case .success(let bytes):
    StandardOutput.write(" \"")
    StandardOutput.write(bytes)
    StandardOutput.write("\"\n")
  case .failure(let error):
    StandardOutput.write(" (")
    StandardOutput.write(string: error.message)
    StandardOutput.write(")\n")
  }
}

func parse(_ arguments: Arguments) -> Int32 {
  var base: UInt? = nil
  var wordSize = WordSize.bits64
  var file: CString? = nil
  var index = 2
  while index < arguments.count {
    let option = arguments[index]
    if option.equals("--base") || option.equals("--bits") {
      index += 1
      guard index < arguments.count else { usage("option '" + option.string + "' needs a value") }
      let v = arguments[index]
      if option.equals("--base") {
        guard let n = number(v) else { usage("invalid address '" + v.string + "'") }
        base = n
      } else if v.equals("64") { wordSize = .bits64 } else if v.equals("32") { wordSize = .bits32 } else { usage("--bits takes 64 or 32") }
    } else if file == nil {
      file = option
    } else {
      usage("extra operand '" + option.string + "'")
    }
    index += 1
  }
  guard let base else { usage("parse needs --base ADDRESS") }

  var data: [UInt8] = []
  func readAll(_ input: FileDescriptor) throws(Errno) {
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
    defer { chunk.deallocate() }
    while true {
      let count = try input.read(into: chunk)
      if count == 0 { break }
      data.append(contentsOf: chunk[..<count])
    }
  }
  do throws(Errno) {
    if let file, !file.equals("-") {
      let owned = try FileSystem.open(NullTerminatedPath(file.pointer), .readOnly)
      try readAll(owned.descriptor)
    } else {
      try readAll(.standardInput)
    }
  } catch {
    MessageLine.report("stacklayout", file?.bytes, error)
    return 1
  }

  return data.withUnsafeBytes { bytes -> Int32 in
    let stack: ParsedInitialStack
    do throws(InitialStackError) {
      stack = try ParsedInitialStack(bytes: bytes, baseAddress: base, wordSize: wordSize)
    } catch {
      printError("stacklayout: malformed stack: " + error.message)
      return 1
    }
    print("argc " + String(stack.argumentCount))
    for i in 0..<stack.argumentCount {
      StandardOutput.write(string: "argv[" + String(i) + "] @ 0x" + String(stack.argumentPointers[i], radix: 16))
      printString(stack.arguments[i])
    }
    for i in 0..<stack.environmentCount {
      StandardOutput.write(string: "envp[" + String(i) + "] @ 0x" + String(stack.environmentPointers[i], radix: 16))
      printString(stack.environment[i])
    }
    for entry in stack.auxiliaryVector {
      if let name = entry.key.name { StandardOutput.write(name) } else { StandardOutput.write(string: "AT_" + String(entry.key.rawValue)) }
      StandardOutput.write(string: " = 0x" + String(entry.value, radix: 16))
      switch entry.typedValue {
      case .string(let address): printString(Result { () throws(InitialStackError) in try stack.string(at: address) })
      case .randomBytes(let address):
        if let random = try? stack.randomBytes(at: address) {
          var text = " ["
          for byte in random { text += (byte < 16 ? "0" : "") + String(byte, radix: 16) }
          print(text + "]")
        } else {
          print(" (outside the block)")
        }
      default: print("")
      }
    }
    return 0
  }
}

let arguments = Program.arguments
if arguments.count >= 2 && arguments[1].equals("build") {
  Program.exit(build(arguments))
} else if arguments.count >= 2 && arguments[1].equals("parse") {
  Program.exit(parse(arguments))
} else if arguments.count >= 2 && arguments[1].equals("--help") {
  StandardOutput.write("""
    Usage: stacklayout build [--layout crate|kernel] [--bits 64|32] [--base ADDRESS]
                             [--top ADDRESS --gap N] [--arg S]... [--env NAME=VALUE]...
                             [--aux KEY=VALUE]... [--platform S] [--base-platform S]
                             [--execfn S] [--random HEX] [--kernel-order] [--hex]
      or:  stacklayout parse --base ADDRESS [--bits 64|32] [FILE]
    Build an initial process stack (argc, argv, envp, auxiliary vector) for any
    address space, or parse one taken from ADDRESS.

    """)
  Program.exit(0)
} else {
  usage("expected 'build' or 'parse'")
}
