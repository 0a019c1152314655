// The decoding of `e_flags` that GNU readelf 2.40 appends to the `Flags:`
// line of the file header (`get_machine_flags` and the `decode_*_machine_flags`
// functions in binutils' readelf.c), for the architectures Linux runs on:
// x86 (nothing to decode), ARM, AArch64 (nothing), MIPS, PowerPC,
// RISC-V, s390, SPARC v9, SuperH, LoongArch, IA-64 and PA-RISC. GNU
// decodes a few dozen more embedded targets; for those this prints the
// number alone (a known difference, only for non-zero flags of those
// machines). With flags 0 GNU prints nothing for any machine.

enum MachineFlags {
  /// Writes the decoded flags (`, soft-float ABI, RVC` …) after `0x%lx`.
  static func write(_ flags: UInt32, machine: UInt16, osabi: UInt8) {
    guard flags != 0 else { return }
    switch machine {
    case MachineNumber.arm: arm(flags)
    case MachineNumber.mips, MachineNumber.mipsRS3LE: mips(flags)
    case MachineNumber.ppc:
      if flags & 0x8000_0000 != 0 { Out.text(", emb") }
      if flags & 0x0001_0000 != 0 { Out.text(", relocatable") }
      if flags & 0x0000_8000 != 0 { Out.text(", relocatable-lib") }
    case MachineNumber.ppc64:
      // EF_PPC64_ABI (3): ", abiv" and the digit.
      if flags & 3 != 0 {
        Out.text(", abiv")
        Out.byte(UInt8(ascii: "0") + UInt8(flags & 3))
      }
    case MachineNumber.riscV:
      if flags & 0x1 != 0 { Out.text(", RVC") }
      if flags & 0x8 != 0 { Out.text(", RVE") }
      if flags & 0x10 != 0 { Out.text(", TSO") }
      switch flags & 0x6 {
      case 0x0: Out.text(", soft-float ABI")
      case 0x2: Out.text(", single-float ABI")
      case 0x4: Out.text(", double-float ABI")
      default: Out.text(", quad-float ABI")
      }
    case MachineNumber.s390:
      if flags & 0x1 != 0 { Out.text(", highgprs") }
    case MachineNumber.sparcV9:
      if flags & 0x100 != 0 { Out.text(", v8+") }
      if flags & 0x200 != 0 { Out.text(", ultrasparcI") }
      if flags & 0x800 != 0 { Out.text(", ultrasparcIII") }
      if flags & 0x400 != 0 { Out.text(", halr1") }
      if flags & 0x0080_0000 != 0 { Out.text(", ledata") }
      switch flags & 0x3 {
      case 0: Out.text(", tso")
      case 1: Out.text(", pso")
      case 2: Out.text(", rmo")
      default: break
      }
    case 42: superH(flags)
    case MachineNumber.loongArch:
      switch flags & 0x7 {
      case 1: Out.text(", SOFT-FLOAT")
      case 2: Out.text(", SINGLE-FLOAT")
      case 3: Out.text(", DOUBLE-FLOAT")
      default: break
      }
      switch flags & 0xc0 {
      case 0x00: Out.text(", OBJ-v0")
      case 0x40: Out.text(", OBJ-v1")
      default: break
      }
    case MachineNumber.ia64:
      Out.text(flags & 0x10 != 0 ? ", 64-bit" : ", 32-bit")
      if flags & 0x20 != 0 { Out.text(", reduced fp model") }
      if flags & 0x80 != 0 {
        Out.text(", no function descriptors, constant gp")
      } else if flags & 0x40 != 0 {
        Out.text(", constant gp")
      }
      if flags & 0x100 != 0 { Out.text(", absolute") }
    case MachineNumber.parisc: parisc(flags)
    default: break
    }
  }

  static func arm(_ allFlags: UInt32) {
    let eabi = allFlags & 0xff00_0000
    var flags = allFlags & ~0xff00_0000
    var unknown = false
    if flags & 0x01 != 0 {
      Out.text(", relocatable executable")
      flags &= ~0x01
    }
    if flags & 0x20 != 0 {
      Out.text(", position independent")
      flags &= ~0x20
    }
    /// Each remaining bit, lowest first: its text, or `nil` if unknown.
    func eachBit(_ name: (UInt32) -> StaticString?) {
      while flags != 0 {
        let bit = flags & (0 &- flags)
        flags &= ~bit
        if let text = name(bit) { Out.text(text) } else { unknown = true }
      }
    }
    switch eabi {
    case 0x0100_0000:
      Out.text(", Version1 EABI")
      eachBit { $0 == 0x04 ? ", sorted symbol tables" : nil }
    case 0x0200_0000:
      Out.text(", Version2 EABI")
      eachBit { bit in
        switch bit {
        case 0x04: return ", sorted symbol tables"
        case 0x08: return ", dynamic symbols use segment index"
        case 0x10: return ", mapping symbols precede others"
        default: return nil
        }
      }
    case 0x0300_0000:
      Out.text(", Version3 EABI")
    case 0x0400_0000:
      Out.text(", Version4 EABI")
      eachBit { bit in
        switch bit {
        case 0x0080_0000: return ", BE8"
        case 0x0040_0000: return ", LE8"
        default: return nil
        }
      }
    case 0x0500_0000:
      Out.text(", Version5 EABI")
      eachBit { bit in
        switch bit {
        case 0x0080_0000: return ", BE8"
        case 0x0040_0000: return ", LE8"
        case 0x200: return ", soft-float ABI"
        case 0x400: return ", hard-float ABI"
        default: return nil
        }
      }
    case 0:
      Out.text(", GNU EABI")
      eachBit { bit in
        switch bit {
        case 0x04: return ", interworking enabled"
        case 0x08: return ", uses APCS/26"
        case 0x10: return ", uses APCS/float"
        case 0x20: return ", position independent"
        case 0x40: return ", 8 bit structure alignment"
        case 0x80: return ", uses new ABI"
        case 0x100: return ", uses old ABI"
        case 0x200: return ", software FP"
        case 0x400: return ", VFP"
        case 0x800: return ", Maverick FP"
        default: return nil
        }
      }
    default:
      Out.text(", <unrecognized EABI>")
      if flags != 0 { unknown = true }
    }
    if unknown { Out.text(", <unknown>") }
  }

  static func mips(_ flags: UInt32) {
    if flags & 0x1 != 0 { Out.text(", noreorder") }
    if flags & 0x2 != 0 { Out.text(", pic") }
    if flags & 0x4 != 0 { Out.text(", cpic") }
    if flags & 0x10 != 0 { Out.text(", ugen_reserved") }
    if flags & 0x20 != 0 { Out.text(", abi2") }
    if flags & 0x80 != 0 { Out.text(", odk first") }
    if flags & 0x100 != 0 { Out.text(", 32bitmode") }
    if flags & 0x400 != 0 { Out.text(", nan2008") }
    if flags & 0x200 != 0 { Out.text(", fp64") }
    switch flags & 0x00ff_0000 {
    case 0: break  // EF_MIPS_MACH is a GNU extension: nothing said when absent.
    case 0x0081_0000: Out.text(", 3900")
    case 0x0082_0000: Out.text(", 4010")
    case 0x0083_0000: Out.text(", 4100")
    case 0x0088_0000: Out.text(", 4111")
    case 0x0087_0000: Out.text(", 4120")
    case 0x0085_0000: Out.text(", 4650")
    case 0x0091_0000: Out.text(", 5400")
    case 0x0098_0000: Out.text(", 5500")
    case 0x0092_0000: Out.text(", 5900")
    case 0x008a_0000: Out.text(", sb1")
    case 0x0099_0000: Out.text(", 9000")
    case 0x00a0_0000: Out.text(", loongson-2e")
    case 0x00a1_0000: Out.text(", loongson-2f")
    case 0x00a2_0000: Out.text(", gs464")
    case 0x00a3_0000: Out.text(", gs464e")
    case 0x00a4_0000: Out.text(", gs264e")
    case 0x008b_0000: Out.text(", octeon")
    case 0x008d_0000: Out.text(", octeon2")
    case 0x008e_0000: Out.text(", octeon3")
    case 0x008c_0000: Out.text(", xlr")
    case 0x0093_0000: Out.text(", interaptiv-mr2")
    default: Out.text(", unknown CPU")
    }
    switch flags & 0xf000 {
    case 0: break  // EF_MIPS_ABI is a GNU extension too.
    case 0x1000: Out.text(", o32")
    case 0x2000: Out.text(", o64")
    case 0x3000: Out.text(", eabi32")
    case 0x4000: Out.text(", eabi64")
    default: Out.text(", unknown ABI")
    }
    if flags & 0x0800_0000 != 0 { Out.text(", mdmx") }
    if flags & 0x0400_0000 != 0 { Out.text(", mips16") }
    if flags & 0x0200_0000 != 0 { Out.text(", micromips") }
    switch flags & 0xf000_0000 {
    case 0x0000_0000: Out.text(", mips1")
    case 0x1000_0000: Out.text(", mips2")
    case 0x2000_0000: Out.text(", mips3")
    case 0x3000_0000: Out.text(", mips4")
    case 0x4000_0000: Out.text(", mips5")
    case 0x5000_0000: Out.text(", mips32")
    case 0x7000_0000: Out.text(", mips32r2")
    case 0x9000_0000: Out.text(", mips32r6")
    case 0x6000_0000: Out.text(", mips64")
    case 0x8000_0000: Out.text(", mips64r2")
    case 0xa000_0000: Out.text(", mips64r6")
    default: Out.text(", unknown ISA")
    }
  }

  static func superH(_ flags: UInt32) {
    switch flags & 0x1f {
    case 1: Out.text(", sh1")
    case 2: Out.text(", sh2")
    case 3: Out.text(", sh3")
    case 4: Out.text(", sh-dsp")
    case 5: Out.text(", sh3-dsp")
    case 6: Out.text(", sh4al-dsp")
    case 8: Out.text(", sh3e")
    case 9: Out.text(", sh4")
    case 10: Out.text(", sh5")
    case 11: Out.text(", sh2e")
    case 12: Out.text(", sh4a")
    case 13: Out.text(", sh2a")
    case 16: Out.text(", sh4-nofpu")
    case 17: Out.text(", sh4a-nofpu")
    case 18: Out.text(", sh4-nommu-nofpu")
    case 19: Out.text(", sh2a-nofpu")
    case 20: Out.text(", sh3-nommu")
    case 21: Out.text(", sh2a-nofpu-or-sh4-nommu-nofpu")
    case 22: Out.text(", sh2a-nofpu-or-sh3-nommu")
    case 23: Out.text(", sh2a-or-sh4")
    case 24: Out.text(", sh2a-or-sh3e")
    default: Out.text(", unknown ISA")
    }
    if flags & 0x100 != 0 { Out.text(", pic") }
    if flags & 0x8000 != 0 { Out.text(", fdpic") }
  }

  static func parisc(_ flags: UInt32) {
    switch flags & 0xffff {
    case 0x020b: Out.text(", PA-RISC 1.0")
    case 0x0210: Out.text(", PA-RISC 1.1")
    case 0x0214: Out.text(", PA-RISC 2.0")
    default: break
    }
    if flags & 0x0001_0000 != 0 { Out.text(", trapnil") }
    if flags & 0x0002_0000 != 0 { Out.text(", ext") }
    if flags & 0x0004_0000 != 0 { Out.text(", lsb") }
    if flags & 0x0008_0000 != 0 { Out.text(", wide") }
    if flags & 0x0010_0000 != 0 { Out.text(", no kabp") }
    if flags & 0x0040_0000 != 0 { Out.text(", lazyswap") }
  }
}
