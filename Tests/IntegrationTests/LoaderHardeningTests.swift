import Foundation
import Testing

/// ld.so and ulexec never jump into memory that is not code: an entry
/// point outside the executable segments is an error, not a crash.
@Suite("loader code addresses")
struct LoaderHardeningTests {
  /// A copy of /bin/true whose entry point is moved into its writable data
  /// (the start of its RW segment).
  static func trueWithEntryInData(_ directory: URL) throws -> String {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
    try bytes.withUnsafeMutableBytes { file in
      let phoff = Int(file.load(fromByteOffset: 32, as: UInt64.self))
      let count = Int(file.load(fromByteOffset: 56, as: UInt16.self))
      // The PT_LOAD with flags RW (PF_R | PF_W = 6).
      let writable = try #require(
        (0..<count).first {
          file.load(fromByteOffset: phoff + $0 * 56, as: UInt32.self) == 1
            && file.load(fromByteOffset: phoff + $0 * 56 + 4, as: UInt32.self) == 6
        })
      let address = file.load(fromByteOffset: phoff + writable * 56 + 16, as: UInt64.self)
      file.storeBytes(of: address, toByteOffset: 24, as: UInt64.self)
    }
    let path = directory.appendingPathComponent("true-entry-in-data").path
    try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o755]))
    return path
  }

  @Test func anEntryPointInDataIsRefused() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nolibc-entry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let program = try Self.trueWithEntryInData(directory)
    let reason = " : malformed file: the entry point lies outside the executable segments\n"

    let loader = try run(
      try Products.path("ld.so"), arguments: [Array("ld.so".utf8), Array(program.utf8)])
    #expect(loader.signal == nil)
    #expect(loader.exitStatus == 127)
    #expect(loader.stderr == "ld.so: " + program + reason, "\(summary(loader))")

    let exec = try run(try Products.path("ulexec"), arguments: [Array("ulexec".utf8), Array(program.utf8)])
    #expect(exec.signal == nil)
    #expect(exec.exitStatus == 126)
    #expect(exec.stderr == "ulexec: " + program + reason, "\(summary(exec))")
  }
}
