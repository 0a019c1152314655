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

/// How the freestanding products were linked. `Scripts/test.sh` builds both
/// trees and runs the integration tests against each.
enum BuildMode: String {
  /// Static, not position-independent (`ET_EXEC`, at the link address):
  /// `Scripts/build-freestanding.sh` builds it into `.build-freestanding/release`.
  case `static`
  /// Static-PIE (`ET_DYN`, loaded at a random address, relocating itself at
  /// startup): `Scripts/build-pie.sh` builds it into `.build-pie/release`.
  case staticPIE = "pie"

  /// Where the build script puts this tree, relative to the package.
  var relativeDirectory: String {
    switch self {
    case .static: ".build-freestanding/release"
    case .staticPIE: ".build-pie/release"
    }
  }

  /// The script that builds this tree.
  var buildScript: String {
    switch self {
    case .static: "Scripts/build-freestanding.sh"
    case .staticPIE: "Scripts/build-pie.sh"
    }
  }
}

/// Where the freestanding products are. The tree under test is chosen by
/// `NOLIBC_BUILD_MODE` (`static`, the default, or `pie`) and is found at the
/// place its build script puts it, or where `NOLIBC_PRODUCTS` says. Tests
/// that compare the two trees name the other one explicitly
/// (`path(_:in:)`), at its default place.
enum Products {
  /// The package's root directory.
  static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  /// The build mode of the tree under test. An unknown value stops the run:
  /// testing the wrong tree silently would be worse.
  static let mode: BuildMode = {
    guard let value = ProcessInfo.processInfo.environment["NOLIBC_BUILD_MODE"] else { return .static }
    guard let mode = BuildMode(rawValue: value) else {
      fatalError("NOLIBC_BUILD_MODE is '\(value)'; it must be 'static' or 'pie'")
    }
    return mode
  }()

  /// The directory of the tree under test.
  static var directory: String { directory(of: mode) }

  /// The directory of the tree built in `tree` mode.
  static func directory(of tree: BuildMode) -> String {
    if tree == mode, let explicit = ProcessInfo.processInfo.environment["NOLIBC_PRODUCTS"] { return explicit }
    return root + "/" + tree.relativeDirectory
  }

  /// The minimal-profile tree (`Scripts/build-minimal.sh`), static only.
  static var minimalDirectory: String { root + "/.build-minimal/release" }

  /// The freestanding tools (Package.swift's `tools`), linked in the mode of
  /// their tree.
  static let tools = [
    "hello", "args", "printenv", "exitcode", "crashtest", "probe", "cat", "fstat", "fileops", "maps", "memdemo",
    "runcode", "auxv", "stackdump", "stacklayout", "readelf", "vdso",
  ]

  /// The loader tools (Package.swift's `loaderTools`, by product name):
  /// static-PIE in both trees.
  static let loaderTools = ["ld.so", "ulexec"]

  /// How `product` is linked in the tree built in `tree` mode.
  static func linkage(of product: String, in tree: BuildMode = mode) -> BuildMode {
    loaderTools.contains(product) ? .staticPIE : tree
  }

  /// The path of a freestanding product in the tree under test, or in the
  /// tree built in `tree` mode; the test fails clearly if it has not been
  /// built.
  static func path(_ name: String, in tree: BuildMode = mode) throws -> String {
    let path = directory(of: tree) + "/" + name
    try #require(
      FileManager.default.isExecutableFile(atPath: path),
      "\(path) is missing: build the \(tree.rawValue) tree first (bash Scripts/test.sh does; \(tree.buildScript) builds only it)")
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

  var attributes = freshSignalAttributes()
  defer { posix_spawnattr_destroy(&attributes) }

  // A program a test has just written may be busy for a moment (ETXTBSY):
  // a child another test spawns meanwhile inherits the descriptor that
  // wrote it until that child's own exec closes it. Retry that, and only
  // that.
  var pid: pid_t = 0
  var spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
  var attempts = 0
  while spawned == ETXTBSY && attempts < 200 {
    usleep(10_000)
    attempts += 1
    spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
  }
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

/// Runs a freestanding product with string arguments (argv[0] is its path),
/// from the tree under test or the one named.
func runProduct(
  _ name: String, _ arguments: [String] = [], environment: [String] = [], input: [UInt8] = [],
  in tree: BuildMode = Products.mode
) throws -> Outcome {
  let path = try Products.path(name, in: tree)
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

/// A readable account of an outcome for failure messages (each stream cut
/// at `limit` characters).
func summary(_ outcome: Outcome, limit: Int = 4000) -> String {
  "status \(outcome.exitStatus.map(String.init) ?? "none"), signal \(outcome.signal.map(String.init) ?? "none")\n"
    + "stdout:\n\(outcome.stdout.prefix(limit))\nstderr:\n\(outcome.stderr.prefix(limit))"
}

/// The first line where two outputs differ, for failure messages.
func firstDifference(_ actual: String, _ expected: String, labels: (String, String) = ("ours", "expected")) -> String {
  let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
  for i in 0..<max(a.count, e.count) {
    let left = i < a.count ? String(a[i]) : "(end)"
    let right = i < e.count ? String(e[i]) : "(end)"
    if left != right { return "line \(i + 1):\n  \(labels.0): \(left)\n  \(labels.1): \(right)" }
  }
  return "no difference"
}

/// Spawn attributes giving a child a fresh signal state, as a shell does:
/// nothing blocked, every signal at its default action (the test runner's
/// threads may block or handle signals, and a child would inherit that).
/// The caller destroys them (`posix_spawnattr_destroy`).
func freshSignalAttributes() -> posix_spawnattr_t {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  var empty = sigset_t()
  sigemptyset(&empty)
  var all = sigset_t()
  sigfillset(&all)
  posix_spawnattr_setsigmask(&attributes, &empty)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  return attributes
}
