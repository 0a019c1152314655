// ulexec: a userland exec. Loads a program into this process and starts it
// as the kernel's execve would, without execve.
//
//   ulexec [--] PROGRAM [ARGS...]      (also --help, --version)
//
// PROGRAM without a `/` is searched in PATH as execvp does (PATH unset:
// /bin:/usr/bin; an empty entry is the current directory); the first
// regular file with execute permission wins. PROGRAM may be a static
// executable (ET_EXEC), a static-PIE, or a dynamic executable (PIE or not):
// it is mapped as the kernel maps it, and for a dynamic one the interpreter
// its PT_INTERP names (glibc's /lib64/ld-linux-x86-64.so.2, musl's, our
// ld.so) is mapped too, at an address the kernel chooses (as ET_DYN),
// and entered first. The program gets a fresh initial stack in the
// kernel's layout (Loader/ExecStack.swift): argv = PROGRAM as given and
// ARGS, envp = this process's environment, and an auxiliary vector for the
// new image (AT_PHDR, AT_PHENT, AT_PHNUM, AT_ENTRY, AT_BASE = the
// interpreter's base or 0, AT_FLAGS 0, fresh AT_RANDOM bytes, AT_PLATFORM
// "x86_64", AT_EXECFN = the path opened) with the rest forwarded from ours
// (AT_SYSINFO_EHDR, AT_MINSIGSTKSZ, AT_HWCAP, AT_HWCAP2, AT_PAGESZ,
// AT_CLKTCK, the ids, AT_SECURE, AT_RSEQ_*), in the kernel's order.
//
// What changes, as with execve:
// - the stack: a new block 64 KiB below ulexec's stack pointer, inside the
//   process's [stack] mapping (glibc finds the main thread's stack there);
//   argc at rsp, 16-byte aligned, rdx 0, other registers zero;
// - signal handlers: every caught signal is reset to SIG_DFL (ignored ones
//   stay ignored), flags and masks cleared; the alternate signal stack is
//   disabled;
// - the thread name (/proc/self/comm) becomes PROGRAM's base name;
// - the descriptors ulexec opened (the program and interpreter files) are
//   closed.
// What stays of the old image (unlike execve):
// - ulexec's own mappings: its code and data, its heap, its initial stack
//   block above the new one. The program's brk area is ulexec's, where the
//   kernel placed it for ulexec, not after the program's bss (ulexec's
//   allocator uses mmap and leaves it empty);
// - /proc/self/exe names ulexec, and /proc/self/cmdline and
//   /proc/self/environ show the kernel's argument and environment area,
//   which still holds ulexec's argv ("ulexec PROGRAM ARGS...") and the
//   environment it was started with (changing them needs CAP_SYS_RESOURCE);
// - the fs base (the program's libc or loader sets its thread pointer);
// - as with execve: the pid, the open descriptors (except those ulexec
//   opened), the signal mask and pending signals, rlimits, credentials,
//   the working directory, the umask. No set-user-ID: AT_SECURE is ours.
// Differences in what is accepted: `#!` scripts are refused (not ELF);
// PROGRAM must be readable as well as executable (ulexec reads it);
// environment strings without `=` are dropped. Needs Linux 4.20 or later
// (older kernels refuse stack accesses more than 64 KiB below rsp; the
// loader maps with MAP_FIXED_NOREPLACE, 4.17).
//
// Errors: `ulexec: <what> : <why>` on standard error, as the shell's: exit
// status 127 when PROGRAM (or its interpreter) does not exist or is not
// found in PATH, and for a usage error; 126 when it exists but cannot be
// executed (a directory, no execute permission, not ELF, another machine,
// truncated, cannot be mapped). Otherwise the status is PROGRAM's.
import CLinux
import InitialStack
import Linux
import Loader
import Runtime

let usage: StaticString = """
  Usage: ulexec [--] PROGRAM [ARGUMENT]...
  Load PROGRAM into this process and run it as execve would, without
  execve: static, static-PIE and dynamic executables (with the interpreter
  named in their PT_INTERP). PROGRAM without '/' is searched in PATH.

        --help     display this help and exit
        --version  output version information and exit

  Exit status: PROGRAM's; 127 if PROGRAM is not found (or on a usage
  error), 126 if it cannot be executed.

  """

/// How far below ulexec's stack pointer the program's stack block ends:
/// room for the frames ulexec still calls while it writes the block.
let stackGap: UInt = 64 * 1024

/// Writes `ulexec: <message>` and exits with `status`.
func fail(_ message: [UInt8], status: Int32) -> Never {
  StandardOutput.flush()
  var line = Array("ulexec: ".utf8)
  line += message
  line.append(UInt8(ascii: "\n"))
  line.withUnsafeBytes { StandardError.write($0) }
  Program.exit(status)
}

/// Reports a loading error: 127 if a file does not exist, 126 otherwise
/// (the shell's statuses for "not found" and "cannot execute").
func fail(_ error: LoaderError, suffix: [UInt8] = []) -> Never {
  var status: Int32 = 126
  if case .cannotOpen(let errno) = error.reason, errno == .noSuchFileOrDirectory { status = 127 }
  fail(error.message + suffix, status: status)
}

/// Checks what execve checks before loading: a regular file with execute
/// permission.
func checkExecutable(_ path: [UInt8]) throws(LoaderError) {
  let status: FileStatus
  do { status = try FileSystem.status(of: path) } catch { throw LoaderError(path, .cannotOpen(error)) }
  switch status.type {
  case .regular: break
  case .directory: throw LoaderError(path, .other("is a directory"))
  default: throw LoaderError(path, .other("not a regular file"))
  }
  do { try FileSystem.checkAccess(path, .execute) } catch {
    throw LoaderError(path, .other("cannot execute: Permission denied"))
  }
}

/// The path of `name` as execvp finds it: as given if it has a `/` (or is
/// empty); else the first regular file with execute permission in the
/// directories of PATH, or nil if there is none. Only files that exist but
/// cannot be executed are an error (execvp's EACCES).
func resolve(_ name: [UInt8]) throws(LoaderError) -> [UInt8]? {
  if name.isEmpty || name.contains(UInt8(ascii: "/")) { return name }
  let pathList: [UInt8]
  if let value = Program.environment["PATH" as StaticString] {
    pathList = Array(value.bytes)
  } else {
    pathList = Array("/bin:/usr/bin".utf8)
  }
  var sawUnexecutable = false
  var start = 0
  while start <= pathList.count {
    var end = start
    while end < pathList.count && pathList[end] != UInt8(ascii: ":") { end += 1 }
    var candidate = Array(pathList[start..<end])
    if !candidate.isEmpty && candidate.last != UInt8(ascii: "/") { candidate.append(UInt8(ascii: "/")) }
    candidate += name
    start = end + 1
    if let status = try? FileSystem.status(of: candidate) {
      // A directory or a file without execute permission makes execve
      // fail with EACCES: execvp goes on and reports EACCES at the end.
      if status.type == .regular, (try? FileSystem.checkAccess(candidate, .execute)) != nil { return candidate }
      sawUnexecutable = true
    }
  }
  if sawUnexecutable { throw LoaderError(name, .other("cannot execute: Permission denied")) }
  return nil
}

/// Maps `path` after execve's checks.
func load(_ path: [UInt8]) throws(LoaderError) -> LoadedObject {
  try checkExecutable(path)
  return try Mapping.map(path: path, name: path)
}

/// An address in the caller's frame: ulexec's stack pointer, near enough.
@inline(never)
func currentStackAddress() -> UInt {
  var marker: UInt = 0
  return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
}

@main
struct UserlandExec {
  static func main() {
    let arguments = Program.arguments
    var index = 1
    while index < arguments.count {
      let argument = arguments[index]
      let bytes = argument.bytes
      if argument.equals("--") {
        index += 1
        break
      } else if argument.equals("--help") {
        StandardOutput.write(usage)
        Program.exit(0)
      } else if argument.equals("--version") {
        StandardOutput.write("ulexec (swift-nolibc) 0.1\n")
        Program.exit(0)
      } else if bytes.count > 1 && bytes[0] == UInt8(ascii: "-") {
        fail(Array(bytes) + Array(" : unrecognized option (try 'ulexec --help')".utf8), status: 127)
      } else {
        break
      }
    }
    guard index < arguments.count else {
      fail(Array("ulexec : missing program name (try 'ulexec --help')".utf8), status: 127)
    }
    let name = Array(arguments[index].bytes)

    let path: [UInt8]
    let program: LoadedObject
    do throws(LoaderError) {
      guard let found = try resolve(name) else {
        fail(LoaderError(name, .other("command not found")).message, status: 127)
      }
      path = found
      program = try load(path)
    } catch { fail(error) }
    var interpreter: LoadedObject? = nil
    if let interpreterPath = program.interpreter {
      do throws(LoaderError) {
        interpreter = try load(interpreterPath)
      } catch { fail(error, suffix: Array(" (the interpreter of ".utf8) + path + Array(")".utf8)) }
    }

    // The kernel would jump anywhere; ulexec refuses an entry point (the
    // program's, which its interpreter jumps to, or the interpreter's) that
    // is not in code, rather than start something that can only crash.
    for object in [program] + (interpreter.map { [$0] } ?? []) where !object.isExecutable(object.entry) {
      fail(LoaderError(object.path, .malformed("the entry point lies outside the executable segments")))
    }

    var argv: [[UInt8]] = []
    for position in index..<arguments.count { argv.append(Array(arguments[position].bytes)) }
    var environment: [[UInt8]] = []
    for variable in Program.environment { environment.append(Array(variable.bytes)) }
    var inherited: [AuxiliaryVectorEntry] = []
    for entry in Program.auxiliaryVector { inherited.append(entry) }
    var randomBytes = [UInt8](repeating: 0, count: 16)
    let randomFailure: Errno? = randomBytes.withUnsafeMutableBytes { buffer in
      do throws(Errno) {
        try Random.fill(buffer)
        return nil
      } catch { return error }
    }
    if let randomFailure {
      fail(path + Array(" : cannot get random bytes: ".utf8) + randomFailure.withMessage { Array($0) }, status: 126)
    }

    // From here on, as execve: nothing of ulexec's state may reach the
    // program but what the comment at the top lists.
    ProcessHandover.resetSignals()
    let baseName = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[($0 + 1)...]) } ?? path
    _ = try? Linux.Process.setThreadName(baseName)

    let stackPointer: UnsafeMutableRawPointer
    do throws(LoaderError) {
      let builder = try ExecStack.builder(
        arguments: argv, environment: environment, executableFileName: path, program: program,
        interpreter: interpreter, inherited: inherited, randomBytes: randomBytes,
        stackTop: (currentStackAddress() - stackGap) & ~15)
      stackPointer = try ExecStack.write(builder, for: path)
    } catch { fail(error) }
    StandardOutput.flush()
    nl_enter(UnsafeRawPointer(bitPattern: interpreter?.entry ?? program.entry), stackPointer)
  }
}
