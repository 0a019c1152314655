import ELF
import Foundation
import Testing

/// Bytes of a file kept alive for an `ELFFile` over them.
final class FileBytes {
  let storage: UnsafeMutableRawBufferPointer
  init(_ bytes: [UInt8]) {
    storage = .allocate(byteCount: max(bytes.count, 1), alignment: 16)
    storage.copyBytes(from: bytes)
    count = bytes.count
  }
  let count: Int
  var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[0..<count]) }
  convenience init(path: String) throws {
    self.init([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
  }
  /// A copy of the bytes (copied while `self` is alive).
  var array: [UInt8] { withExtendedLifetime(self) { Array(buffer) } }
  deinit { storage.deallocate() }
}

/// Runs a tool and returns its standard output.
func run(_ tool: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: tool)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

func readelf(_ options: String, _ path: String) throws -> String { try run("/usr/bin/readelf", ["-W", options, path]) }

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("ELFTests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Compiles C source with `cc -c` and returns the object's path.
func compileObject(_ source: String, flags: [String] = []) throws -> String {
  let dir = try temporaryDirectory()
  let c = dir.appendingPathComponent("object.c").path
  let o = dir.appendingPathComponent("object.o").path
  try source.write(toFile: c, atomically: true, encoding: .utf8)
  _ = try run("/usr/bin/cc", flags + ["-c", "-o", o, c])
  return o
}

let sampleC = """
  int counter = 42;
  static int hidden;
  char buffer[100];
  const char *greeting = "hello";
  __attribute__((weak)) int weakly(void) { return 1; }
  static int helper(int x) { return x * 3 + hidden; }
  int answer(int x) { return helper(x) + counter + buffer[x]; }
  """

extension String {
  var bytes: [UInt8] { Array(utf8) }
}

func string(_ buffer: UnsafeRawBufferPointer) -> String { String(decoding: buffer, as: UTF8.self) }

/// Parses a readelf number: hex with or without `0x`, or decimal.
func number(_ text: Substring, hex: Bool) -> UInt64? {
  var t = text
  if t.hasPrefix("0x") { return UInt64(t.dropFirst(2), radix: 16) }
  if hex { return UInt64(t, radix: 16) }
  if let space = t.firstIndex(of: " ") { t = t[..<space] }
  return UInt64(t)
}

/// Walks everything the reader offers, ignoring errors: it must neither
/// trap nor hang whatever the bytes.
@discardableResult
func exercise(_ bytes: UnsafeRawBufferPointer) -> Int {
  var work = 0
  guard let file = try? ELFFile(bytes: bytes) else { return 0 }
  if let headers = try? file.programHeaders() {
    for h in headers { work &+= Int(truncatingIfNeeded: h.fileSize); _ = try? file.data(of: h) }
  }
  _ = try? file.fileOffset(ofVirtualAddress: file.entry)
  if let sections = try? file.sections() {
    for s in sections {
      if let name = try? file.name(of: s) { work &+= name.count }
      _ = try? file.data(of: s)
      if let symbols = try? file.symbols(in: s) {
        for symbol in symbols { if let n = try? symbols.name(of: symbol) { work &+= n.count } }
      }
    }
    _ = try? file.section(named: ".text".utf8)
  }
  if let entries = try? file.dynamicEntries() { work &+= entries.count }
  if let needed = try? file.neededLibraries() { work &+= needed.count }
  _ = try? file.soname()
  _ = try? file.rpath()
  _ = try? file.runpath()
  return work
}
