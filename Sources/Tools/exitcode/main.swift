// exitcode [N]: exits with status N (0 to 255; default 0), like true and
// false with any status.
import Runtime

func run() -> Never {
  let arguments = Program.arguments
  if arguments.count > 2 {
    StandardError.write("exitcode: extra operand\nUsage: exitcode [N]\n")
    Program.exit(2)
  }
  var status = 0
  if arguments.count == 2 {
    let text = arguments[1].bytes
    var valid = !text.isEmpty && text.count <= 3
    for byte in text where byte < 48 || byte > 57 { valid = false }
    if valid {
      for byte in text { status = status * 10 + Int(byte - 48) }
    }
    if !valid || status > 255 {
      StandardError.write("exitcode: invalid status '")
      StandardError.write(text)
      StandardError.write("': expected a number from 0 to 255\n")
      Program.exit(2)
    }
  }
  Program.exit(Int32(status))
}

run()
