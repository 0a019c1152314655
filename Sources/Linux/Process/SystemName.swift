/// The kernel's names for itself and the machine: its `struct new_utsname`
/// (`linux/utsname.h`), six NUL-terminated fields of 65 bytes each
/// (`__NEW_UTS_LEN` + 1), 390 bytes in all.
///
/// Read the fields as strings (``systemName``, ``release``...) or as bytes
/// without the NUL (``withBytes(of:_:)``, which does not allocate).
@frozen
public struct SystemName: Sendable {
  /// One of the six fields.
  @frozen
  public enum Field: Int, Sendable {
    /// `sysname`: the kernel's name, `Linux`.
    case systemName = 0
    /// `nodename`: the host name (of the UTS namespace).
    case nodeName
    /// `release`: the kernel release, such as `6.8.0-45-generic`.
    case release
    /// `version`: the kernel's build version, such as `#45-Ubuntu SMP ...`.
    case version
    /// `machine`: the hardware, `x86_64`.
    case machine
    /// `domainname`: the NIS domain name, `(none)` when unset.
    case domainName
  }

  /// The length of each field, with its NUL (`__NEW_UTS_LEN + 1`).
  public static var fieldLength: Int { 65 }

  /// The raw structure: six fields of 65 bytes.
  public var raw: InlineArray<390, UInt8>

  /// An empty structure (all bytes zero).
  @inlinable
  public init() { raw = InlineArray(repeating: 0) }

  /// Calls `body` with a field's bytes, up to its first NUL.
  @inlinable
  public func withBytes<R>(of field: Field, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    var copy = raw
    return withUnsafeBytes(of: &copy) { all in
      let start = field.rawValue * SystemName.fieldLength
      var end = start
      // The kernel always terminates the fields; stop at the field's end
      // all the same should a structure built by hand not be.
      while end < start + SystemName.fieldLength - 1 && all[end] != 0 { end += 1 }
      return body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
    }
  }

  /// A field as a string (invalid UTF-8 is repaired).
  @inlinable
  public func string(_ field: Field) -> String {
    withBytes(of: field) { String(decoding: $0, as: UTF8.self) }
  }

  /// `sysname`: the kernel's name, `Linux`.
  @inlinable public var systemName: String { string(.systemName) }
  /// `nodename`: the host name.
  @inlinable public var nodeName: String { string(.nodeName) }
  /// `release`: the kernel release.
  @inlinable public var release: String { string(.release) }
  /// `version`: the kernel's build version.
  @inlinable public var version: String { string(.version) }
  /// `machine`: the hardware name.
  @inlinable public var machine: String { string(.machine) }
  /// `domainname`: the NIS domain name.
  @inlinable public var domainName: String { string(.domainName) }
}

extension Process {
  /// The names of the kernel and the machine.
  ///
  /// The corresponding system call is `uname(2)`.
  @inlinable
  public static func systemName() throws(Errno) -> SystemName {
    var name = SystemName()
    _ = try withUnsafeMutableBytes(of: &name) { bytes throws(Errno) in
      try Syscall.check(Syscall.call(.uname, Int(UnsafeRawPointer(bytes.baseAddress))))
    }
    return name
  }
}
