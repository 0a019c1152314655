import Foundation
import Testing

/// ld.so and ulexec never jump into memory that is not code: an entry
/// point outside the executable segments is an error, not a crash.
@Suite("loader code addresses")
struct LoaderHardeningTests {
  /// A copy of /bin/true whose entry point is moved into its writable data
  /// (the start of its RW segment).
  static func trueWithEntryInData(_ directory: URL) throws -> String {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "/bin/true")))
    try bytes.withUnsafeMutableBytes { file in
      let phoff = Int(file.load(fromByteOffset: 32, as: UInt64.self))
      let count = Int(file.load(fromByteOffset: 56, as: UInt16.self))
      // The PT_LOAD with flags RW (PF_R | PF_W = 6).
      let writable = try #require(
        (0..<count).first {
          file.load(fromByteOffset: phoff + $0 * 56, as: UInt32.self) == 1
            && file.load(fromByteOffset: phoff + $0 * 56 + 4, as: UInt32.self) == 6
        })
      let address = file.load(fromByteOffset: phoff + writable * 56 + 16, as: UInt64.self)
      file.storeBytes(of: address, toByteOffset: 24, as: UInt64.self)
    }
    let path = directory.appendingPathComponent("true-entry-in-data").path
    try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o755]))
    return path
  }

  @Test func anEntryPointInDataIsRefused() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nolibc-entry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let program = try Self.trueWithEntryInData(directory)
    let reason = " : malformed file: the entry point lies outside the executable segments\n"

    let loader = try run(
      try Products.path("ld.so"), arguments: [Array("ld.so".utf8), Array(program.utf8)])
    #expect(loader.signal == nil)
    #expect(loader.exitStatus == 127)
    #expect(loader.stderr == "ld.so: " + program + reason, "\(summary(loader))")

    let exec = try run(try Products.path("ulexec"), arguments: [Array("ulexec".utf8), Array(program.utf8)])
    #expect(exec.signal == nil)
    #expect(exec.exitStatus == 126)
    #expect(exec.stderr == "ulexec: " + program + reason, "\(summary(exec))")
  }
}

/// What ld.so hands over besides the link: signal state, initializer order
/// and the program's own directory, each as glibc's ld.so does.
@Suite("ld.so hand-over")
struct LoaderHandoverTests {
  /// Builds `sources` (file name → C text, compiled with the fixtures'
  /// flags and nolibc.h) with `commands` (bash, run in a new directory with
  /// $LDSO, $SRC and $CFLAGS set) and returns the directory.
  static func build(_ sources: [String: String], _ commands: String) throws -> URL {
    let ldso = URL(fileURLWithPath: try Products.path("ld.so")).resolvingSymlinksInPath().path
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nolibc-handover-\(UUID().uuidString)")
      .resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, text) in sources {
      try #require(FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data(text.utf8)))
    }
    let script =
      "set -e; cd '\(directory.path)'; LDSO='\(ldso)'; SRC='\(root.path)/Tests/Fixtures/Loader'; "
      + "CFLAGS='-O2 -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables -Wl,-z,noexecstack -I'\"$SRC\"; "
      + commands
    let outcome = try run("/bin/bash", arguments: [Array("bash".utf8), Array("-c".utf8), Array(script.utf8)],
      environment: [Array("PATH=/usr/bin:/bin".utf8)])
    try #require(outcome.exitStatus == 0, "building failed: \(summary(outcome))")
    return directory
  }

  @Test func theProgramsFaultsAreItsOwn() throws {
    // ld.so's runtime installs crash reporting for itself; the program must
    // die of its own signal, silently, as under glibc's ld.so.
    let directory = try Self.build(
      ["trap.s": ".globl _start\n.text\n_start:\n  ud2\n"],
      "as -o trap.o trap.s; ld -pie --dynamic-linker=\"$LDSO\" -z noexecstack -o trap trap.o")
    defer { try? FileManager.default.removeItem(at: directory) }
    let program = directory.appendingPathComponent("trap").path
    for outcome in [
      try run(program, arguments: [Array(program.utf8)]),
      try run(try Products.path("ld.so"), arguments: [Array("ld.so".utf8), Array(program.utf8)]),
    ] {
      #expect(outcome.signal == 4, "\(summary(outcome))")  // SIGILL
      #expect(outcome.stderr == "", "\(summary(outcome))")
    }
  }

  @Test func independentLibrariesInitializeInGlibcsOrder() throws {
    let library = { (name: String) in
      "#include \"nolibc.h\"\n__attribute__((constructor)) static void init(void) { sys_write(1, \"\(name)\\n\", 2); }\n"
        + "int \(name.lowercased())_value = 1;\n"
    }
    let directory = try Self.build(
      [
        "liba.c": library("A"), "libb.c": library("B"), "libc2.c": library("C"),
        "main.c": "extern int a_value, b_value, c_value;\nint main(void) { return a_value + b_value + c_value - 3; }\n",
      ],
      "for l in a b c2; do gcc $CFLAGS -fPIC -shared -Wl,-soname,lib$l.so -o lib$l.so lib$l.c; done; "
        + "gcc $CFLAGS -Wl,--no-as-needed -Wl,--dynamic-linker=\"$LDSO\" -Wl,-rpath,'$ORIGIN' -o main \"$SRC/start.S\" main.c "
        + "-L. -la -lb -lc2")
    defer { try? FileManager.default.removeItem(at: directory) }
    let program = directory.appendingPathComponent("main").path
    let glibc = try run("/lib64/ld-linux-x86-64.so.2", arguments: [Array("ld-linux".utf8), Array(program.utf8)])
    try #require(glibc.exitStatus == 0, "\(summary(glibc))")
    #expect(glibc.stdout == "C\nB\nA\n")
    for outcome in [
      try run(program, arguments: [Array(program.utf8)]),
      try run(try Products.path("ld.so"), arguments: [Array("ld.so".utf8), Array(program.utf8)]),
    ] {
      #expect(outcome.exitStatus == 0, "\(summary(outcome))")
      #expect(outcome.stdout == glibc.stdout, "\(summary(outcome))")
    }
  }

  @Test func originIsTheProgramsRealDirectory() throws {
    // The program and its library in one directory, started through a
    // symbolic link in another: $ORIGIN is where the file really is.
    let directory = try Self.build(
      [
        "libhere.c": "int here_value = 42;\n",
        "main.c": "extern int here_value;\nint main(void) { return here_value; }\n",
      ],
      "mkdir real links; gcc $CFLAGS -fPIC -shared -Wl,-soname,libhere.so -o real/libhere.so libhere.c; "
        + "gcc $CFLAGS -Wl,--no-as-needed -Wl,--dynamic-linker=\"$LDSO\" -Wl,-rpath,'$ORIGIN' -o real/main \"$SRC/start.S\" main.c "
        + "-Lreal -lhere; ln -s ../real/main links/main")
    defer { try? FileManager.default.removeItem(at: directory) }
    let link = directory.appendingPathComponent("links/main").path
    for outcome in [
      try run(link, arguments: [Array(link.utf8)]),
      try run(try Products.path("ld.so"), arguments: [Array("ld.so".utf8), Array(link.utf8)]),
    ] {
      #expect(outcome.exitStatus == 42, "\(summary(outcome))")
      #expect(outcome.stderr == "", "\(summary(outcome))")
    }
  }
}
