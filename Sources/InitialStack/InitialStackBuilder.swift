/// Builds an initial stack (`argc`, `argv`, `envp`, the auxiliary vector
/// and the strings and data they point to) for any address space.
///
/// ```swift
/// var builder = InitialStackBuilder(layout: .linuxLibcAuxv)
/// try builder.addArgument("./prog")
/// try builder.addEnvironmentVariable("PATH=/bin")
/// try builder.addAuxiliaryEntry(AuxiliaryVectorEntry(key: .pageSize, value: 4096))
/// try builder.setRandomBytes(randomBytes)
/// let size = try builder.totalSize
/// try builder.serialize(into: buffer, baseAddress: 0x7fff0000)
/// ```
///
/// Every pointer written is an address in the target address space
/// (`baseAddress` plus an offset in the block); nothing points into the
/// builder or the buffer unless the base address is the buffer's own.
///
/// Implementation notes: adding copies the strings into arrays (this may
/// allocate); serializing only reads the builder and writes into the
/// caller's buffer: it has no local arrays, closures or captured
/// variables, so it does not allocate (no test checks this yet).
public struct InitialStackBuilder: Sendable {
  /// Where a data-area value of an auxiliary vector entry lives.
  @usableFromInline enum Data: Equatable, Sendable {
    case none, platform, basePlatform, executableFileName, randomBytes
  }

  @usableFromInline struct Entry: Equatable, Sendable {
    var key: AuxiliaryVectorKey
    var value: UInt
    var data: Data
  }

  /// The arrangement this builder produces.
  public let layout: InitialStackLayout
  /// The size of `argc`, pointers and auxiliary vector words.
  public let wordSize: WordSize

  @usableFromInline var arguments: [[UInt8]] = []
  @usableFromInline var environment: [[UInt8]] = []
  @usableFromInline var entries: [Entry] = []
  @usableFromInline var platform: [UInt8] = []
  @usableFromInline var basePlatform: [UInt8] = []
  @usableFromInline var executableFileName: [UInt8] = []
  @usableFromInline var randomBytes: [UInt8] = []

  /// Creates an empty builder.
  public init(layout: InitialStackLayout = .linuxLibcAuxv, wordSize: WordSize = .native) {
    self.layout = layout
    self.wordSize = wordSize
  }

  // MARK: Inputs

  /// The number of arguments added.
  public var argumentCount: Int { arguments.count }
  /// The number of environment variables added.
  public var environmentCount: Int { environment.count }

  /// Appends an argument (`argv[argumentCount]`).
  ///
  /// A single trailing NUL is accepted and dropped (as the crate allows);
  /// an earlier NUL is ``InitialStackError/interiorNul(_:index:)``.
  public mutating func addArgument(_ argument: String) throws(InitialStackError) {
    try addArgument(bytes: Array(argument.utf8))
  }

  /// Appends an argument given as bytes (any bytes but NUL).
  public mutating func addArgument(bytes: [UInt8]) throws(InitialStackError) {
    arguments.append(try Self.cString(bytes, role: .argument, index: arguments.count))
  }

  /// Appends an environment variable, `KEY=VALUE`.
  ///
  /// An entry without `=` is
  /// ``InitialStackError/environmentEntryWithoutEquals(index:)``; NUL
  /// bytes are handled as in ``addArgument(_:)``.
  public mutating func addEnvironmentVariable(_ variable: String) throws(InitialStackError) {
    try addEnvironmentVariable(bytes: Array(variable.utf8))
  }

  /// Appends an environment variable given as bytes, `KEY=VALUE`.
  public mutating func addEnvironmentVariable(bytes: [UInt8]) throws(InitialStackError) {
    let index = environment.count
    let string = try Self.cString(bytes, role: .environment, index: index)
    guard string.contains(UInt8(ascii: "=")) else { throw .environmentEntryWithoutEquals(index: index) }
    environment.append(string)
  }

  /// Adds an auxiliary vector entry whose value is a word (an integer,
  /// flags or an address in the target address space).
  ///
  /// One entry per key: adding a key again replaces its value (and any
  /// data-area value set for it) and keeps its position. `AT_NULL` is
  /// always written last; adding it does nothing.
  public mutating func addAuxiliaryEntry(_ entry: AuxiliaryVectorEntry) throws(InitialStackError) {
    guard entry.value <= wordSize.maximumValue else { throw .valueTooLarge(key: entry.key, value: entry.value) }
    set(Entry(key: entry.key, value: entry.value, data: .none))
  }

  /// Sets `AT_PLATFORM` to a string in the auxiliary data area (`"x86_64"`).
  public mutating func setPlatform(_ platform: String) throws(InitialStackError) {
    self.platform = try Self.cString(Array(platform.utf8), role: .platform, index: 0)
    set(Entry(key: .platform, value: 0, data: .platform))
  }

  /// Sets `AT_BASE_PLATFORM` to a string in the auxiliary data area.
  public mutating func setBasePlatform(_ basePlatform: String) throws(InitialStackError) {
    self.basePlatform = try Self.cString(Array(basePlatform.utf8), role: .basePlatform, index: 0)
    set(Entry(key: .basePlatform, value: 0, data: .basePlatform))
  }

  /// Sets `AT_EXECFN` to the file name string at the top of the block.
  ///
  /// The file name is written in both layouts (empty if never set).
  public mutating func setExecutableFileName(_ fileName: String) throws(InitialStackError) {
    try setExecutableFileName(bytes: Array(fileName.utf8))
  }

  /// Sets `AT_EXECFN` to a file name given as bytes.
  public mutating func setExecutableFileName(bytes: [UInt8]) throws(InitialStackError) {
    executableFileName = try Self.cString(bytes, role: .executableFileName, index: 0)
    set(Entry(key: .executableFileName, value: 0, data: .executableFileName))
  }

  /// Sets `AT_RANDOM` to 16 bytes in the auxiliary data area.
  public mutating func setRandomBytes(_ bytes: [UInt8]) throws(InitialStackError) {
    guard bytes.count == 16 else { throw .randomBytesCount(bytes.count) }
    randomBytes = bytes
    set(Entry(key: .random, value: 0, data: .randomBytes))
  }

  /// Reorders the auxiliary vector as `create_elf_tables` writes it on
  /// x86-64 (see ``AuxiliaryVectorKey/kernelRank``); keys the kernel does
  /// not write keep their relative order after the others.
  public mutating func sortAuxiliaryVectorInKernelOrder() {
    // Insertion sort: stable, no allocation, and vectors are short.
    var i = 1
    while i < entries.count {
      let entry = entries[i]
      var j = i
      while j > 0 && entries[j - 1].key.kernelRank > entry.key.kernelRank {
        entries[j] = entries[j - 1]
        j -= 1
      }
      entries[j] = entry
      i += 1
    }
  }

  mutating func set(_ entry: Entry) {
    if entry.key == .null { return }
    for index in entries.indices where entries[index].key == entry.key {
      entries[index] = entry
      return
    }
    entries.append(entry)
  }

  /// Validates a string and drops one trailing NUL.
  static func cString(_ bytes: [UInt8], role: InitialStackError.StringRole, index: Int) throws(InitialStackError) -> [UInt8] {
    var bytes = bytes
    if bytes.last == 0 { bytes.removeLast() }
    if bytes.contains(0) { throw .interiorNul(role, index: index) }
    return bytes
  }
}
