/// The kernel's random number generator.
public enum Random {
  /// Flags of `getrandom` (`GRND_*` in `linux/random.h`).
  @frozen
  public struct Flags: OptionSet, Sendable {
    public var rawValue: UInt32
    @_transparent public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `GRND_NONBLOCK`: fail with `EAGAIN` instead of waiting for entropy.
    public static var nonBlocking: Flags { Flags(rawValue: 0x1) }
    /// `GRND_RANDOM`: draw from the blocking pool.
    public static var random: Flags { Flags(rawValue: 0x2) }
    /// `GRND_INSECURE`: never wait, even before the pool is initialized.
    public static var insecure: Flags { Flags(rawValue: 0x4) }
  }

  /// Fills up to `buffer.count` bytes with random bytes and returns how many
  /// were filled (requests over 256 bytes may be cut short by a signal).
  ///
  /// The corresponding system call is `getrandom(2)`.
  @inlinable
  public static func getRandom(
    into buffer: UnsafeMutableRawBufferPointer, flags: Flags = [], retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.getrandom, Int(UnsafeRawPointer(buffer.baseAddress)), buffer.count, Int(flags.rawValue))
    }
  }

  /// Fills all of `buffer` with random bytes, repeating the call as needed.
  ///
  /// The corresponding system call is `getrandom(2)`.
  @inlinable
  public static func fill(_ buffer: UnsafeMutableRawBufferPointer, flags: Flags = []) throws(Errno) {
    var rest = buffer
    while !rest.isEmpty {
      let filled = try getRandom(into: rest, flags: flags)
      rest = UnsafeMutableRawBufferPointer(rebasing: rest[filled...])
    }
  }
}
