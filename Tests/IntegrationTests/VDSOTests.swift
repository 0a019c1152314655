import Foundation
import Testing

/// The vDSO binding of freestanding programs: the `vdso` tool (its dump
/// checked with GNU readelf) and `probe clocks`, which reads every clock
/// through the vDSO, the system call and `Clock.now()` alternately.
@Suite("vdso")
struct VDSOTests {
  /// The tool's table: (name, version, value, address) per entry point.
  static func entries(_ stdout: String) -> [(name: String, version: String, value: UInt64, address: UInt64)] {
    stdout.split(separator: "\n").compactMap { line in
      let fields = line.split(separator: " ")
      guard fields.count == 4, fields[0].hasPrefix("__vdso_"), let value = UInt64(fields[2].dropFirst(2), radix: 16),
        let address = UInt64(fields[3].dropFirst(2), radix: 16)
      else { return nil }
      return (String(fields[0]), String(fields[1]), value, address)
    }
  }

  /// `readelf -W --dyn-syms`: "NAME@VERSION" (one or two `@`) to value.
  static func dynamicSymbols(_ path: String) throws -> [String: UInt64] {
    let outcome = try run("/usr/bin/readelf", arguments: ["readelf", "-W", "--dyn-syms", path].map { Array($0.utf8) })
    #expect(outcome.exitStatus == 0 && outcome.stderr.isEmpty, "\(outcome.stderr)")
    var result: [String: UInt64] = [:]
    for line in outcome.stdout.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 8, fields[0].hasSuffix(":"), let value = UInt64(fields[1], radix: 16) else { continue }
      result[fields[7].replacingOccurrences(of: "@@", with: "@")] = value
    }
    return result
  }

  @Test func writesTheImageReadelfReads() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vdso-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("vdso.so").path
    let outcome = try runProduct("vdso", [path])
    #expect(outcome.exitStatus == 0)
    #expect(outcome.stderr.isEmpty)
    let image = try #require(FileManager.default.contents(atPath: path))
    #expect(Array(image.prefix(4)) == [0x7f, 0x45, 0x4c, 0x46])
    // "vDSO at 0xADDRESS, N bytes"
    let first = try #require(outcome.stdout.split(separator: "\n").first)
    let words = first.split(separator: " ")
    #expect(words.count == 5 && words[0] == "vDSO" && words[4] == "bytes")
    #expect(Int(words[3]) == image.count)
    let base = try #require(UInt64(words[2].dropFirst(2).dropLast(), radix: 16))

    // The whole file: readelf finds the section headers at the end and
    // reads every table without a warning.
    let all = try run("/usr/bin/readelf", arguments: ["readelf", "-W", "-a", path].map { Array($0.utf8) })
    #expect(all.exitStatus == 0 && all.stderr.isEmpty, "\(all.stderr)")
    #expect(all.stdout.contains(".dynsym") && all.stdout.contains("linux-vdso.so.1"))

    let listed = Self.entries(outcome.stdout)
    #expect(Set(listed.map(\.name)).isSuperset(of: [
      "__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time", "__vdso_clock_getres", "__vdso_getcpu",
    ]))
    let symbols = try Self.dynamicSymbols(path)
    for entry in listed {
      #expect(entry.version == "LINUX_2.6")
      #expect(symbols[entry.name + "@" + entry.version] == entry.value, "\(entry.name)")
      #expect(entry.address == base + entry.value, "the vDSO is linked at 0: \(entry.name)")
    }
  }

  @Test func printsWithoutWriting() throws {
    for arguments in [[], ["-"], ["--", "-"]] {
      let outcome = try runProduct("vdso", arguments)
      #expect(outcome.exitStatus == 0)
      #expect(outcome.stdout.hasPrefix("vDSO at 0x"))
      #expect(Self.entries(outcome.stdout).contains { $0.name == "__vdso_clock_gettime" })
    }
    let help = try runProduct("vdso", ["--help"])
    #expect(help.exitStatus == 0 && help.stdout.hasPrefix("Usage: vdso [OPTION] [FILE]\n"))
  }

  @Test func usageAndWriteErrors() throws {
    let unknown = try runProduct("vdso", ["--bogus"])
    #expect(unknown.exitStatus == 2)
    #expect(unknown.stderr == "vdso: unrecognized option '--bogus'\nTry 'vdso --help' for more information.\n")
    let short = try runProduct("vdso", ["-x"])
    #expect(short.exitStatus == 2)
    #expect(short.stderr == "vdso: invalid option -- 'x'\nTry 'vdso --help' for more information.\n")
    let extra = try runProduct("vdso", ["a", "b"])
    #expect(extra.exitStatus == 2)
    #expect(extra.stderr == "vdso: extra operand 'b'\nTry 'vdso --help' for more information.\n")
    #expect(extra.stdout.isEmpty)

    let missing = try runProduct("vdso", ["/nonexistent-directory/vdso.so"])
    #expect(missing.exitStatus == 1)
    #expect(missing.stderr == "vdso: /nonexistent-directory/vdso.so: No such file or directory\n")
    let directory = try runProduct("vdso", ["/"])
    #expect(directory.exitStatus == 1)
    #expect(directory.stderr == "vdso: /: Is a directory\n")
  }

  /// One reading of `probe clocks`: where it came from, the result (0 or
  /// -errno) and the time in nanoseconds.
  struct Reading {
    var source: String
    var result: Int
    var time: Int
  }

  /// `probe clocks`: for every clock, the vDSO, the system call, the vDSO
  /// again and `Clock.now()` (bound to the vDSO by the runtime) agree:
  /// the same result, errors included, and, for the clocks that only go
  /// forward, times in the order they were read, close together.
  @Test func vdsoAndSystemCallsAgree() throws {
    let outcome = try runProduct("probe", ["clocks"])
    #expect(outcome.exitStatus == 0)
    #expect(outcome.stderr.isEmpty)
    let lines = outcome.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let bound = lines.filter { $0.first == "vdso" }.map { $0[1] }
    #expect(Set(bound).isSuperset(of: ["__vdso_clock_gettime", "__vdso_clock_getres", "__vdso_gettimeofday"]))

    // clock ID (SOURCE RESULT SECONDS NANOSECONDS) x 4
    let clocks = lines.filter { $0.first == "clock" }
    #expect(clocks.count == 11)
    for line in clocks {
      try #require(line.count == 2 + 4 * 4, "\(line)")
      let id = Int(line[1])!
      let readings = (0..<4).map { (i: Int) -> Reading in
        let base = 2 + 4 * i
        let seconds = Int(line[base + 2])!
        let nanoseconds = Int(line[base + 3])!
        return Reading(source: line[base], result: Int(line[base + 1])!, time: seconds * 1_000_000_000 + nanoseconds)
      }
      #expect(readings.map(\.source) == ["vdso", "syscall", "vdso", "now"])
      #expect(Set(readings.map(\.result)).count == 1, "clock \(id): \(line)")
      if [100, -1].contains(id) {
        #expect(readings[0].result == -22, "clock \(id): EINVAL everywhere")
        continue
      }
      #expect(readings[0].result == 0, "clock \(id)")
      let times = readings.map(\.time)
      // REALTIME and TAI could be stepped between two readings; every other
      // clock only goes forward.
      if ![0, 5, 11].contains(id) { #expect(times == times.sorted(), "clock \(id): \(line)") }
      #expect(times.max()! - times.min()! < 1_000_000_000, "clock \(id): \(line)")
    }

    // res ID (SOURCE RESULT SECONDS NANOSECONDS) x 3: identical.
    let resolutions = lines.filter { $0.first == "res" }
    #expect(resolutions.count == 11)
    for line in resolutions {
      try #require(line.count == 2 + 3 * 4, "\(line)")
      #expect([line[2], line[6], line[10]] == ["vdso", "syscall", "now"])
      #expect(line[3..<6] == line[7..<10] && line[7..<10] == line[11..<14], "\(line)")
    }

    // timeofday syscall R S US vdso R S US now S US syscall R S US
    let day = try #require(lines.first { $0.first == "timeofday" })
    try #require(day.count == 16, "\(day)")
    #expect(day[2] == "0" && day[6] == "0" && day[13] == "0")
    let micro = [(3, 4), (7, 8), (10, 11), (14, 15)].map { (s: Int, us: Int) -> Int in
      Int(day[s])! * 1_000_000 + Int(day[us])!
    }
    #expect(micro.max()! - micro.min()! < 1_000_000, "\(day)")

    // time syscall T now T syscall T
    let time = try #require(lines.first { $0.first == "time" })
    try #require(time.count == 7)
    let seconds = [Int(time[2])!, Int(time[4])!, Int(time[6])!]
    #expect(seconds == seconds.sorted() && seconds[2] - seconds[0] <= 1)

    // cpu syscall R CPU NODE now R CPU NODE
    let cpu = try #require(lines.first { $0.first == "cpu" })
    try #require(cpu.count == 9)
    #expect(cpu[2] == "0" && cpu[6] == "0")
    #expect(Int(cpu[3])! < ProcessInfo.processInfo.processorCount && Int(cpu[7])! < ProcessInfo.processInfo.processorCount)
  }

  /// Programs that never ask for the time contain none of the binding: not
  /// the table, not the binder, not the ELF reader.
  @Test func onlyProgramsThatAskForTheTimeContainIt() throws {
    func symbols(_ product: String) throws -> String {
      let outcome = try run("/usr/bin/nm", arguments: ["nm", try Products.path(product)].map { Array($0.utf8) })
      try #require(outcome.exitStatus == 0)
      return outcome.stdout
    }
    let hello = try symbols("hello")
    #expect(!hello.contains("nl_vdso"))
    #expect(!hello.contains("ELFFile"))
    let probe = try symbols("probe")
    #expect(probe.contains(" nl_vdso_bind\n") && probe.contains(" nl_vdso\n"))
  }
}
