/// The type of a file, from the `S_IFMT` bits of its mode (`linux/stat.h`)
/// or the `d_type` of a directory entry (`DT_*`).
@frozen
public enum FileType: Equatable, Hashable, Sendable {
  /// `S_IFIFO`, `DT_FIFO`
  case fifo
  /// `S_IFCHR`, `DT_CHR`
  case characterDevice
  /// `S_IFDIR`, `DT_DIR`
  case directory
  /// `S_IFBLK`, `DT_BLK`
  case blockDevice
  /// `S_IFREG`, `DT_REG`
  case regular
  /// `S_IFLNK`, `DT_LNK`
  case symbolicLink
  /// `S_IFSOCK`, `DT_SOCK`
  case socket
  /// A type this module does not name, or `DT_UNKNOWN` (the file system
  /// does not say; ask `fstatat`).
  case unknown

  /// The type in the `S_IFMT` bits of `mode`.
  @inlinable
  public init(mode: UInt32) {
    // The S_IFMT field is the DT_* value shifted left by 12 (linux/fs.h, S_DT).
    self.init(directoryEntryType: UInt8(truncatingIfNeeded: (mode & 0o170000) >> 12))
  }

  /// The type a directory entry's `d_type` gives.
  @inlinable
  public init(directoryEntryType type: UInt8) {
    switch type {
    case 1: self = .fifo
    case 2: self = .characterDevice
    case 4: self = .directory
    case 6: self = .blockDevice
    case 8: self = .regular
    case 10: self = .symbolicLink
    case 12: self = .socket
    default: self = .unknown
    }
  }

  /// The `S_IFMT` bits of the type (0 for ``unknown``).
  @inlinable
  public var modeBits: UInt32 {
    switch self {
    case .fifo: 0o010000
    case .characterDevice: 0o020000
    case .directory: 0o040000
    case .blockDevice: 0o060000
    case .regular: 0o100000
    case .symbolicLink: 0o120000
    case .socket: 0o140000
    case .unknown: 0
    }
  }
}
