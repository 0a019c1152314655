import Linux

/// Memory for machine code that the program writes and then runs, kept
/// W^X: no page is ever writable and executable at once.
///
/// The same pages are mapped twice: a writable view (``bytes``) and an
/// executable view that ``run()`` calls into. Code written to the writable
/// view is immediately visible in the executable one.
///
/// Code that modifies itself (writes into the executable view) still works:
/// such a write faults, and the fault handler performs it through the
/// writable view and resumes after the instruction. The handler understands
/// the usual memory-destination forms of `mov`, `inc`, `dec`, `add`, `or`,
/// `adc`, `sbb`, `and`, `sub` and `xor` (8-, 16-, 32- and 64-bit, any
/// addressing mode), updating the flags as the CPU would; any other fault
/// is reported as a crash, as in any freestanding program.
///
/// Implementation notes: the second view comes from `mremap` with an old
/// size of 0, which duplicates a shared mapping (mremap(2)). x86 keeps
/// instruction fetch coherent with stores to the same physical memory, and
/// the return from the signal handler serializes, so the modified bytes are
/// what runs next.
public struct ExecutableBuffer: ~Copyable {
  /// The writable view: write the code here.
  public let bytes: UnsafeMutableRawBufferPointer
  /// The executable view (read+execute only).
  public let entry: UnsafeRawPointer

  /// Maps `length` bytes (rounded up to pages) twice.
  ///
  /// The corresponding system calls are `mmap(2)`, `mremap(2)` and
  /// `mprotect(2)`.
  public init(length: Int) throws(Errno) {
    let size = (max(length, 1) + Memory.pageSize - 1) & ~(Memory.pageSize - 1)
    let writable = try Memory.mapAnonymous(length: size, protection: [.read, .write], flags: .shared)
    let executable: UnsafeMutableRawPointer
    do {
      let address = try Syscall.check(Syscall.call(.mremap, Int(bitPattern: writable), 0, size, 1))  // MREMAP_MAYMOVE
      executable = UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
      try Memory.protect(executable, length: size, [.read, .execute])
    } catch {
      try? Memory.unmap(writable, length: size)
      throw error
    }
    bytes = UnsafeMutableRawBufferPointer(start: writable, count: size)
    entry = UnsafeRawPointer(executable)
  }

  /// Calls the code at the start of the executable view as a C function
  /// taking nothing and returning `int`, and returns its result (code may
  /// also end the process itself, with `exit`).
  public func run() -> Int32 {
    selfModifyingViews = (UInt(bitPattern: entry), UInt(bitPattern: bytes.baseAddress!), UInt(bytes.count))
    let action = SignalAction(handler: writeFaultHandler, flags: [.onStack, .noDefer])
    let previous = try? Signals.setAction(action, for: .segmentationFault)
    let function = unsafeBitCast(entry, to: (@convention(c) () -> Int32).self)
    let result = function()
    if let previous { _ = try? Signals.setAction(previous, for: .segmentationFault) }
    selfModifyingViews = (0, 0, 0)
    return result
  }

  deinit {
    try? Memory.unmap(UnsafeMutableRawPointer(mutating: entry), length: bytes.count)
    try? Memory.unmap(bytes.baseAddress!, length: bytes.count)
  }
}

/// (executable view, writable view, length) while code runs.
nonisolated(unsafe) var selfModifyingViews: (UInt, UInt, UInt) = (0, 0, 0)

private func writeFaultHandler(_ number: Int32, _ info: UnsafeMutableRawPointer?, _ context: UnsafeMutableRawPointer?) {
  guard let info, let context else { return }
  let (executable, writable, length) = selfModifyingViews
  let faultAddress = info.load(fromByteOffset: 16, as: UInt.self)
  let code = info.load(fromByteOffset: 8, as: Int32.self)
  // gregs start at offset 40 in ucontext_t (uc_flags, uc_link, uc_stack).
  let registers = (context + 40).assumingMemoryBound(to: UInt.self)
  let instruction = registers[16]  // REG_RIP
  if code == 2,  // SEGV_ACCERR: a write into the read+execute view
    faultAddress &- executable < length, instruction &- executable < length,
    let emulated = WriteEmulator.emulate(
      instruction: UnsafeRawPointer(bitPattern: instruction).unsafelyUnwrapped,
      available: Int(executable &+ length &- instruction), registers: registers,
      target: UnsafeMutableRawPointer(bitPattern: faultAddress &- executable &+ writable).unsafelyUnwrapped)
  {
    registers[16] = instruction &+ UInt(emulated)
    return
  }
  // Not ours to handle: hand the fault back to the crash reporter, which
  // reports it when the instruction faults again.
  CrashReporting.install()
}

/// Performs the memory write of one x86-64 instruction on behalf of code
/// that may not write to itself.
enum WriteEmulator {
  /// Index into ucontext's gregs of x86 register number 0...15.
  static func greg(_ number: Int) -> Int {
    // rax rcx rdx rbx rsp rbp rsi rdi → REG_RAX(13) RCX(14) RDX(12) RBX(11)
    // RSP(15) RBP(10) RSI(9) RDI(8); r8…r15 → 0…7.
    switch number {
    case 0: 13
    case 1: 14
    case 2: 12
    case 3: 11
    case 4: 15
    case 5: 10
    case 6: 9
    case 7: 8
    default: number - 8
    }
  }

  /// Emulates the instruction at `instruction` writing to `target` (the
  /// writable alias of the faulting address) and returns its length, or nil
  /// if it is not a supported memory-destination instruction.
  static func emulate(
    instruction: UnsafeRawPointer, available: Int, registers: UnsafeMutablePointer<UInt>,
    target: UnsafeMutableRawPointer
  ) -> Int? {
    var i = 0
    func byte() -> UInt8? {
      guard i < available && i < 15 else { return nil }
      let value = instruction.load(fromByteOffset: i, as: UInt8.self)
      i += 1
      return value
    }
    var operandSize = 4
    var rex: UInt8 = 0
    var opcode: UInt8 = 0
    while true {
      guard let b = byte() else { return nil }
      if b == 0x66 {
        operandSize = 2
      } else if b & 0xf0 == 0x40 {
        rex = b
      } else {
        opcode = b
        break
      }
    }
    if rex & 0x08 != 0 { operandSize = 8 }
    switch opcode {
    case 0x00, 0x08, 0x10, 0x18, 0x20, 0x28, 0x30, 0x80, 0x88, 0xc6, 0xfe: operandSize = 1  // byte forms
    default: break
    }

    // ModRM, SIB and displacement: only their length matters, the address
    // is the faulting one.
    guard let modrm = byte() else { return nil }
    let mod = modrm >> 6
    let reg = Int((modrm >> 3) & 7)
    let rm = modrm & 7
    if mod == 3 { return nil }  // a register destination cannot fault
    if rm == 4 {
      guard let sib = byte() else { return nil }
      if mod == 0 && sib & 7 == 5 { i += 4 }
    }
    if mod == 1 { i += 1 } else if mod == 2 || (mod == 0 && rm == 5) { i += 4 }
    guard i <= available else { return nil }

    func registerValue(_ number: Int) -> UInt64 {
      if operandSize == 1 && rex == 0 && number >= 4 {
        return UInt64(registers[greg(number - 4)] >> 8) & 0xff  // ah, ch, dh, bh
      }
      return UInt64(registers[greg(number)])
    }
    func immediate(_ size: Int) -> UInt64? {
      var value: UInt64 = 0
      for k in 0..<size {
        guard let b = byte() else { return nil }
        value |= UInt64(b) << (8 * k)
      }
      // Sign-extend to 64 bits.
      let shift = UInt64(64 - 8 * size)
      return UInt64(bitPattern: Int64(bitPattern: value << shift) >> Int64(shift))
    }

    let operation: Operation
    var source: UInt64 = 0
    switch opcode {
    case 0x88, 0x89:
      operation = .mov
      source = registerValue(reg | Int(rex & 4) << 1)
    case 0xc6, 0xc7:
      guard reg == 0, let value = immediate(operandSize == 1 ? 1 : operandSize == 2 ? 2 : 4) else { return nil }
      operation = .mov
      source = value
    case 0xfe, 0xff:
      guard reg <= 1 else { return nil }
      operation = reg == 0 ? .inc : .dec
    case 0x80, 0x81, 0x83:
      guard let kind = Operation(arithmetic: reg) else { return nil }
      let size = opcode == 0x81 ? (operandSize == 2 ? 2 : 4) : 1
      guard let value = immediate(size) else { return nil }
      operation = kind
      source = value
    case 0x00, 0x01, 0x08, 0x09, 0x10, 0x11, 0x18, 0x19, 0x20, 0x21, 0x28, 0x29, 0x30, 0x31:
      guard let kind = Operation(arithmetic: Int(opcode >> 3)) else { return nil }
      operation = kind
      source = registerValue(reg | Int(rex & 4) << 1)
    default:
      return nil
    }

    let bits = UInt64(operandSize * 8)
    let mask: UInt64 = bits == 64 ? ~0 : (1 << bits) - 1
    var old: UInt64 = 0
    for k in 0..<operandSize { old |= UInt64(target.load(fromByteOffset: k, as: UInt8.self)) << (8 * UInt64(k)) }
    let flags = registers[17]  // REG_EFL
    let carryIn = UInt64(flags & 1)
    let (result, newFlags) = operation.apply(old, source & mask, carryIn: carryIn, mask: mask, bits: bits, flags: flags)
    for k in 0..<operandSize {
      target.storeBytes(of: UInt8(truncatingIfNeeded: result >> (8 * UInt64(k))), toByteOffset: k, as: UInt8.self)
    }
    registers[17] = newFlags
    return i
  }

  enum Operation {
    case mov, inc, dec, add, or, adc, sbb, and, sub, xor

    init?(arithmetic number: Int) {
      switch number {
      case 0: self = .add
      case 1: self = .or
      case 2: self = .adc
      case 3: self = .sbb
      case 4: self = .and
      case 5: self = .sub
      case 6: self = .xor
      default: return nil  // 7 is cmp, which writes nothing
      }
    }

    /// The result and the new RFLAGS (CF 0, PF 2, AF 4, ZF 6, SF 7, OF 11).
    func apply(_ a: UInt64, _ b: UInt64, carryIn: UInt64, mask: UInt64, bits: UInt64, flags: UInt) -> (UInt64, UInt) {
      let sign: UInt64 = 1 << (bits - 1)
      var result: UInt64
      var carry: Bool? = nil  // nil: CF unchanged
      var overflow = false
      var adjust = false
      switch self {
      case .mov:
        return (b, flags)
      case .inc, .add, .adc:
        let addend: UInt64 = self == .inc ? 1 : b
        let c: UInt64 = self == .adc ? carryIn : 0
        result = (a &+ addend &+ c) & mask
        if self != .inc { carry = result < a || (c == 1 && result == a) }
        overflow = (a ^ result) & (addend ^ result) & sign != 0
        adjust = (a ^ addend ^ result) & 0x10 != 0
      case .dec, .sub, .sbb:
        let subtrahend: UInt64 = self == .dec ? 1 : b
        let c: UInt64 = self == .sbb ? carryIn : 0
        result = (a &- subtrahend &- c) & mask
        if self != .dec { carry = a < subtrahend || (c == 1 && a == subtrahend) }
        overflow = (a ^ subtrahend) & (a ^ result) & sign != 0
        adjust = (a ^ subtrahend ^ result) & 0x10 != 0
      case .or, .and, .xor:
        result = (self == .or ? a | b : self == .and ? a & b : a ^ b) & mask
        carry = false
      }
      var new = flags & ~UInt(0x8d4) & ~(carry == nil ? 0 : 1)
      if let carry, carry { new |= 1 }
      if (result & 0xff).nonzeroBitCount % 2 == 0 { new |= 0x4 }
      if adjust { new |= 0x10 }
      if result == 0 { new |= 0x40 }
      if result & sign != 0 { new |= 0x80 }
      if overflow { new |= 0x800 }
      return (result, new)
    }
  }
}
