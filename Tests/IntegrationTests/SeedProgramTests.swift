import Foundation
import Glibc
import Testing

/// The specification's file and memory programs, reproduced by the tools.
@Suite("Seed programs")
struct SeedProgramTests {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  @Test func createWriteClose() throws {
    let outcome = try runProduct("fileops", ["create", path("hello.txt")])
    #expect(outcome.exitStatus == 0)
    #expect(try String(contentsOfFile: path("hello.txt"), encoding: .utf8) == "hello world\n")
    let attributes = try FileManager.default.attributesOfItem(atPath: path("hello.txt"))
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
  }

  @Test func fallocateThenFtruncate() throws {
    let outcome = try runProduct("fileops", ["resize", path("buffer")])
    #expect(outcome.stdout == "size: 1024\nsize: 512\n")
    #expect(outcome.exitStatus == 0)
  }

  /// `fileops seek` waits on its input after printing: its descriptor 3
  /// is at 512 with the specification's flags.
  @Test func lseekShowsInFdinfo() throws {
    let child = try SpawnedProduct("fileops", ["seek", path("buffer")])
    let line = child.readLine()
    #expect(line == "Cursor position: 512\n")
    let fdinfo = try String(contentsOfFile: "/proc/\(child.pid)/fdinfo/3", encoding: .utf8)
    #expect(fdinfo.hasPrefix("pos:\t512\nflags:\t0102002\n"))
    let status = child.finish(input: [10])
    #expect(status == 0)
  }

  @Test func fileBackedSharedMappingPersistsBetweenRuns() throws {
    let data = path("data")
    let first = try runProduct("memdemo", ["persist", data], input: Array("Hello old world\n".utf8))
    #expect(first.stdout == "")
    let second = try runProduct("memdemo", ["persist", data], input: Array("Hello new world\n".utf8))
    #expect(second.stdout == "Hello old world\n")
    let contents = try [UInt8](Data(contentsOf: URL(fileURLWithPath: data)))
    #expect(contents.count == 1024)
    #expect(Array(contents.prefix(16)) == Array("Hello new world\n".utf8))
    #expect(contents.dropFirst(16).allSatisfy { $0 == 0 })
  }

  @Test func twoMappingsOfOneFileSeeEachOther() throws {
    let outcome = try runProduct("memdemo", ["shared", path("shared")])
    #expect(outcome.stdout == "b1[0] = 13\nb2[0] = 13\n")
  }

  @Test func fixedOvermapChangesTheMiddlePage() throws {
    let outcome = try runProduct("memdemo", ["overmap"])
    let lines = outcome.stdout.split(separator: "\n")
    try #require(lines.count == 6, "\(outcome.stdout)")
    #expect(lines[0] == "before:")
    #expect(lines[1].split(separator: " ")[1] == "r--p")
    #expect(lines[2] == "after:")
    let ranges = lines[3...].map { $0.split(separator: " ")[0].split(separator: "-").map { UInt($0, radix: 16)! } }
    #expect(lines[3...].map { String($0.split(separator: " ")[1]) } == ["r--p", "rw-p", "r--p"])
    #expect(ranges.allSatisfy { $0[1] - $0[0] == 4096 })
    #expect(ranges[0][1] == ranges[1][0] && ranges[1][1] == ranges[2][0])
    // The three pages are the one region of "before".
    let before = lines[1].split(separator: " ")[0].split(separator: "-").map { UInt($0, radix: 16)! }
    #expect(before == [ranges[0][0], ranges[2][1]])
  }

  @Test func mapsShowsTheHeapMadeWithBrk() throws {
    let path = try Products.path("maps")
    let outcome = try run(path, arguments: [Array(path.utf8)])
    let lines = outcome.stdout.split(separator: "\n")
    let heap = try #require(lines.first { $0.hasSuffix("[heap]") })
    let range = heap.split(separator: " ")[0].split(separator: "-").map { UInt($0, radix: 16)! }
    #expect(range[1] - range[0] == 4096)
    #expect(heap.split(separator: " ")[1] == "rw-p")
    #expect(lines.contains { $0.hasSuffix("/maps") && $0.contains("r-xp") })
    #expect(lines.contains { $0.hasSuffix("[stack]") })
    #expect(!lines.contains { $0.split(separator: " ")[1].hasPrefix("rwx") })
  }

  @Test func fstatDumpsTheKernelStructure() throws {
    let file = path("nine")
    try Data("123456789".utf8).write(to: URL(fileURLWithPath: file))
    let outcome = try runProduct("fstat", [file])
    var fields: [String: String] = [:]
    for line in outcome.stdout.split(separator: "\n") where line.hasPrefix("    ") && line.hasSuffix(",") {
      let parts = line.dropFirst(4).dropLast().split(separator: ": ", maxSplits: 1)
      if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
    }
    var expected = stat()
    try #require(lstat(file, &expected) == 0)
    #expect(outcome.stdout.hasPrefix("stat64 {\n    st_dev: "))
    #expect(outcome.stdout.hasSuffix("    __reserved: [\n        0,\n        0,\n        0,\n    ],\n}\n"))
    #expect(fields["st_dev"] == String(expected.st_dev))
    #expect(fields["st_ino"] == String(expected.st_ino))
    #expect(fields["st_nlink"] == String(expected.st_nlink))
    #expect(fields["st_mode"] == String(expected.st_mode))
    #expect(fields["st_uid"] == String(expected.st_uid))
    #expect(fields["st_size"] == "9")
    #expect(fields["st_blksize"] == String(expected.st_blksize))
    #expect(fields["st_mtime"] == String(expected.st_mtim.tv_sec))
    #expect(fields["st_mtime_nsec"] == String(expected.st_mtim.tv_nsec))
    let missing = try runProduct("fstat", [path("missing")])
    #expect(missing.exitStatus == 1)
    #expect(missing.stderr == "fstat: \(path("missing")): No such file or directory\n")
  }

  // The specification's self-modifying program (objcopy -O binary of its
  // `exploit`): it increments the immediate of its own first instruction
  // until rdi reaches 10, then exits with it.
  static let exploit: [UInt8] = [
    0xbf, 0x01, 0x00, 0x00, 0x00, 0xfe, 0x05, 0xf6, 0xff, 0xff, 0xff, 0x48, 0x83, 0xff, 0x0a,
    0x72, 0xef, 0xb8, 0x3c, 0x00, 0x00, 0x00, 0x0f, 0x05,
  ]

  @Test func codeFromStandardInputRunsUnderWXorX() throws {
    #expect(try runProduct("runcode", input: Self.exploit).exitStatus == 10)
    #expect(try runProduct("runcode", input: [0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3]).exitStatus == 42)  // mov eax, 42; ret
    #expect(try runProduct("runcode").exitStatus == 0)
    let garbage = try runProduct("runcode", input: Array("hello world\n".utf8))
    #expect(garbage.signal == SIGSEGV)
    #expect(garbage.stderr.hasPrefix("fatal signal: Segmentation fault (SIGSEGV)"))
  }

  /// Self-modifying code of other forms: add to a byte and to a dword
  /// through a register, and sub with a borrow, each checked by its result.
  @Test func writeEmulationCoversCommonForms() throws {
    // lea rax, [rip+data]; add byte [rax], 5; add dword [rax+1], 0x01020304;
    // mov ecx, [rax+1]; movzx eax, byte [rax]; add eax, ecx; ret; data: 7, 0,0,0,0
    let code: [UInt8] = [
      0x48, 0x8d, 0x05, 0x13, 0x00, 0x00, 0x00,  // lea rax, [rip+0x13]: the data, 26 bytes in
      0x80, 0x00, 0x05,  // add byte [rax], 5
      0x81, 0x40, 0x01, 0x04, 0x03, 0x02, 0x01,  // add dword [rax+1], 0x01020304
      0x8b, 0x48, 0x01,  // mov ecx, [rax+1]
      0x0f, 0xb6, 0x00,  // movzx eax, byte [rax]
      0x01, 0xc8,  // add eax, ecx
      0xc3,  // ret
      0x07, 0x00, 0x00, 0x00, 0x00,
    ]
    // 12 + 0x01020304 = 0x01020310; the exit status is its low byte, 0x10.
    #expect(try runProduct("runcode", input: code).exitStatus == 0x10)
  }

  /// While code runs, no page of the process is writable and executable.
  @Test func noMappingIsWritableAndExecutable() throws {
    // mov eax, 34 (pause); syscall; ret
    let child = try SpawnedProduct("runcode", [], input: [0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3])
    usleep(200_000)
    let maps = try String(contentsOfFile: "/proc/\(child.pid)/maps", encoding: .utf8)
    kill(child.pid, SIGKILL)
    _ = child.finish(input: [])
    let permissions = maps.split(separator: "\n").map { $0.split(separator: " ")[1] }
    #expect(permissions.contains("r-xs"))  // the code's executable view
    #expect(permissions.contains("rw-s"))  // and its writable view
    #expect(!permissions.contains { $0.hasPrefix("rwx") })
  }
}

/// A freestanding product running with pipes on its standard input and
/// output, for tests that talk to it while it runs.
final class SpawnedProduct {
  let pid: pid_t
  let input: Int32
  let output: Int32
  /// Whether `input` was closed already: closing a number twice could close
  /// a descriptor another test (running in parallel) has just been given.
  var inputClosed = false

  init(_ name: String, _ arguments: [String], input initial: [UInt8]? = nil) throws {
    let path = try Products.path(name)
    let inPipe = try closeOnExecPipe()
    let outPipe = try closeOnExecPipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_addclose(&actions, inPipe[1])
    posix_spawn_file_actions_addclose(&actions, outPipe[0])
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let envp: [UnsafeMutablePointer<CChar>?] = [nil]
    var pid: pid_t = 0
    try #require(posix_spawn(&pid, path, &actions, nil, argv, envp) == 0)
    close(inPipe[0])
    close(outPipe[1])
    self.pid = pid
    self.input = inPipe[1]
    self.output = outPipe[0]
    if let initial {
      _ = initial.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
      close(input)
      inputClosed = true
    }
  }

  /// Reads standard output up to and including the first newline.
  func readLine() -> String {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while read(output, &byte, 1) == 1 {
      bytes.append(byte)
      if byte == 10 { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes `bytes` to standard input, closes it, and waits for the exit
  /// status (or 128 + signal).
  func finish(input bytes: [UInt8]) -> Int32 {
    if !inputClosed {
      if !bytes.isEmpty { _ = bytes.withUnsafeBytes { write(input, $0.baseAddress, $0.count) } }
      close(input)
      inputClosed = true
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    close(output)
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }
}
