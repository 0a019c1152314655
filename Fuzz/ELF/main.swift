// libFuzzer target for the ELF reader: every byte string is read as an ELF
// file (file offsets; with lenient header checks if the strict ones fail)
// and as a loaded image (virtual addresses), and every table the module
// offers is walked: the file header, program headers and segment contents
// (also at a caller-given offset), sections with their names and contents,
// every string table, every symbol table with names and extended section
// indexes, the dynamic table with its strings (needed, soname, rpath,
// runpath; also read through its terminator), REL/RELA/RELR relocations
// (sections and DT_RELR), notes (whole, and as readelf walks them up to a
// damaged one; build ID, ABI tag, GNU program properties), GNU and SysV
// hash tables with lookups of names taken from their symbol tables, symbol
// versions (versym, verdef, verneed, version names), and the dynamic
// symbols a loader sees (lookup by name, and by name and version).
//
// Built by Fuzz/run.sh together with the module's sources (hosted Swift,
// -sanitize=fuzzer,address). Errors are expected; any trap, out-of-bounds
// access, hang or runaway allocation is a finding. The seed corpus
// (Fuzz/ELF/corpus) is made by Fuzz/ELF/make-corpus.sh.

/// Folds values into a checksum the optimizer cannot drop.
struct Sink {
  var value: UInt64 = 0
  mutating func add(_ v: UInt64) { value = (value &* 31) &+ v }
  mutating func add(_ v: Int) { add(UInt64(bitPattern: Int64(v))) }
  mutating func add(_ b: UnsafeRawBufferPointer) {
    add(b.count)
    if let first = b.first { add(UInt64(first)) }
    if let last = b.last { add(UInt64(last)) }
  }
  mutating func add(_ b: UnsafeRawBufferPointer?) { if let b { add(b) } else { add(7) } }
  /// An error: its message is built too (tools print it).
  mutating func add(_ e: ELFError) { add(e.message.utf8.count) }
}

/// Runs `body`, folding a thrown error into the sink instead.
func attempt(_ sink: inout Sink, _ body: (inout Sink) throws(ELFError) -> Void) {
  do throws(ELFError) { try body(&sink) } catch { sink.add(error) }
}

/// At most this many names are looked up per hash table and per symbol
/// table, so that one input stays fast.
let lookupLimit = 48

func walkHeader(_ elf: ELFFile, _ s: inout Sink) {
  s.add(UInt64(elf.osABI))
  s.add(UInt64(elf.abiVersion))
  s.add(UInt64(elf.type.rawValue))
  s.add(UInt64(elf.machine.rawValue))
  s.add(UInt64(elf.version))
  s.add(elf.entry)
  s.add(elf.programHeaderOffset)
  s.add(elf.sectionHeaderOffset)
  s.add(UInt64(elf.flags))
  s.add(UInt64(elf.headerSize))
  s.add(UInt64(elf.programHeaderEntrySize))
  s.add(elf.programHeaderCount)
  s.add(UInt64(elf.sectionHeaderEntrySize))
  s.add(elf.sectionCount)
  s.add(elf.sectionNameTableIndex)
  s.add(elf.fileClass == .bits64 ? 1 : 2)
  s.add(elf.endianness == .little ? 3 : 4)
}

func walkNotes(_ elf: ELFFile, _ notes: ELFFile.Notes, _ s: inout Sink) {
  s.add(notes.alignment)
  for note in notes {
    s.add(note.name)
    s.add(UInt64(note.type.rawValue))
    s.add(note.descriptor)
    s.add(note.isGNU ? 1 : 0)
    s.add(UInt64(note.nameSize))
    if note.isGNU && note.type == .gnuPropertyType0 { walkProperties(elf.gnuProperties(in: note), &s) }
  }
}

func walkProperties(_ properties: ELFFile.GNUProperties, _ s: inout Sink) {
  s.add(properties.validCount)
  s.add(properties.alignment)
  s.add(properties.problem == nil ? 0 : 1)
  for property in properties {
    s.add(UInt64(property.type.rawValue))
    s.add(property.data)
    s.add(UInt64(property.uint32 ?? 8))
    s.add(property.word(size: 4) ?? 9)
    s.add(property.word(size: 8) ?? 10)
  }
}

/// Notes as readelf walks them: those before the first damaged one.
func walkReadableNotes(_ elf: ELFFile, _ result: (notes: ELFFile.Notes, damage: ELFFile.NoteDamage?), _ s: inout Sink) {
  walkNotes(elf, result.notes, &s)
  switch result.damage {
  case .none: s.add(11)
  case .shortHeader(let offset, let remaining):
    s.add(offset)
    s.add(remaining)
  case .sizesPastEnd(let offset, let type, let nameSize, let descriptorSize):
    s.add(offset)
    s.add(UInt64(type))
    s.add(UInt64(nameSize))
    s.add(UInt64(descriptorSize))
  }
}

func walkSegments(_ elf: ELFFile, _ s: inout Sink) {
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    for segment in try elf.programHeaders() {
      s.add(UInt64(segment.type.rawValue))
      s.add(UInt64(segment.flags.rawValue))
      s.add(segment.offset)
      s.add(segment.virtualAddress)
      s.add(segment.physicalAddress)
      s.add(segment.fileSize)
      s.add(segment.memorySize)
      s.add(segment.alignment)
      attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.data(of: segment)) }
      if segment.type == .note || segment.type == .gnuProperty {
        attempt(&s) { (s: inout Sink) throws(ELFError) in walkNotes(elf, try elf.notes(in: segment), &s) }
        attempt(&s) { (s: inout Sink) throws(ELFError) in walkReadableNotes(elf, try elf.readableNotes(in: segment), &s)
        }
      }
      if segment.type == .dynamic {
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let entries = try elf.dynamicEntries(throughTerminatorAt: segment.offset, size: segment.fileSize)
          for entry in entries {
            s.add(UInt64(bitPattern: entry.tag.rawValue))
            s.add(entry.value)
          }
        }
      }
    }
    // The table where the header says, whatever e_phentsize says.
    for segment in try elf.programHeaders(offset: elf.programHeaderOffset, count: elf.programHeaderCount) {
      s.add(segment.offset)
    }
    s.add(try elf.fileOffset(ofVirtualAddress: elf.entry) ?? 1)
    s.add(try elf.offset(ofAddress: elf.entry) ?? 2)
  }
}

func walkSymbols(_ table: ELFFile.SymbolTable, _ s: inout Sink) {
  s.add(table.count)
  s.add(table.strings.bytes)
  for symbol in table {
    s.add(UInt64(symbol.nameOffset))
    s.add(symbol.value)
    s.add(symbol.size)
    s.add(UInt64(symbol.type.rawValue))
    s.add(UInt64(symbol.binding.rawValue))
    s.add(UInt64(symbol.visibility.rawValue))
    s.add(UInt64(symbol.sectionIndex))
    attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try table.name(of: symbol)) }
  }
}

/// Looks up the names of the first symbols of `symbols` (and one name that
/// is surely absent) with `lookup`.
func lookUpNames(_ symbols: ELFFile.SymbolTable, _ s: inout Sink, _ lookup: (UnsafeRawBufferPointer) -> Int?) {
  for i in 0..<min(symbols.count, lookupLimit) {
    guard let name = try? symbols.name(of: symbols[i]) else { continue }
    s.add(lookup(name) ?? -1)
  }
  s.add(lookup(UnsafeRawBufferPointer(start: nil, count: 0)) ?? -2)
}

func walkSections(_ elf: ELFFile, _ s: inout Sink) {
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    attempt(&s) { (s: inout Sink) throws(ELFError) in
      for section in try elf.sections(offset: elf.sectionHeaderOffset, count: elf.sectionCount) { s.add(section.size) }
    }
    let sections = try elf.sections()
    s.add(sections.count)
    attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.sectionNameTable().bytes) }
    attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.section(named: ".text".utf8)?.size ?? 3) }
    // The version tables of the file (for version names of symbols).
    var definitions: ELFFile.VersionDefinitions? = nil
    var requirements: ELFFile.VersionRequirements? = nil
    for section in sections {
      if section.type == .gnuVersionDefinitions, definitions == nil {
        definitions = try? elf.versionDefinitions(in: section)
      }
      if section.type == .gnuVersionNeeds, requirements == nil {
        requirements = try? elf.versionRequirements(in: section)
      }
    }
    for index in 0..<sections.count {
      let section = sections[index]
      s.add(UInt64(section.nameOffset))
      s.add(UInt64(section.type.rawValue))
      s.add(section.flags.rawValue)
      s.add(section.address)
      s.add(section.offset)
      s.add(section.size)
      s.add(UInt64(section.link))
      s.add(UInt64(section.info))
      s.add(section.addressAlignment)
      s.add(section.entrySize)
      attempt(&s) { (s: inout Sink) throws(ELFError) in
        s.add(try sections.section(at: UInt64(section.link), .linkedSection).size)
      }
      attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.name(of: section)) }
      attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.data(of: section)) }
      switch section.type {
      case .stringTable:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let strings = try elf.stringTable(in: section)
          // Every string, offset by offset (bounded by the input size).
          var offset: UInt64 = 0
          while offset < UInt64(strings.bytes.count) {
            guard let string = try? strings.string(at: offset) else { break }
            s.add(string)
            offset += UInt64(string.count) + 1
          }
          s.add(UInt64(strings.bytes.count) &+ 1)
          attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try strings.string(at: UInt64(strings.bytes.count))) }
        }
      case .symbolTable, .dynamicSymbols:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let symbols = try elf.symbols(in: section)
          walkSymbols(symbols, &s)
          let extended = try elf.extendedSectionIndexes(forSymbolTableAt: index)
          for i in 0..<symbols.count {
            s.add(UInt64(ELFFile.sectionIndex(of: symbols[i], at: i, extended: extended)))
          }
        }
        // As readelf reads it: sh_size / sizeof(ElfN_Sym) entries, names in
        // the linked table if there is one.
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let strings =
            (try? elf.stringTable(in: try sections.section(at: UInt64(section.link), .linkedSection)))
            ?? StringTable(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
          let size: UInt64 = elf.fileClass == .bits64 ? 24 : 16
          walkSymbols(try elf.symbols(offset: section.offset, count: section.size / size, strings: strings), &s)
        }
      case .symbolTableSectionIndices:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          for value in try elf.extendedSectionIndexes(in: section) { s.add(UInt64(value)) }
        }
      case .dynamic:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let entries = try elf.dynamicEntries(throughTerminatorAt: section.offset, size: section.size)
          for entry in entries {
            s.add(UInt64(bitPattern: entry.tag.rawValue))
            s.add(entry.value)
          }
        }
      case .relocations, .relocationsWithAddends:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let relocations = try elf.relocations(in: section)
          s.add(relocations.hasAddends ? 5 : 6)
          for r in relocations {
            s.add(r.offset)
            s.add(r.info)
            s.add(UInt64(bitPattern: r.addend ?? 9))
            s.add(UInt64(r.symbolIndex))
            s.add(UInt64(r.type))
          }
        }
      case .relativeRelocations:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let relr = try elf.relativeRelocations(in: section)
          s.add(relr.entryCount)
          for address in relr { s.add(address) }
        }
      case .note:
        attempt(&s) { (s: inout Sink) throws(ELFError) in walkNotes(elf, try elf.notes(in: section), &s) }
        attempt(&s) { (s: inout Sink) throws(ELFError) in walkReadableNotes(elf, try elf.readableNotes(in: section), &s)
        }
      case .gnuHash:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let table = try elf.gnuHashTable(in: section)
          s.add(UInt64(table.bucketCount))
          s.add(UInt64(table.symbolOffset))
          s.add(UInt64(table.bloomCount))
          s.add(UInt64(table.bloomShift))
          lookUpNames(table.symbols, &s) { table.index(named: $0) }
          lookUpNames(table.symbols, &s) { table.lookup(name: $0)?.value == 0 ? 0 : nil }
        }
      case .hash:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let table = try elf.sysvHashTable(in: section)
          s.add(UInt64(table.bucketCount))
          s.add(UInt64(table.chainCount))
          lookUpNames(table.symbols, &s) { table.index(named: $0) }
          lookUpNames(table.symbols, &s) { table.lookup(name: $0)?.value == 0 ? 0 : nil }
        }
      case .gnuVersionSymbols:
        attempt(&s) { (s: inout Sink) throws(ELFError) in
          let versions = try elf.versionSymbols(in: section)
          for i in 0..<min(versions.count, 4 * lookupLimit) {
            let value = versions[i]
            s.add(UInt64(value))
            attempt(&s) { (s: inout Sink) throws(ELFError) in
              s.add(try ELFFile.versionName(index: value, definitions: definitions, requirements: requirements))
            }
          }
        }
      case .gnuVersionDefinitions:
        attempt(&s) { (s: inout Sink) throws(ELFError) in walkDefinitions(try elf.versionDefinitions(in: section), &s) }
      case .gnuVersionNeeds:
        attempt(&s) { (s: inout Sink) throws(ELFError) in walkRequirements(try elf.versionRequirements(in: section), &s)
        }
      default:
        break
      }
    }
  }
}

func walkDefinitions(_ table: ELFFile.VersionDefinitions, _ s: inout Sink) {
  s.add(table.count)
  for definition in table {
    s.add(definition.offset)
    s.add(UInt64(definition.version))
    s.add(UInt64(definition.flags))
    s.add(UInt64(definition.index))
    s.add(UInt64(definition.hash))
    s.add(UInt64(definition.auxiliaryOffset))
    s.add(UInt64(definition.next))
    s.add(definition.names.count)
    for name in definition.names {
      s.add(name.offset)
      s.add(UInt64(name.next))
      attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try table.name(at: name.nameOffset)) }
    }
  }
}

func walkRequirements(_ table: ELFFile.VersionRequirements, _ s: inout Sink) {
  s.add(table.count)
  for requirement in table {
    s.add(requirement.offset)
    s.add(UInt64(requirement.version))
    s.add(UInt64(requirement.auxiliaryOffset))
    s.add(UInt64(requirement.next))
    attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try table.name(at: requirement.fileOffset)) }
    for version in requirement.versions {
      s.add(version.offset)
      s.add(UInt64(version.hash))
      s.add(UInt64(version.flags))
      s.add(UInt64(version.other))
      attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try table.name(at: version.nameOffset)) }
    }
  }
}

/// The dynamic table and everything reached from it, in the file's
/// address mode.
func walkDynamic(_ elf: ELFFile, _ s: inout Sink) {
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    let entries = try elf.dynamicEntries()
    s.add(entries.count)
    for entry in entries {
      s.add(UInt64(bitPattern: entry.tag.rawValue))
      s.add(entry.value)
    }
    s.add(entries.first(.needed) ?? 4)
  }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.dynamicStringTable().bytes) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in for name in try elf.neededLibraries() { s.add(name) } }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.soname()) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.rpath()) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.runpath()) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    guard let relr = try elf.dynamicRelativeRelocations() else { return }
    s.add(relr.entryCount)
    for address in relr { s.add(address) }
  }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.buildID()) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    if let tag = try elf.abiTag() {
      s.add(UInt64(tag.os))
      s.add(UInt64(tag.major))
      s.add(UInt64(tag.minor))
      s.add(UInt64(tag.patch))
    }
  }
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    if let properties = try elf.gnuProperties() { walkProperties(properties, &s) }
  }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.imageBaseAddress() ?? 5) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in s.add(try elf.fileExtent()) }
  attempt(&s) { (s: inout Sink) throws(ELFError) in
    let dynamic = try elf.dynamicSymbols()
    walkSymbols(dynamic.symbols, &s)
    if let versions = dynamic.versions { s.add(versions.count) }
    if let definitions = dynamic.definitions { walkDefinitions(definitions, &s) }
    for i in 0..<min(dynamic.symbols.count, 4 * lookupLimit) { s.add(dynamic.versionName(ofSymbolAt: i)) }
    lookUpNames(dynamic.symbols, &s) { dynamic.index(named: $0) }
    lookUpNames(dynamic.symbols, &s) { dynamic.lookup(name: $0)?.value == 0 ? 0 : nil }
    // Names with the version of their own symbol, and with a fixed one.
    for i in 0..<min(dynamic.symbols.count, lookupLimit) {
      guard let name = try? dynamic.symbols.name(of: dynamic.symbols[i]) else { continue }
      if let version = dynamic.versionName(ofSymbolAt: i) {
        s.add(dynamic.index(named: name, version: version) ?? -3)
        s.add(UInt64(dynamic.definitionIndex(named: version) ?? 6))
      }
      s.add(dynamic.lookup(name: name, version: "LINUX_2.6".utf8)?.size ?? 7)
    }
    if let gnu = dynamic.gnuHash { lookUpNames(gnu.symbols, &s) { gnu.index(named: $0) } }
    if let sysv = dynamic.sysvHash { lookUpNames(sysv.symbols, &s) { sysv.index(named: $0) } }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzELF(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  var sink = Sink()
  do throws(ELFError) {
    // Strict header checks, or, for a header they reject, the lenient
    // ones readelf uses (the same file otherwise: lenient only accepts
    // more).
    let elf: ELFFile
    do throws(ELFError) {
      elf = try ELFFile(bytes: bytes)
    } catch {
      sink.add(error)
      elf = try ELFFile(bytes: bytes, lenient: true)
    }
    walkHeader(elf, &sink)
    walkSegments(elf, &sink)
    walkSections(elf, &sink)
    walkDynamic(elf, &sink)
  } catch {
    sink.add(error)
  }
  do throws(ELFError) {
    let image = try ELFFile(loadedImage: bytes)
    walkSegments(image, &sink)
    walkDynamic(image, &sink)
  } catch {
    sink.add(error)
  }
  if sink.value == 0x1234_5678_9abc_def0 { print("") }  // keep the walk from being optimized away
  return 0
}
