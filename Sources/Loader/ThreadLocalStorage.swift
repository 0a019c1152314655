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

  /// Allocates the static TLS area, copies each module's initialization
  /// image, builds the thread control block and the dynamic thread vector
  /// (`dtv[0]` the module count, `dtv[m]` module m's block), and points
  /// `fs` at it (`arch_prctl(ARCH_SET_FS)`). Returns the thread pointer.
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
      let block = threadPointer - UInt(object.tlsOffset)
      if object.tlsImageSize > 0 {
        UnsafeMutableRawPointer(bitPattern: block).unsafelyUnwrapped.copyMemory(
          from: UnsafeRawPointer(bitPattern: object.tlsImage).unsafelyUnwrapped, byteCount: object.tlsImageSize)
      }
      vector[object.tlsModule] = block
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

  /// Runs the program's `DT_PREINIT_ARRAY`, then `DT_INIT` and the
  /// `DT_INIT_ARRAY` functions of every library, each after the libraries
  /// it needs (depth-first, in `DT_NEEDED` order), with `(argc, argv,
  /// envp)`. The program's own initializers are left to its start code, as
  /// glibc's loader does.
  ///
  /// Every function is checked to lie in an executable segment of its
  /// object before any runs; one that does not is an error.
  public func runInitializers(
    argumentCount: Int, arguments: UnsafeRawPointer, environment: UnsafeRawPointer
  ) throws(LoaderError) {
    var visiting = [Bool](repeating: false, count: objects.count)
    var order: [Int] = []
    // Iterative depth-first post-order (no recursion depth limit).
    var stack: [(index: Int, next: Int)] = [(0, 0)]
    visiting[0] = true
    while let top = stack.last {
      let dependencies = objects[top.index].dependencies
      if top.next < dependencies.count {
        stack[stack.count - 1].next += 1
        let dependency = dependencies[top.next]
        if !visiting[dependency] {
          visiting[dependency] = true
          stack.append((dependency, 0))
        }
      } else {
        order.append(top.index)
        stack.removeLast()
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
    for index in order where index != 0 {
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
