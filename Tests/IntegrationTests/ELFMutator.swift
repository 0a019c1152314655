import Foundation

/// Damaged variants of an ELF file, for robustness tests of readelf:
/// truncations and deterministic mutations of header and table fields and
/// of random bytes.
///
/// The layout is found here with a few lines of independent parsing (not
/// with the ELF module under test): the file header, the program and
/// section header tables, and the first entries of the tables sections and
/// segments hold (dynamic, symbols, relocations, notes, hash tables,
/// version tables, groups). Variants are named
/// `<original>~<what was done>` (`relr.so~sh6.size=max`,
/// `x64.o~cut1234`, `vdso.so~bytes17`), and a generator seeded by the
/// original's name picks them, so each run makes the same ones.
struct ELFMutator {
  /// The committed seed corpus of the ELF fuzz target, or the directory
  /// named by `READELF_MUTATION_SEEDS` (to try other files).
  static let seedDirectory: String = {
    if let explicit = ProcessInfo.processInfo.environment["READELF_MUTATION_SEEDS"] { return explicit }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent("Fuzz/ELF/corpus").path
  }()

  /// A variant: its file name and contents.
  struct Variant {
    var name: String
    var bytes: [UInt8]
  }

  /// An integer field of the file: where it is, its width in bytes and a
  /// name for variant names.
  struct Field {
    var offset: Int
    var width: Int
    var name: String
  }

  let name: String
  let bytes: [UInt8]
  let is64: Bool
  let little: Bool
  /// The size of an address or offset: 4 or 8.
  var word: Int { is64 ? 8 : 4 }

  /// Field mutations sampled per file, beyond those of the file header
  /// (which are all made).
  static let fieldVariants = 800
  /// The number of values a field is set to (``values(for:width:_:)``).
  static let valueKinds = 8
  /// Variants with random bytes changed, per file.
  static let byteVariants = 300

  init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
    is64 = bytes.count > 4 && bytes[4] == 2
    little = bytes.count <= 5 || bytes[5] != 2
  }

  /// The unsigned integer of `width` bytes at `offset`, or nil past the end.
  func value(at offset: Int, width: Int) -> UInt64? {
    guard offset >= 0, width <= 8, offset <= bytes.count - width else { return nil }
    var v: UInt64 = 0
    for i in 0..<width {
      let byte = UInt64(bytes[offset + (little ? width - 1 - i : i)])
      v = v << 8 | byte
    }
    return v
  }

  /// `value` at `offset`, or 0 past the end.
  func at(_ offset: Int, _ width: Int) -> Int { Int(truncatingIfNeeded: value(at: offset, width: width) ?? 0) }

  /// A copy with the `width`-byte field at `offset` set to `v`.
  func setting(_ field: Field, to v: UInt64) -> [UInt8] {
    var copy = bytes
    for i in 0..<field.width {
      let byte = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))
      copy[field.offset + (little ? i : field.width - 1 - i)] = byte
    }
    return copy
  }

  // MARK: The layout

  /// The fields of the file header (`e_ident` class, data and version
  /// bytes, then `e_type` … `e_shstrndx`).
  var headerFields: [Field] {
    let w = word
    let rest = 24 + 3 * w
    return [
      Field(offset: 4, width: 1, name: "ei_class"), Field(offset: 5, width: 1, name: "ei_data"),
      Field(offset: 6, width: 1, name: "ei_version"), Field(offset: 16, width: 2, name: "e_type"),
      Field(offset: 18, width: 2, name: "e_machine"), Field(offset: 20, width: 4, name: "e_version"),
      Field(offset: 24, width: w, name: "e_entry"), Field(offset: 24 + w, width: w, name: "e_phoff"),
      Field(offset: 24 + 2 * w, width: w, name: "e_shoff"), Field(offset: rest, width: 4, name: "e_flags"),
      Field(offset: rest + 4, width: 2, name: "e_ehsize"), Field(offset: rest + 6, width: 2, name: "e_phentsize"),
      Field(offset: rest + 8, width: 2, name: "e_phnum"), Field(offset: rest + 10, width: 2, name: "e_shentsize"),
      Field(offset: rest + 12, width: 2, name: "e_shnum"), Field(offset: rest + 14, width: 2, name: "e_shstrndx"),
    ].filter { value(at: $0.offset, width: $0.width) != nil }
  }

  var programHeaderOffset: Int { at(24 + word, word) }
  var sectionHeaderOffset: Int { at(24 + 2 * word, word) }
  var programHeaderCount: Int { at(24 + 3 * word + 8, 2) }
  /// `e_shnum`, or section 0's `sh_size` with extended numbering.
  var sectionHeaderCount: Int {
    let count = at(24 + 3 * word + 12, 2)
    guard count == 0, sectionHeaderOffset != 0 else { return count }
    return at(sectionHeaderOffset + (is64 ? 32 : 20), word)
  }
  var programHeaderSize: Int { is64 ? 56 : 32 }
  var sectionHeaderSize: Int { is64 ? 64 : 40 }

  /// Program header `i`: (type, offset, file size), and its fields.
  func programHeader(_ i: Int) -> (type: Int, offset: Int, size: Int, fields: [Field]) {
    let o = programHeaderOffset + i * programHeaderSize
    let w = word
    let layout: [(Int, Int, String)] =
      is64
      ? [
        (0, 4, "type"), (4, 4, "flags"), (8, 8, "offset"), (16, 8, "vaddr"), (24, 8, "paddr"),
        (32, 8, "filesz"), (40, 8, "memsz"), (48, 8, "align"),
      ]
      : [
        (0, 4, "type"), (4, 4, "offset"), (8, 4, "vaddr"), (12, 4, "paddr"), (16, 4, "filesz"),
        (20, 4, "memsz"), (24, 4, "flags"), (28, 4, "align"),
      ]
    let fields = layout.map { Field(offset: o + $0.0, width: $0.1, name: "ph\(i).\($0.2)") }
    return (at(o, 4), at(o + (is64 ? 8 : 4), w), at(o + (is64 ? 32 : 16), w), fields)
  }

  /// Section header `i`: (type, offset, size, info), and its fields.
  func sectionHeader(_ i: Int) -> (type: Int, offset: Int, size: Int, info: Int, fields: [Field]) {
    let o = sectionHeaderOffset + i * sectionHeaderSize
    let w = word
    let names = ["name", "type", "flags", "addr", "offset", "size", "link", "info", "addralign", "entsize"]
    let widths = [4, 4, w, w, w, w, 4, 4, w, w]
    var fields: [Field] = []
    var position = o
    for (name, width) in zip(names, widths) {
      fields.append(Field(offset: position, width: width, name: "sh\(i).\(name)"))
      position += width
    }
    return (at(o + 4, 4), at(fields[4].offset, w), at(fields[5].offset, w), at(fields[7].offset, 4), fields)
  }

  /// The fields of the first entries of a table of `type` (a section's
  /// `sh_type`, or for a segment `SHT_DYNAMIC`/`SHT_NOTE`) at `offset`,
  /// `size` bytes, `info` entries for version tables.
  func tableFields(type: Int, offset: Int, size: Int, info: Int, label: String) -> [Field] {
    let w = word
    let end = offset &+ max(0, min(size, 1 << 20))
    var fields: [Field] = []
    func add(_ o: Int, _ width: Int, _ name: String) {
      if o >= offset, o + width <= end, value(at: o, width: width) != nil {
        fields.append(Field(offset: o, width: width, name: "\(label).\(name)"))
      }
    }
    switch type {
    case 6:  // SHT_DYNAMIC: d_tag, d_val
      for i in 0..<40 {
        add(offset + i * 2 * w, w, "d\(i).tag")
        add(offset + i * 2 * w + w, w, "d\(i).val")
      }
    case 2, 11:  // SHT_SYMTAB, SHT_DYNSYM
      let size = is64 ? 24 : 16
      for i in 0..<6 {
        let o = offset + i * size
        add(o, 4, "sym\(i).name")
        if is64 {
          add(o + 4, 1, "sym\(i).info")
          add(o + 6, 2, "sym\(i).shndx")
          add(o + 8, 8, "sym\(i).value")
          add(o + 16, 8, "sym\(i).size")
        } else {
          add(o + 4, 4, "sym\(i).value")
          add(o + 8, 4, "sym\(i).size")
          add(o + 12, 1, "sym\(i).info")
          add(o + 14, 2, "sym\(i).shndx")
        }
      }
    case 4, 9:  // SHT_RELA, SHT_REL
      let size = (type == 4 ? 3 : 2) * w
      for i in 0..<4 {
        add(offset + i * size, w, "r\(i).offset")
        add(offset + i * size + w, w, "r\(i).info")
      }
    case 19:  // SHT_RELR
      for i in 0..<4 { add(offset + i * w, w, "relr\(i)") }
    case 7:  // SHT_NOTE: namesz, descsz, type; then the next note
      var o = offset
      for i in 0..<4 {
        add(o, 4, "n\(i).namesz")
        add(o + 4, 4, "n\(i).descsz")
        add(o + 8, 4, "n\(i).type")
        let name = (at(o, 4) + 3) & ~3
        let descriptor = (at(o + 4, 4) + 3) & ~3
        guard name < 4096, descriptor < 4096 else { break }
        o += 12 + name + descriptor
      }
    case 5:  // SHT_HASH: nbucket, nchain, buckets and chains (the walks of -I and lookups)
      add(offset, 4, "nbucket")
      add(offset + 4, 4, "nchain")
      for i in 0..<8 { add(offset + 8 + 4 * i, 4, "bucket\(i)") }
      for i in 0..<16 { add(offset + 8 + 4 * at(offset, 4) + 4 * i, 4, "chain\(i)") }
    case 0x6fff_fff6:  // SHT_GNU_HASH: header, Bloom words, buckets and chain values
      add(offset, 4, "nbuckets")
      add(offset + 4, 4, "symoffset")
      add(offset + 8, 4, "bloomsize")
      add(offset + 12, 4, "bloomshift")
      add(offset + 16, w, "bloom0")
      let buckets = offset + 16 + w * at(offset + 8, 4)
      for i in 0..<8 { add(buckets + 4 * i, 4, "bucket\(i)") }
      for i in 0..<16 { add(buckets + 4 * at(offset, 4) + 4 * i, 4, "chain\(i)") }
    case 0x6fff_fffd:  // SHT_GNU_verdef: vd_* and the first vda_*
      var o = offset
      for i in 0..<min(max(info, 1), 4) {
        add(o + 4, 2, "vd\(i).ndx")
        add(o + 6, 2, "vd\(i).cnt")
        add(o + 12, 4, "vd\(i).aux")
        add(o + 16, 4, "vd\(i).next")
        let aux = o + at(o + 12, 4)
        add(aux, 4, "vd\(i).aux.name")
        add(aux + 4, 4, "vd\(i).aux.next")
        let next = at(o + 16, 4)
        guard next > 0 else { break }
        o += next
      }
    case 0x6fff_fffe:  // SHT_GNU_verneed: vn_* and the first vna_*
      var o = offset
      for i in 0..<min(max(info, 1), 4) {
        add(o + 2, 2, "vn\(i).cnt")
        add(o + 4, 4, "vn\(i).file")
        add(o + 8, 4, "vn\(i).aux")
        add(o + 12, 4, "vn\(i).next")
        let aux = o + at(o + 8, 4)
        add(aux + 6, 2, "vn\(i).aux.other")
        add(aux + 8, 4, "vn\(i).aux.name")
        add(aux + 12, 4, "vn\(i).aux.next")
        let next = at(o + 12, 4)
        guard next > 0 else { break }
        o += next
      }
    case 0x6fff_ffff:  // SHT_GNU_versym
      for i in 0..<4 { add(offset + 2 * i, 2, "versym\(i)") }
    case 17:  // SHT_GROUP: flags, then member section indexes
      for i in 0..<3 { add(offset + 4 * i, 4, "group\(i)") }
    default:
      break
    }
    return fields
  }

  /// Every field of the file past its header: the program and section
  /// headers and the first entries of the tables they describe.
  var tableFields: [Field] {
    var fields: [Field] = []
    for i in 0..<min(programHeaderCount, 64) {
      let header = programHeader(i)
      fields += header.fields.filter { value(at: $0.offset, width: $0.width) != nil }
      // PT_DYNAMIC and PT_NOTE: read from segments when there are no
      // section headers.
      if sectionHeaderCount == 0, header.type == 2 || header.type == 4 {
        fields += tableFields(
          type: header.type == 2 ? 6 : 7, offset: header.offset, size: header.size, info: 0, label: "ph\(i)")
      }
    }
    for i in 0..<min(sectionHeaderCount, 256) {
      let header = sectionHeader(i)
      fields += header.fields.filter { value(at: $0.offset, width: $0.width) != nil }
      fields += tableFields(
        type: header.type, offset: header.offset, size: header.size, info: header.info, label: "s\(i)")
    }
    return fields
  }

  /// Lengths at which the file is cut: every 64th of it, and one byte
  /// around the end of the file header, each program and section header,
  /// and the start and end of every segment's and section's contents.
  var truncationLengths: [Int] {
    var lengths = Set((0..<64).map { bytes.count * $0 / 64 })
    var boundaries = [16, is64 ? 64 : 52]
    for i in 0...min(programHeaderCount, 64) {
      boundaries.append(programHeaderOffset + i * programHeaderSize)
      if i < programHeaderCount {
        let header = programHeader(i)
        boundaries += [header.offset, header.offset &+ header.size]
      }
    }
    for i in 0...min(sectionHeaderCount, 256) {
      boundaries.append(sectionHeaderOffset + i * sectionHeaderSize)
      if i < sectionHeaderCount {
        let header = sectionHeader(i)
        if header.type != 8 { boundaries += [header.offset, header.offset &+ header.size] }  // not SHT_NOBITS
      }
    }
    for boundary in boundaries {
      for length in [boundary - 1, boundary, boundary + 1] where length > 0 && length < bytes.count {
        lengths.insert(length)
      }
    }
    return lengths.sorted()
  }

  // MARK: The variants

  /// The values a field is set to: 0, all ones, the high bit, the largest
  /// positive value, off by one either way, doubled, and a random value
  /// (``valueKinds`` of them).
  static func values(for original: UInt64, width: Int, _ random: inout SeededGenerator) -> [(String, UInt64)] {
    let bits = UInt64(width * 8)
    let ones: UInt64 = bits == 64 ? ~0 : (1 << bits) - 1
    return [
      ("0", 0), ("max", ones), ("high", 1 << (bits - 1)), ("maxpos", ones >> 1),
      ("plus1", (original &+ 1) & ones), ("minus1", (original &- 1) & ones), ("double", (original << 1) & ones),
      ("rand", random.next() & ones),
    ]
  }

  /// All variants: truncations, every mutation of the file header's
  /// fields, a sample of mutations of the other fields, and random bytes.
  func variants() -> [Variant] {
    var random = SeededGenerator(name: name)
    var result: [Variant] = []
    for length in truncationLengths {
      result.append(Variant(name: "\(name)~cut\(length)", bytes: Array(bytes[0..<length])))
    }
    func mutate(_ field: Field, _ kinds: Range<Int>) {
      let original = value(at: field.offset, width: field.width) ?? 0
      let values = Self.values(for: original, width: field.width, &random)
      for (label, v) in values[kinds] where v != original {
        result.append(Variant(name: "\(name)~\(field.name)=\(label)", bytes: setting(field, to: v)))
      }
    }
    for field in headerFields { mutate(field, 0..<Self.valueKinds) }
    // A sample of the other fields' mutations (field and kind), drawn
    // without repetition in a seeded order.
    let fields = tableFields
    var candidates = Array(0..<fields.count * Self.valueKinds)
    for n in 0..<min(Self.fieldVariants, candidates.count) {
      let pick = n + Int(random.next() % UInt64(candidates.count - n))
      candidates.swapAt(n, pick)
      let kind = candidates[n] % Self.valueKinds
      mutate(fields[candidates[n] / Self.valueKinds], kind..<kind + 1)
    }
    // 1 to 8 random bytes changed (a new value or one bit flipped).
    for n in 0..<(bytes.isEmpty ? 0 : Self.byteVariants) {
      var copy = bytes
      for _ in 0...(random.next() % 8) {
        let position = Int(random.next() % UInt64(bytes.count))
        let r = random.next()
        copy[position] = r & 1 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : copy[position] ^ (1 << UInt8((r >> 8) % 8))
      }
      result.append(Variant(name: "\(name)~bytes\(n)", bytes: copy))
    }
    // Names are unique: the same field can appear twice (a table found
    // through a section and a segment); keep the first.
    var seen = Set<String>()
    return result.filter { seen.insert($0.name).inserted }
  }
}

/// SplitMix64 seeded from a name (FNV-1a), so that variants do not depend
/// on the run.
struct SeededGenerator {
  var state: UInt64

  init(name: String) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    state = hash
  }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
