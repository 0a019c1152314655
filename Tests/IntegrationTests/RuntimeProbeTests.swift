import Foundation
import Testing

@Suite("Runtime in a freestanding program")
struct RuntimeProbeTests {
  @Test func auxiliaryVectorFromTheInitialStack() throws {
    let path = try Products.path("probe")
    let outcome = try run(path, arguments: [Array(path.utf8), Array("auxv".utf8)])
    let lines = outcome.stdout.split(separator: "\n")
    #expect(lines.first == "pagesize 4096")
    #expect(lines.contains("execfn " + path))
    // AT_ENTRY is the ELF header's e_entry plus the load bias: none in the
    // static tree, a non-zero multiple of the page size in the static-PIE
    // tree.
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let entry = bytes[24..<32].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let reported = try #require(lines.first { $0.hasPrefix("entry ") }.flatMap { UInt64($0.dropFirst(6), radix: 16) })
    let bias = reported &- entry
    switch Products.linkage(of: "probe") {
    case .static: #expect(bias == 0, "entry \(String(reported, radix: 16)), e_entry \(String(entry, radix: 16))")
    case .staticPIE: #expect(bias != 0 && bias % 4096 == 0, "entry \(String(reported, radix: 16)), e_entry \(String(entry, radix: 16))")
    }
    #expect(outcome.exitStatus == 0)
  }

  @Test func environmentLookup() throws {
    let found = try runProduct("probe", ["env", "NAME"], environment: ["NAMEX=no", "NAME=yes", "NAME=second"])
    #expect(found.stdout == "yes\n")
    let missing = try runProduct("probe", ["env", "NAME"], environment: ["NAMEX=no"])
    #expect(missing.stdout == "unset\n")
  }

  @Test func collectionsClassesAndIntegerPrinting() throws {
    let outcome = try runProduct("probe", ["collections"])
    // 159 = len({(i*i) % 1000 for i in 0..<1000 if (i*i) % 3 == 0}), as Python computes it.
    #expect(outcome.stdout == "count 1000, table 1000\n999\n159\n4950\n")
    #expect(outcome.exitStatus == 0)
  }

  @Test func standardInputToStandardOutput() throws {
    let input = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let outcome = try runProduct("probe", ["stdin"], input: input)
    #expect(outcome.standardOutput == input)
    #expect(outcome.exitStatus == 0)
  }

  /// Output to a pipe or file is buffered: many lines leave in few writes.
  @Test func pipedOutputIsBuffered() throws {
    let outcome = try runProduct("probe", ["lines", String(repeating: "x", count: 1000)])
    #expect(outcome.stdout == (0..<1000).map { "\($0)\n" }.joined())
  }

  /// Serializing an initial stack allocates nothing on the heap: counted by
  /// the runtime's allocator around 200 serializations.
  @Test func initialStackSerializationDoesNotAllocate() throws {
    let outcome = try runProduct("probe", ["serialize"])
    #expect(outcome.stdout == "size 240, allocations while serializing 0\n")
    #expect(outcome.exitStatus == 0)
  }
}
