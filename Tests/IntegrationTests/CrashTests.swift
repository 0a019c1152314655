import Foundation
import Testing

@Suite("Fatal errors and crashes")
struct CrashTests {
  @Test(arguments: ["precondition", "overflow", "unwrap", "index", "fatal"])
  func swiftTrapsExit255WithAMessage(kind: String) throws {
    let outcome = try runProduct("crashtest", [kind])
    #expect(outcome.exitStatus == 255)
    #expect(outcome.signal == nil)
    // Output printed before the failure is not lost.
    #expect(outcome.stdout == "before the failure\n")
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(outcome.stderr.hasPrefix("fatal error: Swift runtime trap at 0x"))
  }

  @Test func badPointerDiesBySIGSEGVAfterItsLine() throws {
    let outcome = try runProduct("crashtest", ["segv"])
    #expect(outcome.signal == SIGSEGV)
    #expect(outcome.stdout == "before the failure\n")
    #expect(outcome.stderr.hasPrefix("fatal signal: Segmentation fault (SIGSEGV) at address 0x10, instruction 0x"))
    #expect(outcome.stderr.split(separator: "\n").count == 1)
  }

  @Test func stackOverflowIsReportedOnTheAlternateStack() throws {
    let outcome = try runProduct("crashtest", ["stack"])
    #expect(outcome.signal == SIGSEGV)
    #expect(outcome.stderr.hasPrefix("fatal signal: Segmentation fault (SIGSEGV) at address 0x7"))
  }

  @Test func doubleFreeIsCaught() throws {
    let outcome = try runProduct("crashtest", ["doublefree"])
    #expect(outcome.signal == SIGABRT)
    #expect(outcome.stderr == "free(): double free detected\n")
  }

  @Test func wildFreeIsCaught() throws {
    let outcome = try runProduct("crashtest", ["wildfree"])
    #expect(outcome.signal == SIGABRT)
    #expect(outcome.stderr == "free(): invalid pointer\n")
  }

  @Test func controlRunExitsNormally() throws {
    let outcome = try runProduct("crashtest", ["exit", "abc"])
    #expect(outcome.exitStatus == 3)
    #expect(outcome.stdout == "before the failure\n")
  }
}
