extension ELFFile {
  /// `sh_type`: the kind of a section (`SHT_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct SectionType: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `SHT_NULL` (0): Inactive section header.
    public static let null = SectionType(rawValue: 0)
    /// `SHT_PROGBITS` (1): Program-defined contents.
    public static let programBits = SectionType(rawValue: 1)
    /// `SHT_SYMTAB` (2): A symbol table.
    public static let symbolTable = SectionType(rawValue: 2)
    /// `SHT_STRTAB` (3): A string table.
    public static let stringTable = SectionType(rawValue: 3)
    /// `SHT_RELA` (4): Relocations with addends.
    public static let relocationsWithAddends = SectionType(rawValue: 4)
    /// `SHT_HASH` (5): A symbol hash table.
    public static let hash = SectionType(rawValue: 5)
    /// `SHT_DYNAMIC` (6): The dynamic table.
    public static let dynamic = SectionType(rawValue: 6)
    /// `SHT_NOTE` (7): Notes.
    public static let note = SectionType(rawValue: 7)
    /// `SHT_NOBITS` (8): Occupies no file space (`.bss`).
    public static let noBits = SectionType(rawValue: 8)
    /// `SHT_REL` (9): Relocations without addends.
    public static let relocations = SectionType(rawValue: 9)
    /// `SHT_SHLIB` (10): Reserved.
    public static let shlib = SectionType(rawValue: 10)
    /// `SHT_DYNSYM` (11): The dynamic linker symbol table.
    public static let dynamicSymbols = SectionType(rawValue: 11)
    /// `SHT_INIT_ARRAY` (14): Constructors.
    public static let initArray = SectionType(rawValue: 14)
    /// `SHT_FINI_ARRAY` (15): Destructors.
    public static let finiArray = SectionType(rawValue: 15)
    /// `SHT_PREINIT_ARRAY` (16): Pre-constructors.
    public static let preinitArray = SectionType(rawValue: 16)
    /// `SHT_GROUP` (17): A section group.
    public static let group = SectionType(rawValue: 17)
    /// `SHT_SYMTAB_SHNDX` (18): Extended section indices of a symbol table.
    public static let symbolTableSectionIndices = SectionType(rawValue: 18)
    /// `SHT_GNU_ATTRIBUTES` (0x6ffffff5): Object attributes.
    public static let gnuAttributes = SectionType(rawValue: 0x6ffffff5)
    /// `SHT_GNU_HASH` (0x6ffffff6): The GNU-style hash table.
    public static let gnuHash = SectionType(rawValue: 0x6ffffff6)
    /// `SHT_GNU_verdef` (0x6ffffffd): Version definitions.
    public static let gnuVersionDefinitions = SectionType(rawValue: 0x6ffffffd)
    /// `SHT_GNU_verneed` (0x6ffffffe): Version needs.
    public static let gnuVersionNeeds = SectionType(rawValue: 0x6ffffffe)
    /// `SHT_GNU_versym` (0x6fffffff): Symbol versions.
    public static let gnuVersionSymbols = SectionType(rawValue: 0x6fffffff)
  }
}
