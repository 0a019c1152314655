import Foundation
import Testing

/// Values from the C headers, for tests that check our constants and
/// layouts against them: compiles a C program whose body prints
/// `name<TAB>value` lines (the macro `P(x)` prints `#x` and `(long)(x)`),
/// runs it and returns the values by name.
enum HeaderValues {
  static func compile(source: String) throws -> [String: Int] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nolibc-headers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let c = directory.appendingPathComponent("constants.c")
    try source.write(to: c, atomically: true, encoding: .utf8)
    let binary = directory.appendingPathComponent("constants").path
    var output = Data()
    for (tool, arguments) in [("/usr/bin/cc", [c.path, "-o", binary]), (binary, [])] {
      let process = Foundation.Process()
      process.executableURL = URL(fileURLWithPath: tool)
      process.arguments = arguments
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      try #require(process.terminationStatus == 0, "\(tool) failed")
    }
    var values: [String: Int] = [:]
    for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: "\t")
      if parts.count == 2 { values[String(parts[0])] = Int(parts[1]) }
    }
    return values
  }
}
