// vdso: writes the running process's vDSO to a file and prints the entry
// points the runtime resolved in it.
//
//   vdso [OPTION] [FILE]
//   --help, --version
//
// With FILE (not `-`), the vDSO's whole file as the kernel mapped it
// (Runtime's VDSO.image: header to the end of the furthest of its segments
// and section header table) is written there, mode 0644, replacing what was
// there; `readelf -a FILE` or `objdump -d FILE` then read it. No root and
// no dd of /proc/self/mem needed: it is this process's own memory.
//
// Standard output (whether or not a file was written):
//
//   vDSO at 0x7ffd4a3f2000, 6624 bytes
//   Name                   Version    Value     Address
//   __vdso_clock_gettime   LINUX_2.6  0xaf0     0x7ffd4a3f2af0
//   ...
//
// one line per entry point the runtime found (VDSO.symbols): its name and
// version, its value (st_value, the address `readelf --dyn-syms FILE`
// shows) and its address in this process.
//
// Exit status: 0; 1 if the process has no vDSO or FILE could not be
// written (`vdso: FILE: REASON`); 2 for a usage error.
import Linux
import Runtime

let usage: StaticString = """
  Usage: vdso [OPTION] [FILE]
  Write this process's vDSO (the kernel's virtual shared object) to FILE,
  and print the entry points the runtime resolved in it.
  With no FILE, or when FILE is -, only print.

        --help     display this help and exit
        --version  output version information and exit

  """

func reportUsage(_ first: StaticString, _ detail: UnsafeRawBufferPointer, _ last: StaticString) -> Never {
  var line = MessageLine()
  line.append(first)
  line.append(detail)
  line.append(last)
  line.append("\nTry 'vdso --help' for more information.\n")
  line.write()
  Program.exit(2)
}

/// Writes `image` to the file at `name` (created 0644 or truncated).
func write(_ image: UnsafeRawBufferPointer, to name: CString) -> Bool {
  do throws(Errno) {
    let file = try FileSystem.open(
      NullTerminatedPath(name.pointer), .writeOnly, options: [.create, .truncate],
      permissions: [.ownerReadWrite, .groupRead, .otherRead])
    try file.descriptor.writeAll(image)
    try file.close()
    return true
  } catch {
    MessageLine.report("vdso", name.bytes, error)
    return false
  }
}

/// The report on standard output.
func show(_ image: UnsafeRawBufferPointer?, _ symbols: [VDSO.Symbol]) throws(Errno) {
  var out = BufferedWriter(.standardOutput)
  if let image {
    try out.write("vDSO at ")
    try out.write(UInt(bitPattern: image.baseAddress), format: .hex(prefix: true))
    try out.write(", ")
    try out.write(image.count)
    try out.write(" bytes\n")
  }
  try out.write("Name", width: 23, alignment: .left)
  try out.write("Version", width: 11, alignment: .left)
  try out.write("Value", width: 10, alignment: .left)
  try out.write("Address\n")
  for symbol in symbols {
    try out.write(symbol.name, width: 23, alignment: .left)
    try out.write(symbol.version, width: 11, alignment: .left)
    try out.write(symbol.value, format: .hex(width: 10, alignment: .left, prefix: true))
    try out.write(symbol.address, format: .hex(prefix: true))
    try out.write(byte: 10)
  }
  try out.finish()
}

@main
struct VDSOTool {
  static func main() {
    let arguments = Program.arguments
    var file: CString? = nil
    var optionsEnded = false
    for index in 1..<arguments.count {
      let argument = arguments[index]
      let bytes = argument.bytes
      if optionsEnded || bytes.count < 2 || bytes[0] != 45 {  // an operand, or "-"
        guard file == nil else { reportUsage("vdso: extra operand '", bytes, "'") }
        file = argument
      } else if argument.equals("--") {
        optionsEnded = true
      } else if argument.equals("--help") {
        StandardOutput.write(usage)
        Program.exit(0)
      } else if argument.equals("--version") {
        StandardOutput.write("vdso (swift-nolibc) 0.1\n")
        Program.exit(0)
      } else if bytes[1] == 45 {
        reportUsage("vdso: unrecognized option '", bytes, "'")
      } else {
        reportUsage("vdso: invalid option -- '", UnsafeRawBufferPointer(rebasing: bytes[1..<2]), "'")
      }
    }

    guard let image = VDSO.image else {
      var line = MessageLine()
      line.append("vdso: this process has no vDSO (no AT_SYSINFO_EHDR)\n")
      line.write()
      Program.exit(1)
    }
    var status: Int32 = 0
    if let file, !file.equals("-"), !write(image, to: file) { status = 1 }
    do throws(Errno) {
      try show(image, VDSO.symbols)
    } catch {
      MessageLine.report("vdso", "write error", error)
      status = 1
    }
    Program.exit(status)
  }
}
