/// The ELF values the loader acts on (`/usr/include/elf.h`; x86-64 psABI
/// for the relocation types). Kept as plain integers: the loader reads
/// them straight from mapped memory in its hot loops.
enum ELFValue {
  // Program header types (p_type).
  static let load: UInt32 = 1  // PT_LOAD
  static let dynamic: UInt32 = 2  // PT_DYNAMIC
  static let interpreter: UInt32 = 3  // PT_INTERP
  static let programHeaders: UInt32 = 6  // PT_PHDR
  static let threadLocalStorage: UInt32 = 7  // PT_TLS
  static let gnuRelRO: UInt32 = 0x6474_e552  // PT_GNU_RELRO

  // Segment flags (p_flags).
  static let executable: UInt32 = 1  // PF_X
  static let writable: UInt32 = 2  // PF_W
  static let readable: UInt32 = 4  // PF_R

  // File types (e_type) and machine (e_machine).
  static let executableFile: UInt16 = 2  // ET_EXEC
  static let sharedObjectFile: UInt16 = 3  // ET_DYN
  static let x86_64: UInt16 = 62  // EM_X86_64

  // Dynamic tags (d_tag).
  static let needed: Int64 = 1  // DT_NEEDED
  static let pltRelocationSize: Int64 = 2  // DT_PLTRELSZ
  static let hash: Int64 = 4  // DT_HASH
  static let stringTable: Int64 = 5  // DT_STRTAB
  static let symbolTable: Int64 = 6  // DT_SYMTAB
  static let rela: Int64 = 7  // DT_RELA
  static let relaSize: Int64 = 8  // DT_RELASZ
  static let relaEntrySize: Int64 = 9  // DT_RELAENT
  static let stringTableSize: Int64 = 10  // DT_STRSZ
  static let symbolEntrySize: Int64 = 11  // DT_SYMENT
  static let initFunction: Int64 = 12  // DT_INIT
  static let sharedObjectName: Int64 = 14  // DT_SONAME
  static let rpath: Int64 = 15  // DT_RPATH
  static let symbolic: Int64 = 16  // DT_SYMBOLIC
  static let rel: Int64 = 17  // DT_REL
  static let pltRelocationType: Int64 = 20  // DT_PLTREL
  static let textRelocations: Int64 = 22  // DT_TEXTREL
  static let jumpRelocations: Int64 = 23  // DT_JMPREL
  static let initArray: Int64 = 25  // DT_INIT_ARRAY
  static let initArraySize: Int64 = 27  // DT_INIT_ARRAYSZ
  static let runpath: Int64 = 29  // DT_RUNPATH
  static let preinitArray: Int64 = 32  // DT_PREINIT_ARRAY
  static let preinitArraySize: Int64 = 33  // DT_PREINIT_ARRAYSZ
  static let flags: Int64 = 30  // DT_FLAGS
  static let relrSize: Int64 = 35  // DT_RELRSZ
  static let relr: Int64 = 36  // DT_RELR
  static let relrEntrySize: Int64 = 37  // DT_RELRENT
  static let gnuHash: Int64 = 0x6fff_fef5  // DT_GNU_HASH
  static let versionSymbols: Int64 = 0x6fff_fff0  // DT_VERSYM
  static let versionDefinitions: Int64 = 0x6fff_fffc  // DT_VERDEF
  static let versionDefinitionCount: Int64 = 0x6fff_fffd  // DT_VERDEFNUM
  static let versionNeeds: Int64 = 0x6fff_fffe  // DT_VERNEED
  static let versionNeedCount: Int64 = 0x6fff_ffff  // DT_VERNEEDNUM

  static let flagSymbolic: UInt64 = 0x2  // DF_SYMBOLIC
  static let flagTextRelocations: UInt64 = 0x4  // DF_TEXTREL

  // Symbols.
  static let undefinedSection: UInt16 = 0  // SHN_UNDEF
  static let absoluteSection: UInt16 = 0xfff1  // SHN_ABS
  static let typeNone: UInt8 = 0  // STT_NOTYPE
  static let typeObject: UInt8 = 1  // STT_OBJECT
  static let typeFunction: UInt8 = 2  // STT_FUNC
  static let typeCommon: UInt8 = 5  // STT_COMMON
  static let typeTLS: UInt8 = 6  // STT_TLS
  static let typeIndirectFunction: UInt8 = 10  // STT_GNU_IFUNC
  /// The symbol types a lookup may bind to (glibc's `ALLOWED_STT`).
  static let definableTypes: UInt32 =
    1 << typeNone | 1 << typeObject | 1 << typeFunction | 1 << typeCommon | 1 << typeTLS | 1 << typeIndirectFunction
  static let bindLocal: UInt8 = 0  // STB_LOCAL
  static let bindGlobal: UInt8 = 1  // STB_GLOBAL
  static let bindWeak: UInt8 = 2  // STB_WEAK
  static let bindUnique: UInt8 = 10  // STB_GNU_UNIQUE
  static let visibilityDefault: UInt8 = 0  // STV_DEFAULT
  static let visibilityProtected: UInt8 = 3  // STV_PROTECTED
  static let versionHidden: UInt16 = 0x8000  // VERSYM_HIDDEN

  // x86-64 relocation types (psABI table 4.9).
  static let rNone: UInt32 = 0  // R_X86_64_NONE
  static let r64: UInt32 = 1  // R_X86_64_64
  static let rPC32: UInt32 = 2  // R_X86_64_PC32
  static let rCopy: UInt32 = 5  // R_X86_64_COPY
  static let rGlobalData: UInt32 = 6  // R_X86_64_GLOB_DAT
  static let rJumpSlot: UInt32 = 7  // R_X86_64_JUMP_SLOT
  static let rRelative: UInt32 = 8  // R_X86_64_RELATIVE
  static let r32: UInt32 = 10  // R_X86_64_32
  static let r32S: UInt32 = 11  // R_X86_64_32S
  static let rDTPMOD64: UInt32 = 16  // R_X86_64_DTPMOD64
  static let rDTPOFF64: UInt32 = 17  // R_X86_64_DTPOFF64
  static let rTPOFF64: UInt32 = 18  // R_X86_64_TPOFF64
  static let rPC64: UInt32 = 24  // R_X86_64_PC64
  static let rIRelative: UInt32 = 37  // R_X86_64_IRELATIVE
}
