import Foundation
import InitialStack
import Testing

/// The kernel layout, checked against this very process: the order of
/// `/proc/self/auxv`, and the addresses the kernel chose for the strings
/// (`/proc/self/stat` fields `arg_start`, `env_start`; `AT_EXECFN`,
/// `AT_PLATFORM`, `AT_RANDOM`).
@Suite struct KernelLayoutTests {
  static func read(_ path: String) throws -> [UInt8] {
    let handle = try #require(FileHandle(forReadingAtPath: path))
    defer { try? handle.close() }
    return [UInt8](handle.readDataToEndOfFile())
  }

  @Test func procSelfAuxvIsInKernelOrder() throws {
    let bytes = try Self.read("/proc/self/auxv")
    try bytes.withUnsafeBytes { raw in
      let auxv = try AuxiliaryVectorEntries(validating: raw, wordSize: .bits64)
      #expect(auxv.count > 10)
      let ranks = auxv.map(\.key.kernelRank)
      #expect(ranks == ranks.sorted(), "\(auxv.map(\.key.rawValue))")
      // The builder's helper gives the same order from a shuffled input.
      var builder = InitialStackBuilder(layout: .kernel(stackTop: 0x7fff_0000_0000), wordSize: .bits64)
      for entry in auxv.reversed() { try builder.addAuxiliaryEntry(entry) }
      builder.sortAuxiliaryVectorInKernelOrder()
      let size = try builder.totalSize
      try withAlignedBuffer(count: size) { buffer in
        try builder.serialize(into: buffer, baseAddress: try builder.requiredBaseAddress!)
        let parsed = try ParsedInitialStack(bytes: UnsafeRawBufferPointer(buffer), baseAddress: try builder.requiredBaseAddress!, wordSize: .bits64)
        #expect(Array(parsed.auxiliaryVector) == Array(auxv))
      }
    }
  }

  /// Rebuilds this process's initial stack with the same strings and stack
  /// top and compares every address the kernel made visible.
  @Test func stringAddressesMatchThisProcess() throws {
    let auxBytes = try Self.read("/proc/self/auxv")
    let stat = String(decoding: try Self.read("/proc/self/stat"), as: UTF8.self)
    // Fields after the command name (which may hold spaces); field 3 first.
    let fields = stat[stat.range(of: ")", options: .backwards)!.upperBound...].split(separator: " ")
    let argStart = UInt(fields[48 - 3])!, envStart = UInt(fields[50 - 3])!
    let maps = String(decoding: try Self.read("/proc/self/maps"), as: UTF8.self)
    let stackLine = try #require(maps.split(separator: "\n").first { $0.hasSuffix("[stack]") })
    let stackTop = UInt(stackLine.split(separator: "-")[1].split(separator: " ")[0], radix: 16)!

    try auxBytes.withUnsafeBytes { raw in
      let auxv = try AuxiliaryVectorEntries(validating: raw, wordSize: .bits64)
      let execfn = try #require(auxv[.executableFileName])
      let platform = try #require(auxv[.platform])
      let random = try #require(auxv[.random])
      #expect(auxv[.basePlatform] == nil)
      let fileName = String(cString: UnsafePointer<CChar>(bitPattern: execfn)!)
      let platformName = String(cString: UnsafePointer<CChar>(bitPattern: platform)!)
      // argv and envp strings are the kernel's originals in
      // /proc/self/cmdline and /proc/self/environ.
      let arguments = Array(try Self.read("/proc/self/cmdline").split(separator: 0, omittingEmptySubsequences: false).dropLast())
      let environment = Array(try Self.read("/proc/self/environ").split(separator: 0, omittingEmptySubsequences: false).dropLast())

      // arch_align_stack's random gap is unknown: derive it from where the
      // platform string landed, then everything else must agree.
      let platformLength = UInt(platformName.utf8.count + 1)
      // The gap (plus arch_align_stack's rounding) that puts the platform
      // string where the kernel put it.
      let gap = argStart - (platform + platformLength)
      var builder = try Self.rebuild(arguments: arguments, environment: environment, top: stackTop, gap: gap)
      for entry in auxv where entry.key.valueKind != .string && entry.key != .random {
        try builder.addAuxiliaryEntry(entry)
      }
      try builder.setExecutableFileName(fileName)
      try builder.setPlatform(platformName)
      try builder.setRandomBytes(Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: random), count: 16)))
      builder.sortAuxiliaryVectorInKernelOrder()
      let base = try #require(try builder.requiredBaseAddress)
      try withAlignedBuffer(count: try builder.totalSize) { buffer in
        try builder.serialize(into: buffer, baseAddress: base)
        let parsed = try ParsedInitialStack(bytes: UnsafeRawBufferPointer(buffer), baseAddress: base, wordSize: .bits64)
        #expect(parsed.argumentPointers.first == argStart)
        #expect(parsed.environmentPointers.first == envStart)
        #expect(parsed.auxiliaryVector[.executableFileName] == execfn)
        #expect(parsed.auxiliaryVector[.platform] == platform)
        #expect(parsed.auxiliaryVector[.random] == random)
        #expect(execfn + UInt(fileName.utf8.count + 1) + 8 == stackTop)
        #expect(Array(parsed.auxiliaryVector).map(\.key) == Array(auxv).map(\.key))
      }
    }
  }

  static func rebuild(
    arguments: [ArraySlice<UInt8>], environment: [ArraySlice<UInt8>], top: UInt, gap: UInt
  ) throws -> InitialStackBuilder {
    var fresh = InitialStackBuilder(layout: .kernel(stackTop: top, alignmentGap: gap), wordSize: .bits64)
    for argument in arguments { try fresh.addArgument(bytes: Array(argument)) }
    for variable in environment { try fresh.addEnvironmentVariable(bytes: Array(variable)) }
    return fresh
  }

  /// The 32-bit kernel layout (compat_binfmt_elf): 4-byte words, argc
  /// still at a multiple of 16, strings placed exactly as on 64-bit.
  @Test func thirtyTwoBitLayout() throws {
    var builder = InitialStackBuilder(layout: .kernel(stackTop: 0xffff_e000, alignmentGap: 0x123), wordSize: .bits32)
    try builder.addArgument("/bin/true")
    try builder.addEnvironmentVariable("A=1")
    try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .pageSize, value: 4096))
    try builder.setRandomBytes(Array(0..<16))
    try builder.setExecutableFileName("/bin/true")
    try builder.setPlatform("i686")
    let base = try #require(try builder.requiredBaseAddress)
    // top - 4 (zero word) - 10 ("/bin/true") = 0xffffdff2 (file name);
    // - 4 ("A=1") = 0xffffdfee; - 10 = 0xffffdfe4 (argv[0]); - 0x123 =
    // 0xffffdec1, & ~15 = 0xffffdec0; "i686" at 0xffffdebb; random at
    // 0xffffdeab; 5 auxv entries (40 bytes) and 6 words below, & ~15.
    #expect(base == 0xffff_de60)
    #expect(base == (0xffff_deab - 40 - 24) & ~15)
    try withAlignedBuffer(count: try builder.totalSize) { buffer in
      try builder.serialize(into: buffer, baseAddress: base)
      let parsed = try ParsedInitialStack(bytes: UnsafeRawBufferPointer(buffer), baseAddress: base, wordSize: .bits32)
      #expect(parsed.argumentPointers.map { $0 } == [0xffff_dfe4])
      #expect(parsed.environmentPointers.map { $0 } == [0xffff_dfee])
      #expect(parsed.auxiliaryVector.map(\.key) == [.pageSize, .random, .executableFileName, .platform])
      #expect(parsed.auxiliaryVector[.platform] == 0xffff_debb)
      #expect(parsed.auxiliaryVector[.random] == 0xffff_deab)
      #expect(parsed.auxiliaryVector[.executableFileName] == 0xffff_dff2)
      #expect(parsed.auxiliaryVectorOffset == 4 * 5)
    }
  }
}
