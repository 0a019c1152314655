// auxv: prints the process's own auxiliary vector in the format of glibc's
// `LD_SHOW_AUXV=1` (`_dl_show_auxv`, elf/dl-sysdep.c in glibc 2.36).
//
//   auxv [OPTION]
//   --help, --version
//
// One line per entry, in the kernel's order (fs/binfmt_elf.c,
// create_elf_tables): `AT_NAME:` padded with spaces to 22 columns, then the
// value as glibc shows that key (AuxiliaryVectorKey.valueFormat): decimal,
// hexadecimal with or without `0x`, or the string the value points to.
// AT_NULL, AT_IGNORE and AT_IGNOREPPC are not shown; a key this program does
// not know is shown as glibc shows one: `AT_??? (0xKEY): 0xVALUE`. Keys
// glibc 2.36 does not know but we do (AT_RSEQ_FEATURE_SIZE, AT_RSEQ_ALIGN,
// AT_HWCAP3, AT_HWCAP4) are shown by name.
//
// Exit status: 0, or 1 for a usage error or when the output could not be
// written.
import InitialStack
import Linux
import Runtime

let usage: StaticString = """
  Usage: auxv [OPTION]
  Print the auxiliary vector the kernel passed to this process,
  in the format of glibc's LD_SHOW_AUXV=1.

        --help     display this help and exit
        --version  output version information and exit

  """

/// glibc's labels are `AT_` and the name and a colon, left-aligned in 22
/// columns (`char label[22]` in `_dl_show_auxv`, padding included).
let labelWidth = 22

func reportUsage(_ first: StaticString, _ detail: UnsafeRawBufferPointer, _ last: StaticString) -> Never {
  var line = MessageLine()
  line.append(first)
  line.append(detail)
  line.append(last)
  line.append("\nTry 'auxv --help' for more information.\n")
  line.write()
  Program.exit(1)
}

/// Writes one entry's line, or nothing for a hidden key.
func show(_ entry: AuxiliaryVectorEntry, to out: inout BufferedWriter) throws(Errno) {
  guard let name = entry.key.name, let format = entry.key.valueFormat else {
    // As glibc: `_dl_printf ("AT_??? (0x%s): 0x%s\n", type, value)`.
    try out.write("AT_??? (")
    try out.write(entry.key.rawValue, format: .hex(prefix: true))
    try out.write("): ")
    try out.write(entry.value, format: .hex(prefix: true))
    try out.write(byte: 10)
    return
  }
  if format == .hidden { return }
  try out.write(name)
  try out.write(byte: 58)  // ":"
  try out.write(repeating: 32, count: max(1, labelWidth - name.utf8CodeUnitCount - 1))
  switch format {
  case .decimal: try out.write(entry.value)
  case .hexadecimal: try out.write(entry.value, format: .hex())
  case .prefixedHexadecimal: try out.write(entry.value, format: .hex(prefix: true))
  case .string:
    // The kernel put the string on this process's own initial stack and
    // the value is its address, valid for the whole run; a null address
    // (never passed by Linux) is shown as glibc's `_dl_printf` would.
    if let pointer = UnsafePointer<UInt8>(bitPattern: entry.value) {
      try out.write(CString(pointer).bytes)
    } else {
      try out.write("(null)")
    }
  case .hidden: return
  }
  try out.write(byte: 10)
}

@main
struct Auxv {
  static func main() {
    let arguments = Program.arguments
    for index in 1..<max(1, arguments.count) {
      let argument = arguments[index]
      let bytes = argument.bytes
      if argument.equals("--help") {
        StandardOutput.write(usage)
        Program.exit(0)
      } else if argument.equals("--version") {
        StandardOutput.write("auxv (swift-nolibc) 0.1\n")
        Program.exit(0)
      } else if argument.equals("--") {
        continue
      } else if bytes.count >= 2 && bytes[0] == 45 && bytes[1] == 45 {
        reportUsage("auxv: unrecognized option '", bytes, "'")
      } else if bytes.count >= 2 && bytes[0] == 45 {
        reportUsage("auxv: invalid option -- '", UnsafeRawBufferPointer(rebasing: bytes[1..<2]), "'")
      } else {
        reportUsage("auxv: extra operand '", bytes, "'")
      }
    }

    var out = BufferedWriter(.standardOutput)
    do throws(Errno) {
      for entry in Program.auxiliaryVector { try show(entry, to: &out) }
      try out.finish()
    } catch {
      var line = MessageLine()
      line.append("auxv: write error: ")
      error.withMessage { line.append($0) }
      line.append("\n")
      line.write()
      Program.exit(1)
    }
    Program.exit(0)
  }
}
