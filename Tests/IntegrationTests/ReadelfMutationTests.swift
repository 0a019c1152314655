import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

// Truncated and mutated ELF files given to the freestanding readelf: it must
// never die by a signal or a trap, never hang, and end with status 0 (the
// damage was harmless, or only warned about) or 1 with a message on
// standard error (issue 5, second acceptance point).
//
// The originals are the fuzz target's committed seed corpus (Fuzz/ELF/corpus:
// small real files of every kind — ELF32 and ELF64, both byte orders,
// objects, static and dynamic executables, shared objects with versions,
// RELR, section groups, the vDSO, a file without section headers), so the
// variants are the same on every machine. Every variant is derived from a
// generator seeded by the original's name: a failure names its variant,
// and the same run reproduces it (failing variants are also copied to
// $TMPDIR/readelf-mutation-failures). READELF_MUTATION_SEEDS=DIR starts
// from the files of DIR instead (at least 8), e.g. larger real files.

@Suite("readelf on truncated and mutated files")
struct ReadelfMutationTests {
  /// The option sets each variant is displayed with. `-a` shows everything,
  /// but an error in one part can end a file's display, so the parts that
  /// read the deeper tables also run on their own.
  static let optionSets: [[String]] = [
    ["-W", "-a"], ["-W", "-h", "-l"], ["-W", "-S"], ["-W", "-g"], ["-W", "-s"], ["-W", "--dyn-syms"], ["-W", "-r"],
    ["-W", "-d"], ["-W", "-V"], ["-W", "-n"], ["-W", "-u", "-A", "-I"],
  ]

  @Test func truncatedAndMutatedFilesGiveOutputOrAnError() throws {
    let readelf = try Products.path("readelf")
    let seeds = try FileManager.default.contentsOfDirectory(atPath: ELFMutator.seedDirectory).sorted()
    try #require(seeds.count >= 8, "the seed corpus \(ELFMutator.seedDirectory) is missing")

    // Memory-backed when possible: creating some 25,000 files on a busy
    // disk can take longer than running readelf on all of them.
    let base =
      access("/dev/shm", W_OK) == 0 ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
    let directory = base.appendingPathComponent("readelf-mutations-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var written: [String] = []
    defer {
      for path in written { unlink(path) }
      rmdir(directory.path)
    }
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
      let path = directory.appendingPathComponent(name).path
      let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      try #require(fd >= 0, "cannot create \(path)")
      defer { close(fd) }
      let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      try #require(count == bytes.count, "cannot write \(path)")
      written.append(path)
      return path
    }

    // Every variant of every seed, written as a file named after it.
    var originals: [String] = []
    var variants: [String] = []
    for seed in seeds {
      let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ELFMutator.seedDirectory + "/" + seed)))
      originals.append(try write(bytes, seed))
      for variant in ELFMutator(name: seed, bytes: bytes).variants() {
        variants.append(try write(variant.bytes, variant.name))
      }
    }
    #expect(variants.count >= 5000)

    // The undamaged files display without an error.
    for options in Self.optionSets {
      let outcome = try runWithTimeout(readelf, options + originals, seconds: 60, scratch: directory)
      #expect(outcome.exitStatus == 0, "readelf \(options.joined(separator: " ")) on the seeds: \(outcome.summary)")
    }

    // Variants go to readelf in batches (it takes many files); a batch
    // that fails is run again file by file to name the culprit.
    let batchSize = 48
    let jobs: [(options: [String], files: ArraySlice<String>)] = Self.optionSets.flatMap { options in
      stride(from: 0, to: variants.count, by: batchSize).map { start in
        (options, variants[start..<min(start + batchSize, variants.count)])
      }
    }
    let failures = FailureLog()
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let job = jobs[index]
      guard !failures.isFull else { return }
      do {
        let outcome = try runWithTimeout(readelf, job.options + job.files, seconds: 30, scratch: directory)
        if outcome.isAcceptable { return }
        for file in job.files {
          let single = try runWithTimeout(readelf, job.options + [file], seconds: 10, scratch: directory)
          if !single.isAcceptable { failures.add(file: file, options: job.options, outcome: single) }
        }
      } catch {
        failures.add(message: "running readelf failed: \(error)")
      }
    }
    let report = failures.report()
    #expect(report.isEmpty, "\(report)")
  }
}

/// How one readelf run ended.
struct TimedOutcome {
  var exitStatus: Int32?
  var signal: Int32?
  var timedOut: Bool
  var standardError: String

  /// Exit 0, or exit 1 with only `readelf: …` lines on standard error
  /// (at least one): not killed, not trapped (a trap exits with 255), not
  /// hung.
  var isAcceptable: Bool {
    guard !timedOut, signal == nil, let exitStatus else { return false }
    let lines = standardError.split(separator: "\n")
    guard lines.allSatisfy({ $0.hasPrefix("readelf: ") }) else { return false }
    return exitStatus == 0 || (exitStatus == 1 && !lines.isEmpty)
  }

  var summary: String {
    let how =
      timedOut
      ? "hung (killed after the timeout)"
      : signal.map { "killed by signal \($0)" } ?? "exit status \(exitStatus ?? -1)"
    return "\(how); stderr: \(standardError.prefix(300))"
  }
}

/// Runs `path` with `arguments` (argv[0] is the path), standard output to
/// /dev/null and standard error to a temporary file in `scratch`, killing
/// it after `seconds`.
func runWithTimeout(_ path: String, _ arguments: [String], seconds: Double, scratch: URL) throws -> TimedOutcome {
  let errorPath = scratch.appendingPathComponent("stderr-\(UUID().uuidString)").path
  defer { unlink(errorPath) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  var attributes = freshSignalAttributes()
  defer { posix_spawnattr_destroy(&attributes) }
  let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  let envp: [UnsafeMutablePointer<CChar>?] = [nil]

  var pid: pid_t = 0
  let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
  try #require(spawned == 0, "posix_spawn \(path) failed: \(String(cString: strerror(spawned)))")
  let deadline = Date().addingTimeInterval(seconds)
  var status: Int32 = 0
  var timedOut = false
  var pause: useconds_t = 100
  while true {
    let result = waitpid(pid, &status, WNOHANG)
    if result == pid { break }
    if result < 0 && errno != EINTR { break }
    if Date() > deadline {
      timedOut = true
      kill(pid, SIGKILL)
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      break
    }
    usleep(pause)
    pause = min(pause * 2, 20_000)
  }
  let errorText = String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self)
  let exited = status & 0x7f == 0
  return TimedOutcome(
    exitStatus: exited ? (status >> 8) & 0xff : nil, signal: exited || timedOut ? nil : status & 0x7f,
    timedOut: timedOut, standardError: errorText)
}

/// The failures found, shared by the workers.
final class FailureLog: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  private var files: [String] = []
  /// Enough to act on; more would only make the test slower.
  let limit = 20

  var isFull: Bool { lock.withLock { lines.count >= limit } }

  func add(file: String, options: [String], outcome: TimedOutcome) {
    lock.withLock {
      lines.append(
        "readelf \(options.joined(separator: " ")) \((file as NSString).lastPathComponent): \(outcome.summary)")
      files.append(file)
    }
  }

  func add(message: String) { lock.withLock { lines.append(message) } }

  /// The failures, one per line, with where the failing variants were
  /// kept (copied out of the test's directory, which it removes); empty if
  /// there were none.
  func report() -> String {
    lock.withLock {
      guard !lines.isEmpty else { return "" }
      let kept = FileManager.default.temporaryDirectory.appendingPathComponent("readelf-mutation-failures")
      try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
      for file in files {
        let target = kept.appendingPathComponent((file as NSString).lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(atPath: file, toPath: target.path)
      }
      return lines.sorted().joined(separator: "\n") + (files.isEmpty ? "" : "\n(variants kept in \(kept.path))")
    }
  }
}
