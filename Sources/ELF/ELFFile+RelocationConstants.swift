extension ELFFile.SectionType {
  /// `SHT_RELR` (19): Relative relocations, compressed (`DT_RELR`).
  public static let relativeRelocations = ELFFile.SectionType(rawValue: 19)
}

extension ELFFile.DynamicTag {
  /// `DT_RELRSZ` (35): Total size of the `DT_RELR` table.
  public static let relativeRelocationsSize = ELFFile.DynamicTag(rawValue: 35)
  /// `DT_RELR` (36): Address of the relative relocations.
  public static let relativeRelocations = ELFFile.DynamicTag(rawValue: 36)
  /// `DT_RELRENT` (37): Size of one `DT_RELR` entry.
  public static let relativeRelocationEntrySize = ELFFile.DynamicTag(rawValue: 37)
}
