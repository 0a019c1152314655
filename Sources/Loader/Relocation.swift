import Linux

/// A resolved symbol: its value (the address, or for a TLS symbol the
/// offset in its module's block) and the object defining it (nil for a
/// weak undefined symbol or a loader builtin).
struct Resolution {
  var value: UInt
  /// Index of the defining object in the link, or -1.
  var definer: Int
}

extension Link {
  // MARK: Relocation

  /// Relocates every object, dependencies before the objects that need
  /// them (the reverse of load order, the program last, as glibc does), so
  /// that an indirect function's resolver and a copy relocation's source
  /// are relocated before they are used. Then the program's `COPY`
  /// relocations.
  public func relocate() throws(LoaderError) {
    // Only a program can have canonical PLT entries (undefined function
    // symbols with a value: the address the program uses for a library
    // function). Without any, a symbol resolves the same for a JUMP_SLOT
    // and for a data reference, and one cache entry serves both.
    let program = objects[0]
    for index in 1..<max(program.dynamic.symbolCount, 1) {
      let symbol = program.symbol(index)
      if symbol.section == ELFValue.undefinedSection && symbol.value != 0 && symbol.type == ELFValue.typeFunction {
        resolutionDependsOnPLT = true
        break
      }
    }
    for index in objects.indices.reversed() {
      try relocate(index)
    }
    for copy in copies {
      try applyCopy(copy)
    }
  }

  /// Makes every object's `PT_GNU_RELRO` range read-only.
  public func protectRelRO() {
    for object in objects where object.relroEnd > object.relroStart {
      try? Memory.protect(
        UnsafeMutableRawPointer(bitPattern: object.relroStart).unsafelyUnwrapped,
        length: Int(object.relroEnd - object.relroStart), .read)
    }
  }

  private func relocate(_ index: Int) throws(LoaderError) {
    let object = objects[index]
    if object.relocated { return }
    object.relocated = true
    let info = object.dynamic
    // Text relocations: the read-only segments are made writable (never
    // writable and executable) for the time of relocation.
    // (An error ends the process, so the protections need no restoring
    // then.)
    if info.textRelocations { setTextWritable(object, true) }

    if let relr = info.relr { try applyRELR(object, relr, count: info.relrCount) }

    let cache = UnsafeMutablePointer<CachedResolution>.allocate(capacity: max(info.symbolCount, 1))
    cache.initialize(repeating: CachedResolution(), count: max(info.symbolCount, 1))
    defer { cache.deallocate() }
    var indirect: [(place: UInt, resolver: UInt)] = []
    if let table = info.rela {
      try applyRELA(object, index: index, table, count: info.relaCount, cache: cache, indirect: &indirect)
    }
    if let table = info.jumpRelocations {
      try applyRELA(object, index: index, table, count: info.jumpRelocationCount, cache: cache, indirect: &indirect)
    }
    if info.textRelocations { setTextWritable(object, false) }
    // IRELATIVE last: the resolvers may read the object's relocated data
    // (and run from its code, executable again).
    for entry in indirect {
      guard object.isExecutable(entry.resolver) else {
        throw LoaderError(object.path, .malformed("an IRELATIVE resolver lies outside the executable segments"))
      }
      UnsafeMutablePointer<UInt>(bitPattern: entry.place).unsafelyUnwrapped.pointee = callResolver(entry.resolver)
    }
  }

  /// RELR: each even word is an address to relocate, each odd word a
  /// bitmap of the 63 words after the last one (gABI "RELR").
  private func applyRELR(_ object: LoadedObject, _ table: UnsafeRawPointer, count: Int) throws(LoaderError) {
    let bias = object.bias
    var next: UInt = 0
    for position in 0..<count {
      let word = UInt(table.load(fromByteOffset: position &* 8, as: UInt64.self))
      if word & 1 == 0 {
        let place = bias &+ word
        guard object.isWritable(place, size: 8) else {
          throw LoaderError(object.path, .malformed("a RELR address lies outside the writable segments"))
        }
        UnsafeMutablePointer<UInt>(bitPattern: place).unsafelyUnwrapped.pointee &+= bias
        next = place &+ 8
      } else {
        // A bitmap continues from an address word; every place it marks
        // is checked.
        guard next != 0 else { throw LoaderError(object.path, .malformed("a RELR bitmap before any address")) }
        var bits = word >> 1
        var place = next
        while bits != 0 {
          if bits & 1 != 0 {
            guard object.isWritable(place, size: 8) else {
              throw LoaderError(object.path, .malformed("a RELR bitmap reaches outside the writable segments"))
            }
            UnsafeMutablePointer<UInt>(bitPattern: place).unsafelyUnwrapped.pointee &+= bias
          }
          bits >>= 1
          place &+= 8
        }
        next &+= 63 * 8
      }
    }
  }

  private func applyRELA(
    _ object: LoadedObject, index objectIndex: Int, _ table: UnsafeRawPointer, count: Int,
    cache: UnsafeMutablePointer<CachedResolution>, indirect: inout [(place: UInt, resolver: UInt)]
  ) throws(LoaderError) {
    let bias = object.bias
    // The writable range the last place fell in: relocations come sorted
    // by place, so one comparison pair usually settles it.
    // (A place fits when place - hitStart <= hitLimit, the range's size
    // less 8: one unsigned comparison; nothing fits at first.)
    var hitStart = UInt.max
    var hitLimit: UInt = 0
    var entry = table
    for _ in 0..<count {
      let offset = UInt(entry.load(as: UInt64.self))
      let info = entry.load(fromByteOffset: 8, as: UInt64.self)
      let addend = UInt(entry.load(fromByteOffset: 16, as: UInt64.self))
      entry += 24
      let type = UInt32(truncatingIfNeeded: info)
      let place = bias &+ offset
      if place &- hitStart > hitLimit {
        guard let range = object.writableRange(containing: place, size: 8) else {
          throw LoaderError(object.path, .malformed("a relocation's place lies outside the writable segments"))
        }
        hitStart = range.start
        hitLimit = range.end &- range.start &- 8
      }
      let target = UnsafeMutableRawPointer(bitPattern: place).unsafelyUnwrapped
      if type == ELFValue.rRelative {
        target.storeBytes(of: bias &+ addend, as: UInt.self)
        continue
      }
      let symbolIndex = Int(info >> 32)
      switch type {
      case ELFValue.rNone: continue
      case ELFValue.rIRelative:
        indirect.append((place, bias &+ addend))
        continue
      case ELFValue.rCopy:
        guard objectIndex == 0 else { throw LoaderError(object.path, .malformed("a COPY relocation outside the program")) }
        guard symbolIndex > 0 && symbolIndex < object.dynamic.symbolCount else {
          throw LoaderError(object.path, .malformed("a relocation's symbol index is out of range"))
        }
        copies.append((place, symbolIndex, objectIndex))
        continue
      default: break
      }
      guard symbolIndex < object.dynamic.symbolCount || symbolIndex == 0 else {
        throw LoaderError(object.path, .malformed("a relocation's symbol index is out of range"))
      }
      // A JUMP_SLOT and other references may resolve differently (see
      // LoadedObject.find) when the program has canonical PLT entries; the
      // cache then says which kind it holds.
      let wanted: UInt8 = type == ELFValue.rJumpSlot && resolutionDependsOnPLT ? 2 : 1
      let resolution: Resolution
      if symbolIndex == 0 {
        resolution = Resolution(value: 0, definer: objectIndex)
      } else if cache[symbolIndex].state == wanted {
        resolution = Resolution(value: cache[symbolIndex].value, definer: Int(cache[symbolIndex].definer))
      } else {
        resolution = try resolve(symbolIndex, in: object, index: objectIndex, forPLT: wanted == 2)
        cache[symbolIndex] = CachedResolution(value: resolution.value, definer: Int32(resolution.definer), state: wanted)
      }
      let value = resolution.value
      switch type {
      case ELFValue.r64, ELFValue.rGlobalData, ELFValue.rJumpSlot:
        target.storeBytes(of: value &+ addend, as: UInt.self)
      case ELFValue.rPC32:
        let result = Int(bitPattern: value &+ addend &- place)
        guard result >= Int(Int32.min) && result <= Int(Int32.max) else {
          throw LoaderError(object.path, .relocationOverflow(type))
        }
        target.storeBytes(of: Int32(result), as: Int32.self)
      case ELFValue.rPC64:
        target.storeBytes(of: value &+ addend &- place, as: UInt.self)
      case ELFValue.r32:
        let result = value &+ addend
        guard result <= UInt(UInt32.max) else { throw LoaderError(object.path, .relocationOverflow(type)) }
        target.storeBytes(of: UInt32(result), as: UInt32.self)
      case ELFValue.r32S:
        let result = Int(bitPattern: value &+ addend)
        guard result >= Int(Int32.min) && result <= Int(Int32.max) else {
          throw LoaderError(object.path, .relocationOverflow(type))
        }
        target.storeBytes(of: Int32(result), as: Int32.self)
      case ELFValue.rDTPMOD64:
        target.storeBytes(of: resolution.definer >= 0 ? UInt(objects[resolution.definer].tlsModule) : 0, as: UInt.self)
      case ELFValue.rDTPOFF64:
        target.storeBytes(of: value &+ addend, as: UInt.self)
      case ELFValue.rTPOFF64:
        guard resolution.definer >= 0 else {
          target.storeBytes(of: value &+ addend, as: UInt.self)
          continue
        }
        let definer = objects[resolution.definer]
        guard definer.tlsModule != 0 else {
          throw LoaderError(object.path, .threadLocalStorage("a TPOFF64 relocation against an object without TLS"))
        }
        target.storeBytes(of: value &+ addend &- UInt(definer.tlsOffset), as: UInt.self)
      default:
        throw LoaderError(object.path, .unsupportedRelocation(type))
      }
    }
  }

  /// Resolves symbol `index` of `object` through the global scope.
  func resolve(_ index: Int, in object: LoadedObject, index objectIndex: Int, forPLT: Bool) throws(LoaderError) -> Resolution {
    let symbol = object.symbol(index)
    // A local symbol, or a defined protected one, binds to itself; with
    // DT_SYMBOLIC the object is searched first.
    if symbol.binding == ELFValue.bindLocal
      || (symbol.section != ELFValue.undefinedSection && symbol.visibility == ELFValue.visibilityProtected)
    {
      return Resolution(value: try value(of: symbol, in: object), definer: objectIndex)
    }
    var version: VersionName? = nil
    if let versionSymbols = object.dynamic.versionSymbols {
      let versionIndex = Int(versionSymbols[index] & 0x7fff)
      if versionIndex >= 2 && versionIndex < object.dynamic.versions.count && object.dynamic.versions[versionIndex].name != nil {
        version = object.dynamic.versions[versionIndex]
      }
    }
    let nameOffset = UInt64(symbol.nameOffset)
    guard nameOffset < object.dynamic.stringTableSize,
      var reference = SymbolReference(
        name: object.dynamic.stringTable + Int(nameOffset), limit: Int(object.dynamic.stringTableSize - nameOffset),
        version: version)
    else {
      throw LoaderError(object.path, .malformed("a symbol name lies outside the string table"))
    }
    let name = reference.name
    if object.dynamic.symbolic && symbol.section != ELFValue.undefinedSection,
      let found = object.find(&reference, forPLT: forPLT)
    {
      return Resolution(value: try value(of: object.symbol(found), in: object), definer: objectIndex)
    }
    let hash = reference.gnuHash
    let found: (index: Int, symbol: Int)? = objects.withUnsafeBufferPointer { scope in
      var candidateIndex = 0
      while candidateIndex < scope.count {
        if scope[candidateIndex].mayDefine(hash: hash), let symbol = scope[candidateIndex].find(&reference, forPLT: forPLT) {
          return (candidateIndex, symbol)
        }
        candidateIndex &+= 1
      }
      return nil
    }
    if let found {
      let candidate = objects[found.index]
      return Resolution(value: try value(of: candidate.symbol(found.symbol), in: candidate), definer: found.index)
    }
    for builtin in options.builtins where builtin.name.count == reference.length {
      if builtin.name.withUnsafeBufferPointer({ $0.elementsEqual(UnsafeBufferPointer(start: name, count: reference.length)) }) {
        return Resolution(value: builtin.address, definer: -1)
      }
    }
    if symbol.binding == ELFValue.bindWeak { return Resolution(value: 0, definer: -1) }
    throw LoaderError(
      object.path, .undefinedSymbol(bytes(of: name), version: version?.name.map { bytes(of: $0) } ?? []))
  }

  /// A definition's value: absolute, a TLS offset, the result of an
  /// indirect function's resolver, or an address.
  private func value(of symbol: Symbol, in object: LoadedObject) throws(LoaderError) -> UInt {
    if symbol.section == ELFValue.absoluteSection { return UInt(symbol.value) }
    if symbol.type == ELFValue.typeTLS { return UInt(symbol.value) }
    let address = object.bias &+ UInt(symbol.value)
    if symbol.type == ELFValue.typeIndirectFunction && symbol.section != ELFValue.undefinedSection {
      guard object.isExecutable(address) else {
        throw LoaderError(object.path, .malformed("an indirect function's resolver lies outside the executable segments"))
      }
      return callResolver(address)
    }
    return address
  }

  /// `COPY`: the program's copy of a library's data object gets the
  /// library's initial contents (the definition is looked up past the
  /// program). The smaller of the two sizes is copied.
  private func applyCopy(_ copy: (place: UInt, symbol: Int, object: Int)) throws(LoaderError) {
    let object = objects[copy.object]
    let symbol = object.symbol(copy.symbol)
    guard let name = object.string(at: UInt64(symbol.nameOffset)) else {
      throw LoaderError(object.path, .malformed("a symbol name lies outside the string table"))
    }
    var version: VersionName? = nil
    if let versionSymbols = object.dynamic.versionSymbols {
      let versionIndex = Int(versionSymbols[copy.symbol] & 0x7fff)
      if versionIndex >= 2 && versionIndex < object.dynamic.versions.count && object.dynamic.versions[versionIndex].name != nil {
        version = object.dynamic.versions[versionIndex]
      }
    }
    var reference = SymbolReference(name: name, version: version)
    for candidate in objects.dropFirst() {
      guard let found = candidate.find(&reference, forPLT: false) else { continue }
      let source = candidate.symbol(found)
      let size = Int(min(symbol.size, source.size, 1 << 40))
      let from = candidate.bias &+ UInt(source.value)
      guard object.isWritable(copy.place, size: UInt(size)), candidate.isReadable(from, size: UInt(size)) else {
        throw LoaderError(object.path, .malformed("a COPY relocation reaches outside an object"))
      }
      UnsafeMutableRawPointer(bitPattern: copy.place).unsafelyUnwrapped.copyMemory(
        from: UnsafeRawPointer(bitPattern: from).unsafelyUnwrapped, byteCount: size)
      return
    }
    throw LoaderError(object.path, .undefinedSymbol(bytes(of: name), version: version?.name.map { bytes(of: $0) } ?? []))
  }

  /// Makes the object's non-writable segments writable without execute
  /// (for text relocations), or restores their protections.
  private func setTextWritable(_ object: LoadedObject, _ writable: Bool) {
    object.writableRanges = object.segments.filter { writable || $0.flags & ELFValue.writable != 0 }
      .map { ($0.start, $0.end) }
    for index in 0..<object.programHeaderCount {
      let segment = object.programHeader(index)
      guard segment.type == ELFValue.load, segment.flags & ELFValue.writable == 0 else { continue }
      let start = Mapping.pageFloor(object.bias &+ UInt(segment.address))
      let end = Mapping.pageCeiling(object.bias &+ UInt(segment.address &+ segment.memorySize))
      var protection: Memory.Protection = []
      if writable {
        protection = [.read, .write]
      } else {
        if segment.flags & ELFValue.readable != 0 { protection.insert(.read) }
        if segment.flags & ELFValue.executable != 0 { protection.insert(.execute) }
      }
      try? Memory.protect(UnsafeMutableRawPointer(bitPattern: start).unsafelyUnwrapped, length: Int(end - start), protection)
    }
  }
}

/// A symbol index's resolution, kept while relocating one object (state 0:
/// not yet resolved).
struct CachedResolution {
  var value: UInt = 0
  var definer: Int32 = -1
  /// 0: not resolved; 1: resolved for a data reference; 2: for a JUMP_SLOT.
  var state: UInt8 = 0
}

/// Calls an indirect function's resolver and returns the address it
/// chooses.
func callResolver(_ address: UInt) -> UInt {
  let resolver = unsafeBitCast(address, to: (@convention(c) () -> UInt).self)
  return resolver()
}
