import Foundation
import Glibc
import Linux
import Testing

/// Standard output is line buffered on a terminal and fully buffered
/// elsewhere: `probe prompt` prints a line and then waits for its input to
/// end. On a terminal the line must arrive while it waits; on a pipe only at
/// exit.
@Suite("Terminal output")
struct TerminalTests {
  /// Spawns `probe prompt` with standard input from a pipe we hold and
  /// standard output to `stdoutPath` or to `stdoutFD`; returns the pid and
  /// the write end of the input pipe.
  static func spawnPrompt(stdoutPath: String?, stdoutFD: Int32?) throws -> (pid_t, Int32) {
    let path = try Products.path("probe")
    let input = try closeOnExecPipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_addclose(&actions, input[1])
    if let stdoutPath { posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_NOCTTY, 0) }
    if let stdoutFD { posix_spawn_file_actions_adddup2(&actions, stdoutFD, 1) }
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup("prompt"), nil]
    let envp: [UnsafeMutablePointer<CChar>?] = [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    try #require(posix_spawn(&pid, path, &actions, nil, argv, envp) == 0)
    close(input[0])
    return (pid, input[1])
  }

  /// Reads what arrives on `fd` until a line is complete or `milliseconds`
  /// pass without data.
  static func readAvailable(_ fd: Int32, milliseconds: Int32) -> String {
    var collected: [UInt8] = []
    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while poll(&poller, 1, milliseconds) > 0 {
      var buffer = [UInt8](repeating: 0, count: 256)
      let count = read(fd, &buffer, 256)
      if count <= 0 { break }
      collected += buffer[..<count]
      if collected.last == 10 { break }
    }
    return String(decoding: collected, as: UTF8.self)
  }

  @Test func aTerminalGetsEachLineAtOnce() throws {
    // A pseudo-terminal pair, as posix_openpt/unlockpt/ptsname make it:
    // TIOCSPTLCK (0x40045431) unlocks, TIOCGPTN (0x80045430) numbers it.
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    try #require(master >= 0)
    defer { close(master) }
    var unlock: Int32 = 0
    var number: Int32 = -1
    try #require(withUnsafeMutablePointer(to: &unlock) {
      Syscall.call(.ioctl, Int(master), 0x4004_5431, Int(bitPattern: $0)) } == 0)
    try #require(withUnsafeMutablePointer(to: &number) {
      Syscall.call(.ioctl, Int(master), 0x8004_5430, Int(bitPattern: $0)) } == 0)
    let slave = "/dev/pts/\(number)"
    let (pid, input) = try Self.spawnPrompt(stdoutPath: slave, stdoutFD: nil)
    // The line arrives while the program still waits for its input.
    let early = Self.readAvailable(master, milliseconds: 3000)
    close(input)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let late = Self.readAvailable(master, milliseconds: 200)
    #expect(early == "question?\r\n")
    #expect(late == "done\r\n")
    #expect(status == 0)
  }

  @Test func aPipeGetsOutputAtExit() throws {
    let output = try closeOnExecPipe()
    defer { close(output[0]) }
    let (pid, input) = try Self.spawnPrompt(stdoutPath: nil, stdoutFD: output[1])
    close(output[1])
    let early = Self.readAvailable(output[0], milliseconds: 300)
    close(input)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let late = Self.readAvailable(output[0], milliseconds: 200)
    #expect(early == "")
    #expect(late == "question?\ndone\n")
  }
}
