// printenv: prints the environment, or the values of the named variables,
// like GNU coreutils' printenv.
//
//   printenv [OPTION]... [VARIABLE]...
//   -0, --null   end each output line with NUL, not newline
//   --help, --version
//
// Exit status: 0 if every named variable was found, 1 if one was not,
// 2 for a usage error.
import Runtime

let usage: StaticString = """
  Usage: printenv [OPTION]... [VARIABLE]...
  Print the values of the specified environment VARIABLE(s).
  If no VARIABLE is specified, print name and value pairs for them all.

    -0, --null     end each output line with NUL, not newline
        --help     display this help and exit
        --version  output version information and exit

  """

@main
struct Printenv {
  static func isOption(_ argument: CString, _ option: StaticString) -> Bool {
    argument.equals(UnsafeRawBufferPointer(start: option.utf8Start, count: option.utf8CodeUnitCount))
  }

  static func main() {
    var terminator: UInt8 = 10
    var names: [CString] = []
    var optionsEnded = false
    let arguments = Program.arguments

    for index in 1..<arguments.count {
      let argument = arguments[index]
      let bytes = argument.bytes
      if optionsEnded || bytes.count < 2 || bytes[0] != 45 {  // not "-x..."
        names.append(argument)
      } else if isOption(argument, "--") {
        optionsEnded = true
      } else if isOption(argument, "--null") {
        terminator = 0
      } else if isOption(argument, "--help") {
        StandardOutput.write(usage)
        Program.exit(0)
      } else if isOption(argument, "--version") {
        StandardOutput.write("printenv (swift-nolibc) 0.1\n")
        Program.exit(0)
      } else if bytes[1] == 45 {
        StandardError.write("printenv: unrecognized option '")
        StandardError.write(bytes)
        StandardError.write("'\nTry 'printenv --help' for more information.\n")
        Program.exit(2)
      } else {
        // A cluster of short options: only -0 exists.
        for i in 1..<bytes.count where bytes[i] != 48 {
          StandardError.write("printenv: invalid option -- '")
          StandardError.write(UnsafeRawBufferPointer(rebasing: bytes[i..<(i + 1)]))
          StandardError.write("'\nTry 'printenv --help' for more information.\n")
          Program.exit(2)
        }
        terminator = 0
      }
    }

    let environment = Program.environment
    var status: Int32 = 0
    if names.isEmpty {
      for entry in environment {
        StandardOutput.write(entry.bytes)
        StandardOutput.write(byte: terminator)
      }
    } else {
      for name in names {
        let bytes = name.bytes
        // A name with "=" in it can never match (as in coreutils).
        var found = false
        if !bytes.contains(61), let value = environment.value(named: bytes) {
          StandardOutput.write(value.bytes)
          StandardOutput.write(byte: terminator)
          found = true
        }
        if !found { status = 1 }
      }
    }
    Program.exit(status)
  }
}
