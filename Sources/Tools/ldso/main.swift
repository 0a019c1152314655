// ld.so: a dynamic loader for programs that need no glibc internals.
//
//   ld.so [--library-path PATHS] [--preload LIBS] [--] PROGRAM [ARGS...]
//   (or as a program's PT_INTERP: -Wl,--dynamic-linker=/path/to/ld.so)
//
// As an interpreter the kernel has mapped the program and passed its
// program headers and entry in the auxiliary vector. As a command it maps
// PROGRAM itself, then rewrites the initial stack so that the program sees
// what the kernel would have given it: ld.so and its options are dropped
// from argv (argc moves up, 16-byte aligned), AT_PHDR, AT_PHNUM, AT_ENTRY
// and AT_EXECFN describe PROGRAM, and AT_BASE is ld.so's base.
//
// Then, for a dynamic program (one with PT_INTERP): the DT_NEEDED libraries
// breadth-first (search: DT_RPATH, the library path, DT_RUNPATH, the
// multiarch defaults; $ORIGIN expanded; LD_LIBRARY_PATH and LD_PRELOAD
// ignored in a secure process), relocation (dependencies first), RELRO,
// static TLS and the thread pointer, the libraries' initializers, and a
// jump to the entry with the kernel's register state. A static program
// given as a command is mapped and entered as the kernel would (it
// relocates itself if it is a static-PIE).
//
// Errors: `ld.so: <what> : <why>` on standard error, exit status 127.
import CLinux
import Linux
import Loader
import Runtime

let usage: StaticString = """
  Usage: ld.so [OPTION]... PROGRAM [ARGUMENT]...
  Load PROGRAM and the shared libraries it needs, and run it.
  ld.so is also the interpreter (PT_INTERP) of programs linked with
  --dynamic-linker naming it; the kernel then starts it with the program.

    --library-path PATHS  search the directories of PATHS (separated by ':')
                          instead of those of LD_LIBRARY_PATH
    --preload LIBS        load LIBS (separated by ':' or ' ') after PROGRAM,
                          before its dependencies, as LD_PRELOAD does
    --help                display this help and exit
    --version             output version information and exit

  Libraries are searched in DT_RPATH, the library path, DT_RUNPATH, then
  /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib64, /usr/lib64,
  /lib, /usr/lib. Exit status: PROGRAM's, or 127 if it cannot be loaded.

  """

/// Prints `ld.so: <message>` and exits with 127.
func fail(_ message: [UInt8]) -> Never {
  var line = MessageLine()
  line.append("ld.so: ")
  message.withUnsafeBytes { line.append($0) }
  line.append("\n")
  line.write()
  Program.exit(127)
}

func fail(_ error: LoaderError) -> Never { fail(error.message) }

/// The entries of a `:`-separated (or, for preloads, also space-separated)
/// list; empty entries of a library path stand for the current directory.
func split(_ list: UnsafeRawBufferPointer, spaces: Bool) -> [[UInt8]] {
  var result: [[UInt8]] = []
  var current: [UInt8] = []
  for byte in list {
    if byte == UInt8(ascii: ":") || (spaces && byte == UInt8(ascii: " ")) {
      if !current.isEmpty || !spaces { result.append(current) }
      current = []
    } else {
      current.append(byte)
    }
  }
  if !current.isEmpty || !spaces { result.append(current) }
  return result
}

/// The load bias and entry point of ld.so itself.
func ownImage() -> (bias: UInt, entry: UInt) {
  let header = UnsafeRawPointer(nl_image_header()).unsafelyUnwrapped
  let phoff = Int(header.load(fromByteOffset: 32, as: UInt64.self))
  let count = Int(header.load(fromByteOffset: 56, as: UInt16.self))
  var linkAddress: UInt = 0
  for index in 0..<count {
    let entry = header + phoff + index * 56
    if entry.load(as: UInt32.self) == 1 && entry.load(fromByteOffset: 8, as: UInt64.self) == 0 {
      linkAddress = UInt(entry.load(fromByteOffset: 16, as: UInt64.self))
    }
  }
  let bias = UInt(bitPattern: header) &- linkAddress
  return (bias, bias &+ UInt(header.load(fromByteOffset: 24, as: UInt64.self)))
}

@main
struct LoaderTool {
  static func main() {
    guard let initial = Program.initialStackPointer else { fail(Array("ld.so : no initial stack".utf8)) }
    var stack = ProcessStack(initial)
    let own = ownImage()
    let secure = (stack.auxiliaryValue(AuxiliaryKey.secure) ?? 0) != 0
    var options = Link.Options()
    options.secure = secure
    var libraryPath: [[UInt8]]? = nil

    // The environment is read before the stack is rewritten (dropping
    // arguments moves argv, envp and auxv).
    var environmentLibraryPath: [[UInt8]]? = nil
    var environmentPreload: [[UInt8]] = []
    if !secure {
      let environment = Program.environment
      // An empty LD_LIBRARY_PATH is no path (as glibc: not the current
      // directory).
      if let value = environment["LD_LIBRARY_PATH" as StaticString], value.count > 0 {
        environmentLibraryPath = split(value.bytes, spaces: false)
      }
      if let value = environment["LD_PRELOAD" as StaticString] {
        environmentPreload = split(value.bytes, spaces: true)
      }
    }

    let program: LoadedObject
    let isCommand = stack.auxiliaryValue(AuxiliaryKey.entry) == own.entry
    if isCommand {
      // Options, then the program.
      let arguments = Program.arguments
      var index = 1
      while index < arguments.count {
        let argument = arguments[index]
        let bytes = argument.bytes
        if argument.equals("--") {
          index += 1
          break
        } else if argument.equals("--help") {
          StandardOutput.write(usage)
          Program.exit(0)
        } else if argument.equals("--version") {
          StandardOutput.write("ld.so (swift-nolibc) 0.1\n")
          Program.exit(0)
        } else if argument.equals("--library-path") || argument.equals("--preload") {
          guard index + 1 < arguments.count else {
            fail(Array(bytes) + Array(" : option requires an argument".utf8))
          }
          let value = arguments[index + 1].bytes
          if argument.equals("--preload") {
            options.preload += split(value, spaces: true)
          } else {
            libraryPath = value.isEmpty ? [] : split(value, spaces: false)
          }
          index += 2
        } else if bytes.count > 1 && bytes[0] == UInt8(ascii: "-") {
          fail(Array(bytes) + Array(" : unrecognized option (try 'ld.so --help')".utf8))
        } else {
          break
        }
      }
      guard index < arguments.count else {
        fail(Array("ld.so : missing program name (try 'ld.so --help')".utf8))
      }
      let path = Array(arguments[index].bytes)
      do throws(LoaderError) {
        program = try Mapping.map(path: path, name: path)
      } catch { fail(error) }
      guard program.isExecutable(program.entry) else {
        fail(LoaderError(path, .malformed("the entry point lies outside the executable segments")))
      }
      let isDynamic = program.interpreter != nil
      stack.setAuxiliaryValue(AuxiliaryKey.programHeaders, program.programHeaderAddress)
      stack.setAuxiliaryValue(AuxiliaryKey.programHeaderCount, UInt(program.programHeaderCount))
      stack.setAuxiliaryValue(AuxiliaryKey.entry, program.entry)
      stack.setAuxiliaryValue(AuxiliaryKey.executableFileName, UInt(bitPattern: arguments[index].pointer))
      stack.setAuxiliaryValue(AuxiliaryKey.interpreterBase, isDynamic ? own.bias : 0)
      stack.dropArguments(index)
      if !isDynamic {
        // A static program: nothing to link; it starts as the kernel would
        // start it (a static-PIE relocates itself).
        StandardOutput.flush()
        ProcessHandover.resetSignals()
        nl_enter(UnsafeRawPointer(bitPattern: program.entry), stack.pointer)
      }
    } else {
      var path: [UInt8] = []
      if let name = stack.auxiliaryValue(AuxiliaryKey.executableFileName), name != 0 {
        path = Array(CString(UnsafePointer<UInt8>(bitPattern: name).unsafelyUnwrapped).bytes)
      } else if stack.argumentCount > 0, let name = stack.arguments[0] {
        path = Array(CString(name).bytes)
      }
      do throws(LoaderError) {
        program = try Mapping.adopt(
          programHeaders: stack.auxiliaryValue(AuxiliaryKey.programHeaders) ?? 0,
          count: Int(stack.auxiliaryValue(AuxiliaryKey.programHeaderCount) ?? 0),
          entry: stack.auxiliaryValue(AuxiliaryKey.entry) ?? 0, path: path)
      } catch { fail(error) }
    }

    options.preload = environmentPreload + options.preload
    options.libraryPath = libraryPath ?? environmentLibraryPath ?? []
    options.builtins = [(Array("__tls_get_addr".utf8), UInt(bitPattern: tlsGetAddressEntry()))]

    let link = Link(program: program, options: options)
    do throws(LoaderError) {
      try link.loadDependencies()
      // The thread pointer before relocation: resolvers (ifuncs) may use
      // the stack protector or TLS; the TLS images after it (they may hold
      // relocated pointers).
      let layout = link.layOutThreadLocalStorage()
      let threadPointer = try link.setUpThreadPointer(layout)
      try link.relocate()
      link.protectRelRO()
      link.initializeThreadLocalStorage(threadPointer: threadPointer)
      StandardOutput.flush()
      // From here the program's code runs: its faults are its own.
      ProcessHandover.resetSignals()
      try link.runInitializers(
        argumentCount: stack.argumentCount, arguments: UnsafeRawPointer(stack.arguments),
        environment: UnsafeRawPointer(stack.environment))
    } catch { fail(error) }
    nl_enter(UnsafeRawPointer(bitPattern: program.entry), stack.pointer)
  }
}

/// The address of `nl_tls_get_addr` (CLinux), which the loader provides as
/// `__tls_get_addr`.
func tlsGetAddressEntry() -> UnsafeRawPointer {
  unsafeBitCast(nl_tls_get_addr as @convention(c) (UnsafePointer<UInt>?) -> UnsafeMutableRawPointer?, to: UnsafeRawPointer.self)
}
