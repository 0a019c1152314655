extension Memory {
  /// Asks the kernel to move the program break (the end of the data
  /// segment) to `address`, and returns where the break is afterwards.
  ///
  /// This is the raw call, and it does not report errors the usual way: on
  /// failure the kernel returns the current, unchanged break rather than
  /// `-errno`. An address of 0 (or any address the kernel refuses) asks
  /// for the current break. See ``setBreak(_:)`` and ``currentBreak``.
  ///
  /// Programs that use a `malloc` built on `brk` (glibc's) must not move
  /// the break behind its back.
  ///
  /// The corresponding system call is `brk(2)`.
  @inlinable
  public static func rawBreak(_ address: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    UnsafeMutableRawPointer(bitPattern: Syscall.call(.brk, Int(UnsafeRawPointer(address))))
  }

  /// The current program break.
  ///
  /// The corresponding system call is `brk(2)` with address 0.
  @inlinable
  public static var currentBreak: UnsafeMutableRawPointer {
    rawBreak(nil).unsafelyUnwrapped
  }

  /// Moves the program break to `address`; the memory between the old and
  /// the new break becomes (or stops being) usable.
  ///
  /// Throws `ENOMEM` when the break did not move there (the kernel's only
  /// way of saying no: no room, `RLIMIT_DATA`, or below the start of the
  /// data segment).
  ///
  /// The corresponding system call is `brk(2)`.
  @inlinable
  public static func setBreak(_ address: UnsafeMutableRawPointer) throws(Errno) {
    guard rawBreak(address) == address else { throw Errno.noMemory }
  }
}
