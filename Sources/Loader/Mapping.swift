import Linux

/// Mapping ELF files into the process, as the kernel's `load_elf_binary`
/// and glibc's `_dl_map_object` do: reserve the whole extent, map each
/// `PT_LOAD` from the file with its protections, zero the tail of the last
/// file page and map anonymous pages for the rest of the bss.
public enum Mapping {
  static let pageSize: UInt = 4096

  @inline(__always) static func pageFloor(_ value: UInt) -> UInt { value & ~(pageSize &- 1) }
  @inline(__always) static func pageCeiling(_ value: UInt) -> UInt { (value &+ pageSize &- 1) & ~(pageSize &- 1) }

  /// Opens `path` and maps it. `name` is what it was asked for (a
  /// `DT_NEEDED` name, or the path).
  public static func map(path: [UInt8], name: [UInt8]) throws(LoaderError) -> LoadedObject {
    let descriptor: OwnedFileDescriptor
    do { descriptor = try FileSystem.open(path, .readOnly) } catch { throw LoaderError(path, .cannotOpen(error)) }
    return try map(descriptor.descriptor, path: path, name: name)
  }

  /// Maps the ELF file open at `file` (which the caller closes).
  public static func map(_ file: FileDescriptor, path: [UInt8], name: [UInt8]) throws(LoaderError) -> LoadedObject {
    let fileSize: UInt64
    do { fileSize = UInt64(try file.status().size) } catch { throw LoaderError(path, .cannotRead(error)) }

    // The file header, then the program headers.
    var header = [UInt8](repeating: 0, count: 64)
    let headerBytes = try read(file, path: path, at: 0, into: &header)
    try checkHeader(header, count: headerBytes, path: path)
    let (fileType, entry, phoff, phentsize, phnum) = header.withUnsafeBytes {
      (
        $0.loadUnaligned(fromByteOffset: 16, as: UInt16.self), $0.loadUnaligned(fromByteOffset: 24, as: UInt64.self),
        $0.loadUnaligned(fromByteOffset: 32, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 54, as: UInt16.self),
        $0.loadUnaligned(fromByteOffset: 56, as: UInt16.self)
      )
    }
    guard phentsize == 56 else { throw LoaderError(path, .malformed("program header size is not 56")) }
    guard phnum > 0 else { throw LoaderError(path, .malformed("no program headers")) }
    let tableSize = UInt64(phnum) * 56
    guard phoff <= fileSize, tableSize <= fileSize - phoff else { throw LoaderError(path, .truncated) }
    let copy = UnsafeMutableRawPointer.allocate(byteCount: Int(tableSize), alignment: 8)
    var table = [UInt8](repeating: 0, count: Int(tableSize))
    guard try read(file, path: path, at: phoff, into: &table) == Int(tableSize) else {
      throw LoaderError(path, .truncated)
    }
    table.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress.unsafelyUnwrapped, byteCount: $0.count) }
    let headers = UnsafeRawPointer(copy)

    // Check the segments; find the extent.
    var low = UInt.max
    var high: UInt = 0
    var maximumAlignment = pageSize
    var loads = 0
    var interpreter: [UInt8]? = nil
    var phdrAddress: UInt64? = nil
    var previousEnd: UInt64 = 0
    for index in 0..<Int(phnum) {
      let segment = ProgramHeader(headers + index * 56)
      switch segment.type {
      case ELFValue.load:
        if segment.flags & ELFValue.writable != 0 && segment.flags & ELFValue.executable != 0 {
          throw LoaderError(path, .writableAndExecutable)
        }
        guard segment.fileSize <= segment.memorySize else {
          throw LoaderError(path, .malformed("a segment's file size exceeds its memory size"))
        }
        guard segment.offset <= fileSize, segment.fileSize <= fileSize - segment.offset else {
          throw LoaderError(path, .truncated)
        }
        guard segment.address & UInt64(pageSize - 1) == segment.offset & UInt64(pageSize - 1) else {
          throw LoaderError(path, .malformed("a segment's address and offset differ modulo the page size"))
        }
        guard segment.address >= previousEnd || loads == 0,
          segment.memorySize < 1 << 47, segment.address < 1 << 47
        else { throw LoaderError(path, .malformed("loadable segments overlap or are out of order")) }
        previousEnd = segment.address + segment.memorySize
        low = min(low, pageFloor(UInt(segment.address)))
        high = max(high, pageCeiling(UInt(segment.address + segment.memorySize)))
        if segment.alignment > UInt64(maximumAlignment) && segment.alignment.nonzeroBitCount == 1
          && segment.alignment <= 1 << 30
        {
          maximumAlignment = UInt(segment.alignment)
        }
        loads += 1
      case ELFValue.interpreter:
        guard segment.offset <= fileSize, segment.fileSize <= fileSize - segment.offset, segment.fileSize <= 4096
        else { throw LoaderError(path, .truncated) }
        var bytes = [UInt8](repeating: 0, count: Int(segment.fileSize))
        guard try read(file, path: path, at: segment.offset, into: &bytes) == bytes.count else {
          throw LoaderError(path, .truncated)
        }
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        interpreter = bytes
      case ELFValue.programHeaders:
        phdrAddress = segment.address
      default: break
      }
    }
    guard loads > 0 else { throw LoaderError(path, .malformed("no loadable segment")) }

    // Reserve the extent: anywhere for ET_DYN (aligned as the segments
    // ask), at its own addresses for ET_EXEC.
    let span = high - low
    let reservation: UInt
    if fileType == ELFValue.executableFile {
      do {
        let address = try Memory.map(
          at: UnsafeMutableRawPointer(bitPattern: low), length: Int(span), protection: [],
          flags: [.private, .fixedNoReplace])
        reservation = UInt(bitPattern: address)
      } catch {
        throw LoaderError(path, error == .fileExists ? .addressInUse(UInt64(low)) : .cannotMap(error))
      }
      guard reservation == low else { throw LoaderError(path, .addressInUse(UInt64(low))) }
    } else {
      let extra = maximumAlignment > pageSize ? maximumAlignment : 0
      let address: UInt
      do {
        address = UInt(bitPattern: try Memory.map(length: Int(span + extra), protection: [], flags: .private))
      } catch { throw LoaderError(path, .cannotMap(error)) }
      let aligned = (address + maximumAlignment - 1) & ~(maximumAlignment - 1)
      if aligned > address { try? Memory.unmap(UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped, length: Int(aligned - address)) }
      let tail = address + span + extra - (aligned + span)
      if tail > 0 { try? Memory.unmap(UnsafeMutableRawPointer(bitPattern: aligned + span).unsafelyUnwrapped, length: Int(tail)) }
      reservation = aligned
    }
    let bias = reservation &- low

    // Map the segments.
    var phdrRuntime: UInt = 0
    for index in 0..<Int(phnum) {
      let segment = ProgramHeader(headers + index * 56)
      guard segment.type == ELFValue.load else { continue }
      try mapSegment(segment, file: file, bias: bias, path: path)
      if phdrAddress == nil, phoff >= segment.offset, phoff + tableSize <= segment.offset + segment.fileSize {
        phdrRuntime = bias &+ UInt(segment.address &+ (phoff - segment.offset))
      }
    }
    if let phdrAddress { phdrRuntime = bias &+ UInt(truncatingIfNeeded: phdrAddress) }

    // The program headers are read where they are mapped if they are (and
    // the copy freed), else from the copy, which the object then keeps.
    var mapped = false
    for index in 0..<Int(phnum) {
      let segment = ProgramHeader(headers + index * 56)
      guard segment.type == ELFValue.load, segment.flags & ELFValue.readable != 0, phdrRuntime != 0 else { continue }
      let from = bias &+ UInt(segment.address)
      if phdrRuntime >= from && phdrRuntime &- from <= UInt(segment.memorySize)
        && UInt(tableSize) <= UInt(segment.memorySize) - (phdrRuntime &- from)
      {
        mapped = true
      }
    }
    if mapped {
      // They must be what the file header says: the loader reads them
      // there from now on.
      let same = table.withUnsafeBytes { bytes in
        (0..<bytes.count).allSatisfy {
          bytes[$0] == UnsafeRawPointer(bitPattern: phdrRuntime).unsafelyUnwrapped.load(fromByteOffset: $0, as: UInt8.self)
        }
      }
      guard same else { throw LoaderError(path, .malformed("PT_PHDR does not point at the program headers")) }
      copy.deallocate()
    }
    let object = LoadedObject(
      path: path, name: name, bias: bias, fileType: fileType, entry: bias &+ UInt(entry),
      programHeaders: mapped ? UnsafeRawPointer(bitPattern: phdrRuntime).unsafelyUnwrapped : headers,
      programHeaderAddress: phdrRuntime, programHeaderCount: Int(phnum), start: reservation, end: reservation + span,
      interpreter: interpreter, mappedByLoader: true)
    try object.readSegments()
    return object
  }

  /// Describes the program the kernel mapped (the loader runs as its
  /// interpreter): from `AT_PHDR`, `AT_PHNUM` and `AT_ENTRY`.
  public static func adopt(
    programHeaders: UInt, count: Int, entry: UInt, path: [UInt8]
  ) throws(LoaderError) -> LoadedObject {
    guard programHeaders != 0, count > 0 else { throw LoaderError(path, .malformed("no program headers in the auxiliary vector")) }
    let headers = UnsafeRawPointer(bitPattern: programHeaders).unsafelyUnwrapped
    var phdrLinkAddress: UInt64? = nil
    for index in 0..<count where ProgramHeader(headers + index * 56).type == ELFValue.programHeaders {
      phdrLinkAddress = ProgramHeader(headers + index * 56).address
    }
    // Without PT_PHDR the program must be ET_EXEC (bias 0), as glibc assumes.
    let bias = phdrLinkAddress.map { programHeaders &- UInt($0) } ?? 0
    var low = UInt.max
    var high: UInt = 0
    var interpreter: [UInt8]? = nil
    for index in 0..<count {
      let segment = ProgramHeader(headers + index * 56)
      if segment.type == ELFValue.load {
        low = min(low, pageFloor(bias &+ UInt(segment.address)))
        high = max(high, pageCeiling(bias &+ UInt(segment.address &+ segment.memorySize)))
      }
      // The kernel has read PT_INTERP (it started the loader); its text
      // is not read again here.
      if segment.type == ELFValue.interpreter { interpreter = [] }
    }
    guard low < high else { throw LoaderError(path, .malformed("no loadable segment")) }
    // Without PT_PHDR the bias is assumed 0 (an ET_EXEC); a PIE without
    // PT_PHDR shows here as an entry point outside its segments.
    guard entry >= low && entry < high else {
      throw LoaderError(path, .malformed("cannot place the program: its entry point is outside its segments (no PT_PHDR?)"))
    }
    let object = LoadedObject(
      path: path, name: path, bias: bias, fileType: bias == 0 ? ELFValue.executableFile : ELFValue.sharedObjectFile,
      entry: entry, programHeaders: headers, programHeaderAddress: programHeaders, programHeaderCount: count, start: low,
      end: high, interpreter: interpreter, mappedByLoader: false)
    try object.readSegments()
    return object
  }

  /// Maps one `PT_LOAD` segment at `bias` inside the reservation.
  static func mapSegment(_ segment: ProgramHeader, file: FileDescriptor, bias: UInt, path: [UInt8]) throws(LoaderError) {
    var protection: Memory.Protection = []
    if segment.flags & ELFValue.readable != 0 { protection.insert(.read) }
    if segment.flags & ELFValue.writable != 0 { protection.insert(.write) }
    if segment.flags & ELFValue.executable != 0 { protection.insert(.execute) }
    let start = bias &+ UInt(segment.address)
    let fileEnd = start &+ UInt(segment.fileSize)
    let memoryEnd = start &+ UInt(segment.memorySize)
    let mapStart = pageFloor(start)
    if segment.fileSize > 0 {
      do {
        _ = try Memory.map(
          at: UnsafeMutableRawPointer(bitPattern: mapStart), length: Int(pageCeiling(fileEnd) - mapStart),
          protection: protection, flags: [.private, .fixed], file: file,
          offset: Int(segment.offset) - Int(start - mapStart))
      } catch { throw LoaderError(path, .cannotMap(error)) }
    }
    guard memoryEnd > fileEnd else { return }
    // The bss: the rest of the last file page is zeroed in place (made
    // writable for the moment if the segment is not), to the end of the
    // page as the kernel does, even past the bss (glibc's ld.so allocates
    // from there and expects zeros); whole pages after it are fresh
    // anonymous memory.
    let zeroEnd = pageCeiling(fileEnd)
    if segment.fileSize > 0 && fileEnd & (pageSize - 1) != 0 {
      let page = UnsafeMutableRawPointer(bitPattern: pageFloor(fileEnd)).unsafelyUnwrapped
      let writable = protection.contains(.write)
      if !writable { try? Memory.protect(page, length: Int(pageSize), [.read, .write]) }
      UnsafeMutableRawPointer(bitPattern: fileEnd).unsafelyUnwrapped.initializeMemory(
        as: UInt8.self, repeating: 0, count: Int(zeroEnd - fileEnd))
      if !writable { try? Memory.protect(page, length: Int(pageSize), protection) }
    }
    let anonymousStart = segment.fileSize > 0 ? pageCeiling(fileEnd) : mapStart
    let anonymousEnd = pageCeiling(memoryEnd)
    if anonymousEnd > anonymousStart {
      do {
        _ = try Memory.map(
          at: UnsafeMutableRawPointer(bitPattern: anonymousStart), length: Int(anonymousEnd - anonymousStart),
          protection: protection, flags: [.private, .fixed])
      } catch { throw LoaderError(path, .cannotMap(error)) }
    }
  }

  /// Reads up to `buffer.count` bytes at `offset`; returns how many.
  static func read(_ file: FileDescriptor, path: [UInt8], at offset: UInt64, into buffer: inout [UInt8]) throws(LoaderError) -> Int {
    var total = 0
    let count = buffer.count
    let result: Errno? = buffer.withUnsafeMutableBytes { bytes in
      while total < count {
        do throws(Errno) {
          let got = try file.read(
            fromAbsoluteOffset: Int64(offset) + Int64(total),
            into: UnsafeMutableRawBufferPointer(rebasing: bytes[total...]))
          if got == 0 { break }
          total += got
        } catch { return error }
      }
      return nil
    }
    if let result { throw LoaderError(path, .cannotRead(result)) }
    return total
  }

  /// Checks the ELF identification and header of a file to load.
  static func checkHeader(_ header: [UInt8], count: Int, path: [UInt8]) throws(LoaderError) {
    guard count >= 4, header[0] == 0x7f, header[1] == 0x45, header[2] == 0x4c, header[3] == 0x46 else {
      throw LoaderError(path, .notELF)
    }
    guard count >= 64 else { throw LoaderError(path, .truncated) }
    guard header[4] == 2 else { throw LoaderError(path, .wrongClass(header[4])) }
    guard header[5] == 1 else { throw LoaderError(path, .wrongByteOrder(header[5])) }
    let machine = UInt16(header[18]) | UInt16(header[19]) << 8
    guard machine == ELFValue.x86_64 else { throw LoaderError(path, .wrongMachine(machine)) }
    let type = UInt16(header[16]) | UInt16(header[17]) << 8
    guard type == ELFValue.executableFile || type == ELFValue.sharedObjectFile else {
      throw LoaderError(path, .wrongFileType(type))
    }
  }
}
