import Foundation
import InitialStack
import Testing
@testable import Runtime

@Suite struct ProgramTests {
  /// The views over a synthetic initial stack: argc, argv, NULL, envp, NULL,
  /// auxv, AT_NULL, as the kernel lays them out.
  @Test func readsVectorsFromAnInitialStack() {
    let strings: [[UInt8]] = [Array("prog\0".utf8), Array("\0".utf8), [0xff, 0x41, 0], Array("A=1\0".utf8), Array("EMPTY=\0".utf8)]
    let storage = strings.map { bytes -> UnsafeMutablePointer<UInt8> in
      let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
      p.initialize(from: bytes, count: bytes.count)
      return p
    }
    defer { storage.forEach { $0.deallocate() } }
    var words: [UInt] = [3]
    words += storage[0..<3].map { UInt(bitPattern: $0) } + [0]
    words += storage[3..<5].map { UInt(bitPattern: $0) } + [0]
    words += [6, 4096, 9, 0x401000, 999, 7, 0, 0]
    words.withUnsafeBytes { stack in
      let vectors = InitialVectors.fromStack(stack.baseAddress!)
      let arguments = Arguments(base: vectors.argv, count: vectors.argc)
      #expect(arguments.count == 3)
      #expect(arguments[0].string == "prog")
      #expect(arguments[1].count == 0)
      #expect(Array(arguments[2].bytes) == [0xff, 0x41])
      let environment = Environment(base: vectors.envp)
      #expect(environment.map(\.string) == ["A=1", "EMPTY="])
      #expect(environment["A"]?.string == "1")
      #expect(environment["EMPTY"]?.string == "")
      #expect(environment["B"] == nil)
      #expect(environment["A="] == nil)
      let aux = AuxiliaryVector(base: vectors.auxv)
      #expect(aux.map(\.key.rawValue) == [6, 9, 999])
      #expect(aux[.pageSize] == 4096)
      #expect(aux[.entry] == 0x401000)
      #expect(aux[AuxiliaryVectorKey(rawValue: 999)] == 7)  // unknown keys do not end the vector
      #expect(aux[.random] == nil)
    }
  }

  /// In a hosted process the views come from /proc/self.
  @Test func hostedProcessInformationMatchesTheProcess() {
    #expect(Program.arguments.map(\.string) == CommandLine.arguments)
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["PATH"] { #expect(Program.environment["PATH"]?.string == path) }
    #expect(Program.auxiliaryVector[.pageSize] == 4096)
    #expect(Program.auxiliaryVector[.userID] == UInt(getuid()))
    #expect(Program.auxiliaryVector[.vdso] != nil)
  }

  @Test func cStringComparesBytes() {
    "--help".withCString { pointer in
      pointer.withMemoryRebound(to: UInt8.self, capacity: 7) { bytes in
        let string = CString(bytes)
        #expect(string.equals("--help"))
        #expect(!string.equals("--hel"))
        #expect(!string.equals("--helpx"))
        #expect(string.count == 6)
      }
    }
  }
}
