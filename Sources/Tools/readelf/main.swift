// readelf: displays information about ELF files, byte for byte as GNU
// readelf 2.40 prints it in its wide format (`-W`).
//
//   readelf <option(s)> elf-file(s)
//
// Options: -a -h -l -S -g -e -s --dyn-syms -n -r -u -d -V -A -I -W -H -v
// and their long names. The output is always the wide format; -W is
// accepted for compatibility. Files are mapped, not read, and every table
// is read in place through the ELF module's bounds-checked views.
//
// Errors: a missing or unreadable file, a file that is not ELF, or a
// malformed table gives `readelf: Error: …` on standard error; the other
// files are still displayed, and the exit status is 1. Where GNU readelf
// warns about a damaged table and goes on, this one prints the same
// warning and goes on the same way, but exits 1 (GNU exits 0).
import ELF
import Linux
import Runtime

let usage: StaticString = """
  Usage: readelf <option(s)> elf-file(s)
   Display information about the contents of ELF format files
   Options are:
    -a --all               Equivalent to: -h -l -S -s -r -d -V -A -I
    -h --file-header       Display the ELF file header
    -l --program-headers   Display the program headers
       --segments          An alias for --program-headers
    -S --section-headers   Display the sections' header
       --sections          An alias for --section-headers
    -g --section-groups    Display the section groups
    -e --headers           Equivalent to: -h -l -S
    -s --syms              Display the symbol table
       --symbols           An alias for --syms
       --dyn-syms          Display the dynamic symbol table
    -n --notes             Display the core notes (if present)
    -r --relocs            Display the relocations (if present)
    -u --unwind            Display the unwind info (if present)
    -d --dynamic           Display the dynamic section (if present)
    -V --version-info      Display the version sections (if present)
    -A --arch-specific     Display architecture specific information (if any)
    -I --histogram         Display histogram of bucket list lengths
    -W --wide              Allow output width to exceed 80 characters
                           (the output is always wide)
    -H --help              Display this information
    -v --version           Display the version number of readelf

  """

/// Whether a problem with a file was reported. GNU readelf exits 0 after
/// most of its warnings and errors about damaged files; this readelf prints
/// the same messages but exits 1, so that scripts see that a file was bad.
enum Diagnostics {
  nonisolated(unsafe) static var reported = false
}

/// `readelf: Error: …` on standard error (after what is buffered on
/// standard output, so that the two interleave as they would unbuffered).
func reportError(_ parts: (inout MessageLine) -> Void) {
  Diagnostics.reported = true
  Out.flush()
  var line = MessageLine()
  line.append("readelf: Error: ")
  parts(&line)
  line.append("\n")
  line.write()
}

func usageError(_ first: StaticString, _ detail: UnsafeRawBufferPointer, _ last: StaticString) -> Never {
  var line = MessageLine()
  line.append(first)
  line.append(detail)
  line.append(last)
  line.write()
  StandardError.write(usage)
  Program.exit(1)
}

/// An option: its letter (0 for none), its long names, what it sets.
struct OptionSpelling: Sendable {
  let letter: UInt8
  let long: StaticString
  let alias: StaticString?
  let apply: @Sendable (inout Options) -> Void
}

/// Every option, in `--help`'s order; short and long spellings share it.
let optionSpellings: [OptionSpelling] = [
  OptionSpelling(letter: UInt8(ascii: "a"), long: "--all", alias: nil) { $0.setAll() },
  OptionSpelling(letter: UInt8(ascii: "h"), long: "--file-header", alias: nil) { $0.fileHeader = true },
  OptionSpelling(letter: UInt8(ascii: "l"), long: "--program-headers", alias: "--segments") { $0.programHeaders = true },
  OptionSpelling(letter: UInt8(ascii: "S"), long: "--section-headers", alias: "--sections") { $0.sectionHeaders = true },
  OptionSpelling(letter: UInt8(ascii: "g"), long: "--section-groups", alias: nil) { $0.sectionGroups = true },
  OptionSpelling(letter: UInt8(ascii: "e"), long: "--headers", alias: nil) { $0.setHeaders() },
  OptionSpelling(letter: UInt8(ascii: "s"), long: "--syms", alias: "--symbols") { $0.symbols = true },
  OptionSpelling(letter: 0, long: "--dyn-syms", alias: nil) { $0.dynamicSymbols = true },
  OptionSpelling(letter: UInt8(ascii: "n"), long: "--notes", alias: nil) { $0.notes = true },
  OptionSpelling(letter: UInt8(ascii: "r"), long: "--relocs", alias: nil) { $0.relocations = true },
  OptionSpelling(letter: UInt8(ascii: "u"), long: "--unwind", alias: nil) { $0.unwind = true },
  OptionSpelling(letter: UInt8(ascii: "d"), long: "--dynamic", alias: nil) { $0.dynamic = true },
  OptionSpelling(letter: UInt8(ascii: "V"), long: "--version-info", alias: nil) { $0.versions = true },
  OptionSpelling(letter: UInt8(ascii: "A"), long: "--arch-specific", alias: nil) { $0.architecture = true },
  OptionSpelling(letter: UInt8(ascii: "I"), long: "--histogram", alias: nil) { $0.histogram = true },
  OptionSpelling(letter: UInt8(ascii: "W"), long: "--wide", alias: nil) { $0.wide = true },
  OptionSpelling(letter: UInt8(ascii: "H"), long: "--help", alias: nil) { _ in help() },
  OptionSpelling(letter: UInt8(ascii: "v"), long: "--version", alias: nil) { _ in version() },
]

/// Parses the command line: options anywhere (GNU permutes), `--` ends them.
func parse(_ arguments: Arguments) -> (Options, [CString]) {
  var options = Options()
  var files: [CString] = []
  var optionsEnded = false
  for index in 1..<arguments.count {
    let argument = arguments[index]
    let bytes = argument.bytes
    if optionsEnded || bytes.count < 2 || bytes[0] != 0x2d {
      files.append(argument)
    } else if bytes[1] != 0x2d {
      for position in 1..<bytes.count {
        guard let spelling = optionSpellings.first(where: { $0.letter == bytes[position] }) else {
          usageError("readelf: invalid option -- '", UnsafeRawBufferPointer(rebasing: bytes[position...position]), "'\n")
        }
        spelling.apply(&options)
      }
    } else if bytes.count == 2 {
      optionsEnded = true
    } else if let spelling = optionSpellings.first(where: { spelling in
      argument.equals(spelling.long) || spelling.alias.map { argument.equals($0) } == true
    }) {
      spelling.apply(&options)
    } else {
      usageError("readelf: unrecognized option '", argument.bytes, "'\n")
    }
  }
  return (options, files)
}

func help() -> Never {
  StandardOutput.write(usage)
  Program.exit(0)
}

func version() -> Never {
  StandardOutput.write("readelf (swift-nolibc) 0.1\nOutput compatible with GNU readelf 2.40 -W.\n")
  Program.exit(0)
}

/// Displays one file; false if it could not be (the error is reported).
func display(_ name: CString, _ options: Options, showName: Bool) -> Bool {
  let opened: OwnedFileDescriptor
  do throws(Errno) {
    opened = try FileSystem.open(NullTerminatedPath(name.pointer), .readOnly)
  } catch {
    reportOpenError(name, error)
    return false
  }
  return display(name, opened, options, showName: showName)
}

func reportOpenError(_ name: CString, _ error: Errno) {
  reportError { line in
    line.append("'")
    line.append(name.bytes)
    if error == .noSuchFileOrDirectory {
      line.append("': No such file")
    } else {
      line.append("': ")
      appendString(&line, error.message)
    }
  }
}

func display(_ name: CString, _ file: borrowing OwnedFileDescriptor, _ options: Options, showName: Bool) -> Bool {
  let status: FileStatus
  do throws(Errno) {
    status = try file.descriptor.status()
  } catch {
    reportOpenError(name, error)
    return false
  }
  guard status.type == .regular else {
    reportError { line in
      line.append("'")
      line.append(name.bytes)
      line.append("' is not an ordinary file")
    }
    return false
  }
  if showName {
    Out.text("\nFile: ")
    Out.bytes(name.bytes)
    Out.newline()
  }
  let size = Int(status.size)
  var bytes = UnsafeRawBufferPointer(start: nil, count: 0)
  if size > 0 {
    do throws(Errno) {
      // Mapped for the rest of the process: readelf exits soon, and the
      // kernel unmaps it then.
      let mapping = try MemoryMapping(file: file.descriptor, length: size, protection: .read, flags: .private)
      bytes = UnsafeRawBufferPointer(mapping.release())
    } catch {
      reportError { line in
        line.append(name.bytes)
        line.append(": ")
        appendString(&line, error.message)
      }
      return false
    }
  }
  // GNU reads an archive's magic (8 bytes), then the file header, then
  // checks the ELF magic; its messages for each step.
  let headerSize = bytes.count >= 16 && bytes[4] == 2 ? 64 : 52
  if bytes.count < headerSize || !(bytes[0] == 0x7f && bytes[1] == 0x45 && bytes[2] == 0x4c && bytes[3] == 0x46) {
    reportError { line in
      if bytes.count < 8 {
        line.append(name.bytes)
        line.append(": Failed to read file's magic number")
      } else if bytes.count < headerSize {
        line.append(name.bytes)
        line.append(": Failed to read file header")
      } else {
        line.append("Not an ELF file - it has the wrong magic bytes at the start")
      }
    }
    return false
  }
  do throws(ELFError) {
    // Lenient: read a header with an unknown class, byte order or version
    // as GNU does (ELF32, little-endian), and show what it shows.
    let elf = try ELFFile(bytes: bytes, lenient: true)
    try Dump(elf: elf, options: options).run()
  } catch {
    reportError { line in
      line.append(name.bytes)
      line.append(": ")
      appendString(&line, error.message)
    }
    return false
  }
  return true
}

func appendString(_ line: inout MessageLine, _ text: String) {
  var text = text
  text.withUTF8 { line.append(UnsafeRawBufferPointer($0)) }
}

enum Readelf {
  static func main() -> Never {
    let arguments = Program.arguments
    if arguments.count < 2 {
      StandardError.write(usage)
      Program.exit(1)
    }
    let (options, files) = parse(arguments)
    if !options.any {
      if !files.isEmpty {
        StandardError.write(usage)
        Program.exit(1)
      }
      StandardError.write("readelf: Warning: Nothing to do.\n")
      StandardError.write(usage)
      Program.exit(1)
    }
    if files.isEmpty {
      StandardError.write("readelf: Warning: Nothing to do.\n")
      StandardError.write(usage)
      Program.exit(1)
    }
    var failed = false
    for file in files where !display(file, options, showName: files.count > 1) {
      failed = true
    }
    Out.flush()
    if let error = Out.failed {
      MessageLine.report("readelf", "write error", error)
      Program.exit(1)
    }
    Program.exit(failed || Diagnostics.reported ? 1 : 0)
  }
}

Readelf.main()
