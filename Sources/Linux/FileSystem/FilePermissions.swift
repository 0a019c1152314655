/// The permission bits of a file mode (`S_I*` in `linux/stat.h`), as
/// swift-system names them: `FilePermissions(rawValue: 0o644) ==
/// [.ownerReadWrite, .groupRead, .otherRead]`.
@frozen
public struct FilePermissions: OptionSet, Sendable, Hashable {
  public var rawValue: UInt32
  @_transparent public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// `S_IRUSR`
  public static var ownerRead: FilePermissions { FilePermissions(rawValue: 0o400) }
  /// `S_IWUSR`
  public static var ownerWrite: FilePermissions { FilePermissions(rawValue: 0o200) }
  /// `S_IXUSR`
  public static var ownerExecute: FilePermissions { FilePermissions(rawValue: 0o100) }
  /// `S_IRUSR | S_IWUSR`
  public static var ownerReadWrite: FilePermissions { FilePermissions(rawValue: 0o600) }
  /// `S_IRWXU`
  public static var ownerReadWriteExecute: FilePermissions { FilePermissions(rawValue: 0o700) }
  /// `S_IRGRP`
  public static var groupRead: FilePermissions { FilePermissions(rawValue: 0o40) }
  /// `S_IWGRP`
  public static var groupWrite: FilePermissions { FilePermissions(rawValue: 0o20) }
  /// `S_IXGRP`
  public static var groupExecute: FilePermissions { FilePermissions(rawValue: 0o10) }
  /// `S_IRGRP | S_IWGRP`
  public static var groupReadWrite: FilePermissions { FilePermissions(rawValue: 0o60) }
  /// `S_IRWXG`
  public static var groupReadWriteExecute: FilePermissions { FilePermissions(rawValue: 0o70) }
  /// `S_IROTH`
  public static var otherRead: FilePermissions { FilePermissions(rawValue: 0o4) }
  /// `S_IWOTH`
  public static var otherWrite: FilePermissions { FilePermissions(rawValue: 0o2) }
  /// `S_IXOTH`
  public static var otherExecute: FilePermissions { FilePermissions(rawValue: 0o1) }
  /// `S_IROTH | S_IWOTH`
  public static var otherReadWrite: FilePermissions { FilePermissions(rawValue: 0o6) }
  /// `S_IRWXO`
  public static var otherReadWriteExecute: FilePermissions { FilePermissions(rawValue: 0o7) }
  /// `S_ISUID`: run with the owner's user ID.
  public static var setUserID: FilePermissions { FilePermissions(rawValue: 0o4000) }
  /// `S_ISGID`: run with the group's ID (or, on a directory, new files
  /// inherit its group).
  public static var setGroupID: FilePermissions { FilePermissions(rawValue: 0o2000) }
  /// `S_ISVTX`: the sticky bit (in a directory, only owners may remove
  /// their files).
  public static var saveText: FilePermissions { FilePermissions(rawValue: 0o1000) }
}
