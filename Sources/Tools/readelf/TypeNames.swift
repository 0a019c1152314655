// The names GNU readelf 2.40 prints for OS/ABIs, file types, segment
// types and section types (`get_osabi_name`, `get_file_type`,
// `get_segment_type`, `get_section_type_name` in binutils' readelf.c).
// They are GNU's display strings, not elf.h's constant names, and several
// depend on the machine or the OS/ABI: the same number is `EXIDX` in an
// ARM file and `REGINFO` in a MIPS file. Checked against the oracle on
// crafted files with every number of each range.

/// `e_machine` values that change how other numbers are named.
enum MachineNumber {
  static let sparc: UInt16 = 2
  static let i386: UInt16 = 3
  static let mips: UInt16 = 8
  static let mipsRS3LE: UInt16 = 10
  static let parisc: UInt16 = 15
  static let sparc32Plus: UInt16 = 18
  static let ppc: UInt16 = 20
  static let ppc64: UInt16 = 21
  static let s390: UInt16 = 22
  static let v800: UInt16 = 36
  static let arm: UInt16 = 40
  static let sparcV9: UInt16 = 43
  static let arc: UInt16 = 45
  static let ia64: UInt16 = 50
  static let x86_64: UInt16 = 62
  static let v850: UInt16 = 87
  static let arcCompact: UInt16 = 93
  static let msp430: UInt16 = 105
  static let tiC6000: UInt16 = 140
  static let l1om: UInt16 = 180
  static let k1om: UInt16 = 181
  static let aarch64: UInt16 = 183
  static let arcCompact2: UInt16 = 195
  static let visium: UInt16 = 221
  static let amdgpu: UInt16 = 224
  static let riscV: UInt16 = 243
  static let nfp: UInt16 = 250
  static let csky: UInt16 = 252
  static let loongArch: UInt16 = 258
  static let msp430Old: UInt16 = 0x1059
  static let cygnusV850: UInt16 = 0x9080
  static let s390Old: UInt16 = 0xa390
  static let oldSparcV9: UInt16 = 11
  static let iamcu: UInt16 = 6
}

/// `EI_OSABI` values that change how other numbers are named.
enum OSABINumber {
  static let none: UInt8 = 0
  static let hpux: UInt8 = 1
  static let gnu: UInt8 = 3
  static let solaris: UInt8 = 6
  static let freeBSD: UInt8 = 9
  static let openVMS: UInt8 = 13
}

enum TypeNames {
  // MARK: OS/ABI

  /// `get_osabi_name`: the name of `EI_OSABI`; numbers from 64 up are
  /// machine-specific, and unknown ones print `<unknown: %x>`.
  static func osABI(_ osabi: UInt8, machine: UInt16) -> ShortText {
    if let name = osABIName(osabi, machine: machine) { return ShortText(name) }
    var text = ShortText("<unknown: ")
    text.appendHex(UInt64(osabi))
    text.append(">")
    return text
  }

  static func osABIName(_ osabi: UInt8, machine: UInt16) -> StaticString? {
    switch osabi {
    case 0: return "UNIX - System V"
    case 1: return "UNIX - HP-UX"
    case 2: return "UNIX - NetBSD"
    case 3: return "UNIX - GNU"
    case 6: return "UNIX - Solaris"
    case 7: return "UNIX - AIX"
    case 8: return "UNIX - IRIX"
    case 9: return "UNIX - FreeBSD"
    case 10: return "UNIX - TRU64"
    case 11: return "Novell - Modesto"
    case 12: return "UNIX - OpenBSD"
    case 13: return "VMS - OpenVMS"
    case 14: return "HP - Non-Stop Kernel"
    case 15: return "AROS"
    case 16: return "FenixOS"
    case 17: return "Nuxi CloudABI"
    case 18: return "Stratus Technologies OpenVOS"
    default: break
    }
    guard osabi >= 64 else { return nil }
    switch (machine, osabi) {
    case (MachineNumber.amdgpu, 64): return "AMD HSA"
    case (MachineNumber.amdgpu, 65): return "AMD PAL"
    case (MachineNumber.amdgpu, 66): return "AMD Mesa3D"
    case (MachineNumber.arm, 97): return "ARM"
    case (MachineNumber.arm, 65): return "ARM FDPIC"
    case (MachineNumber.msp430, 255), (MachineNumber.msp430Old, 255), (MachineNumber.visium, 255):
      return "Standalone App"
    case (MachineNumber.tiC6000, 64): return "Bare-metal C6000"
    case (MachineNumber.tiC6000, 65): return "Linux C6000"
    default: return nil
    }
  }

  // MARK: File type

  /// `get_file_type` for every type but `ET_DYN` (whose name depends on
  /// the dynamic table: see `Dump.fileTypeName`).
  static func fileType(_ type: UInt16) -> ShortText {
    switch type {
    case 0: return ShortText("NONE (None)")
    case 1: return ShortText("REL (Relocatable file)")
    case 2: return ShortText("EXEC (Executable file)")
    case 4: return ShortText("CORE (Core file)")
    default: break
    }
    var text: ShortText
    if type >= 0xff00 {
      text = ShortText("Processor Specific: (")
      text.appendHex(UInt64(type))
      text.append(")")
    } else if type >= 0xfe00 {
      text = ShortText("OS Specific: (")
      text.appendHex(UInt64(type))
      text.append(")")
    } else {
      text = ShortText("<unknown>: ")
      text.appendHex(UInt64(type))
    }
    return text
  }

  // MARK: Segment type

  /// `get_segment_type`: the name of `p_type`. Unknown numbers print
  /// `LOPROC+%#lx`, `LOOS+%#lx` or `<unknown>: %lx` (`%#lx` of 0 is `0`).
  static func segmentType(_ type: UInt32, machine: UInt16, osabi: UInt8) -> ShortText {
    if let name = segmentTypeName(type, machine: machine, osabi: osabi) { return ShortText(name) }
    var text: ShortText
    if type >= 0x8000_0000 {
      text = ShortText("<unknown>: ")
      text.appendHex(UInt64(type))
    } else if type >= 0x7000_0000 {
      text = ShortText("LOPROC+")
      text.appendPrefixedHex(UInt64(type - 0x7000_0000))
    } else if type >= 0x6000_0000 {
      // PT_GNU_MBIND_LO ... PT_GNU_MBIND_HI, for GNU and FreeBSD only.
      if osabi == OSABINumber.gnu || osabi == OSABINumber.freeBSD, type >= 0x6474_e555, type <= 0x6474_f554 {
        text = ShortText("GNU_MBIND+")
        text.appendPrefixedHex(UInt64(type - 0x6474_e555))
      } else {
        text = ShortText("LOOS+")
        text.appendPrefixedHex(UInt64(type - 0x6000_0000))
      }
    } else {
      text = ShortText("<unknown>: ")
      text.appendHex(UInt64(type))
    }
    return text
  }

  static func segmentTypeName(_ type: UInt32, machine: UInt16, osabi: UInt8) -> StaticString? {
    switch type {
    case 0: return "NULL"
    case 1: return "LOAD"
    case 2: return "DYNAMIC"
    case 3: return "INTERP"
    case 4: return "NOTE"
    case 5: return "SHLIB"
    case 6: return "PHDR"
    case 7: return "TLS"
    case 0x6474_e550: return "GNU_EH_FRAME"
    case 0x6474_e551: return "GNU_STACK"
    case 0x6474_e552: return "GNU_RELRO"
    case 0x6474_e553: return "GNU_PROPERTY"
    case 0x6474_e554: return "GNU_SFRAME"
    // 2.40 knows these OpenBSD types but not PT_OPENBSD_MUTABLE
    // (0x65a3dbe5), added in 2.41.
    case 0x65a3_dbe6: return "OPENBSD_RANDOMIZE"
    case 0x65a3_dbe7: return "OPENBSD_WXNEEDED"
    case 0x65a4_1be6: return "OPENBSD_BOOTDATA"
    default: break
    }
    if type >= 0x7000_0000 {
      switch (machine, type) {
      case (MachineNumber.aarch64, 0x7000_0000): return "AARCH64_ARCHEXT"
      case (MachineNumber.aarch64, 0x7000_0002): return "AARCH64_MEMTAG_MTE"
      case (MachineNumber.arm, 0x7000_0001): return "EXIDX"
      case (MachineNumber.mips, 0x7000_0000), (MachineNumber.mipsRS3LE, 0x7000_0000): return "REGINFO"
      case (MachineNumber.mips, 0x7000_0001), (MachineNumber.mipsRS3LE, 0x7000_0001): return "RTPROC"
      case (MachineNumber.mips, 0x7000_0002), (MachineNumber.mipsRS3LE, 0x7000_0002): return "OPTIONS"
      case (MachineNumber.mips, 0x7000_0003), (MachineNumber.mipsRS3LE, 0x7000_0003): return "ABIFLAGS"
      case (MachineNumber.parisc, 0x7000_0000): return "PARISC_ARCHEXT"
      case (MachineNumber.parisc, 0x7000_0001): return "PARISC_UNWIND"
      case (MachineNumber.parisc, 0x7000_0002): return "PARISC_WEAKORDER"
      case (MachineNumber.ia64, 0x7000_0000): return "IA_64_ARCHEXT"
      case (MachineNumber.ia64, 0x7000_0001): return "IA_64_UNWIND"
      case (MachineNumber.tiC6000, 0x7000_0000): return "C6000_PHATTR"
      case (MachineNumber.s390, 0x7000_0000), (MachineNumber.s390Old, 0x7000_0000): return "S390_PGSTE"
      case (MachineNumber.riscV, 0x7000_0003): return "RISCV_ATTRIBUTES"
      default: return nil
      }
    }
    guard type >= 0x6000_0000 else { return nil }
    switch osabi {
    case OSABINumber.hpux:
      if machine == MachineNumber.parisc {
        switch type - 0x6000_0000 {
        case 0x00: return "HP_TLS"
        case 0x01: return "HP_CORE_NONE"
        case 0x02: return "HP_CORE_VERSION"
        case 0x03: return "HP_CORE_KERNEL"
        case 0x04: return "HP_CORE_COMM"
        case 0x05: return "HP_CORE_PROC"
        case 0x06: return "HP_CORE_LOADABLE"
        case 0x07: return "HP_CORE_STACK"
        case 0x08: return "HP_CORE_SHM"
        case 0x09: return "HP_CORE_MMF"
        case 0x10: return "HP_PARALLEL"
        case 0x11: return "HP_FASTBIND"
        case 0x12: return "HP_OPT_ANNOT"
        case 0x13: return "HP_HSL_ANNOT"
        case 0x14: return "HP_STACK"
        case 0x15: return "HP_CORE_UTSNAME"
        default: return nil
        }
      }
      if machine == MachineNumber.ia64 {
        switch type - 0x6000_0000 {
        case 0x00: return "HP_TLS"
        case 0x12: return "HP_OPT_ANNOT"
        case 0x13: return "HP_HSL_ANNOT"
        case 0x14: return "HP_STACK"
        default: return nil
        }
      }
      return nil
    case OSABINumber.solaris:
      switch type {
      case 0x6464_e550: return "PT_SUNW_UNWIND"
      case 0x6fff_fff7: return "PT_LOSUNW"
      case 0x6fff_fffa: return "PT_SUNWBSS"
      case 0x6fff_fffb: return "PT_SUNWSTACK"
      case 0x6fff_fffc: return "PT_SUNWDTRACE"
      case 0x6fff_fffd: return "PT_SUNWCAP"
      case 0x6fff_ffff: return "PT_HISUNW"
      default: return nil
      }
    default:
      return nil
    }
  }

  // MARK: Section type

  /// `get_section_type_name`: the name of `sh_type`. Unknown numbers print
  /// `LOPROC+%#x`, `LOOS+%#x`, `LOUSER+%#x` or `%08x: <unknown>`.
  static func sectionType(_ type: UInt32, machine: UInt16, osabi: UInt8) -> ShortText {
    if let name = sectionTypeName(type, machine: machine, osabi: osabi) { return ShortText(name) }
    // IA-64: 0x78XX0000 is named after the OS/ABI XX.
    if machine == MachineNumber.ia64, type & 0xff00_0000 == 0x7800_0000 {
      return osABI(UInt8(truncatingIfNeeded: type >> 16), machine: machine)
    }
    var text: ShortText
    if type >= 0x8000_0000 {
      text = ShortText("LOUSER+")
      text.appendPrefixedHex(UInt64(type - 0x8000_0000))
    } else if type >= 0x7000_0000 {
      text = ShortText("LOPROC+")
      text.appendPrefixedHex(UInt64(type - 0x7000_0000))
    } else if type >= 0x6000_0000 {
      text = ShortText("LOOS+")
      text.appendPrefixedHex(UInt64(type - 0x6000_0000))
    } else {
      text = ShortText()
      let digits = Out.hexLength(UInt64(type))
      for _ in digits..<8 { text.append("0") }
      text.appendHex(UInt64(type))
      text.append(": <unknown>")
    }
    return text
  }

  static func sectionTypeName(_ type: UInt32, machine: UInt16, osabi: UInt8) -> StaticString? {
    switch type {
    case 0: return "NULL"
    case 1: return "PROGBITS"
    case 2: return "SYMTAB"
    case 3: return "STRTAB"
    case 4: return "RELA"
    case 5: return "HASH"
    case 6: return "DYNAMIC"
    case 7: return "NOTE"
    case 8: return "NOBITS"
    case 9: return "REL"
    case 10: return "SHLIB"
    case 11: return "DYNSYM"
    case 14: return "INIT_ARRAY"
    case 15: return "FINI_ARRAY"
    case 16: return "PREINIT_ARRAY"
    case 17: return "GROUP"
    case 18: return "SYMTAB SECTION INDICES"
    case 19: return "RELR"
    case 0x6fff_fff6: return "GNU_HASH"
    case 0x6fff_fffd: return "VERDEF"
    case 0x6fff_fffe: return "VERNEED"
    case 0x6fff_ffff: return "VERSYM"
    // Old numbers GNU still names: SHT_SUNW_versym, SHT_SUNW_verdef's
    // neighbour, SHT_AUXILIARY and SHT_FILTER.
    case 0x6fff_fff0: return "VERSYM"
    case 0x6fff_fffc: return "VERDEF"
    case 0x7fff_fffd: return "AUXILIARY"
    case 0x7fff_ffff: return "FILTER"
    case 0x6fff_fff7: return "GNU_LIBLIST"
    default: break
    }
    if type >= 0x8000_0000 {
      return isV850(machine) ? v850SectionType(type) : nil
    }
    if type >= 0x7000_0000 {
      switch machine {
      case MachineNumber.arc, MachineNumber.arcCompact, MachineNumber.arcCompact2:
        return type == 0x7000_0001 ? "ARC_ATTRIBUTES" : nil
      case MachineNumber.mips, MachineNumber.mipsRS3LE:
        return mipsSectionType(type)
      case MachineNumber.parisc:
        switch type {
        case 0x7000_0000: return "PARISC_EXT"
        case 0x7000_0001: return "PARISC_UNWIND"
        case 0x7000_0002: return "PARISC_DOC"
        case 0x7000_0003: return "PARISC_ANNOT"
        case 0x7000_0008: return "PARISC_SYMEXTN"
        case 0x7000_0009: return "PARISC_STUBS"
        case 0x7000_0004: return "PARISC_DLKM"
        default: return nil
        }
      case MachineNumber.ia64:
        return ia64SectionType(type)
      case MachineNumber.x86_64, MachineNumber.l1om, MachineNumber.k1om:
        return type == 0x7000_0001 ? "X86_64_UNWIND" : nil
      case MachineNumber.aarch64:
        return type == 0x7000_0003 ? "AARCH64_ATTRIBUTES" : nil
      case MachineNumber.arm:
        switch type {
        case 0x7000_0001: return "ARM_EXIDX"
        case 0x7000_0002: return "ARM_PREEMPTMAP"
        case 0x7000_0003: return "ARM_ATTRIBUTES"
        case 0x7000_0004: return "ARM_DEBUGOVERLAY"
        case 0x7000_0005: return "ARM_OVERLAYSECTION"
        default: return nil
        }
      case MachineNumber.tiC6000:
        switch type {
        case 0x7000_0001: return "C6000_UNWIND"
        case 0x7000_0002: return "C6000_PREEMPTMAP"
        case 0x7000_0003: return "C6000_ATTRIBUTES"
        case 0x7f00_0000: return "TI_ICODE"
        case 0x7f00_0001: return "TI_XREF"
        case 0x7f00_0002: return "TI_HANDLER"
        case 0x7f00_0003: return "TI_INITINFO"
        case 0x7f00_0004: return "TI_PHATTRS"
        default: return nil
        }
      case MachineNumber.msp430:
        switch type {
        case 0x7f00_0005: return "MSP430_SEC_FLAGS"
        case 0x7f00_0006: return "MSP430_SYM_ALIASES"
        case 0x7000_0003: return "MSP430_ATTRIBUTES"
        default: return nil
        }
      case MachineNumber.nfp:
        switch type {
        case 0x7000_0001: return "NFP_MECONFIG"
        case 0x7000_0002: return "NFP_INITREG"
        default: return nil
        }
      case MachineNumber.v800, MachineNumber.v850, MachineNumber.cygnusV850:
        return v850SectionType(type)
      case MachineNumber.riscV:
        return type == 0x7000_0003 ? "RISCV_ATTRIBUTES" : nil
      case MachineNumber.csky:
        return type == 0x7000_0001 ? "CSKY_ATTRIBUTES" : nil
      default:
        return nil
      }
    }
    guard type >= 0x6000_0000 else { return nil }
    if machine == MachineNumber.ia64 { return ia64SectionType(type) }
    if osabi == OSABINumber.solaris { return solarisSectionType(type) }
    switch type {
    case 0x6fff_4700: return "GNU_INCREMENTAL_INPUTS"
    case 0x6fff_fff5: return "GNU_ATTRIBUTES"
    default: return nil
    }
  }

  static func isV850(_ machine: UInt16) -> Bool {
    machine == MachineNumber.v800 || machine == MachineNumber.v850 || machine == MachineNumber.cygnusV850
  }

  static func v850SectionType(_ type: UInt32) -> StaticString? {
    switch type {
    case 0x7000_0000: return "V850 Small Common"
    case 0x7000_0001: return "V850 Tiny Common"
    case 0x7000_0002: return "V850 Zero Common"
    case 0x8000_0000: return "RENESAS IOP"
    case 0xa000_0000: return "RENESAS INFO"
    default: return nil
    }
  }

  static func ia64SectionType(_ type: UInt32) -> StaticString? {
    switch type {
    case 0x7000_0000: return "IA_64_EXT"
    case 0x7000_0001: return "IA_64_UNWIND"
    case 0x7900_0000: return "IA_64_PRIORITY_INIT"
    case 0x6000_0000: return "VMS_TRACE"
    case 0x6000_0001: return "VMS_TIE_SIGNATURES"
    case 0x6000_0002: return "VMS_DEBUG"
    case 0x6000_0003: return "VMS_DEBUG_STR"
    case 0x6000_0004: return "VMS_LINKAGES"
    case 0x6000_0005: return "VMS_SYMBOL_VECTOR"
    case 0x6000_0006: return "VMS_FIXUP"
    default: return nil
    }
  }

  static func solarisSectionType(_ type: UInt32) -> StaticString? {
    switch type {
    case 0x6fff_ffee: return "SUNW_ancillary"
    case 0x6fff_ffef: return "SUNW_capchain"
    case 0x6fff_fff1: return "SUNW_symsort"
    case 0x6fff_fff2: return "SUNW_tlssort"
    case 0x6fff_fff3: return "SUNW_LDYNSYM"
    case 0x6fff_fff4: return "SUNW_dof"
    case 0x6fff_fff5: return "SUNW_cap"
    case 0x6fff_fff8: return "SUNW_DEBUGSTR"
    case 0x6fff_fff9: return "SUNW_DEBUG"
    case 0x6fff_fffa: return "SUNW_move"
    case 0x6fff_fffb: return "SUNW_COMDAT"
    default: return nil
    }
  }

  static func mipsSectionType(_ type: UInt32) -> StaticString? {
    switch type {
    case 0x7000_0000: return "MIPS_LIBLIST"
    case 0x7000_0001: return "MIPS_MSYM"
    case 0x7000_0002: return "MIPS_CONFLICT"
    case 0x7000_0003: return "MIPS_GPTAB"
    case 0x7000_0004: return "MIPS_UCODE"
    case 0x7000_0005: return "MIPS_DEBUG"
    case 0x7000_0006: return "MIPS_REGINFO"
    case 0x7000_0007: return "MIPS_PACKAGE"
    case 0x7000_0008: return "MIPS_PACKSYM"
    case 0x7000_0009: return "MIPS_RELD"
    case 0x7000_000b: return "MIPS_IFACE"
    case 0x7000_000c: return "MIPS_CONTENT"
    case 0x7000_000d: return "MIPS_OPTIONS"
    case 0x7000_0010: return "MIPS_SHDR"
    case 0x7000_0011: return "MIPS_FDESC"
    case 0x7000_0012: return "MIPS_EXTSYM"
    case 0x7000_0013: return "MIPS_DENSE"
    case 0x7000_0014: return "MIPS_PDESC"
    case 0x7000_0015: return "MIPS_LOCSYM"
    case 0x7000_0016: return "MIPS_AUXSYM"
    case 0x7000_0017: return "MIPS_OPTSYM"
    case 0x7000_0018: return "MIPS_LOCSTR"
    case 0x7000_0019: return "MIPS_LINE"
    case 0x7000_001a: return "MIPS_RFDESC"
    case 0x7000_001b: return "MIPS_DELTASYM"
    case 0x7000_001c: return "MIPS_DELTAINST"
    case 0x7000_001d: return "MIPS_DELTACLASS"
    case 0x7000_001e: return "MIPS_DWARF"
    case 0x7000_001f: return "MIPS_DELTADECL"
    case 0x7000_0020: return "MIPS_SYMBOL_LIB"
    case 0x7000_0021: return "MIPS_EVENTS"
    case 0x7000_0022: return "MIPS_TRANSLATE"
    case 0x7000_0023: return "MIPS_PIXIE"
    case 0x7000_0024: return "MIPS_XLATE"
    case 0x7000_0025: return "MIPS_XLATE_DEBUG"
    case 0x7000_0026: return "MIPS_WHIRL"
    case 0x7000_0027: return "MIPS_EH_REGION"
    case 0x7000_0028: return "MIPS_XLATE_OLD"
    case 0x7000_0029: return "MIPS_PDR_EXCEPTION"
    case 0x7000_002a: return "MIPS_ABIFLAGS"
    case 0x7000_002b: return "MIPS_XHASH"
    default: return nil
    }
  }
}
