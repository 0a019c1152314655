/// Where each part of a serialized block goes, as offsets from its base.
@usableFromInline struct InitialStackPlan: Sendable {
  var baseAddress: UInt = 0
  var totalSize = 0
  var argumentVector = 0
  var environmentVector = 0
  var auxiliaryVector = 0
  var auxiliaryEntryCount = 0  // including AT_NULL
  var platform = 0
  var basePlatform = 0
  var randomBytes = 0
  var argumentStrings = 0
  var environmentStrings = 0
  var executableFileName = 0
}

extension InitialStackBuilder {
  /// The number of bytes of the serialized block, known before
  /// serializing.
  ///
  /// For the kernel layout it depends on the stack top (the alignment
  /// padding is absolute), so it can fail with
  /// ``InitialStackError/addressOutOfRange``.
  public var totalSize: Int {
    get throws(InitialStackError) { try plan().totalSize }
  }

  /// The base address the block must have: `nil` for the crate layout
  /// (any base), `stackTop - totalSize` for the kernel layout (where
  /// `argc` lands; a multiple of 16).
  public var requiredBaseAddress: UInt? {
    get throws(InitialStackError) {
      guard case .kernel = layout else { return nil }
      return try plan().baseAddress
    }
  }

  /// Whether the implicit `AT_EXECFN` of the crate layout is needed.
  var needsImplicitExecutableFileName: Bool {
    guard case .linuxLibcAuxv = layout else { return false }
    for entry in entries where entry.key == .executableFileName { return false }
    return true
  }

  func stringBytes(_ strings: [[UInt8]]) -> Int {
    var count = 0
    for string in strings { count += string.count + 1 }
    return count
  }

  func hasData(_ data: Data) -> Bool {
    for entry in entries where entry.data == data { return true }
    return false
  }

  /// Computes the plan; for the crate layout the base address is filled in
  /// by the caller.
  func plan() throws(InitialStackError) -> InitialStackPlan {
    let w = wordSize.byteCount
    var plan = InitialStackPlan()
    plan.auxiliaryEntryCount = entries.count + (needsImplicitExecutableFileName ? 1 : 0) + 1
    let argumentBytes = stringBytes(arguments)
    let environmentBytes = stringBytes(environment)
    let platformBytes = hasData(.platform) ? platform.count + 1 : 0
    let basePlatformBytes = hasData(.basePlatform) ? basePlatform.count + 1 : 0
    let randomByteCount = hasData(.randomBytes) ? 16 : 0
    let vectorsBytes = w * (1 + arguments.count + 1 + environment.count + 1)
    let auxiliaryBytes = 2 * w * plan.auxiliaryEntryCount
    switch layout {
    case .linuxLibcAuxv:
      plan.argumentVector = w
      plan.environmentVector = w * (2 + arguments.count)
      // No padding between envp's NULL and the auxiliary vector: every
      // libc finds auxv right after that NULL. The padding is after it.
      plan.auxiliaryVector = vectorsBytes
      plan.platform = roundUp16(plan.auxiliaryVector + auxiliaryBytes)
      plan.basePlatform = plan.platform + platformBytes
      plan.randomBytes = plan.basePlatform + basePlatformBytes
      plan.argumentStrings = roundUp16(plan.randomBytes + randomByteCount)
      plan.environmentStrings = plan.argumentStrings + argumentBytes
      plan.executableFileName = plan.environmentStrings + environmentBytes
      plan.totalSize = plan.executableFileName + executableFileName.count + 1 + w
    case .kernel(let stackTop, let alignmentGap):
      // Addresses, from the top down, as fs/exec.c and create_elf_tables
      // compute them; every subtraction is checked.
      var p = stackTop
      guard stackTop <= wordSize.maximumValue else { throw .addressOutOfRange }
      try Self.down(&p, w)  // the zero word at the top
      try Self.down(&p, executableFileName.count + 1)
      let fileName = p
      try Self.down(&p, environmentBytes)
      let environmentStrings = p
      try Self.down(&p, argumentBytes)
      let argumentStrings = p
      guard alignmentGap < stackTop else { throw .addressOutOfRange }
      try Self.down(&p, Int(alignmentGap))
      p &= ~15  // arch_align_stack
      try Self.down(&p, platformBytes)
      let platformAddress = p
      try Self.down(&p, basePlatformBytes)
      let basePlatformAddress = p
      try Self.down(&p, randomByteCount)
      let randomAddress = p
      try Self.down(&p, auxiliaryBytes)  // STACK_ADD(p, ei_index)
      try Self.down(&p, vectorsBytes)  // STACK_ROUND(sp, items)
      p &= ~15
      plan.baseAddress = p
      plan.totalSize = Int(stackTop - p)
      plan.argumentVector = w
      plan.environmentVector = w * (2 + arguments.count)
      plan.auxiliaryVector = vectorsBytes
      plan.platform = Int(platformAddress - p)
      plan.basePlatform = Int(basePlatformAddress - p)
      plan.randomBytes = Int(randomAddress - p)
      plan.argumentStrings = Int(argumentStrings - p)
      plan.environmentStrings = Int(environmentStrings - p)
      plan.executableFileName = Int(fileName - p)
    }
    return plan
  }

  /// Serializes the block into `buffer` for a target whose block starts at
  /// `baseAddress`, and returns the number of bytes written
  /// (``totalSize``). Bytes of the buffer after the block are untouched.
  ///
  /// Every pointer written is `baseAddress` plus an offset in the block:
  /// the buffer can be memory that will be mapped elsewhere (another
  /// process, another address space). Padding is zeroed. Never allocates.
  ///
  /// For the kernel layout `baseAddress` must be ``requiredBaseAddress``.
  @discardableResult
  public func serialize(into buffer: UnsafeMutableRawBufferPointer, baseAddress: UInt) throws(InitialStackError) -> Int {
    var plan = try plan()
    switch layout {
    case .linuxLibcAuxv:
      plan.baseAddress = baseAddress
      let (end, overflow) = baseAddress.addingReportingOverflow(UInt(plan.totalSize))
      guard !overflow, end - 1 <= wordSize.maximumValue else { throw .addressOutOfRange }
    case .kernel:
      guard baseAddress == plan.baseAddress else {
        throw .baseAddressMismatch(expected: plan.baseAddress, given: baseAddress)
      }
    }
    guard buffer.count >= plan.totalSize else { throw .bufferTooSmall(required: plan.totalSize, available: buffer.count) }
    write(plan, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<plan.totalSize]))
    return plan.totalSize
  }

  /// Serializes the block for the current address space: its base address
  /// is the buffer's address, so the pointers can be followed in place.
  ///
  /// For the kernel layout the buffer must end at the layout's stack top:
  /// start it at ``requiredBaseAddress``.
  @discardableResult
  public func serialize(into buffer: UnsafeMutableRawBufferPointer) throws(InitialStackError) -> Int {
    try serialize(into: buffer, baseAddress: UInt(bitPattern: buffer.baseAddress))
  }

  /// Writes the planned block; `block.count == plan.totalSize`.
  ///
  /// Implementation notes: all offsets come from `plan()`, which counted
  /// the same strings, so every store is inside `block`.
  ///
  /// No nested functions capture local variables here: a captured `var`
  /// may be boxed on the heap in unoptimized builds.
  func write(_ plan: InitialStackPlan, into block: UnsafeMutableRawBufferPointer) {
    let w = wordSize.byteCount
    let base = plan.baseAddress
    block.initializeMemory(as: UInt8.self, repeating: 0)
    wordSize.store(UInt(arguments.count), to: block, at: 0)
    var string = plan.argumentStrings
    var slot = plan.argumentVector
    for argument in arguments {
      wordSize.store(base + UInt(string), to: block, at: slot)
      Self.copy(argument, into: block, at: string)
      string += argument.count + 1
      slot += w
    }
    slot = plan.environmentVector
    for variable in environment {
      wordSize.store(base + UInt(string), to: block, at: slot)
      Self.copy(variable, into: block, at: string)
      string += variable.count + 1
      slot += w
    }
    Self.copy(executableFileName, into: block, at: plan.executableFileName)
    if hasData(.platform) { Self.copy(platform, into: block, at: plan.platform) }
    if hasData(.basePlatform) { Self.copy(basePlatform, into: block, at: plan.basePlatform) }
    if hasData(.randomBytes) { Self.copy(randomBytes, into: block, at: plan.randomBytes) }

    slot = plan.auxiliaryVector
    switch layout {
    case .kernel:
      for entry in entries { put(entry, plan, into: block, slot: &slot) }
    case .linuxLibcAuxv:
      // Ascending keys without sorting a copy: repeatedly take the
      // smallest key above the last one written (keys are unique).
      let implicit = needsImplicitExecutableFileName
      var last: UInt? = nil
      while true {
        var next: Entry? = nil
        if implicit, last == nil || last! < AuxiliaryVectorKey.executableFileName.rawValue {
          next = Entry(key: .executableFileName, value: 0, data: .executableFileName)
        }
        for entry in entries where last == nil || entry.key.rawValue > last! {
          if next == nil || entry.key.rawValue < next!.key.rawValue { next = entry }
        }
        guard let chosen = next else { break }
        put(chosen, plan, into: block, slot: &slot)
        last = chosen.key.rawValue
      }
    }
    // AT_NULL: already zero.
  }

  /// Writes one auxiliary vector entry at `slot` and advances it.
  func put(_ entry: Entry, _ plan: InitialStackPlan, into block: UnsafeMutableRawBufferPointer, slot: inout Int) {
    let base = plan.baseAddress
    let value: UInt =
      switch entry.data {
      case .none: entry.value
      case .platform: base + UInt(plan.platform)
      case .basePlatform: base + UInt(plan.basePlatform)
      case .executableFileName: base + UInt(plan.executableFileName)
      case .randomBytes: base + UInt(plan.randomBytes)
      }
    wordSize.store(entry.key.rawValue, to: block, at: slot)
    wordSize.store(value, to: block, at: slot + wordSize.byteCount)
    slot += 2 * wordSize.byteCount
  }

  /// Copies `bytes` into `block` at `offset` (the caller planned the room).
  static func copy(_ bytes: [UInt8], into block: UnsafeMutableRawBufferPointer, at offset: Int) {
    var offset = offset
    for byte in bytes {
      block[offset] = byte
      offset += 1
    }
  }
}

extension InitialStackBuilder {
  /// Moves an address down by `count` bytes; wrapping below zero is an
  /// error.
  static func down(_ address: inout UInt, _ count: Int) throws(InitialStackError) {
    let (result, overflow) = address.subtractingReportingOverflow(UInt(count))
    if overflow { throw .addressOutOfRange }
    address = result
  }
}

@inline(__always) func roundUp16(_ value: Int) -> Int { (value + 15) & ~15 }
