import Foundation
import Linux
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended and what it wrote.
struct Outcome {
  var exitStatus: Int32?
  var signal: Int32?
  var standardOutput: [UInt8]
  var standardError: [UInt8]

  var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
  var stderr: String { String(decoding: standardError, as: UTF8.self) }
}

/// Where the freestanding products are: built by the test command
/// (`Scripts/test.sh`) into `.build-freestanding/release`, or named by
/// `NOLIBC_PRODUCTS`.
enum Products {
  static let directory: String = {
    if let explicit = ProcessInfo.processInfo.environment["NOLIBC_PRODUCTS"] { return explicit }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build-freestanding/release").path
  }()

  /// The path of a freestanding product; the test fails clearly if it has
  /// not been built.
  static func path(_ name: String) throws -> String {
    let path = directory + "/" + name
    try #require(
      FileManager.default.isExecutableFile(atPath: path),
      "\(path) is missing: build the freestanding products first (bash Scripts/test.sh does)")
    return path
  }
}

/// Runs `path` with exactly `arguments` (argv, including argv[0]) and
/// `environment` as raw bytes, standard input from `input`, and collects the
/// outcome. Uses posix_spawn so that arguments need not be valid UTF-8.
func run(
  _ path: String, arguments: [[UInt8]], environment: [[UInt8]] = [], input: [UInt8] = [],
  stdoutPath: String? = nil
) throws -> Outcome {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nolibc-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let inPath = directory.appendingPathComponent("in").path
  let outPath = stdoutPath ?? directory.appendingPathComponent("out").path
  let errPath = directory.appendingPathComponent("err").path
  try #require(FileManager.default.createFile(atPath: inPath, contents: Data(input)))

  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

  func cStrings(_ list: [[UInt8]]) -> [UnsafeMutablePointer<CChar>?] {
    list.map { bytes in
      let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
      for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
      p[bytes.count] = 0
      return p
    } + [nil]
  }
  let argv = cStrings(arguments)
  let envp = cStrings(environment)
  defer { (argv + envp).forEach { $0?.deallocate() } }

  // A fresh signal state, as a shell gives: the test runner's threads may
  // block or handle signals, and a child would inherit that.
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var empty = sigset_t()
  sigemptyset(&empty)
  var all = sigset_t()
  sigfillset(&all)
  posix_spawnattr_setsigmask(&attributes, &empty)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

  var pid: pid_t = 0
  let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
  try #require(spawned == 0, "posix_spawn \(path) failed: \(String(cString: strerror(spawned)))")
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}

  let out = stdoutPath == nil ? (FileManager.default.contents(atPath: outPath) ?? Data()) : Data()
  let err = FileManager.default.contents(atPath: errPath) ?? Data()
  let exited = status & 0x7f == 0
  return Outcome(
    exitStatus: exited ? (status >> 8) & 0xff : nil,
    signal: exited ? nil : status & 0x7f,
    standardOutput: Array(out), standardError: Array(err))
}

/// Runs a freestanding product with string arguments (argv[0] is its path).
func runProduct(
  _ name: String, _ arguments: [String] = [], environment: [String] = [], input: [UInt8] = []
) throws -> Outcome {
  let path = try Products.path(name)
  return try run(
    path, arguments: ([path] + arguments).map { Array($0.utf8) },
    environment: environment.map { Array($0.utf8) }, input: input)
}

/// A pipe whose ends are close-on-exec, so that children other tests spawn
/// meanwhile do not inherit them (posix_spawn's dup2 onto 0, 1 or 2 clears
/// the flag for the child that should have them). Glibc's module does not
/// export pipe2, so this makes the system call itself.
func closeOnExecPipe() throws -> [Int32] {
  var fds: (Int32, Int32) = (-1, -1)
  let result = withUnsafeMutablePointer(to: &fds) { Syscall.call(.pipe2, Int(bitPattern: $0), Int(O_CLOEXEC)) }
  try #require(result == 0, "pipe2 failed")
  return [fds.0, fds.1]
}
