/// The key of an auxiliary vector entry (`AT_*`).
///
/// Values come from the kernel's `include/uapi/linux/auxvec.h`,
/// `arch/x86/include/uapi/asm/auxvec.h` and, for the keys that other
/// architectures define and tools print (cache geometry, 19–22 and 40–47),
/// `arch/powerpc/include/uapi/asm/auxvec.h`. Unknown keys are representable.
@frozen
public struct AuxiliaryVectorKey: RawRepresentable, Equatable, Hashable, Sendable {
  public var rawValue: UInt
  @_transparent public init(rawValue: UInt) { self.rawValue = rawValue }

  /// `AT_NULL` (0): end of vector.
  public static var null: Self { Self(rawValue: 0) }
  /// `AT_IGNORE` (1): entry should be ignored.
  public static var ignore: Self { Self(rawValue: 1) }
  /// `AT_EXECFD` (2): file descriptor of the program.
  public static var executableFileDescriptor: Self { Self(rawValue: 2) }
  /// `AT_PHDR` (3): address of the program headers.
  public static var programHeaders: Self { Self(rawValue: 3) }
  /// `AT_PHENT` (4): size of a program header entry.
  public static var programHeaderEntrySize: Self { Self(rawValue: 4) }
  /// `AT_PHNUM` (5): number of program headers.
  public static var programHeaderCount: Self { Self(rawValue: 5) }
  /// `AT_PAGESZ` (6): system page size.
  public static var pageSize: Self { Self(rawValue: 6) }
  /// `AT_BASE` (7): base address of the interpreter.
  public static var interpreterBase: Self { Self(rawValue: 7) }
  /// `AT_FLAGS` (8): flags.
  public static var flags: Self { Self(rawValue: 8) }
  /// `AT_ENTRY` (9): entry point of the program.
  public static var entry: Self { Self(rawValue: 9) }
  /// `AT_NOTELF` (10): the program is not ELF.
  public static var notELF: Self { Self(rawValue: 10) }
  /// `AT_UID` (11): real user ID.
  public static var userID: Self { Self(rawValue: 11) }
  /// `AT_EUID` (12): effective user ID.
  public static var effectiveUserID: Self { Self(rawValue: 12) }
  /// `AT_GID` (13): real group ID.
  public static var groupID: Self { Self(rawValue: 13) }
  /// `AT_EGID` (14): effective group ID.
  public static var effectiveGroupID: Self { Self(rawValue: 14) }
  /// `AT_PLATFORM` (15): address of a string naming the CPU.
  public static var platform: Self { Self(rawValue: 15) }
  /// `AT_HWCAP` (16): CPU capability bits.
  public static var hardwareCapabilities: Self { Self(rawValue: 16) }
  /// `AT_CLKTCK` (17): frequency of `times()`.
  public static var clockTicks: Self { Self(rawValue: 17) }
  /// `AT_FPUCW` (18): FPU control word (SuperH).
  public static var fpuControlWord: Self { Self(rawValue: 18) }
  /// `AT_DCACHEBSIZE` (19): data cache block size (PowerPC).
  public static var dataCacheBlockSize: Self { Self(rawValue: 19) }
  /// `AT_ICACHEBSIZE` (20): instruction cache block size (PowerPC).
  public static var instructionCacheBlockSize: Self { Self(rawValue: 20) }
  /// `AT_UCACHEBSIZE` (21): unified cache block size (PowerPC).
  public static var unifiedCacheBlockSize: Self { Self(rawValue: 21) }
  /// `AT_IGNOREPPC` (22): entry should be ignored (PowerPC).
  public static var ignorePowerPC: Self { Self(rawValue: 22) }
  /// `AT_SECURE` (23): secure mode (set-user-ID and the like).
  public static var secure: Self { Self(rawValue: 23) }
  /// `AT_BASE_PLATFORM` (24): address of a string naming the real platform.
  public static var basePlatform: Self { Self(rawValue: 24) }
  /// `AT_RANDOM` (25): address of 16 random bytes.
  public static var random: Self { Self(rawValue: 25) }
  /// `AT_HWCAP2` (26): more CPU capability bits.
  public static var hardwareCapabilities2: Self { Self(rawValue: 26) }
  /// `AT_RSEQ_FEATURE_SIZE` (27): rseq supported feature size.
  public static var rseqFeatureSize: Self { Self(rawValue: 27) }
  /// `AT_RSEQ_ALIGN` (28): rseq allocation alignment.
  public static var rseqAlignment: Self { Self(rawValue: 28) }
  /// `AT_HWCAP3` (29): more CPU capability bits.
  public static var hardwareCapabilities3: Self { Self(rawValue: 29) }
  /// `AT_HWCAP4` (30): more CPU capability bits.
  public static var hardwareCapabilities4: Self { Self(rawValue: 30) }
  /// `AT_EXECFN` (31): address of the file name of the program.
  public static var executableFileName: Self { Self(rawValue: 31) }
  /// `AT_SYSINFO` (32): entry of the vsyscall page (i386).
  public static var systemInfo: Self { Self(rawValue: 32) }
  /// `AT_SYSINFO_EHDR` (33): address of the vDSO's ELF header.
  public static var vdso: Self { Self(rawValue: 33) }
  /// `AT_L1I_CACHESIZE` (40).
  public static var l1InstructionCacheSize: Self { Self(rawValue: 40) }
  /// `AT_L1I_CACHEGEOMETRY` (41).
  public static var l1InstructionCacheGeometry: Self { Self(rawValue: 41) }
  /// `AT_L1D_CACHESIZE` (42).
  public static var l1DataCacheSize: Self { Self(rawValue: 42) }
  /// `AT_L1D_CACHEGEOMETRY` (43).
  public static var l1DataCacheGeometry: Self { Self(rawValue: 43) }
  /// `AT_L2_CACHESIZE` (44).
  public static var l2CacheSize: Self { Self(rawValue: 44) }
  /// `AT_L2_CACHEGEOMETRY` (45).
  public static var l2CacheGeometry: Self { Self(rawValue: 45) }
  /// `AT_L3_CACHESIZE` (46).
  public static var l3CacheSize: Self { Self(rawValue: 46) }
  /// `AT_L3_CACHEGEOMETRY` (47).
  public static var l3CacheGeometry: Self { Self(rawValue: 47) }
  /// `AT_MINSIGSTKSZ` (51): minimal stack size for signal delivery.
  public static var minimumSignalStackSize: Self { Self(rawValue: 51) }
}

/// One auxiliary vector entry: a key and its machine-word value, as the
/// kernel writes them (`Elf64_auxv_t`).
@frozen
public struct AuxiliaryVectorEntry: Equatable, Sendable {
  /// The key (`a_type`).
  public var key: AuxiliaryVectorKey
  /// The value (`a_un.a_val`): a number, flags or an address, by key.
  public var value: UInt

  @_transparent public init(key: AuxiliaryVectorKey, value: UInt) {
    self.key = key
    self.value = value
  }
}
