import InitialStack

/// A fresh initial process stack for a program started in place of the
/// running one (a userland exec, `ulexec`): what the kernel's
/// `create_elf_tables` (`fs/binfmt_elf.c`) would write for it, in the
/// `InitialStack` module's `kernel` layout.
///
/// The auxiliary vector is the kernel's for the new program:
/// - describing the new image: `AT_PHDR`, `AT_PHENT`, `AT_PHNUM`,
///   `AT_ENTRY` of the program, `AT_BASE` the interpreter's base (0 without
///   one), `AT_FLAGS` 0;
/// - fresh data in the new stack: `AT_RANDOM` (16 bytes the caller gives),
///   `AT_PLATFORM` (`"x86_64"`, the kernel's `ELF_PLATFORM` on x86-64),
///   `AT_EXECFN` (the file name);
/// - every other entry of the running process's own vector forwarded with
///   its value: `AT_SYSINFO_EHDR` (the vDSO stays mapped), `AT_MINSIGSTKSZ`,
///   `AT_HWCAP`, `AT_HWCAP2`, `AT_PAGESZ`, `AT_CLKTCK`, the ids,
///   `AT_SECURE`, `AT_RSEQ_FEATURE_SIZE`, `AT_RSEQ_ALIGN`, and keys this
///   module does not know (a newer kernel's);
/// - dropped: `AT_EXECFD` (the old image's `binfmt_misc` descriptor),
///   `AT_BASE_PLATFORM` (x86-64 kernels do not pass it), `AT_NOTELF` and
///   the ignored keys.
/// Entries are written in the kernel's order (unknown keys last).
public enum ExecStack {
  /// Keys whose inherited values describe the old image or point into the
  /// old stack, or that the kernel would not pass for an ELF program.
  static func isReplaced(_ key: AuxiliaryVectorKey) -> Bool {
    switch key.rawValue {
    // AT_NULL, AT_IGNORE, AT_EXECFD, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE,
    // AT_FLAGS, AT_ENTRY, AT_NOTELF, AT_PLATFORM, AT_IGNOREPPC,
    // AT_BASE_PLATFORM, AT_RANDOM, AT_EXECFN
    case 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 15, 22, 24, 25, 31: true
    default: false
    }
  }

  /// The stack's contents for `program` (and its `interpreter`), ending at
  /// `stackTop`.
  ///
  /// - `arguments`: `argv`, `argv[0]` first (as the caller of exec gives
  ///   them); `environment`: `NAME=VALUE` strings. An environment string
  ///   without `=` is dropped: the builder refuses it, and no `getenv` can
  ///   find it.
  /// - `executableFileName`: the `AT_EXECFN` string (the path opened).
  /// - `inherited`: the running process's auxiliary vector.
  /// - `randomBytes`: 16 fresh bytes for `AT_RANDOM`.
  /// - `stackTop`: the address just above the block (16-byte aligned).
  public static func builder(
    arguments: [[UInt8]], environment: [[UInt8]], executableFileName: [UInt8], program: LoadedObject,
    interpreter: LoadedObject?, inherited: [AuxiliaryVectorEntry], randomBytes: [UInt8], stackTop: UInt
  ) throws(LoaderError) -> InitialStackBuilder {
    var builder = InitialStackBuilder(layout: .kernel(stackTop: stackTop & ~15))
    do throws(InitialStackError) {
      for argument in arguments { try builder.addArgument(bytes: argument) }
      for variable in environment where variable.contains(UInt8(ascii: "=")) {
        try builder.addEnvironmentVariable(bytes: variable)
      }
      var hasPageSize = false
      for entry in inherited where !isReplaced(entry.key) {
        if entry.key == .pageSize { hasPageSize = true }
        try builder.addAuxiliaryEntry(entry)
      }
      if !hasPageSize { try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .pageSize, value: 4096)) }
      // AT_PHDR: the mapped program headers; if no segment maps them, the
      // loader's copy, which stays allocated (the kernel would pass an
      // address computed from e_phoff that may be unmapped).
      let headers =
        program.programHeaderAddress != 0 ? program.programHeaderAddress : UInt(bitPattern: program.programHeaders)
      try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .programHeaders, value: headers))
      try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .programHeaderEntrySize, value: 56))
      try builder.addAuxiliaryEntry(
        AuxiliaryVectorEntry(key: .programHeaderCount, value: UInt(program.programHeaderCount)))
      try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .interpreterBase, value: interpreter?.bias ?? 0))
      try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .flags, value: 0))
      try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .entry, value: program.entry))
      try builder.setRandomBytes(randomBytes)
      try builder.setExecutableFileName(bytes: executableFileName)
      try builder.setPlatform("x86_64")
      builder.sortAuxiliaryVectorInKernelOrder()
      _ = try builder.totalSize  // the addresses fit
    } catch {
      throw LoaderError(
        executableFileName, .other("cannot build the initial stack (an argument or the stack top is invalid)"))
    }
    return builder
  }

  /// Writes the block `builder` describes in place, below its stack top,
  /// and returns where `argc` is: the stack pointer to enter the program
  /// with (16-byte aligned).
  ///
  /// The memory from there to the stack top must be writable (the part of
  /// the process stack below the caller's frames: the kernel grows the
  /// stack mapping on the first touch) and must hold nothing the caller
  /// still needs. `name` is what an error is about (the program).
  public static func write(
    _ builder: InitialStackBuilder, for name: [UInt8]
  ) throws(LoaderError) -> UnsafeMutableRawPointer {
    do throws(InitialStackError) {
      let size = try builder.totalSize
      guard let base = try builder.requiredBaseAddress, let start = UnsafeMutableRawPointer(bitPattern: base) else {
        throw InitialStackError.addressOutOfRange
      }
      try builder.serialize(into: UnsafeMutableRawBufferPointer(start: start, count: size), baseAddress: base)
      return start
    } catch {
      throw LoaderError(name, .other("cannot write the initial stack"))
    }
  }
}
