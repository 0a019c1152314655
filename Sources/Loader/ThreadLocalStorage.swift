import Linux

/// The static TLS layout of a link (x86-64 "variant II": every module's
/// block sits below the thread pointer, the thread control block at it).
public struct ThreadLocalStorageLayout {
  /// Bytes of TLS blocks below the thread pointer.
  public var size: Int
  /// The largest alignment of any block (at least 64).
  public var alignment: Int
  /// The number of modules with a `PT_TLS` segment.
  public var moduleCount: Int
}

extension Link {
  /// Bytes of the thread control block at the thread pointer: `fs:0` and
  /// `fs:16` point at it (the ABI's self pointer and glibc's `header.self`),
  /// `fs:8` holds the dynamic thread vector, `fs:0x28` the stack-protector
  /// canary (GCC's `-fstack-protector` reads it), `fs:0x30` a pointer guard.
  static let controlBlockSize = 0x100

  /// Gives every object with a `PT_TLS` segment a module number (1, 2, …
  /// in load order) and an offset below the thread pointer.
  public func layOutThreadLocalStorage() -> ThreadLocalStorageLayout {
    var offset = 0
    var alignment = 64
    var module = 0
    for object in objects where object.hasTLS {
      module += 1
      object.tlsModule = module
      let align = object.tlsAlignment
      offset = (offset + object.tlsSize + align - 1) & ~(align - 1)
      object.tlsOffset = offset
      alignment = max(alignment, align)
    }
    return ThreadLocalStorageLayout(size: offset, alignment: alignment, moduleCount: module)
  }

  /// Allocates the static TLS area, builds the thread control block and
  /// the dynamic thread vector (`dtv[0]` the module count, `dtv[m]` module
  /// m's block), and points `fs` at it (`arch_prctl(ARCH_SET_FS)`).
  /// Returns the thread pointer. The blocks are zero until
  /// ``initializeThreadLocalStorage(threadPointer:)`` copies the modules'
  /// images, after relocation (an image may hold relocated pointers); the
  /// thread pointer is set before, because indirect-function resolvers run
  /// during relocation and may read it (`-fstack-protector` reads fs:0x28).
  @discardableResult
  public func setUpThreadPointer(_ layout: ThreadLocalStorageLayout) throws(LoaderError) -> UInt {
    let blocks = (layout.size + layout.alignment - 1) & ~(layout.alignment - 1)
    let vectorSize = (layout.moduleCount + 1) * 8
    let total = layout.alignment + blocks + Link.controlBlockSize + vectorSize
    let area: UInt
    do { area = UInt(bitPattern: try Memory.mapAnonymous(length: total)) } catch {
      throw LoaderError(program.path, .threadLocalStorage("cannot allocate the TLS area"))
    }
    let threadPointer = (area + UInt(blocks) + UInt(layout.alignment) - 1) & ~UInt(layout.alignment - 1)
    let vector = UnsafeMutablePointer<UInt>(bitPattern: threadPointer + UInt(Link.controlBlockSize)).unsafelyUnwrapped
    vector[0] = UInt(layout.moduleCount)
    for object in objects where object.hasTLS {
      vector[object.tlsModule] = threadPointer - UInt(object.tlsOffset)
    }
    var guards: (UInt, UInt) = (0, 0)
    _ = withUnsafeMutableBytes(of: &guards) { try? Random.fill($0) }
    let block = UnsafeMutablePointer<UInt>(bitPattern: threadPointer).unsafelyUnwrapped
    block[0] = threadPointer
    block[1] = UInt(bitPattern: vector)
    block[2] = threadPointer
    block[5] = guards.0 & ~0xff  // a zero low byte stops string overflows reading it
    block[6] = guards.1
    let result = Syscall.call(.arch_prctl, 0x1002, Int(bitPattern: threadPointer))  // ARCH_SET_FS
    guard result == 0 else { throw LoaderError(program.path, .threadLocalStorage("arch_prctl(ARCH_SET_FS) failed")) }
    return threadPointer
  }

  /// Copies each module's TLS initialization image into its block below
  /// `threadPointer` (the rest of the block stays zero).
  public func initializeThreadLocalStorage(threadPointer: UInt) {
    for object in objects where object.hasTLS && object.tlsImageSize > 0 {
      UnsafeMutableRawPointer(bitPattern: threadPointer - UInt(object.tlsOffset)).unsafelyUnwrapped.copyMemory(
        from: UnsafeRawPointer(bitPattern: object.tlsImage).unsafelyUnwrapped, byteCount: object.tlsImageSize)
    }
  }

  /// Runs the program's `DT_PREINIT_ARRAY`, then `DT_INIT` and the
  /// `DT_INIT_ARRAY` functions of every library, each after the libraries
  /// it needs, in glibc's order (see below), with `(argc, argv, envp)`. The program's own initializers are left to its start code, as
  /// glibc's loader does.
  ///
  /// Every function is checked to lie in an executable segment of its
  /// object before any runs; one that does not is an error.
  public func runInitializers(
    argumentCount: Int, arguments: UnsafeRawPointer, environment: UnsafeRawPointer
  ) throws(LoaderError) {
    // glibc's order (`_dl_sort_maps_dfs`): a depth-first search from each
    // library in reverse load order, dependencies in DT_NEEDED order;
    // objects are initialized in the order their searches finish.
    var visited = [Bool](repeating: false, count: objects.count)
    visited[0] = true
    var order: [Int] = []
    for root in stride(from: objects.count - 1, through: 1, by: -1) where !visited[root] {
      // Iterative post-order (no recursion depth limit).
      visited[root] = true
      var stack: [(index: Int, next: Int)] = [(root, 0)]
      while let top = stack.last {
        let dependencies = objects[top.index].dependencies
        if top.next < dependencies.count {
          stack[stack.count - 1].next += 1
          let dependency = dependencies[top.next]
          if !visited[dependency] {
            visited[dependency] = true
            stack.append((dependency, 0))
          }
        } else {
          order.append(top.index)
          stack.removeLast()
        }
      }
    }
    typealias Initializer = @convention(c) (Int32, UnsafeRawPointer, UnsafeRawPointer) -> Void
    for (index, object) in objects.enumerated() {
      var functions: [UInt] = []
      if index == 0 {
        if let array = object.dynamic.preinitArray { functions += UnsafeBufferPointer(start: array, count: object.dynamic.preinitArrayCount) }
      } else {
        if object.dynamic.initFunction != 0 { functions.append(object.dynamic.initFunction) }
        if let array = object.dynamic.initArray { functions += UnsafeBufferPointer(start: array, count: object.dynamic.initArrayCount) }
      }
      for function in functions where function != 0 && function != UInt.max && !object.isExecutable(function) {
        throw LoaderError(object.path, .malformed("an initializer lies outside the executable segments"))
      }
    }
    if let array = program.dynamic.preinitArray {
      for position in 0..<program.dynamic.preinitArrayCount {
        let function = array[position]
        if function == 0 || function == UInt.max { continue }
        unsafeBitCast(function, to: Initializer.self)(Int32(argumentCount), arguments, environment)
      }
    }
    for index in order {
      let object = objects[index]
      if object.initialized { continue }
      object.initialized = true
      if object.dynamic.initFunction != 0 {
        unsafeBitCast(object.dynamic.initFunction, to: Initializer.self)(Int32(argumentCount), arguments, environment)
      }
      if let array = object.dynamic.initArray {
        for position in 0..<object.dynamic.initArrayCount {
          let function = array[position]
          // 0 and -1 are placeholders some linkers leave.
          if function == 0 || function == UInt.max { continue }
          unsafeBitCast(function, to: Initializer.self)(Int32(argumentCount), arguments, environment)
        }
      }
    }
  }
}
