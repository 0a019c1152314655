extension FileDescriptor {
  /// Where an offset given to ``seek(offset:from:)`` counts from (`SEEK_*`
  /// in `linux/fs.h`).
  @frozen
  public struct SeekOrigin: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: Int32
    @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `SEEK_SET`: from the start of the file.
    public static var start: SeekOrigin { SeekOrigin(rawValue: 0) }
    /// `SEEK_CUR`: from the current offset.
    public static var current: SeekOrigin { SeekOrigin(rawValue: 1) }
    /// `SEEK_END`: from the end of the file.
    public static var end: SeekOrigin { SeekOrigin(rawValue: 2) }
    /// `SEEK_DATA`: to the first data at or after the offset (`ENXIO`
    /// past the end).
    public static var nextData: SeekOrigin { SeekOrigin(rawValue: 3) }
    /// `SEEK_HOLE`: to the first hole at or after the offset (the end of
    /// the file counts as a hole).
    public static var nextHole: SeekOrigin { SeekOrigin(rawValue: 4) }
  }

  /// Moves the file offset and returns the new one, counted from the start.
  ///
  /// Fails with `ESPIPE` on a pipe, socket or FIFO, `EINVAL` for an
  /// unknown origin or a negative result.
  ///
  /// The corresponding system call is `lseek(2)`.
  @inlinable
  @discardableResult
  public func seek(offset: Int64, from origin: SeekOrigin) throws(Errno) -> Int64 {
    Int64(try Syscall.check(Syscall.call(.lseek, Int(rawValue), Int(offset), Int(origin.rawValue))))
  }
}
