#if !Freestanding
import InitialStack
import Linux

/// In hosted programs glibc runs startup and the initial stack pointer is
/// not ours to see, so the vectors are rebuilt from the kernel's copies in
/// `/proc/self`: the NUL-separated `cmdline` and `environ`, and the binary
/// `auxv`. The memory is allocated once and never freed: the views handed
/// out point into it for the rest of the run, as they would into the stack.
enum HostedProcessInformation {
  static func load() -> InitialVectors {
    let cmdline = readWhole("/proc/self/cmdline")
    let environ = readWhole("/proc/self/environ")
    let auxv = readWhole("/proc/self/auxv")
    let argvCount = cmdline.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
    let envCount = environ.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }

    // One block: argv, NULL, envp, NULL, then the strings.
    let strings = UnsafeMutablePointer<UInt8>.allocate(capacity: cmdline.count + environ.count + 1)
    let pointers = UnsafeMutablePointer<UnsafePointer<UInt8>?>.allocate(capacity: argvCount + envCount + 2)
    var next = 0
    var slot = 0
    for bytes in [cmdline, environ] {
      var start = next
      for byte in bytes {
        strings[next] = byte
        next += 1
        if byte == 0 {
          pointers[slot] = UnsafePointer(strings + start)
          slot += 1
          start = next
        }
      }
      pointers[slot] = nil
      slot += 1
    }
    // /proc/self/auxv is the standalone format InitialStack parses (key
    // and value words up to AT_NULL); anything malformed gives an empty vector.
    let auxWords = UnsafeMutablePointer<UInt>.allocate(capacity: auxv.count / 8 + 2)
    var auxCount = 0
    auxv.withUnsafeBytes { raw in
      guard let entries = try? AuxiliaryVectorEntries(validating: raw, wordSize: .native) else { return }
      for entry in entries {
        auxWords[auxCount] = entry.key.rawValue
        auxWords[auxCount + 1] = entry.value
        auxCount += 2
      }
    }
    auxWords[auxCount] = 0
    auxWords[auxCount + 1] = 0
    return InitialVectors(
      argc: argvCount, argv: UnsafePointer(pointers), envp: UnsafePointer(pointers + argvCount + 1),
      auxv: UnsafePointer(auxWords))
  }

  /// The whole content of a `/proc` file, or nothing if it cannot be read.
  static func readWhole(_ path: StaticString) -> [UInt8] {
    let fd = path.withUTF8Buffer { p in
      Syscall.call(.openat, -100, Int(bitPattern: UnsafeRawPointer(p.baseAddress)), 0o2000000)  // AT_FDCWD, O_CLOEXEC
    }
    guard fd >= 0 else { return [] }
    defer { _ = Syscall.call(.close, fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { raw in
        (try? FileDescriptor(rawValue: Int32(fd)).read(into: raw)) ?? 0
      }
      if count <= 0 { break }
      result.append(contentsOf: chunk[..<count])
    }
    return result
  }
}
#endif
