extension ELFFile {
  /// `d_tag`: the kind of a dynamic table entry (`DT_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct DynamicTag: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// `DT_NULL` (0): Ends the table.
    public static let null = DynamicTag(rawValue: 0)
    /// `DT_NEEDED` (1): A needed library (string table offset).
    public static let needed = DynamicTag(rawValue: 1)
    /// `DT_PLTRELSZ` (2): Size of PLT relocations.
    public static let pltRelocationsSize = DynamicTag(rawValue: 2)
    /// `DT_PLTGOT` (3): Address of the PLT/GOT.
    public static let pltGOT = DynamicTag(rawValue: 3)
    /// `DT_HASH` (4): Address of the symbol hash table.
    public static let hash = DynamicTag(rawValue: 4)
    /// `DT_STRTAB` (5): Address of the string table.
    public static let stringTable = DynamicTag(rawValue: 5)
    /// `DT_SYMTAB` (6): Address of the symbol table.
    public static let symbolTable = DynamicTag(rawValue: 6)
    /// `DT_RELA` (7): Address of Rela relocations.
    public static let relocationsWithAddends = DynamicTag(rawValue: 7)
    /// `DT_RELASZ` (8): Size of Rela relocations.
    public static let relocationsWithAddendsSize = DynamicTag(rawValue: 8)
    /// `DT_RELAENT` (9): Size of one Rela relocation.
    public static let relocationWithAddendEntrySize = DynamicTag(rawValue: 9)
    /// `DT_STRSZ` (10): Size of the string table.
    public static let stringTableSize = DynamicTag(rawValue: 10)
    /// `DT_SYMENT` (11): Size of one symbol.
    public static let symbolEntrySize = DynamicTag(rawValue: 11)
    /// `DT_INIT` (12): Address of the init function.
    public static let initialize = DynamicTag(rawValue: 12)
    /// `DT_FINI` (13): Address of the fini function.
    public static let finalize = DynamicTag(rawValue: 13)
    /// `DT_SONAME` (14): The shared object name (string table offset).
    public static let soname = DynamicTag(rawValue: 14)
    /// `DT_RPATH` (15): Library search path (deprecated; string table offset).
    public static let rpath = DynamicTag(rawValue: 15)
    /// `DT_SYMBOLIC` (16): Start symbol search here.
    public static let symbolic = DynamicTag(rawValue: 16)
    /// `DT_REL` (17): Address of Rel relocations.
    public static let relocations = DynamicTag(rawValue: 17)
    /// `DT_RELSZ` (18): Size of Rel relocations.
    public static let relocationsSize = DynamicTag(rawValue: 18)
    /// `DT_RELENT` (19): Size of one Rel relocation.
    public static let relocationEntrySize = DynamicTag(rawValue: 19)
    /// `DT_PLTREL` (20): Type of PLT relocations.
    public static let pltRelocationType = DynamicTag(rawValue: 20)
    /// `DT_DEBUG` (21): For debugging.
    public static let debug = DynamicTag(rawValue: 21)
    /// `DT_TEXTREL` (22): Relocations may modify text.
    public static let textRelocations = DynamicTag(rawValue: 22)
    /// `DT_JMPREL` (23): Address of PLT relocations.
    public static let jumpRelocations = DynamicTag(rawValue: 23)
    /// `DT_BIND_NOW` (24): Process relocations eagerly.
    public static let bindNow = DynamicTag(rawValue: 24)
    /// `DT_INIT_ARRAY` (25): Address of the constructor array.
    public static let initArray = DynamicTag(rawValue: 25)
    /// `DT_FINI_ARRAY` (26): Address of the destructor array.
    public static let finiArray = DynamicTag(rawValue: 26)
    /// `DT_INIT_ARRAYSZ` (27): Size of the constructor array.
    public static let initArraySize = DynamicTag(rawValue: 27)
    /// `DT_FINI_ARRAYSZ` (28): Size of the destructor array.
    public static let finiArraySize = DynamicTag(rawValue: 28)
    /// `DT_RUNPATH` (29): Library search path (string table offset).
    public static let runpath = DynamicTag(rawValue: 29)
    /// `DT_FLAGS` (30): Flags (`DF_*`).
    public static let flags = DynamicTag(rawValue: 30)
    /// `DT_GNU_HASH` (0x6ffffef5): Address of the GNU hash table.
    public static let gnuHash = DynamicTag(rawValue: 0x6ffffef5)
    /// `DT_VERSYM` (0x6ffffff0): Address of the symbol versions.
    public static let versionSymbols = DynamicTag(rawValue: 0x6ffffff0)
    /// `DT_RELACOUNT` (0x6ffffff9): Number of relative Rela relocations.
    public static let relocationsWithAddendsCount = DynamicTag(rawValue: 0x6ffffff9)
    /// `DT_FLAGS_1` (0x6ffffffb): Flags (`DF_1_*`).
    public static let flags1 = DynamicTag(rawValue: 0x6ffffffb)
    /// `DT_VERDEF` (0x6ffffffc): Address of version definitions.
    public static let versionDefinitions = DynamicTag(rawValue: 0x6ffffffc)
    /// `DT_VERDEFNUM` (0x6ffffffd): Number of version definitions.
    public static let versionDefinitionsCount = DynamicTag(rawValue: 0x6ffffffd)
    /// `DT_VERNEED` (0x6ffffffe): Address of version needs.
    public static let versionNeeds = DynamicTag(rawValue: 0x6ffffffe)
    /// `DT_VERNEEDNUM` (0x6fffffff): Number of version needs.
    public static let versionNeedsCount = DynamicTag(rawValue: 0x6fffffff)
  }
}
