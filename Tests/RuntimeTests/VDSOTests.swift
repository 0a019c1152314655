import Foundation
import Glibc
import Linux
import Testing
@testable import Runtime

/// The runtime's view of the vDSO in a hosted process (the same code the
/// freestanding binder runs; the freestanding binding itself is tested by
/// IntegrationTests/VDSOTests through `probe clocks`).
@Suite struct VDSOTests {
  static func name(_ symbol: VDSO.Symbol) -> String {
    String(decoding: UnsafeRawBufferPointer(start: symbol.name.utf8Start, count: symbol.name.utf8CodeUnitCount), as: UTF8.self)
  }

  @Test func findsTheEntryPoints() throws {
    let header = try #require(VDSO.headerAddress)
    let image = try #require(VDSO.image)
    #expect(UInt(bitPattern: image.baseAddress) == header)
    #expect(Array(image.prefix(4)) == [0x7f, 0x45, 0x4c, 0x46])
    let symbols = VDSO.symbols
    let names = symbols.map(Self.name)
    for expected in ["__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time", "__vdso_clock_getres", "__vdso_getcpu"] {
      #expect(names.contains(expected), "\(expected)")
    }
    for symbol in symbols {
      #expect(symbol.version.description == "LINUX_2.6")
      // The vDSO is linked at address 0: a value is its offset in the image.
      #expect(symbol.address == header + UInt(symbol.value))
      #expect(symbol.value < UInt64(image.count))
    }
  }

  /// The entry points found are the functions: their answers agree with
  /// the system calls'.
  @Test func entryPointsAnswerLikeTheSystemCalls() throws {
    let symbols = VDSO.symbols
    let clockAddress = try #require(symbols.first { Self.name($0) == "__vdso_clock_gettime" }).address
    let resolutionAddress = try #require(symbols.first { Self.name($0) == "__vdso_clock_getres" }).address
    let timeAddress = try #require(symbols.first { Self.name($0) == "__vdso_time" }).address
    typealias ClockCall = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Int32
    typealias TimeCall = @convention(c) (UnsafeMutablePointer<Int>?) -> Int
    let clock = unsafeBitCast(UnsafeRawPointer(bitPattern: clockAddress), to: ClockCall.self)
    let resolution = unsafeBitCast(UnsafeRawPointer(bitPattern: resolutionAddress), to: ClockCall.self)
    let time = unsafeBitCast(UnsafeRawPointer(bitPattern: timeAddress), to: TimeCall.self)
    for id: Int32 in [0, 1, 4, 5, 6, 7, 11, 2, 3, 100, -1] {
      var viaVDSO = TimeSpec.zero
      var viaSyscall = TimeSpec.zero
      var after = TimeSpec.zero
      let first = withUnsafeMutablePointer(to: &viaSyscall) { Syscall.call(.clock_gettime, Int(id), Int(bitPattern: $0)) }
      let second = withUnsafeMutablePointer(to: &viaVDSO) { Int(clock(id, $0)) }
      _ = withUnsafeMutablePointer(to: &after) { Syscall.call(.clock_gettime, Int(id), Int(bitPattern: $0)) }
      #expect(first == second, "clock \(id)")
      if first == 0 {
        #expect(viaSyscall <= viaVDSO && viaVDSO <= after, "clock \(id)")
      }
      var resolutionVDSO = TimeSpec.zero
      var resolutionSyscall = TimeSpec.zero
      let r1 = withUnsafeMutablePointer(to: &resolutionSyscall) { Syscall.call(.clock_getres, Int(id), Int(bitPattern: $0)) }
      let r2 = withUnsafeMutablePointer(to: &resolutionVDSO) { Int(resolution(id, $0)) }
      #expect(r1 == r2 && resolutionVDSO == resolutionSyscall, "clock \(id)")
    }
    let before = Syscall.call(.time, 0)
    let seconds = time(nil)
    #expect(before <= seconds && seconds <= Syscall.call(.time, 0))
  }
}
