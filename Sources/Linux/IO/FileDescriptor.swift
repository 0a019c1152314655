/// A file descriptor number, without ownership: a borrowed view of a
/// descriptor that someone else opens and closes, such as the standard
/// streams.
///
/// The corresponding C type is `int`.
@frozen
public struct FileDescriptor: RawRepresentable, Equatable, Hashable, Sendable {
  /// The descriptor number.
  public var rawValue: Int32

  /// A descriptor from its number.
  @_transparent public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Standard input, descriptor 0.
  @_transparent public static var standardInput: FileDescriptor { FileDescriptor(rawValue: 0) }
  /// Standard output, descriptor 1.
  @_transparent public static var standardOutput: FileDescriptor { FileDescriptor(rawValue: 1) }
  /// Standard error, descriptor 2.
  @_transparent public static var standardError: FileDescriptor { FileDescriptor(rawValue: 2) }
}
