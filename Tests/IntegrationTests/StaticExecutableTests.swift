import Foundation
import Testing

/// The freestanding products must be static executables with no libc: no
/// interpreter, no dynamic section, no undefined symbols.
@Suite("Static executables")
struct StaticExecutableTests {
  static let products = ["hello", "args", "printenv", "exitcode", "crashtest"]

  @Test(arguments: products)
  func hasNoInterpreterAndNoDynamicSection(product: String) throws {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Products.path(product))))
    func word<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
      bytes[offset..<(offset + MemoryLayout<T>.size)].reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }
    #expect(Array(bytes[0..<4]) == [0x7f, 0x45, 0x4c, 0x46])
    #expect(bytes[4] == 2)  // ELFCLASS64
    #expect(word(18, UInt16.self) == 62)  // EM_X86_64
    let phoff = Int(word(32, UInt64.self))
    let phentsize = Int(word(54, UInt16.self))
    let phnum = Int(word(56, UInt16.self))
    var types: [UInt32] = []
    for i in 0..<phnum { types.append(word(phoff + i * phentsize, UInt32.self)) }
    #expect(!types.contains(3), "PT_INTERP")
    #expect(!types.contains(2), "PT_DYNAMIC")
    #expect(types.contains(1), "PT_LOAD")
    // No segment is writable and executable at once.
    for i in 0..<phnum where types[i] == 1 {
      let flags: UInt32 = word(phoff + i * phentsize + 4, UInt32.self)
      #expect(flags & 3 != 3, "PT_LOAD \(i) is W+X")
    }
  }

  @Test(arguments: products)
  func hasNoUndefinedSymbols(product: String) throws {
    let path = try Products.path(product)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
    process.arguments = ["-u", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(String(decoding: output, as: UTF8.self) == "")
  }
}
