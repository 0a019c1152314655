/// A symbol a relocation refers to: its name, hashes and required version.
struct SymbolReference {
  let name: UnsafePointer<UInt8>
  let length: Int
  let gnuHash: UInt32
  private(set) var sysvHashValue: UInt32? = nil
  /// The version the reference requires (`DT_VERNEED`), if any.
  let version: VersionName?

  init(name: UnsafePointer<UInt8>, version: VersionName?) {
    self = SymbolReference(name: name, limit: Int.max, version: version).unsafelyUnwrapped
  }

  /// The reference to the C string at `name`, which must end within
  /// `limit` bytes (else nil): one pass computes its length and its GNU
  /// hash (h = h * 33 + c, from 5381).
  ///
  /// Eight bytes at a time while eight bytes remain before `limit`: a word
  /// with no zero byte is hashed without a test per byte.
  @inline(__always)
  init?(name: UnsafePointer<UInt8>, limit: Int, version: VersionName?) {
    var length = 0
    var hash: UInt32 = 5381
    let raw = UnsafeRawPointer(name)
    while length &+ 8 <= limit {
      let word = raw.loadUnaligned(fromByteOffset: length, as: UInt64.self)
      // Nonzero iff some byte of the word is zero.
      if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
      // Eight steps of h = h * 33 + c at once: h * 33^8 plus the bytes'
      // polynomial, built pairwise in wider and wider lanes (no lane
      // overflows: 255 * 33 + 255 < 2^16, 8670 * 33^2 + 8670 < 2^32).
      let pairs = (word & 0x00ff_00ff_00ff_00ff) &* 33 &+ ((word >> 8) & 0x00ff_00ff_00ff_00ff)
      let quads = (pairs & 0x0000_ffff_0000_ffff) &* 1089 &+ ((pairs >> 16) & 0x0000_ffff_0000_ffff)
      let block = UInt32(truncatingIfNeeded: quads) &* 1_185_921 &+ UInt32(truncatingIfNeeded: quads >> 32)
      hash = hash &* 1_954_312_449 &+ block  // 33^8 mod 2^32
      length &+= 8
    }
    while true {
      guard length < limit else { return nil }
      let byte = name[length]
      if byte == 0 { break }
      hash = hash &* 33 &+ UInt32(byte)
      length &+= 1
    }
    self.name = name
    self.length = length
    self.gnuHash = hash
    self.version = version
  }

  /// The SysV ELF hash (only for objects without a GNU hash table).
  mutating func sysvHash() -> UInt32 {
    if let sysvHashValue { return sysvHashValue }
    var hash: UInt32 = 0
    for index in 0..<length {
      hash = (hash << 4) &+ UInt32(name[index])
      let high = hash & 0xf000_0000
      if high != 0 { hash ^= high >> 24 }
      hash &= ~high
    }
    sysvHashValue = hash
    return hash
  }
}

/// A 64-bit symbol table entry, read in place.
struct Symbol {
  let base: UnsafeRawPointer
  @inline(__always) init(_ base: UnsafeRawPointer) { self.base = base }
  var nameOffset: UInt32 { base.load(as: UInt32.self) }
  var info: UInt8 { base.load(fromByteOffset: 4, as: UInt8.self) }
  var type: UInt8 { info & 0xf }
  var binding: UInt8 { info >> 4 }
  var visibility: UInt8 { base.load(fromByteOffset: 5, as: UInt8.self) & 3 }
  var section: UInt16 { base.load(fromByteOffset: 6, as: UInt16.self) }
  var value: UInt64 { base.load(fromByteOffset: 8, as: UInt64.self) }
  var size: UInt64 { base.load(fromByteOffset: 16, as: UInt64.self) }
}

extension LoadedObject {
  @inline(__always)
  func symbol(_ index: Int) -> Symbol { Symbol(dynamic.symbolTable + index &* 24) }

  /// Finds the definition of `reference` in this object (glibc's
  /// `do_lookup_x` rules): GNU hash with its Bloom filter, else SysV hash;
  /// a defined, global or weak, visible symbol of a data, code, TLS or
  /// indirect-function type; a versioned reference matches the same
  /// version or an unversioned definition; an unversioned reference takes
  /// the base or default version, or the only non-hidden version there is.
  /// `forPLT`: a `JUMP_SLOT` may not bind to an undefined symbol that has
  /// a value (an executable's canonical PLT entry); other references may.
  func find(_ reference: inout SymbolReference, forPLT: Bool) -> Int? {
    var fallback = VersionedFallback()
    if let gnu = dynamic.gnuHash {
      let hash = reference.gnuHash
      let bucketCount = gnu.load(as: UInt32.self)
      let symbolOffset = Int(gnu.load(fromByteOffset: 4, as: UInt32.self))
      let bloomWords = gnu.load(fromByteOffset: 8, as: UInt32.self)
      let shift = gnu.load(fromByteOffset: 12, as: UInt32.self)
      let bloom = gnu.load(fromByteOffset: 16 &+ 8 &* Int((hash / 64) & (bloomWords &- 1)), as: UInt64.self)
      let bits = (UInt64(1) << (hash % 64)) | (UInt64(1) << ((hash >> (shift & 31)) % 64))
      guard bloom & bits == bits else { return nil }
      let buckets = gnu + (16 &+ 8 &* Int(bloomWords))
      var index = Int(buckets.load(fromByteOffset: 4 &* Int(hash % bucketCount), as: UInt32.self))
      guard index >= symbolOffset, index != 0 else { return nil }
      let chains = buckets + (4 &* Int(bucketCount))
      while index < dynamic.symbolCount {
        let chainHash = chains.load(fromByteOffset: 4 &* (index &- symbolOffset), as: UInt32.self)
        if (chainHash | 1) == (hash | 1) && fallback.take(check(index, reference, forPLT: forPLT), index) {
          return index
        }
        if chainHash & 1 != 0 { break }
        index &+= 1
      }
    } else if let sysv = dynamic.sysvHash {
      let bucketCount = sysv.load(as: UInt32.self)
      let chainCount = Int(sysv.load(fromByteOffset: 4, as: UInt32.self))
      guard bucketCount > 0 else { return nil }
      let hash = reference.sysvHash()
      var index = Int(sysv.load(fromByteOffset: 8 &+ 4 &* Int(hash % bucketCount), as: UInt32.self))
      var steps = 0
      while index != 0 && index < chainCount && index < dynamic.symbolCount && steps <= chainCount {
        if fallback.take(check(index, reference, forPLT: forPLT), index) { return index }
        index = Int(sysv.load(fromByteOffset: 8 &+ 4 &* (Int(bucketCount) &+ index), as: UInt32.self))
        steps &+= 1
      }
    }
    return fallback.index
  }

  enum MatchResult { case match, noMatch, onlyVersioned }

  /// An unversioned reference's fallback: the only non-hidden, versioned
  /// (non-base) definition seen, if there was exactly one.
  struct VersionedFallback {
    private var first: Int? = nil
    private var count = 0

    /// Notes a candidate's check; true if it matches outright.
    @inline(__always)
    mutating func take(_ result: MatchResult, _ index: Int) -> Bool {
      switch result {
      case .match: return true
      case .onlyVersioned:
        count &+= 1
        if first == nil { first = index }
        return false
      case .noMatch: return false
      }
    }

    var index: Int? { count == 1 ? first : nil }
  }

  /// Whether symbol `index` defines `reference` (see ``find(_:forPLT:)``).
  @inline(__always)
  private func check(_ index: Int, _ reference: SymbolReference, forPLT: Bool) -> MatchResult {
    let symbol = self.symbol(index)
    let type = symbol.type
    guard (1 << UInt32(type)) & ELFValue.definableTypes != 0 else { return .noMatch }
    if symbol.value == 0 && symbol.section != ELFValue.absoluteSection && type != ELFValue.typeTLS { return .noMatch }
    if symbol.section == ELFValue.undefinedSection && forPLT { return .noMatch }
    let binding = symbol.binding
    guard binding == ELFValue.bindGlobal || binding == ELFValue.bindWeak || binding == ELFValue.bindUnique else {
      return .noMatch
    }
    guard symbol.visibility == ELFValue.visibilityDefault || symbol.visibility == ELFValue.visibilityProtected else {
      return .noMatch
    }
    // The name: eight bytes at a time, then the rest and the NUL (both
    // strings are known to hold length + 1 bytes).
    let offset = UInt64(symbol.nameOffset)
    guard offset &+ UInt64(reference.length) < dynamic.stringTableSize else { return .noMatch }
    let candidate = UnsafeRawPointer(dynamic.stringTable + Int(offset))
    let wanted = UnsafeRawPointer(reference.name)
    var position = 0
    while position &+ 8 <= reference.length {
      if candidate.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        != wanted.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      {
        return .noMatch
      }
      position &+= 8
    }
    while position <= reference.length {
      if candidate.load(fromByteOffset: position, as: UInt8.self) != wanted.load(fromByteOffset: position, as: UInt8.self) {
        return .noMatch
      }
      position &+= 1
    }

    // The version.
    guard let versionSymbols = dynamic.versionSymbols else { return .match }
    let raw = versionSymbols[index]
    let definedIndex = Int(raw & 0x7fff)
    if let wanted = reference.version {
      let defined = definedIndex < dynamic.versions.count ? dynamic.versions[definedIndex] : VersionName()
      if defined.hash == wanted.hash, let name = defined.name, let wantedName = wanted.name, equalStrings(name, wantedName) {
        return .match
      }
      // An unversioned (local/global index 0 or 1), non-hidden definition
      // satisfies a versioned reference.
      if !wanted.hidden && defined.name == nil && raw & ELFValue.versionHidden == 0 { return .match }
      return .noMatch
    }
    if definedIndex >= 3 {
      return raw & ELFValue.versionHidden == 0 ? .onlyVersioned : .noMatch
    }
    return .match
  }
}

@inline(__always)
func equalStrings(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> Bool {
  var index = 0
  while true {
    let byte = a[index]
    if byte != b[index] { return false }
    if byte == 0 { return true }
    index &+= 1
  }
}

/// The length of a C string.
func stringLength(_ string: UnsafePointer<UInt8>) -> Int {
  var length = 0
  while string[length] != 0 { length &+= 1 }
  return length
}

/// A C string's bytes, without the NUL.
func bytes(of string: UnsafePointer<UInt8>) -> [UInt8] {
  Array(UnsafeBufferPointer(start: string, count: stringLength(string)))
}
