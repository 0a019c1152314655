import Foundation
import Testing

/// `auxv` against glibc's own listing: `LD_SHOW_AUXV=1 /bin/true`, which
/// makes glibc 2.36's dynamic loader print the auxiliary vector the kernel
/// gave `/bin/true` (`_dl_show_auxv`, elf/dl-sysdep.c) before running it.
///
/// Both programs are run the same way (posix_spawn of an absolute path, the
/// same one-entry environment, the same credentials), so the kernel builds
/// their vectors from the same code (fs/binfmt_elf.c, create_elf_tables):
/// the same keys in the same order. The values that legitimately differ:
///
/// - `AT_SYSINFO_EHDR` (the vDSO) and `AT_RANDOM` (on the stack): placed at
///   random in every process (ASLR); only their form is compared.
/// - `AT_PHDR`, `AT_ENTRY`, `AT_PHNUM`: properties of each executable.
///   `AT_PHNUM` is our ELF header's `e_phnum`; `AT_ENTRY` its `e_entry`
///   and `AT_PHDR` the address its first `PT_LOAD` maps file offset
///   `e_phoff` at, both plus the load bias: 0 in the static tree (loaded at
///   its link address), a non-zero multiple of the page size in the
///   static-PIE tree (wherever the kernel put it).
/// - `AT_BASE`: the interpreter's load address; ours has no `PT_INTERP`, so
///   the kernel passes 0 (`0x0`), where `/bin/true` gets ld.so's address.
/// - `AT_EXECFN`: the path each was executed by.
///
/// glibc 2.36 has no names for the keys newer kernels add and shows them as
/// `AT_??? (0xKEY): 0xVALUE`; `auxv` names them (in decimal for the rseq
/// size and alignment), and the comparison maps glibc's lines by key.
@Suite("auxv")
struct AuxvTests {
  /// One parsed line of either listing.
  struct Line {
    var name: String
    var value: String
  }

  /// Keys glibc 2.36 shows as `AT_???`, by number, and what `auxv` calls them.
  static let namesGlibcLacks: [UInt64: String] = [
    0x1b: "AT_RSEQ_FEATURE_SIZE", 0x1c: "AT_RSEQ_ALIGN", 0x1d: "AT_HWCAP3", 0x1e: "AT_HWCAP4",
  ]

  /// Keys whose value is the same in every process on this machine run by
  /// the same user.
  static let sharedKeys = [
    "AT_PAGESZ", "AT_HWCAP", "AT_HWCAP2", "AT_CLKTCK", "AT_UID", "AT_EUID", "AT_GID", "AT_EGID", "AT_SECURE",
    "AT_PLATFORM", "AT_MINSIGSTKSZ", "AT_FLAGS", "AT_PHENT", "AT_BASE_PLATFORM", "AT_HWCAP3", "AT_HWCAP4",
    "AT_RSEQ_FEATURE_SIZE", "AT_RSEQ_ALIGN",
  ]

  /// Splits a listing into lines, checking the label format glibc uses:
  /// `AT_NAME:` left-aligned in 22 columns, the value from column 22 on.
  static func parse(_ text: String) -> [Line] {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
      let line = String(line)
      if line.hasPrefix("AT_??? (0x") {
        // "AT_??? (0x1b): 0x1c"
        let parts = line.dropFirst("AT_??? (0x".count).split(separator: ")", maxSplits: 1)
        let key = UInt64(parts[0], radix: 16) ?? UInt64.max
        #expect(parts[1].hasPrefix(": 0x"), "\(line)")
        return Line(name: "AT_??? \(key)", value: String(parts[1].dropFirst(2)))
      }
      let characters = Array(line.utf8)
      let colon = characters.firstIndex(of: 58) ?? characters.count
      #expect(characters.count > 22 && colon < 21, "label too long or no value: \(line)")
      if characters.count > 22 {
        #expect(characters[(colon + 1)..<22].allSatisfy { $0 == 32 }, "label not padded to 22: \(line)")
        #expect(characters[22] != 32, "value not at column 22: \(line)")
      }
      return Line(
        name: String(decoding: characters[..<colon], as: UTF8.self),
        value: String(decoding: characters.dropFirst(22), as: UTF8.self))
    }
  }

  /// glibc's lines with the `AT_???` keys named; their values (always
  /// `0x`-hexadecimal there) become numbers for the comparison.
  static func named(_ lines: [Line]) -> [Line] {
    lines.map { line in
      guard line.name.hasPrefix("AT_??? "), let key = UInt64(line.name.dropFirst(7)) else { return line }
      return Line(name: namesGlibcLacks[key] ?? line.name, value: line.value)
    }
  }

  /// The value of a line as a number, in the base its form says.
  static func number(_ value: String) -> UInt64? {
    value.hasPrefix("0x") ? UInt64(value.dropFirst(2), radix: 16) : UInt64(value)
  }

  /// The form of a value: how glibc wrote it.
  enum Form: Equatable { case decimal, bareHex, prefixedHex, text }
  static func form(of name: String, _ value: String) -> Form {
    if value.hasPrefix("0x"), UInt64(value.dropFirst(2), radix: 16) != nil { return .prefixedHex }
    if ["AT_PLATFORM", "AT_BASE_PLATFORM", "AT_EXECFN"].contains(name) { return .text }
    if ["AT_HWCAP", "AT_NOTELF", "AT_FPUCW"].contains(name) { return .bareHex }
    return UInt64(value) != nil ? .decimal : .text
  }

  /// A little-endian integer of the executable's ELF header.
  static func field(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
  }

  @Test func matchesGlibcsListingKeyForKey() throws {
    let path = try Products.path("auxv")
    let environment = [Array("LD_SHOW_AUXV=1".utf8)]
    let ours = try run(path, arguments: [Array(path.utf8)], environment: environment)
    let glibc = try run("/bin/true", arguments: [Array("/bin/true".utf8)], environment: environment)
    #expect(ours.exitStatus == 0)
    #expect(ours.standardError.isEmpty)
    #expect(glibc.exitStatus == 0)

    let mine = Self.parse(ours.stdout)
    let theirs = Self.named(Self.parse(glibc.stdout))
    try #require(!theirs.isEmpty, "LD_SHOW_AUXV=1 /bin/true printed nothing: is /bin/true linked with glibc?")

    // The same keys in the same order, and none of ours left unnamed.
    #expect(mine.map(\.name) == theirs.map(\.name))
    #expect(!mine.contains { $0.name.hasPrefix("AT_???") })

    let glibcValues = Dictionary(theirs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    for line in mine {
      guard let theirValue = glibcValues[line.name] else { continue }
      if Self.namesGlibcLacks.values.contains(line.name) {
        // glibc: "AT_??? (0x1b): 0x1c"; ours: decimal for the rseq size and
        // alignment, prefixed hexadecimal for the capability words.
        let expected: Form = line.name.hasPrefix("AT_RSEQ") ? .decimal : .prefixedHex
        #expect(Self.form(of: line.name, line.value) == expected, "\(line.name): \(line.value)")
        #expect(Self.number(line.value) == Self.number(theirValue), "\(line.name): \(line.value) vs \(theirValue)")
        continue
      }
      #expect(
        Self.form(of: line.name, line.value) == Self.form(of: line.name, theirValue),
        "\(line.name): ours \(line.value), glibc \(theirValue)")
      if Self.sharedKeys.contains(line.name) {
        #expect(line.value == theirValue, "\(line.name): ours \(line.value), glibc \(theirValue)")
      }
    }

    // The values that belong to our executable.
    let values = Dictionary(mine.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    let elf = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let entry = Self.field(elf, at: 24, size: 8)
    let programHeaderOffset = Self.field(elf, at: 32, size: 8)
    let programHeaderSize = Int(Self.field(elf, at: 54, size: 2))
    let programHeaderCount = Self.field(elf, at: 56, size: 2)
    #expect(values["AT_EXECFN"] == path)
    let bias = try #require(values["AT_ENTRY"].flatMap(Self.number), "AT_ENTRY") &- entry
    switch Products.linkage(of: "auxv") {
    case .static: #expect(bias == 0, "loaded 0x\(String(bias, radix: 16)) from its link address")
    case .staticPIE: #expect(bias != 0 && bias % 4096 == 0, "load bias 0x\(String(bias, radix: 16))")
    }
    #expect(values["AT_PHNUM"] == String(programHeaderCount))
    #expect(values["AT_BASE"] == "0x0")
    // The first PT_LOAD (type 1) maps file offset p_offset at p_vaddr.
    let firstLoad = (0..<Int(programHeaderCount)).map { Int(programHeaderOffset) + $0 * programHeaderSize }
      .first { Self.field(elf, at: $0, size: 4) == 1 }
    let load = try #require(firstLoad)
    let address = Self.field(elf, at: load + 16, size: 8) - Self.field(elf, at: load + 8, size: 8) + programHeaderOffset
    #expect(values["AT_PHDR"] == "0x" + String(bias &+ address, radix: 16))
    for key in ["AT_SYSINFO_EHDR", "AT_RANDOM"] where values[key] != nil {
      #expect(Self.number(values[key]!) ?? 0 != 0, "\(key): \(values[key]!)")
    }
  }

  @Test func helpAndVersion() throws {
    let help = try runProduct("auxv", ["--help"])
    #expect(help.stdout.hasPrefix("Usage: auxv [OPTION]\n"))
    #expect(help.exitStatus == 0)
    let version = try runProduct("auxv", ["--version"])
    #expect(version.stdout == "auxv (swift-nolibc) 0.1\n")
    #expect(version.exitStatus == 0)
  }

  @Test func usageErrors() throws {
    let cases = [
      ("--nope", "auxv: unrecognized option '--nope'"),
      ("-x", "auxv: invalid option -- 'x'"),
      ("extra", "auxv: extra operand 'extra'"),
    ]
    for (argument, message) in cases {
      let outcome = try runProduct("auxv", [argument])
      #expect(outcome.stderr == message + "\nTry 'auxv --help' for more information.\n")
      #expect(outcome.standardOutput.isEmpty)
      #expect(outcome.exitStatus == 1)
    }
  }

  @Test func reportsAWriteError() throws {
    let path = try Products.path("auxv")
    let outcome = try run(path, arguments: [Array(path.utf8)], stdoutPath: "/dev/full")
    #expect(outcome.stderr == "auxv: write error: No space left on device\n")
    #expect(outcome.exitStatus == 1)
  }
}
