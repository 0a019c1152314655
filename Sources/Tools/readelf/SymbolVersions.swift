// The version suffix of a dynamic symbol (`@@VER`, `@VER`, `@VER (n)`), as
// GNU readelf 2.40 computes it (get_symbol_version_string in binutils'
// readelf.c), for the symbol tables (`-s`, `--dyn-syms`), the relocations
// (`-r`) and the version symbols listing (`-V`). See SymbolNames.swift for
// how to use it.
import ELF
import Runtime

/// The version suffix GNU readelf 2.40 appends to a dynamic symbol's name
/// (`get_symbol_version_string`), with the version tables read once.
///
/// GNU's rule, per symbol `si` of a dynamic symbol table, with the tables
/// the dynamic section names (`DT_VERSYM`, `DT_VERDEF`, `DT_VERNEED`; the
/// last entry of each tag counts):
/// 1. `vers` = entry `si` of `DT_VERSYM`; nothing if it is 0 (or cannot be
///    read). Bit 15 marks a hidden version: `@`, else `@@`.
/// 2. For a defined symbol (`st_shndx != SHN_UNDEF`) with `vers != 0x8001`,
///    the definition chain is walked to the first `vd_ndx == vers &
///    0x7fff`. The base definition (`vd_ndx` 1, `vd_flags` exactly
///    `VER_FLG_BASE`) gives nothing; otherwise its first name is the
///    suffix, unless that name is the symbol's own name (`st_name ==
///    vda_name`, the symbol that names the version), which falls through.
///    The largest `vd_ndx` seen on the walk is remembered.
/// 3. The requirement chain is walked to the first `vna_other == vers`
///    (hidden bit included): `@NAME (vers)`. If there is none, an index
///    above the largest definition index (when there was one, or when the
///    index is not 1) is `@<corrupt>` / `@@<corrupt>`.
///
/// The chains are walked the GNU way: by `vd_next`/`vn_next`/`vna_next`
/// until a 0 link (the counts `vd_cnt`, `vn_cnt` and `DT_VERNEEDNUM` are
/// not used), an entry that cannot be read ending the walk (GNU reports
/// each such read, every time a symbol's walk reaches it; so does this).
/// Walks are capped at 65536 entries (GNU's walk is bounded only by the
/// file size); no real table comes near.
///
/// Implementation notes: the walks are done once, into tables indexed by
/// version index (definitions) and by `vna_other` (requirements), so a
/// symbol costs two array reads. A class: the lookups are per symbol, and
/// a struct this size would be copied into each call.
final class SymbolVersions {
  /// Where entry 0 of `DT_VERSYM` is in the file, and how many entries
  /// from there lie in the segment GNU finds for entry 0 (later entries
  /// take GNU's per-symbol translation).
  let versymAddress: UInt64?
  let versymOffset: UInt64
  let versymDirectCount: Int
  let bytes: UnsafeRawBufferPointer
  let bigEndian: Bool
  let segments: LoadSegments
  let hasDefinitions: Bool
  let hasRequirements: Bool

  /// A definition on the walk: `vd_ndx`, `vd_flags`, the name of its
  /// first `Verdaux` (or -1 if that cannot be read), the largest `vd_ndx &
  /// 0x7fff` of the walk up to it, and whether the entry itself could be
  /// read (the walk ends at one that cannot, which counts as zeros).
  struct Definition {
    var index: UInt16
    var flags: UInt16
    var name: Int64
    var maximum: UInt16
    var readable: Bool
  }
  let definitions: [Definition]
  /// For a version index `i`, the position in ``definitions`` of the first
  /// definition with `vd_ndx == i`, or -1.
  let definitionPosition: [Int32]
  /// The largest `vd_ndx & 0x7fff` of the whole walk.
  let definitionMaximum: UInt16

  /// The requirements on the walk (`vna_other`, `vna_name`), and for a
  /// `vna_other` value the position of its first one, or -1.
  let requirements: [(other: UInt16, name: UInt32)]
  let requirementPosition: [Int32]
  /// The reads that failed on the requirement walk, in order: how many
  /// requirements came before, and whether it was a `Verneed` (else a
  /// `Vernaux`).
  let requirementFailures: [(position: Int, isEntry: Bool)]

  static let walkLimit = 1 << 16

  /// The addresses of the chains, when no segment holds them: GNU warns
  /// at each walk (``noteDefinitionWalk()``, ``requirement(value:auxiliary:)``).
  let unlocatedDefinitions: UInt64?
  let unlocatedRequirements: UInt64?

  /// Reads the version tables named by the dynamic table as GNU finds it
  /// (``Dump/gnuDynamicTable()``; none without one).
  init(_ dump: Dump, dynamic: GNUDynamicTable?) {
    let elf = dump.elf
    bytes = elf.bytes
    bigEndian = elf.endianness == .big
    segments = LoadSegments(dump)
    var versym: UInt64 = 0
    var verdef: UInt64 = 0
    var verneed: UInt64 = 0
    if let entries = dynamic?.entries {
      // Every entry counts; the last of a tag wins (GNU's version_info).
      for entry in entries {
        if entry.tag == .versionSymbols { versym = entry.value }
        if entry.tag == .versionDefinitions { verdef = entry.value }
        if entry.tag == .versionNeeds { verneed = entry.value }
      }
    }
    // GNU tests the tags' values, so a 0 address is no table.
    hasDefinitions = verdef != 0
    hasRequirements = verneed != 0
    unlocatedDefinitions = verdef != 0 && !segments.locates(verdef, size: 20) ? verdef : nil
    unlocatedRequirements = verneed != 0 && !segments.locates(verneed, size: 16) ? verneed : nil
    versymAddress = versym != 0 ? versym : nil

    var direct = 0
    var start: UInt64 = 0
    if versym != 0, let index = segments.segment(containing: versym, size: 2) {
      let segment = segments.segments[index]
      start = versym &- segment.virtualAddress &+ segment.offset
      let end = segment.virtualAddress &+ segment.fileSize
      if end >= versym { direct = Int(Swift.min((end - versym) / 2, UInt64(Int32.max))) }
    }
    versymOffset = start
    versymDirectCount = direct
    let reader = FieldReader(bytes: bytes, bigEndian: bigEndian)

    var definitions: [Definition] = []
    var definitionMaximum: UInt16 = 0
    var highestIndex = 0
    if verdef != 0 {
      var offset = segments.locates(verdef, size: 20) ? segments.offset(of: verdef, size: 20) : verdef
      while definitions.count < Self.walkLimit {
        var index: UInt16 = 0
        var flags: UInt16 = 0
        var aux: UInt32 = 0
        var next: UInt32 = 0
        let readable = reader.fits(offset, 20)
        if readable {
          flags = reader.u16(offset &+ 2)
          index = reader.u16(offset &+ 4)
          aux = reader.u32(offset &+ 12)
          next = reader.u32(offset &+ 16)
        }
        var name: Int64 = -1
        let auxOffset = offset &+ UInt64(aux)
        if reader.fits(auxOffset, 8) { name = Int64(reader.u32(auxOffset)) }
        definitionMaximum = Swift.max(definitionMaximum, index & 0x7fff)
        definitions.append(
          Definition(index: index, flags: flags, name: name, maximum: definitionMaximum, readable: readable))
        if index <= 0x7fff { highestIndex = Swift.max(highestIndex, Int(index)) }
        if next == 0 { break }
        offset = offset &+ UInt64(next)
      }
    }
    var positions = [Int32](repeating: -1, count: definitions.isEmpty ? 0 : highestIndex + 1)
    for (position, definition) in definitions.enumerated().reversed() where definition.index <= 0x7fff {
      positions[Int(definition.index)] = Int32(position)
    }
    self.definitions = definitions
    self.definitionPosition = positions
    self.definitionMaximum = definitionMaximum

    var requirements: [(other: UInt16, name: UInt32)] = []
    var failures: [(position: Int, isEntry: Bool)] = []
    var highestOther = -1
    if verneed != 0 {
      var offset = segments.locates(verneed, size: 16) ? segments.offset(of: verneed, size: 16) : verneed
      var steps = 0
      outer: while steps < Self.walkLimit {
        steps += 1
        guard reader.fits(offset, 16) else {
          failures.append((requirements.count, true))
          break
        }
        let aux = reader.u32(offset &+ 8)
        let next = reader.u32(offset &+ 12)
        var auxOffset = offset &+ UInt64(aux)
        while true {
          steps += 1
          if steps > Self.walkLimit { break outer }
          guard reader.fits(auxOffset, 16) else {
            failures.append((requirements.count, false))
            break
          }
          let other = reader.u16(auxOffset &+ 6)
          let name = reader.u32(auxOffset &+ 8)
          let auxNext = reader.u32(auxOffset &+ 12)
          // An entry with vna_other 0 never matches (0 has no suffix).
          if other != 0 {
            requirements.append((other, name))
            highestOther = Swift.max(highestOther, Int(other))
          }
          if auxNext == 0 { break }
          auxOffset = auxOffset &+ UInt64(auxNext)
        }
        if next == 0 { break }
        offset = offset &+ UInt64(next)
      }
    }
    var firsts = [Int32](repeating: -1, count: highestOther + 1)
    for (position, requirement) in requirements.enumerated().reversed() {
      firsts[Int(requirement.other)] = Int32(position)
    }
    self.requirements = requirements
    self.requirementPosition = firsts
    self.requirementFailures = failures
  }

  /// The first definition of the walk whose `vd_ndx` is `index` (0 ...
  /// 0x7fff), or `nil`.
  func definition(index: UInt16) -> Definition? {
    guard Int(index) < definitionPosition.count else { return nil }
    let position = Int(definitionPosition[Int(index)])
    return position >= 0 ? definitions[position] : nil
  }

  /// GNU's message at the start of a walk of the definitions, if their
  /// address is in no segment.
  @inline(__always)
  func noteDefinitionWalk() {
    if let unlocatedDefinitions { segments.warnUnlocated(unlocatedDefinitions) }
  }

  /// Whether the definition walk ends at an entry it cannot read.
  var definitionWalkFails: Bool { definitions.last.map { !$0.readable } ?? false }

  /// The `vna_name` of the first requirement of the walk whose
  /// `vna_other` is `value` (hidden bit included), or `nil`; reports, as
  /// GNU does, the reads that fail on the walk before it (`auxiliary`
  /// names the `Vernaux` reads: GNU's texts differ between `-s` and
  /// `-V`).
  func requirement(value: UInt16, auxiliary: StaticString = "version need aux (3)") -> UInt32? {
    if let unlocatedRequirements { segments.warnUnlocated(unlocatedRequirements) }
    var position = -1
    if Int(value) < requirementPosition.count { position = Int(requirementPosition[Int(value)]) }
    if !requirementFailures.isEmpty { reportFailures(before: position < 0 ? Int.max : position, auxiliary) }
    return position >= 0 ? requirements[position].name : nil
  }

  @inline(never)
  func reportFailures(before position: Int, _ auxiliary: StaticString) {
    for failure in requirementFailures where failure.position <= position {
      if failure.isEntry {
        reportReadError(16, "version need")
      } else {
        reportReadError(16, auxiliary)
      }
    }
  }

  /// Entry `si` of `DT_VERSYM`, or `nil` (reported) if GNU could not read
  /// it.
  @inline(__always)
  func versionIndex(_ si: Int) -> UInt16? {
    guard let versymAddress else { return nil }
    var offset: UInt64
    if si < versymDirectCount {
      offset = versymOffset &+ UInt64(si) &* 2
    } else {
      let size = UInt64(truncatingIfNeeded: si) &* 2 &+ 2
      offset = segments.offset(of: versymAddress, size: size) &+ UInt64(truncatingIfNeeded: si) &* 2
    }
    let reader = FieldReader(bytes: bytes, bigEndian: bigEndian)
    guard reader.fits(offset, 2) else {
      reportReadError(2, "version data")
      return nil
    }
    return reader.u16(offset)
  }

  /// The version suffix of dynamic symbol `symbolIndex` (see the type's
  /// rules). `nameOffset` is the symbol's `st_name`, `isDefined` whether
  /// its `st_shndx` (extended index resolved) is not `SHN_UNDEF`,
  /// `isDynamic` GNU's `is_dynsym` (nothing otherwise).
  ///
  /// Call this where GNU looks the version up (its messages about
  /// damaged tables come out there), then
  /// ``write(_:strings:requirementNumber:)`` after the name.
  @inline(__always)
  func suffix(symbolIndex: Int, nameOffset: UInt32, isDefined: Bool, isDynamic: Bool) -> VersionSuffix {
    guard isDynamic, versymAddress != nil, let vers = versionIndex(symbolIndex), vers != 0 else {
      return VersionSuffix(kind: .none, name: 0, value: 0)
    }
    return suffix(version: vers, nameOffset: nameOffset, isDefined: isDefined)
  }

  /// ``suffix(symbolIndex:nameOffset:isDefined:isDynamic:)`` for an
  /// `ELFFile.Symbol` (defined: `st_shndx` not 0).
  @inline(__always)
  func suffix(symbolIndex: Int, symbol: ELFFile.Symbol, isDynamic: Bool) -> VersionSuffix {
    suffix(
      symbolIndex: symbolIndex, nameOffset: symbol.nameOffset, isDefined: symbol.sectionIndex != 0,
      isDynamic: isDynamic)
  }

  @inline(never)
  func suffix(version vers: UInt16, nameOffset: UInt32, isDefined: Bool) -> VersionSuffix {
    let hidden = vers & 0x8000 != 0
    let index = vers & 0x7fff
    var maximum: UInt16 = 0
    if isDefined && vers != 0x8001 && hasDefinitions {
      noteDefinitionWalk()
      if let definition = definition(index: index) {
        if !definition.readable { reportReadError(20, "version def") }
        if definition.index == 1 && definition.flags == 1 {  // VER_FLG_BASE
          return VersionSuffix(kind: .none, name: 0, value: vers)
        }
        if definition.name < 0 {
          reportReadError(8, "version def aux")
        } else if UInt32(definition.name) != nameOffset {
          return VersionSuffix(kind: hidden ? .hidden : .public, name: UInt32(definition.name), value: vers)
        }
        maximum = definition.maximum
      } else {
        if definitionWalkFails { reportReadError(20, "version def") }
        maximum = definitionMaximum
      }
    }
    guard hasRequirements else { return VersionSuffix(kind: .none, name: 0, value: vers) }
    if let name = requirement(value: vers, auxiliary: "version need aux (3)") {
      return VersionSuffix(kind: .required, name: name, value: vers)
    }
    if (maximum != 0 || index != 1) && index > maximum {
      return VersionSuffix(kind: hidden ? .corruptHidden : .corruptPublic, name: 0, value: vers)
    }
    return VersionSuffix(kind: .none, name: 0, value: vers)
  }

  /// Writes a suffix: `@@VER` (public definition), `@VER` (hidden
  /// definition), `@VER (n)` (requirement; `@VER` with
  /// `requirementNumber: false`, the form of `-r`), `@@<corrupt>` /
  /// `@<corrupt>`, or nothing. Version names are read from `strings` (the
  /// symbol table's string table) and written as they are (GNU prints them
  /// with `%s`, not through `print_symbol`); `<corrupt>` for an offset
  /// outside it.
  @inline(__always)
  func write(_ suffix: VersionSuffix, strings: UnsafeRawBufferPointer, requirementNumber: Bool = true) {
    if suffix.kind != .none { writeSlow(suffix, strings: strings, requirementNumber: requirementNumber) }
  }

  @inline(never)
  func writeSlow(_ suffix: VersionSuffix, strings: UnsafeRawBufferPointer, requirementNumber: Bool) {
    switch suffix.kind {
    case .none: return
    case .public:
      Out.text("@@")
      writeVersionName(UInt64(suffix.name), strings)
    case .hidden:
      Out.byte(UInt8(ascii: "@"))
      writeVersionName(UInt64(suffix.name), strings)
    case .required:
      Out.byte(UInt8(ascii: "@"))
      writeVersionName(UInt64(suffix.name), strings)
      if requirementNumber {
        Out.text(" (")
        Out.decimal(UInt64(suffix.value))
        Out.byte(UInt8(ascii: ")"))
      }
    case .corruptPublic: Out.text("@@<corrupt>")
    case .corruptHidden: Out.text("@<corrupt>")
    }
  }

  /// ``suffix(symbolIndex:nameOffset:isDefined:isDynamic:)`` and
  /// ``write(_:strings:requirementNumber:)`` at once, for callers that
  /// write nothing in between.
  func writeSuffix(
    symbolIndex: Int, nameOffset: UInt32, isDefined: Bool, isDynamic: Bool, strings: UnsafeRawBufferPointer,
    requirementNumber: Bool = true
  ) {
    let found = suffix(symbolIndex: symbolIndex, nameOffset: nameOffset, isDefined: isDefined, isDynamic: isDynamic)
    write(found, strings: strings, requirementNumber: requirementNumber)
  }

  /// ``writeSuffix(symbolIndex:nameOffset:isDefined:isDynamic:strings:requirementNumber:)``
  /// for an `ELFFile.Symbol` (defined: `st_shndx` not 0).
  func writeSuffix(
    symbolIndex: Int, symbol: ELFFile.Symbol, isDynamic: Bool, strings: UnsafeRawBufferPointer,
    requirementNumber: Bool = true
  ) {
    writeSuffix(
      symbolIndex: symbolIndex, nameOffset: symbol.nameOffset, isDefined: symbol.sectionIndex != 0,
      isDynamic: isDynamic, strings: strings, requirementNumber: requirementNumber)
  }

  /// A version name: the string at `offset` of `strings` as is, or
  /// `<corrupt>` if the offset is outside the table.
  func writeVersionName(_ offset: UInt64, _ strings: UnsafeRawBufferPointer) {
    if let name = SymbolNames.string(in: strings, at: offset) {
      Out.bytes(name)
    } else {
      SymbolNames.writeCorrupt()
    }
  }
}

/// A symbol's version suffix, found by ``SymbolVersions`` (GNU's
/// `get_symbol_version_string` result: the version string, `sym_info` and
/// `vna_other`).
struct VersionSuffix {
  enum Kind: Equatable {
    /// No suffix.
    case none
    /// A public definition: `@@NAME`.
    case `public`
    /// A hidden definition: `@NAME`.
    case hidden
    /// A requirement: `@NAME (value)` (`symbol_undefined`).
    case required
    /// An index beyond every table: `@@<corrupt>` / `@<corrupt>`.
    case corruptPublic
    case corruptHidden
  }
  var kind: Kind
  /// The name's offset in the symbol table's string table.
  var name: UInt32
  /// The `DT_VERSYM` entry (`vna_other` for a requirement).
  var value: UInt16
}

extension Dump {
  /// The version suffixes of this file's dynamic symbols (see
  /// ``SymbolVersions``); make it once per file.
  func symbolVersions() -> SymbolVersions {
    SymbolVersions(self, dynamic: try? gnuDynamicTable())
  }
}
