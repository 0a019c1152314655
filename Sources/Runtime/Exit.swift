import Linux

extension Program {
  /// Ends the program with `status`: flushes standard output, then ends
  /// every thread (`exit_group`).
  ///
  /// If buffered output could not be written (a closed pipe, a full disk),
  /// a line `<program>: write error (errno N)` goes to standard error and a
  /// zero status becomes 1, as GNU tools do, so that lost output is never
  /// silent. (The number, not the message: the message table would double
  /// the size of the smallest programs. Tools that want GNU's wording check
  /// ``StandardOutput/lastError`` before exiting.) With the `MinimalRuntime`
  /// trait the line is left out; the status still becomes 1.
  public static func exit(_ status: Int32) -> Never {
    StandardOutput.flush()
    var status = status
    if let error = StandardOutput.lastError {
      #if !MinimalRuntime
      reportWriteError(error)
      #endif
      _ = error
      if status == 0 { status = 1 }
    }
    Linux.Process.exitGroup(status)
  }

  @inline(never) @_optimize(size)
  static func reportWriteError(_ error: Errno) {
    var line = MessageLine()
    let arguments = arguments
    if !arguments.isEmpty { line.append(arguments[0].bytes) }
    line.append(": write error (errno ")
    line.appendDecimal(Int(error.rawValue))
    line.append(")\n")
    line.write()
  }
}
