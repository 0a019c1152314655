import Linux

/// A program and the libraries it needs, loaded into this process: the
/// work of a dynamic loader, in the order it must be done.
///
/// ```swift
/// let link = try Link(program: program, options: options)
/// try link.loadDependencies()        // DT_NEEDED, breadth-first
/// let tls = try link.layOutThreadLocalStorage()
/// try link.relocate()               // dependencies first, program last
/// link.protectRelRO()
/// try link.setUpThreadPointer(tls)  // fs, TCB, DTV, TLS images
/// link.runInitializers(...)         // DT_INIT, DT_INIT_ARRAY, deps first
/// ```
///
/// Objects are kept in load order: the program, the preloaded libraries,
/// then every `DT_NEEDED` library breadth-first. Symbols are looked up in
/// that order (the global scope), as glibc does.
public final class Link {
  /// Where libraries are looked for and what else is loaded.
  public struct Options {
    /// `--library-path` or `LD_LIBRARY_PATH`, split at `:` (ignored by the
    /// caller when the process is secure).
    public var libraryPath: [[UInt8]] = []
    /// Libraries loaded right after the program (`--preload`,
    /// `LD_PRELOAD`), by path or name.
    public var preload: [[UInt8]] = []
    /// `AT_SECURE`: `$ORIGIN` in search paths is not expanded.
    public var secure = false
    /// Symbols the loader itself provides (`__tls_get_addr`), looked up
    /// after every object.
    public var builtins: [(name: [UInt8], address: UInt)] = []
    /// The default directories, searched last.
    public var defaultDirectories: [[UInt8]] = [
      Array("/lib/x86_64-linux-gnu".utf8), Array("/usr/lib/x86_64-linux-gnu".utf8), Array("/lib64".utf8),
      Array("/usr/lib64".utf8), Array("/lib".utf8), Array("/usr/lib".utf8),
    ]
    public init() {}
  }

  /// The loaded objects, program first.
  public private(set) var objects: [LoadedObject]
  public let options: Options
  /// (device, inode) of each object opened by the loader, to load a file
  /// only once whatever name it is reached by.
  private var identities: [(device: UInt64, inode: UInt64, index: Int)] = []
  /// COPY relocations of the program, applied after every library is
  /// relocated.
  var copies: [(place: UInt, symbol: Int, object: Int)] = []
  /// Whether the program has canonical PLT entries (see ``relocate()``).
  var resolutionDependsOnPLT = false

  public init(program: LoadedObject, options: Options) {
    self.objects = [program]
    self.options = options
  }

  public var program: LoadedObject { objects[0] }

  // MARK: Loading

  /// Loads the preloaded libraries, then every object's `DT_NEEDED`
  /// libraries breadth-first, each file once.
  public func loadDependencies() throws(LoaderError) {
    for preload in options.preload {
      let index = try load(name: preload, requester: 0)
      objects[0].dependencies.append(index)
    }
    var next = 0
    while next < objects.count {
      let object = objects[next]
      for offset in object.dynamic.needed {
        guard let pointer = object.string(at: offset) else { continue }
        let index = try load(name: bytes(of: pointer), requester: next)
        object.dependencies.append(index)
      }
      next += 1
    }
  }

  /// The index of the object `name` names, loading it if it is new.
  private func load(name: [UInt8], requester: Int) throws(LoaderError) -> Int {
    for (index, object) in objects.enumerated() {
      if object.name == name { return index }
      if let soname = object.dynamic.soname, let pointer = object.string(at: soname), bytes(of: pointer) == name {
        return index
      }
    }
    if name == Array("ld-linux-x86-64.so.2".utf8) {
      throw LoaderError(
        name, .other("glibc's dynamic loader cannot be loaded as a library (a program that needs glibc needs glibc's ld.so)"))
    }
    let (path, descriptor) = try open(name: name, requester: requester)
    defer { try? OwnedFileDescriptor(adopting: descriptor).close() }
    if let status = try? descriptor.status() {
      for identity in identities where identity.device == status.device && identity.inode == status.inode {
        return identity.index
      }
    }
    let object = try Mapping.map(descriptor, path: path, name: name)
    objects.append(object)
    if let status = try? descriptor.status() {
      identities.append((status.device, status.inode, objects.count - 1))
    }
    return objects.count - 1
  }

  /// Finds and opens the library `name` for object `requester`: a name
  /// with a `/` is a path; else `DT_RPATH` (of the requester, then of the
  /// program, when the requester has no `DT_RUNPATH`), the library path,
  /// `DT_RUNPATH`, the default directories. A file that is not a 64-bit
  /// x86-64 ELF object is skipped (another directory may have the right
  /// one); if nothing fits, the error is the first such file's, or "not
  /// found".
  private func open(name: [UInt8], requester: Int) throws(LoaderError) -> ([UInt8], FileDescriptor) {
    let requesterPath = objects[requester].path
    if name.contains(UInt8(ascii: "/")) {
      do {
        return (name, try FileSystem.open(name, .readOnly).release())
      } catch {
        throw LoaderError(name, .libraryNotFound(error, neededBy: requesterPath))
      }
    }
    var directories: [[UInt8]] = []
    let object = objects[requester]
    if object.dynamic.runpath == nil {
      directories += searchPath(object.dynamic.rpath, of: object)
      if requester != 0 && program.dynamic.runpath == nil {
        directories += searchPath(program.dynamic.rpath, of: program)
      }
    }
    directories += options.libraryPath
    directories += searchPath(object.dynamic.runpath, of: object)
    directories += options.defaultDirectories

    var firstMismatch: LoaderError? = nil
    var lastError = Errno.noSuchFileOrDirectory
    for directory in directories {
      var path = directory.isEmpty ? [UInt8(ascii: ".")] : directory
      if path.last != UInt8(ascii: "/") { path.append(UInt8(ascii: "/")) }
      path += name
      let descriptor: FileDescriptor
      do { descriptor = try FileSystem.open(path, .readOnly).release() } catch {
        if error != .noSuchFileOrDirectory { lastError = error }
        continue
      }
      do throws(LoaderError) {
        try checkCandidate(descriptor, path: path)
        return (path, descriptor)
      } catch {
        try? OwnedFileDescriptor(adopting: descriptor).close()
        if firstMismatch == nil { firstMismatch = error }
      }
    }
    if let firstMismatch { throw firstMismatch }
    throw LoaderError(name, .libraryNotFound(lastError, neededBy: requesterPath))
  }

  /// Reads a candidate's header: a 64-bit little-endian x86-64 ELF object.
  private func checkCandidate(_ file: FileDescriptor, path: [UInt8]) throws(LoaderError) {
    var header = [UInt8](repeating: 0, count: 64)
    let count = try Mapping.read(file, path: path, at: 0, into: &header)
    try Mapping.checkHeader(header, count: count, path: path)
  }

  /// The program's directory for `$ORIGIN`: that of its real path
  /// (symbolic links followed, as glibc reads `/proc/self/exe`; read here
  /// from an `O_PATH` descriptor, so that it is right under ulexec too),
  /// or of the path it was started by if that cannot be had.
  private var programOrigin: [UInt8] {
    if let programOriginCache { return programOriginCache }
    let origin = realProgramDirectory()
    programOriginCache = origin
    return origin
  }
  private var programOriginCache: [UInt8]? = nil

  private func realProgramDirectory() -> [UInt8] {
    let program = objects[0]
    let descriptor: FileDescriptor
    do { descriptor = try FileSystem.open(program.path, .readOnly, options: .path).release() } catch {
      return program.originDirectory
    }
    defer { try? OwnedFileDescriptor(adopting: descriptor).close() }
    var link = Array("/proc/self/fd/".utf8)
    var number = Int(descriptor.rawValue)
    var digits: [UInt8] = []
    repeat {
      digits.append(UInt8(48 + number % 10))
      number /= 10
    } while number > 0
    link += digits.reversed()
    var buffer = [UInt8](repeating: 0, count: 4097)
    let count = buffer.withUnsafeMutableBytes { bytes -> Int? in try? FileSystem.readLink(link, into: bytes) }
    guard let count, count > 0, buffer[0] == UInt8(ascii: "/") else { return program.originDirectory }
    let real = Array(buffer[..<count])
    let slash = real.lastIndex(of: UInt8(ascii: "/")) ?? 0
    return slash == 0 ? [UInt8(ascii: "/")] : Array(real[..<slash])
  }

  /// The directories of a `DT_RPATH`/`DT_RUNPATH` string, `$ORIGIN` and
  /// `${ORIGIN}` replaced by the object's directory (entries using them
  /// are dropped in a secure process).
  private func searchPath(_ offset: UInt64?, of object: LoadedObject) -> [[UInt8]] {
    guard let offset, let pointer = object.string(at: offset) else { return [] }
    var result: [[UInt8]] = []
    for entry in bytes(of: pointer).split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
      var directory: [UInt8] = []
      var usesOrigin = false
      var index = entry.startIndex
      while index < entry.endIndex {
        let rest = entry[index...]
        if rest.starts(with: "$ORIGIN".utf8) || rest.starts(with: "${ORIGIN}".utf8) {
          directory += object === objects[0] ? programOrigin : object.originDirectory
          index += rest.starts(with: "$ORIGIN".utf8) ? 7 : 9
          usesOrigin = true
        } else {
          directory.append(entry[index])
          index += 1
        }
      }
      if usesOrigin && options.secure { continue }
      result.append(directory)
    }
    return result
  }
}
