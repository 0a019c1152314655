/// One ELF object in the process: the program, a library, or an
/// interpreter, mapped (by the loader or, for the program of an
/// interpreter, by the kernel) and described by its program headers and
/// dynamic section.
///
/// Addresses: `bias` is what the object's link-time addresses are shifted
/// by (0 for a non-relocatable `ET_EXEC`); every address below is a
/// run-time address (`bias + link address`). Every table the dynamic
/// section names has been checked to lie inside the object's mapped
/// extent, so the relocation and lookup loops read them without further
/// range checks on the tables themselves (entries are still checked).
public final class LoadedObject {
  /// The path it was opened from (the program: as given).
  public let path: [UInt8]
  /// The name it was asked for (`DT_NEEDED` entry or path).
  public var name: [UInt8]
  /// Run-time address minus link-time address.
  public let bias: UInt
  /// `ET_EXEC` or `ET_DYN`.
  public let fileType: UInt16
  /// The entry point (run-time address).
  public let entry: UInt
  /// The program headers (run-time address when they are mapped, as
  /// `AT_PHDR` must say; else a copy owned by this object).
  public let programHeaders: UnsafeRawPointer
  /// Where `AT_PHDR` points: the mapped program headers, or 0.
  public let programHeaderAddress: UInt
  public let programHeaderCount: Int
  /// The lowest and highest run-time addresses of the `PT_LOAD` segments
  /// (page-aligned): every table of the object lies inside.
  public let start: UInt
  public let end: UInt
  /// `PT_INTERP`'s path, without its NUL, if there is one (empty for a
  /// program the kernel mapped, which has used the path already).
  public let interpreter: [UInt8]?
  /// Whether the loader mapped it (and owns the extent).
  public let mappedByLoader: Bool

  /// `PT_TLS`: the initialization image and the block's size and
  /// alignment; `tlsModule` and `tlsOffset` (the block is at thread pointer
  /// minus `tlsOffset`) are assigned by the static TLS layout.
  /// Whether the object has a `PT_TLS` segment.
  public internal(set) var hasTLS = false
  public internal(set) var tlsImage: UInt = 0
  public internal(set) var tlsImageSize: Int = 0
  public internal(set) var tlsSize: Int = 0
  public internal(set) var tlsAlignment: Int = 1
  public internal(set) var tlsModule: Int = 0
  public internal(set) var tlsOffset: Int = 0

  /// `PT_GNU_RELRO`, page-rounded outwards as the loader protects it.
  public internal(set) var relroStart: UInt = 0
  public internal(set) var relroEnd: UInt = 0

  /// The dynamic section, decoded.
  var dynamic = DynamicInfo() {
    didSet {
      if let gnu = dynamic.gnuHash {
        bloom = (gnu + 16).assumingMemoryBound(to: UInt64.self)
        bloomMask = gnu.load(fromByteOffset: 8, as: UInt32.self) &- 1
        bloomShift = gnu.load(fromByteOffset: 12, as: UInt32.self) & 31
      } else {
        bloom = nil
      }
    }
  }
  /// The GNU hash table's Bloom filter (words, index mask, second-hash
  /// shift), kept apart so that the lookup loop can reject an object
  /// without a call.
  var bloom: UnsafePointer<UInt64>? = nil
  var bloomMask: UInt32 = 0
  var bloomShift: UInt32 = 0

  /// Whether the Bloom filter says the object may define a symbol of GNU
  /// hash `hash` (always true without a GNU hash table).
  @inline(__always)
  func mayDefine(hash: UInt32) -> Bool {
    guard let bloom else { return true }
    let word = bloom[Int((hash / 64) & bloomMask)]
    let bits = (UInt64(1) << (hash % 64)) | (UInt64(1) << ((hash >> bloomShift) % 64))
    return word & bits == bits
  }
  /// Resolved symbol values of this object's relocations, by symbol index
  /// (allocated when relocating, freed after).
  var relocated = false
  var initialized = false
  /// Indexes (in the link's object list) of the objects its `DT_NEEDED`
  /// entries resolved to, in order.
  var dependencies: [Int] = []

  init(
    path: [UInt8], name: [UInt8], bias: UInt, fileType: UInt16, entry: UInt, programHeaders: UnsafeRawPointer,
    programHeaderAddress: UInt, programHeaderCount: Int, start: UInt, end: UInt, interpreter: [UInt8]?,
    mappedByLoader: Bool
  ) {
    self.path = path
    self.name = name
    self.bias = bias
    self.fileType = fileType
    self.entry = entry
    self.programHeaders = programHeaders
    self.programHeaderAddress = programHeaderAddress
    self.programHeaderCount = programHeaderCount
    self.start = start
    self.end = end
    self.interpreter = interpreter
    self.mappedByLoader = mappedByLoader
  }

  /// The program header at `index` (56-byte `Elf64_Phdr`).
  func programHeader(_ index: Int) -> ProgramHeader {
    ProgramHeader(programHeaders + index &* 56)
  }

  /// Whether `size` bytes at run-time `address` lie inside the object's
  /// extent (holes between segments included: see ``isReadable(_:size:)``).
  @inline(__always)
  func contains(_ address: UInt, size: UInt) -> Bool {
    address >= start && address <= end && size <= end &- address
  }

  /// The `PT_LOAD` segments as run-time ranges with their flags (from the
  /// program headers, when the object is described).
  var segments: [(start: UInt, end: UInt, flags: UInt32)] = []
  /// The ranges relocations may write: the writable segments (all of them
  /// while text relocations are applied).
  var writableRanges: [(start: UInt, end: UInt)] = []

  /// Whether `size` bytes at `address` lie inside one readable segment:
  /// where the tables the dynamic section names must be (a hole in the
  /// reservation, or a segment without permissions, would fault).
  func isReadable(_ address: UInt, size: UInt) -> Bool {
    for segment in segments where segment.flags & ELFValue.readable != 0 {
      if address >= segment.start && address <= segment.end && size <= segment.end &- address { return true }
    }
    return false
  }

  /// Whether `size` bytes at `address` may be written by a relocation.
  func isWritable(_ address: UInt, size: UInt) -> Bool { writableRange(containing: address, size: size) != nil }

  /// The writable range holding `size` bytes at `address`, if one does.
  func writableRange(containing address: UInt, size: UInt) -> (start: UInt, end: UInt)? {
    for range in writableRanges {
      if address >= range.start && address <= range.end && size <= range.end &- address { return range }
    }
    return nil
  }

  /// Whether `address` lies in one of the object's executable `PT_LOAD`
  /// segments: where a resolver, an initializer or the entry point must
  /// be before the loader calls or jumps to it.
  public func isExecutable(_ address: UInt) -> Bool {
    for index in 0..<programHeaderCount {
      let segment = programHeader(index)
      guard segment.type == ELFValue.load, segment.flags & ELFValue.executable != 0 else { continue }
      let start = bias &+ UInt(segment.address)
      if address >= start && address &- start < UInt(segment.memorySize) { return true }
    }
    return false
  }

  /// The C string at `offset` in the dynamic string table, or nil if the
  /// offset is outside it or the string is not terminated inside it.
  func string(at offset: UInt64) -> UnsafePointer<UInt8>? {
    guard offset < dynamic.stringTableSize else { return nil }
    let base = dynamic.stringTable + Int(offset)
    let limit = Int(dynamic.stringTableSize - offset)
    var index = 0
    while index < limit {
      if base[index] == 0 { return base }
      index &+= 1
    }
    return nil
  }

  /// The directory of `path` (for `$ORIGIN`): everything before the last
  /// `/`, or `.`.
  var originDirectory: [UInt8] {
    guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { return [UInt8(ascii: ".")] }
    if slash == 0 { return [UInt8(ascii: "/")] }
    return Array(path[..<slash])
  }
}

/// A 64-bit program header, read in place.
struct ProgramHeader {
  let base: UnsafeRawPointer
  init(_ base: UnsafeRawPointer) { self.base = base }
  var type: UInt32 { base.loadUnaligned(as: UInt32.self) }
  var flags: UInt32 { base.loadUnaligned(fromByteOffset: 4, as: UInt32.self) }
  var offset: UInt64 { base.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
  var address: UInt64 { base.loadUnaligned(fromByteOffset: 16, as: UInt64.self) }
  var fileSize: UInt64 { base.loadUnaligned(fromByteOffset: 32, as: UInt64.self) }
  var memorySize: UInt64 { base.loadUnaligned(fromByteOffset: 40, as: UInt64.self) }
  var alignment: UInt64 { base.loadUnaligned(fromByteOffset: 48, as: UInt64.self) }
}

/// What the loader needs of a dynamic section, as run-time addresses.
struct DynamicInfo {
  var stringTable = UnsafePointer<UInt8>(bitPattern: 1).unsafelyUnwrapped
  var stringTableSize: UInt64 = 0
  var symbolTable = UnsafeRawPointer(bitPattern: 8).unsafelyUnwrapped
  /// The number of symbols (from the hash table), bounding every index.
  var symbolCount: Int = 0
  var gnuHash: UnsafeRawPointer? = nil
  var sysvHash: UnsafeRawPointer? = nil
  var versionSymbols: UnsafePointer<UInt16>? = nil
  var versionDefinitions: UnsafeRawPointer? = nil
  var versionDefinitionCount: Int = 0
  var versionNeeds: UnsafeRawPointer? = nil
  var versionNeedCount: Int = 0
  var rela: UnsafeRawPointer? = nil
  var relaCount: Int = 0
  var jumpRelocations: UnsafeRawPointer? = nil
  var jumpRelocationCount: Int = 0
  var relr: UnsafeRawPointer? = nil
  var relrCount: Int = 0
  var initFunction: UInt = 0
  var initArray: UnsafePointer<UInt>? = nil
  var initArrayCount: Int = 0
  var preinitArray: UnsafePointer<UInt>? = nil
  var preinitArrayCount: Int = 0
  var needed: [UInt64] = []
  var rpath: UInt64? = nil
  var runpath: UInt64? = nil
  var soname: UInt64? = nil
  var symbolic = false
  var textRelocations = false
  /// Version names by version index (`versym` values): from `DT_VERDEF`
  /// (definitions) and `DT_VERNEED` (requirements). Empty if unversioned.
  var versions: [VersionName] = []
}

/// A version's name and ELF hash, and for a requirement the library it is
/// required from (a `DT_VERNEED` file name).
struct VersionName {
  var name: UnsafePointer<UInt8>? = nil
  var hash: UInt32 = 0
  var hidden = false
  var file: UnsafePointer<UInt8>? = nil
}
