/// One descriptor to wait on, and what happened to it: the kernel's
/// `struct pollfd` (`asm-generic/poll.h`; 8 bytes).
@frozen
public struct PollDescriptor: Sendable {
  /// `fd`; a negative number is ignored (its ``returnedEvents`` is empty).
  public var descriptor: FileDescriptor
  /// `events`: what to wait for.
  public var events: Events
  /// `revents`: what happened, filled in by the kernel.
  public var returnedEvents: Events

  /// A descriptor waiting for `events`.
  @_transparent
  public init(_ descriptor: FileDescriptor, events: Events) {
    self.descriptor = descriptor
    self.events = events
    self.returnedEvents = []
  }

  /// Poll events (`POLL*` in `asm-generic/poll.h`).
  @frozen
  public struct Events: OptionSet, Sendable {
    public var rawValue: Int16
    @_transparent public init(rawValue: Int16) { self.rawValue = rawValue }
    /// `POLLIN`: there is data to read.
    public static var input: Events { Events(rawValue: 0x1) }
    /// `POLLPRI`: exceptional condition (out-of-band data, ...).
    public static var priority: Events { Events(rawValue: 0x2) }
    /// `POLLOUT`: writing will not block.
    public static var output: Events { Events(rawValue: 0x4) }
    /// `POLLERR`: error (always reported, output only).
    public static var error: Events { Events(rawValue: 0x8) }
    /// `POLLHUP`: hang up (always reported, output only).
    public static var hangUp: Events { Events(rawValue: 0x10) }
    /// `POLLNVAL`: the descriptor is not open (output only).
    public static var invalid: Events { Events(rawValue: 0x20) }
    /// `POLLRDNORM`
    public static var readNormal: Events { Events(rawValue: 0x40) }
    /// `POLLRDBAND`
    public static var readBand: Events { Events(rawValue: 0x80) }
    /// `POLLWRNORM`
    public static var writeNormal: Events { Events(rawValue: 0x100) }
    /// `POLLWRBAND`
    public static var writeBand: Events { Events(rawValue: 0x200) }
    /// `POLLMSG`
    public static var message: Events { Events(rawValue: 0x400) }
    /// `POLLRDHUP`: the peer closed its writing side (sockets).
    public static var readHangUp: Events { Events(rawValue: 0x2000) }
  }

  /// Waits until one of `descriptors` has one of its events, or
  /// `milliseconds` have passed (-1: no limit; 0: do not wait); fills in
  /// each ``returnedEvents`` and returns how many descriptors have some
  /// (0: the time ran out).
  ///
  /// Retries on `EINTR` unless `retryOnInterrupt` is false; a retry waits
  /// the full `milliseconds` again (``ppoll(_:timeout:signalMask:retryOnInterrupt:)``
  /// does not: the kernel updates its timeout).
  ///
  /// The corresponding system call is `poll(2)`.
  @inlinable
  public static func poll(
    _ descriptors: UnsafeMutableBufferPointer<PollDescriptor>, timeoutMilliseconds milliseconds: Int32 = -1,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
      Syscall.call(.poll, Int(UnsafeRawPointer(descriptors.baseAddress)), descriptors.count, Int(milliseconds))
    }
  }

  /// Like ``poll(_:timeoutMilliseconds:retryOnInterrupt:)`` with a
  /// nanosecond timeout (nil: no limit) and, during the wait only, the
  /// signal mask `signalMask` (bit `n-1` blocks signal `n`; nil: keep the
  /// current mask).
  ///
  /// The kernel writes the time left into its copy of `timeout`, so a retry
  /// after `EINTR` waits only for the rest.
  ///
  /// The corresponding system call is `ppoll(2)`.
  @inlinable
  public static func ppoll(
    _ descriptors: UnsafeMutableBufferPointer<PollDescriptor>, timeout: TimeSpec?, signalMask: UInt64? = nil,
    retryOnInterrupt: Bool = true
  ) throws(Errno) -> Int {
    var time = timeout ?? TimeSpec(seconds: 0)
    var mask = signalMask ?? 0
    return try withUnsafeMutablePointer(to: &time) { (timePointer: UnsafeMutablePointer<TimeSpec>) throws(Errno) -> Int in
      try withUnsafeMutablePointer(to: &mask) { (maskPointer: UnsafeMutablePointer<UInt64>) throws(Errno) -> Int in
        let timeAddress = timeout == nil ? 0 : Int(UnsafeRawPointer(timePointer))
        let maskAddress = signalMask == nil ? 0 : Int(UnsafeRawPointer(maskPointer))
        return try Syscall.check(retryOnInterrupt: retryOnInterrupt) {
          Syscall.call(
            .ppoll, Int(UnsafeRawPointer(descriptors.baseAddress)), descriptors.count, timeAddress, maskAddress, 8)
        }
      }
    }
  }
}

extension FileDescriptor {
  /// Waits until this descriptor has one of `events` or `milliseconds` have
  /// passed (-1: no limit) and returns what happened (empty: time ran out).
  ///
  /// The corresponding system call is `poll(2)`.
  @inlinable
  public func poll(
    for events: PollDescriptor.Events, timeoutMilliseconds milliseconds: Int32 = -1, retryOnInterrupt: Bool = true
  ) throws(Errno) -> PollDescriptor.Events {
    var entry = PollDescriptor(self, events: events)
    _ = try withUnsafeMutablePointer(to: &entry) { (pointer: UnsafeMutablePointer<PollDescriptor>) throws(Errno) -> Int in
      try PollDescriptor.poll(
        UnsafeMutableBufferPointer(start: pointer, count: 1), timeoutMilliseconds: milliseconds,
        retryOnInterrupt: retryOnInterrupt)
    }
    return entry.returnedEvents
  }
}
