import ELF
import Foundation
import Testing

/// `readelf -W` names of segment and section types, for the comparison.
let segmentTypeNames: [UInt32: String] = [
  0: "NULL", 1: "LOAD", 2: "DYNAMIC", 3: "INTERP", 4: "NOTE", 6: "PHDR", 7: "TLS",
  0x6474e550: "GNU_EH_FRAME", 0x6474e551: "GNU_STACK", 0x6474e552: "GNU_RELRO", 0x6474e553: "GNU_PROPERTY",
]
let sectionTypeNames: [UInt32: String] = [
  0: "NULL", 1: "PROGBITS", 2: "SYMTAB", 3: "STRTAB", 4: "RELA", 5: "HASH", 6: "DYNAMIC", 7: "NOTE", 8: "NOBITS",
  9: "REL", 11: "DYNSYM", 14: "INIT_ARRAY", 15: "FINI_ARRAY", 17: "GROUP", 0x6ffffff6: "GNU_HASH",
  0x6ffffffd: "VERDEF", 0x6ffffffe: "VERNEED", 0x6fffffff: "VERSYM",
]
let symbolTypeNames: [UInt8: String] = [0: "NOTYPE", 1: "OBJECT", 2: "FUNC", 3: "SECTION", 4: "FILE", 5: "COMMON", 6: "TLS", 10: "IFUNC"]
let bindingNames: [UInt8: String] = [0: "LOCAL", 1: "GLOBAL", 2: "WEAK", 10: "UNIQUE"]
let visibilityNames: [UInt8: String] = [0: "DEFAULT", 1: "INTERNAL", 2: "HIDDEN", 3: "PROTECTED"]

/// Compares everything `readelf -W -h -l -S -s -d` prints that the reader
/// exposes. Returns the file for further checks.
func compareWithReadelf(_ path: String) throws {
  let file = try FileBytes(path: path)
  let elf = try ELFFile(bytes: file.buffer)

  // -h
  var header: [String: Substring] = [:]
  for line in try readelf("-h", path).split(separator: "\n") {
    guard let colon = line.firstIndex(of: ":") else { continue }
    header[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].drop(while: { $0 == " " })
  }
  #expect(header["Class"] == (elf.fileClass == .bits64 ? "ELF64" : "ELF32"))
  #expect(header["Data"]?.contains(elf.endianness == .little ? "little endian" : "big endian") == true)
  let typeName = [0: "NONE", 1: "REL", 2: "EXEC", 3: "DYN", 4: "CORE"][elf.type.rawValue] ?? "?"
  #expect(header["Type"]?.hasPrefix(typeName) == true, "\(path): type")
  #expect(header["Version"] == "0x\(String(elf.version, radix: 16))")
  #expect(number(header["Entry point address"]!, hex: true) == elf.entry)
  #expect(number(header["Start of program headers"]!, hex: false) == elf.programHeaderOffset)
  #expect(number(header["Start of section headers"]!, hex: false) == elf.sectionHeaderOffset)
  #expect(number(header["Flags"]!.split(separator: ",")[0], hex: true) == UInt64(elf.flags))
  #expect(number(header["Size of this header"]!, hex: false) == UInt64(elf.headerSize))
  #expect(number(header["Size of program headers"]!, hex: false) == UInt64(elf.programHeaderEntrySize))
  #expect(number(header["Number of program headers"]!, hex: false) == elf.programHeaderCount)
  #expect(number(header["Size of section headers"]!, hex: false) == UInt64(elf.sectionHeaderEntrySize))
  #expect(number(header["Number of section headers"]!, hex: false) == elf.sectionCount)
  #expect(number(header["Section header string table index"]!, hex: false) == elf.sectionNameTableIndex)
  if elf.machine == .x86_64 { #expect(header["Machine"] == "Advanced Micro Devices X86-64") }
  if elf.machine == .i386 { #expect(header["Machine"] == "Intel 80386") }

  // -l
  let programHeaders = try elf.programHeaders()
  var segmentLines: [[Substring]] = []
  var inTable = false
  for line in try readelf("-l", path).split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix("Program Headers:") { inTable = true; continue }
    if inTable && line.isEmpty { break }
    guard inTable else { continue }
    let tokens = line.split(separator: " ")
    if tokens.first == "Type" || line.contains("[Requesting") { continue }
    segmentLines.append(tokens)
  }
  #expect(segmentLines.count == programHeaders.count, "\(path): program header count")
  for (tokens, segment) in zip(segmentLines, programHeaders) {
    if let name = segmentTypeNames[segment.type.rawValue] { #expect(tokens[0] == Substring(name)) }
    #expect(number(tokens[1], hex: true) == segment.offset)
    #expect(number(tokens[2], hex: true) == segment.virtualAddress)
    #expect(number(tokens[3], hex: true) == segment.physicalAddress)
    #expect(number(tokens[4], hex: true) == segment.fileSize)
    #expect(number(tokens[5], hex: true) == segment.memorySize)
    #expect(number(tokens.last!, hex: true) == segment.alignment)
    let flags = tokens[6..<(tokens.count - 1)].joined()
    #expect(flags.contains("R") == segment.flags.contains(.read))
    #expect(flags.contains("W") == segment.flags.contains(.write))
    #expect(flags.contains("E") == segment.flags.contains(.execute))
  }

  // -S
  let sections = try elf.sections()
  var sectionCount = 0
  for line in try readelf("-S", path).split(separator: "\n") {
    guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"),
      let index = Int(line[line.index(after: open)..<close].trimmingCharacters(in: .whitespaces))
    else { continue }
    sectionCount += 1
    guard index > 0 else { continue }
    let tokens = line[line.index(after: close)...].split(separator: " ")
    let section = sections[index]
    #expect(string(try elf.name(of: section)) == String(tokens[0]), "\(path): section \(index) name")
    if let name = sectionTypeNames[section.type.rawValue] { #expect(tokens[1] == Substring(name)) }
    #expect(number(tokens[2], hex: true) == section.address)
    #expect(number(tokens[3], hex: true) == section.offset)
    #expect(number(tokens[4], hex: true) == section.size)
    #expect(number(tokens[5], hex: true) == section.entrySize)
  }
  #expect(sectionCount == sections.count, "\(path): section count")

  // -s
  var table: ELFFile.SymbolTable? = nil
  var isDynamic = false
  var symbolTables = 0
  var compared = 0
  for line in try readelf("-s", path).split(separator: "\n") {
    if line.hasPrefix("Symbol table '") {
      let name = line.split(separator: "'")[1]
      let section = try #require(try elf.section(named: name.utf8))
      table = try elf.symbols(in: section)
      isDynamic = section.type == .dynamicSymbols
      symbolTables += 1
      let count = line.split(separator: " ").first(where: { Int($0) != nil }).flatMap { Int($0) }
      #expect(count == table!.count, "\(path): \(name) count")
      continue
    }
    let tokens = line.split(separator: " ", maxSplits: 7)
    guard let table, tokens.count >= 7, tokens[0].hasSuffix(":"), let index = Int(tokens[0].dropLast()) else { continue }
    let symbol = table[index]
    #expect(number(tokens[1], hex: true) == symbol.value)
    #expect(number(tokens[2], hex: false) == symbol.size)
    if let name = symbolTypeNames[symbol.type.rawValue] { #expect(tokens[3] == Substring(name)) }
    if let name = bindingNames[symbol.binding.rawValue] { #expect(tokens[4] == Substring(name)) }
    #expect(tokens[5] == Substring(visibilityNames[symbol.visibility.rawValue]!))
    var expectedName = tokens.count > 7 ? String(tokens[7]) : ""
    if isDynamic, let at = expectedName.firstIndex(of: "@") { expectedName = String(expectedName[..<at]) }
    if symbol.type != .section {
      #expect(string(try table.name(of: symbol)) == expectedName, "\(path): symbol \(index)")
    }
    compared += 1
  }
  #expect(sectionCount > 0 && (compared > 0) == (symbolTables > 0))
  #expect(compared == symbolTableEntries(elf))
  #expect(symbolTables == sections.filter { $0.type == .symbolTable || $0.type == .dynamicSymbols }.count)

  // -d
  var needed: [String] = []
  var soname: String? = nil
  var runpath: String? = nil
  var dynamicLines = 0
  for line in try readelf("-d", path).split(separator: "\n") {
    guard line.hasPrefix(" 0x") else { continue }
    if !line.contains("(NULL)") { dynamicLines += 1 }
    func bracketed() -> String? {
      guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
      return String(line[line.index(after: open)..<close])
    }
    if line.contains("(NEEDED)") { needed.append(bracketed()!) }
    if line.contains("(SONAME)") { soname = bracketed() }
    if line.contains("(RUNPATH)") { runpath = bracketed() }
  }
  #expect(try elf.dynamicEntries().count == dynamicLines, "\(path): dynamic entries")
  #expect(try elf.neededLibraries().map(string) == needed)
  #expect(try elf.soname().map(string) == soname)
  #expect(try elf.runpath().map(string) == runpath)
  #expect(exercise(file.buffer) >= 0)
}

func symbolTableEntries(_ elf: ELFFile) -> Int {
  guard let sections = try? elf.sections() else { return -1 }
  return sections.reduce(0) { $0 + ((try? elf.symbols(in: $1).count) ?? 0) }
}

@Suite struct ReadelfComparisonTests {
  @Test func positionIndependentExecutable() throws {
    try compareWithReadelf("/bin/ls")
    let file = try FileBytes(path: "/bin/ls")
    let elf = try ELFFile(bytes: file.buffer)
    #expect(elf.type == .sharedObject)
    #expect(elf.machine == .x86_64)
    #expect(elf.fileClass == .bits64 && elf.endianness == .little)
    #expect(try elf.programHeaders().contains { $0.type == .interpreter })
    #expect(try elf.neededLibraries().map(string).contains("libc.so.6"))
  }

  @Test func sharedLibrary() throws {
    let path = "/usr/lib/x86_64-linux-gnu/libc.so.6"
    try compareWithReadelf(path)
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    #expect(try elf.soname().map(string) == "libc.so.6")
    let dynsym = try #require(try elf.sections().first { $0.type == .dynamicSymbols })
    let symbols = try elf.symbols(in: dynsym)
    let printf = try #require(symbols.first { (try? string(symbols.name(of: $0))) == "printf" })
    #expect(printf.type == .function)
    #expect(printf.binding == .global)
    #expect(printf.value != 0)
  }

  @Test func relocatableObject() throws {
    let path = try compileObject(sampleC, flags: ["-O1", "-g"])
    try compareWithReadelf(path)
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    #expect(elf.type == .relocatable)
    #expect(try elf.programHeaders().isEmpty)
    #expect(try elf.dynamicEntries().isEmpty)
    #expect(try elf.neededLibraries().isEmpty)
    let symtab = try #require(try elf.section(named: ".symtab".utf8))
    let symbols = try elf.symbols(in: symtab)
    let names = try symbols.map { (symbol) throws(ELFError) in string(try symbols.name(of: symbol)) }
    #expect(names.contains("answer") && names.contains("counter") && names.contains("weakly"))
    let weak = symbols[names.firstIndex(of: "weakly")!]
    #expect(weak.binding == .weak && weak.type == .function)
    let counter = symbols[names.firstIndex(of: "counter")!]
    #expect(counter.type == .object && counter.size == 4)
    let bss = try #require(try elf.section(named: ".bss".utf8))
    #expect(bss.type == .noBits)
    #expect(try elf.data(of: bss).isEmpty)
  }

  @Test func object32BitFromAssembler() throws {
    let dir = try temporaryDirectory()
    let s = dir.appendingPathComponent("a.s").path
    let o = dir.appendingPathComponent("a.o").path
    try """
      .text
      .globl start32
      .type start32, @function
    start32:
      movl $1, %eax
      ret
      .size start32, .-start32
      .data
      .globl value32
      .type value32, @object
    value32:
      .long 7
      .size value32, 4
    """.write(toFile: s, atomically: true, encoding: .utf8)
    _ = try run("/usr/bin/as", ["--32", "-o", o, s])
    guard FileManager.default.fileExists(atPath: o) else {
      Issue.record("as --32 unavailable")
      return
    }
    try compareWithReadelf(o)
    let file = try FileBytes(path: o)
    let elf = try ELFFile(bytes: file.buffer)
    #expect(elf.fileClass == .bits32 && elf.machine == .i386 && elf.type == .relocatable)
    let symbols = try elf.symbols(in: try #require(try elf.section(named: ".symtab".utf8)))
    let value = try #require(symbols.first { (try? string(symbols.name(of: $0))) == "value32" })
    #expect(value.size == 4 && value.type == .object && value.binding == .global)
  }
}
