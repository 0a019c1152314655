extension ELFFile {
  /// `e_machine`: the architecture (`EM_*` in `elf.h`).
  ///
  /// Values not named here are kept as they are (`rawValue`).
  public struct Machine: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `EM_NONE` (0): No machine.
    public static let none = Machine(rawValue: 0)
    /// `EM_SPARC` (2): SPARC.
    public static let sparc = Machine(rawValue: 2)
    /// `EM_386` (3): Intel 80386.
    public static let i386 = Machine(rawValue: 3)
    /// `EM_68K` (4): Motorola 68000.
    public static let m68k = Machine(rawValue: 4)
    /// `EM_MIPS` (8): MIPS.
    public static let mips = Machine(rawValue: 8)
    /// `EM_PPC` (20): PowerPC.
    public static let powerPC = Machine(rawValue: 20)
    /// `EM_PPC64` (21): 64-bit PowerPC.
    public static let powerPC64 = Machine(rawValue: 21)
    /// `EM_S390` (22): IBM S/390 and z/Architecture.
    public static let s390 = Machine(rawValue: 22)
    /// `EM_ARM` (40): 32-bit ARM.
    public static let arm = Machine(rawValue: 40)
    /// `EM_SPARCV9` (43): SPARC v9.
    public static let sparcV9 = Machine(rawValue: 43)
    /// `EM_X86_64` (62): AMD x86-64.
    public static let x86_64 = Machine(rawValue: 62)
    /// `EM_AARCH64` (183): 64-bit ARM.
    public static let aarch64 = Machine(rawValue: 183)
    /// `EM_RISCV` (243): RISC-V.
    public static let riscV = Machine(rawValue: 243)
    /// `EM_LOONGARCH` (258): LoongArch.
    public static let loongArch = Machine(rawValue: 258)
  }
}
