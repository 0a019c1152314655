extension LoadedObject {
  /// Reads `PT_TLS`, `PT_GNU_RELRO` and `PT_DYNAMIC` of the mapped object
  /// and decodes the dynamic section, checking that every table it names
  /// lies inside the object.
  func readSegments() throws(LoaderError) {
    var dynamicAddress: UInt = 0
    var dynamicSize: UInt = 0
    for index in 0..<programHeaderCount {
      let segment = programHeader(index)
      guard segment.type == ELFValue.load else { continue }
      guard segment.address < 1 << 47, segment.memorySize < 1 << 47 else {
        throw LoaderError(path, .malformed("a loadable segment lies beyond the user address space"))
      }
      let from = bias &+ UInt(segment.address)
      segments.append((from, from &+ UInt(segment.memorySize), segment.flags))
      if segment.flags & ELFValue.writable != 0 { writableRanges.append((from, from &+ UInt(segment.memorySize))) }
    }
    for index in 0..<programHeaderCount {
      let segment = programHeader(index)
      switch segment.type {
      case ELFValue.threadLocalStorage:
        guard segment.memorySize < 1 << 30, segment.alignment <= 1 << 20,
          segment.alignment == 0 || segment.alignment.nonzeroBitCount == 1
        else { throw LoaderError(path, .malformed("TLS segment size or alignment")) }
        guard segment.fileSize <= segment.memorySize,
          isReadable(bias &+ UInt(segment.address), size: UInt(segment.fileSize))
        else { throw LoaderError(path, .malformed("the TLS segment lies outside the object")) }
        hasTLS = true
        tlsImage = bias &+ UInt(segment.address)
        tlsImageSize = Int(segment.fileSize)
        tlsSize = Int(segment.memorySize)
        tlsAlignment = max(1, Int(segment.alignment))
      case ELFValue.gnuRelRO:
        let from = Mapping.pageFloor(bias &+ UInt(segment.address))
        let to = Mapping.pageFloor(bias &+ UInt(segment.address &+ segment.memorySize))
        // The linker pads RELRO's end to a page (GNU ld) or puts the
        // padding inside it (lld); rounding down never protects a page
        // that also holds writable data.
        if to > from && from >= start && to <= end {
          relroStart = from
          relroEnd = to
        }
      case ELFValue.dynamic:
        dynamicAddress = bias &+ UInt(segment.address)
        dynamicSize = UInt(segment.memorySize)
      default: break
      }
    }
    guard dynamicAddress != 0 else { return }
    guard isReadable(dynamicAddress, size: dynamicSize), dynamicAddress & 7 == 0 else {
      throw LoaderError(path, .malformed("the dynamic section lies outside the object"))
    }
    try decodeDynamic(UnsafeRawPointer(bitPattern: dynamicAddress).unsafelyUnwrapped, count: Int(dynamicSize / 16))
  }

  private func decodeDynamic(_ table: UnsafeRawPointer, count: Int) throws(LoaderError) {
    var values = TagValues()
    var info = DynamicInfo()
    var index = 0
    while index < count {
      let tag = table.load(fromByteOffset: index * 16, as: Int64.self)
      let value = table.load(fromByteOffset: index * 16 + 8, as: UInt64.self)
      if tag == 0 { break }
      switch tag {
      case ELFValue.needed: info.needed.append(value)
      case ELFValue.rpath: info.rpath = value
      case ELFValue.runpath: info.runpath = value
      case ELFValue.sharedObjectName: info.soname = value
      case ELFValue.symbolic: info.symbolic = true
      case ELFValue.textRelocations: info.textRelocations = true
      case ELFValue.flags:
        if value & ELFValue.flagSymbolic != 0 { info.symbolic = true }
        if value & ELFValue.flagTextRelocations != 0 { info.textRelocations = true }
      default: values[tag] = value
      }
      index += 1
    }
    guard values[ELFValue.rel] == nil else {
      throw LoaderError(path, .malformed("DT_REL relocations (x86-64 uses DT_RELA)"))
    }

    /// The run-time address of a table of `size` bytes at link address
    /// `value`, checked to lie inside the object.
    func locate(_ value: UInt64?, size: UInt64, _ what: StaticString) throws(LoaderError) -> UnsafeRawPointer? {
      guard let value, value != 0 || size != 0 else { return nil }
      let address = bias &+ UInt(value)
      guard size < 1 << 40, isReadable(address, size: UInt(size)) else {
        throw LoaderError(path, .malformed(what))
      }
      return UnsafeRawPointer(bitPattern: address)
    }

    if let strtab = values[ELFValue.stringTable] {
      let size = values[ELFValue.stringTableSize] ?? 0
      info.stringTable = try locate(strtab, size: size, "the string table lies outside the object")
        .unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
      info.stringTableSize = size
    }
    if let entrySize = values[ELFValue.symbolEntrySize], entrySize != 24 {
      throw LoaderError(path, .malformed("symbol entry size is not 24"))
    }
    if let relaEntrySize = values[ELFValue.relaEntrySize], relaEntrySize != 24 {
      throw LoaderError(path, .malformed("relocation entry size is not 24"))
    }
    if let relrEntrySize = values[ELFValue.relrEntrySize], relrEntrySize != 8 {
      throw LoaderError(path, .malformed("RELR entry size is not 8"))
    }

    // The symbol count comes from a hash table (the dynamic section has
    // none): SysV's chain count, or the end of GNU hash's last chain.
    let symtab = values[ELFValue.symbolTable]
    if let sysv = try locate(values[ELFValue.hash], size: 8, "the hash table lies outside the object") {
      let buckets = Int(sysv.load(as: UInt32.self))
      let chains = Int(sysv.load(fromByteOffset: 4, as: UInt32.self))
      guard try locate(values[ELFValue.hash], size: UInt64(8 + 4 * (buckets + chains)), "the hash table lies outside the object") != nil
      else { throw LoaderError(path, .malformed("no hash table")) }
      info.sysvHash = sysv
      info.symbolCount = chains
    }
    if let gnu = try locate(values[ELFValue.gnuHash], size: 16, "the GNU hash table lies outside the object") {
      let buckets = Int(gnu.load(as: UInt32.self))
      let offset = Int(gnu.load(fromByteOffset: 4, as: UInt32.self))
      let bloomWords = Int(gnu.load(fromByteOffset: 8, as: UInt32.self))
      guard buckets > 0, bloomWords > 0, bloomWords.nonzeroBitCount == 1,
        try locate(values[ELFValue.gnuHash], size: UInt64(16 + 8 * bloomWords + 4 * buckets), "the GNU hash table lies outside the object") != nil
      else { throw LoaderError(path, .malformed("GNU hash table header")) }
      let bucketBase = gnu + 16 + 8 * bloomWords
      var last = 0
      for bucket in 0..<buckets {
        last = max(last, Int(bucketBase.load(fromByteOffset: 4 * bucket, as: UInt32.self)))
      }
      let chainBase = bucketBase + 4 * buckets
      var count = offset
      if last >= offset {
        // Walk the last chain to its end marker (low bit set).
        var position = last
        while true {
          let chainAddress = UInt(bitPattern: chainBase + 4 * (position - offset))
          guard isReadable(chainAddress, size: 4) else { throw LoaderError(path, .malformed("GNU hash chain runs off the object")) }
          if chainBase.load(fromByteOffset: 4 * (position - offset), as: UInt32.self) & 1 != 0 { break }
          position += 1
        }
        count = position + 1
      }
      info.gnuHash = gnu
      if info.sysvHash == nil || count > info.symbolCount { info.symbolCount = max(info.symbolCount, count) }
    }
    // A table with no hashed symbol (GNU ld, when a program exports
    // nothing) still has its undefined symbols: .dynstr follows .dynsym in
    // every linker's layout, so the distance between them bounds the count.
    if let symtab, let strtab = values[ELFValue.stringTable], strtab > symtab, strtab - symtab < 1 << 32 {
      info.symbolCount = max(info.symbolCount, Int((strtab - symtab) / 24))
    }
    if let symtab {
      info.symbolTable = try locate(symtab, size: UInt64(info.symbolCount) * 24, "the symbol table lies outside the object")
        ?? UnsafeRawPointer(bitPattern: 8).unsafelyUnwrapped
    } else {
      info.symbolCount = 0
    }

    if let rela = values[ELFValue.rela] {
      let size = values[ELFValue.relaSize] ?? 0
      info.rela = try locate(rela, size: size, "the relocation table lies outside the object")
      info.relaCount = Int(size / 24)
    }
    if let jumps = values[ELFValue.jumpRelocations] {
      let size = values[ELFValue.pltRelocationSize] ?? 0
      if let type = values[ELFValue.pltRelocationType], type != UInt64(ELFValue.rela) {
        throw LoaderError(path, .malformed("PLT relocations are not RELA"))
      }
      info.jumpRelocations = try locate(jumps, size: size, "the PLT relocation table lies outside the object")
      info.jumpRelocationCount = Int(size / 24)
      // GNU ld may include .rela.plt in DT_RELASZ: don't apply it twice.
      if let rela = info.rela, let jumps = info.jumpRelocations, jumps >= rela, jumps < rela + info.relaCount * 24 {
        info.relaCount = (jumps - rela) / 24
      }
    }
    if let relr = values[ELFValue.relr] {
      let size = values[ELFValue.relrSize] ?? 0
      info.relr = try locate(relr, size: size, "the RELR table lies outside the object")
      info.relrCount = Int(size / 8)
    }
    if let initFunction = values[ELFValue.initFunction], initFunction != 0 {
      guard contains(bias &+ UInt(initFunction), size: 1) else { throw LoaderError(path, .malformed("DT_INIT lies outside the object")) }
      info.initFunction = bias &+ UInt(initFunction)
    }
    if let array = values[ELFValue.preinitArray] {
      let size = values[ELFValue.preinitArraySize] ?? 0
      info.preinitArray = try locate(array, size: size, "the preinit array lies outside the object")?.assumingMemoryBound(to: UInt.self)
      info.preinitArrayCount = Int(size / 8)
    }
    if let array = values[ELFValue.initArray] {
      let size = values[ELFValue.initArraySize] ?? 0
      info.initArray = try locate(array, size: size, "the init array lies outside the object")?.assumingMemoryBound(to: UInt.self)
      info.initArrayCount = Int(size / 8)
    }
    info.versionSymbols = try locate(
      values[ELFValue.versionSymbols], size: UInt64(info.symbolCount) * 2, "the version symbol table lies outside the object"
    )?.assumingMemoryBound(to: UInt16.self)
    info.versionDefinitions = try locate(values[ELFValue.versionDefinitions], size: 20, "the version definitions lie outside the object")
    info.versionDefinitionCount = Int(min(values[ELFValue.versionDefinitionCount] ?? 0, 0x7fff))
    info.versionNeeds = try locate(values[ELFValue.versionNeeds], size: 16, "the version needs lie outside the object")
    info.versionNeedCount = Int(min(values[ELFValue.versionNeedCount] ?? 0, 0x7fff))
    dynamic = info
    for offset in info.needed where string(at: offset) == nil {
      throw LoaderError(path, .malformed("a DT_NEEDED name lies outside the string table"))
    }
    try readVersions()
  }

  /// Builds the version-index table from `DT_VERDEF` and `DT_VERNEED`
  /// (each walk bounded by its count and by the object's extent).
  private func readVersions() throws(LoaderError) {
    guard dynamic.versionSymbols != nil else { return }
    var versions: [VersionName] = []
    func set(_ index: Int, _ version: VersionName) {
      if index >= versions.count { versions += [VersionName](repeating: VersionName(), count: index + 1 - versions.count) }
      versions[index] = version
    }
    if var entry = dynamic.versionDefinitions {
      for _ in 0..<min(dynamic.versionDefinitionCount, 0x7fff) {
        guard isReadable(UInt(bitPattern: entry), size: 20) else { throw LoaderError(path, .malformed("version definitions")) }
        let flags = entry.loadUnaligned(fromByteOffset: 2, as: UInt16.self)
        let index = Int(entry.loadUnaligned(fromByteOffset: 4, as: UInt16.self) & 0x7fff)
        let hash = entry.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        let auxOffset = Int(entry.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        let next = Int(entry.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        let aux = entry + auxOffset
        guard isReadable(UInt(bitPattern: aux), size: 8), let name = string(at: UInt64(aux.loadUnaligned(as: UInt32.self))) else {
          throw LoaderError(path, .malformed("version definitions"))
        }
        // The base definition (VER_FLG_BASE, the file's own name) is kept
        // too: a versioned reference does not bind to it (glibc).
        _ = flags
        set(index, VersionName(name: name, hash: hash, hidden: false, file: nil))
        if next == 0 { break }
        entry += next
      }
    }
    if var entry = dynamic.versionNeeds {
      for _ in 0..<min(dynamic.versionNeedCount, 0x7fff) {
        guard isReadable(UInt(bitPattern: entry), size: 16) else { throw LoaderError(path, .malformed("version needs")) }
        let auxCount = Int(entry.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        guard let file = string(at: UInt64(entry.loadUnaligned(fromByteOffset: 4, as: UInt32.self))) else {
          throw LoaderError(path, .malformed("version needs"))
        }
        var aux = entry + Int(entry.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        for _ in 0..<auxCount {
          guard isReadable(UInt(bitPattern: aux), size: 16) else { throw LoaderError(path, .malformed("version needs")) }
          let hash = aux.loadUnaligned(as: UInt32.self)
          let flags = aux.loadUnaligned(fromByteOffset: 4, as: UInt16.self)
          let index = Int(aux.loadUnaligned(fromByteOffset: 6, as: UInt16.self) & 0x7fff)
          guard let name = string(at: UInt64(aux.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) else {
            throw LoaderError(path, .malformed("version needs"))
          }
          _ = flags
          let hidden = aux.loadUnaligned(fromByteOffset: 6, as: UInt16.self) & ELFValue.versionHidden != 0
          set(index, VersionName(name: name, hash: hash, hidden: hidden, file: file))
          let next = Int(aux.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
          if next == 0 { break }
          aux += next
        }
        let next = Int(entry.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        if next == 0 { break }
        entry += next
      }
    }
    dynamic.versions = versions
  }
}

/// The values of the dynamic tags the loader reads by tag (the last entry
/// of each tag wins, as in glibc); a small fixed table instead of a
/// dictionary.
private struct TagValues {
  private var tags: [Int64] = [
    ELFValue.pltRelocationSize, ELFValue.hash, ELFValue.stringTable, ELFValue.symbolTable, ELFValue.rela,
    ELFValue.relaSize, ELFValue.relaEntrySize, ELFValue.stringTableSize, ELFValue.symbolEntrySize,
    ELFValue.initFunction, ELFValue.rel, ELFValue.pltRelocationType, ELFValue.jumpRelocations, ELFValue.initArray,
    ELFValue.initArraySize, ELFValue.relrSize, ELFValue.relr, ELFValue.relrEntrySize, ELFValue.gnuHash,
    ELFValue.versionSymbols, ELFValue.versionDefinitions, ELFValue.versionDefinitionCount, ELFValue.versionNeeds,
    ELFValue.versionNeedCount, ELFValue.preinitArray, ELFValue.preinitArraySize,
  ]
  private var values: [UInt64?] = [UInt64?](repeating: nil, count: 26)

  subscript(tag: Int64) -> UInt64? {
    get {
      for index in 0..<tags.count where tags[index] == tag { return values[index] }
      return nil
    }
    set {
      for index in 0..<tags.count where tags[index] == tag { values[index] = newValue }
    }
  }
}
