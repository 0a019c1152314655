// cat: concatenates files to standard output, like GNU coreutils' cat for
// files, `-` and standard input.
//
//   cat [OPTION]... [FILE]...
//   -u           (ignored, as in GNU cat: output is never buffered here)
//   --help, --version
//
// Errors are reported as `cat: NAME: REASON` and the next file is copied;
// the exit status is 1 if any file failed, 0 otherwise. The copying itself
// is FileDescriptor.transferAll: copy_file_range, sendfile or splice where
// the kernel can do it, read/write otherwise.
import Linux
import Runtime

let usage: StaticString = """
  Usage: cat [OPTION]... [FILE]...
  Concatenate FILE(s) to standard output.

  With no FILE, or when FILE is -, read standard input.

    -u                       (ignored)
        --help        display this help and exit
        --version     output version information and exit

  """

/// `cat: NAME: REASON` on standard error.
func report(_ name: UnsafeRawBufferPointer, _ error: Errno) { MessageLine.report("cat", name, error) }

func reportUsage(_ first: StaticString, _ detail: UnsafeRawBufferPointer, _ last: StaticString) -> Never {
  var line = MessageLine()
  line.append(first)
  line.append(detail)
  line.append(last)
  line.append("\nTry 'cat --help' for more information.\n")
  line.write()
  Program.exit(1)
}

@main
struct Cat {
  static func main() {
    let arguments = Program.arguments
    var files: [CString] = []
    var optionsEnded = false
    for index in 1..<arguments.count {
      let argument = arguments[index]
      let bytes = argument.bytes
      if optionsEnded || bytes.count < 2 || bytes[0] != 45 {  // an operand, or "-"
        files.append(argument)
      } else if argument.equals("--") {
        optionsEnded = true
      } else if argument.equals("--help") {
        StandardOutput.write(usage)
        Program.exit(0)
      } else if argument.equals("--version") {
        StandardOutput.write("cat (swift-nolibc) 0.1\n")
        Program.exit(0)
      } else if bytes[1] == 45 {
        reportUsage("cat: unrecognized option '", bytes, "'")
      } else {
        for i in 1..<bytes.count where bytes[i] != 117 {  // only -u exists
          reportUsage("cat: invalid option -- '", UnsafeRawBufferPointer(rebasing: bytes[i..<(i + 1)]), "'")
        }
      }
    }
    if files.isEmpty {
      let dash: StaticString = "-"
      files.append(CString(dash.utf8Start))
    }

    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * 1024, alignment: 4096)
    let output = FileDescriptor.standardOutput
    let outputStatus = try? output.status()
    var status: Int32 = 0

    for name in files {
      if name.equals("-") {
        status |= copy(.standardInput, named: name.bytes, to: output, outputStatus: outputStatus, buffer: buffer)
        continue
      }
      do {
        // Closed when it goes out of scope; closing a file that was only
        // read cannot lose data.
        let file = try FileSystem.open(NullTerminatedPath(name.pointer), .readOnly)
        status |= copy(file.descriptor, named: name.bytes, to: output, outputStatus: outputStatus, buffer: buffer)
      } catch {
        report(name.bytes, error)
        status = 1
      }
    }
    Program.exit(status)
  }

  /// Copies one input to the output; returns the status contribution (0 or
  /// 1). A write error ends the program, as in GNU cat.
  static func copy(
    _ input: FileDescriptor, named displayName: UnsafeRawBufferPointer, to output: FileDescriptor,
    outputStatus: FileStatus?, buffer: UnsafeMutableRawBufferPointer
  ) -> Int32 {
    // GNU cat refuses to read a regular file into itself (it would never end).
    if let outputStatus, outputStatus.type == .regular, let inputStatus = try? input.status(),
      inputStatus.device == outputStatus.device, inputStatus.inode == outputStatus.inode,
      let position = try? input.seek(offset: 0, from: .current), position < inputStatus.size
    {
      var line = MessageLine()
      line.append("cat: ")
      line.append(displayName)
      line.append(": input file is output file\n")
      line.write()
      return 1
    }
    do {
      _ = try FileDescriptor.transferAll(from: input, to: output, buffer: buffer)
      return 0
    } catch {
      if let outputError = writeFailure(error) {
        MessageLine.report("cat", "write error", outputError)
        Program.exit(1)
      }
      report(displayName, error)
      return 1
    }
  }

  /// Whether `error` came from writing the output: the input is still
  /// readable, so the failure was on the other side.
  static func writeFailure(_ error: Errno) -> Errno? {
    switch error {
    case .noSpace, .brokenPipe, .diskQuotaExceeded, .fileTooLarge: return error
    case .badFileDescriptor:
      return (try? FileDescriptor.standardOutput.status()) == nil ? error : nil
    default: return nil
    }
  }
}
