extension FileDescriptor {
  /// Whether the descriptor refers to a terminal.
  ///
  /// Asks the terminal driver for its settings (`TCGETS`, 0x5401 in
  /// `asm-generic/ioctls.h`), as C's `isatty` does; any failure means "no".
  ///
  /// The corresponding system call is `ioctl(2)` with `TCGETS`.
  public var isTerminal: Bool {
    // struct termios (asm-generic/termbits.h) is 36 bytes; give it 64.
    var settings: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    let result = withUnsafeMutableBytes(of: &settings) { raw in
      Syscall.call(.ioctl, Int(rawValue), 0x5401, Int(UnsafeRawPointer(raw.baseAddress)))
    }
    return result == 0
  }
}
