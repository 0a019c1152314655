extension FileDescriptor {
  /// Flags of `pipe2` (`O_*` in `asm-generic/fcntl.h`; `O_DIRECT` per
  /// pipe(7)).
  @frozen
  public struct PipeOptions: OptionSet, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `O_CLOEXEC`: both ends close-on-exec (also the `closeOnExec`
    /// parameter's default).
    public static var closeOnExec: PipeOptions { PipeOptions(rawValue: 0o2000000) }
    /// `O_NONBLOCK`: both ends non-blocking.
    public static var nonBlocking: PipeOptions { PipeOptions(rawValue: 0o4000) }
    /// `O_DIRECT`: packet mode; each write is one packet, each read takes
    /// one (up to `PIPE_BUF` bytes).
    public static var direct: PipeOptions { PipeOptions(rawValue: 0o40000) }
  }

  /// The two ends of a new pipe, each owned.
  ///
  /// Take the ends apart with `let reading = pipe.readEnd` and
  /// `let writing = pipe.writeEnd` (each consumes its field).
  @frozen
  public struct Pipe: ~Copyable {
    /// The end to read from (`fds[0]`).
    public var readEnd: OwnedFileDescriptor
    /// The end to write to (`fds[1]`).
    public var writeEnd: OwnedFileDescriptor

    @inlinable
    init(readEnd: consuming OwnedFileDescriptor, writeEnd: consuming OwnedFileDescriptor) {
      self.readEnd = readEnd
      self.writeEnd = writeEnd
    }
  }

  /// Creates a pipe.
  ///
  /// Both ends are close-on-exec unless `closeOnExec` is false.
  ///
  /// The corresponding system call is `pipe2(2)`.
  @inlinable
  public static func pipe(options: PipeOptions = [], closeOnExec: Bool = true) throws(Errno) -> Pipe {
    var flags = options
    if closeOnExec { flags.insert(.closeOnExec) }
    var numbers: (Int32, Int32) = (-1, -1)
    _ = try withUnsafeMutableBytes(of: &numbers) { raw throws(Errno) in
      try Syscall.check(Syscall.call(.pipe2, Int(UnsafeRawPointer(raw.baseAddress)), Int(flags.rawValue)))
    }
    return Pipe(
      readEnd: OwnedFileDescriptor(adopting: FileDescriptor(rawValue: numbers.0)),
      writeEnd: OwnedFileDescriptor(adopting: FileDescriptor(rawValue: numbers.1)))
  }
}
