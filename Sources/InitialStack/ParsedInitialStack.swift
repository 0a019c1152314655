/// An initial stack read from bytes: `argc`, `argv`, `envp` and the
/// auxiliary vector, taken from a buffer that was at `baseAddress` in the
/// address space it came from.
///
/// Validation happens once, in ``init(bytes:baseAddress:wordSize:)``:
/// afterwards the pointer and entry iterators cannot fail. They give
/// pointers as numbers and never dereference them, so a block from another
/// address space (a core dump, another process, a block built for a
/// different base) is safe to read. The resolving accessors
/// (``arguments``, ``environment``, ``string(at:)``,
/// ``randomBytes(at:)``) translate an address that falls inside the
/// buffer into bytes of the buffer, bounds-checked, and report any other
/// address instead of following it.
///
/// The bytes must stay valid while the value is used (the same rule as
/// `UnsafeRawBufferPointer`).
public struct ParsedInitialStack: @unchecked Sendable {
  /// The bytes of the block, starting at `argc`.
  public let bytes: UnsafeRawBufferPointer
  /// The address `bytes` had in the address space it came from.
  public let baseAddress: UInt
  /// The size of `argc`, pointers and auxiliary vector words.
  public let wordSize: WordSize
  /// `argc`.
  public let argumentCount: Int
  /// The number of `envp` pointers before its NULL.
  public let environmentCount: Int
  /// The auxiliary vector (entries before `AT_NULL`).
  public let auxiliaryVector: AuxiliaryVectorEntries
  /// The offset of the auxiliary vector in ``bytes``.
  public let auxiliaryVectorOffset: Int

  /// Validates the vectors of an initial stack.
  ///
  /// Errors: ``InitialStackError/misaligned(address:)`` if `baseAddress` is
  /// not a multiple of the word size; ``InitialStackError/truncated`` if
  /// the buffer cannot hold `argc`;
  /// ``InitialStackError/argumentCountTooLarge(_:)`` if `argc` pointers
  /// cannot fit; ``InitialStackError/missingTerminator(_:)`` if
  /// `argv[argc]` is not NULL or the buffer ends before the NULL of `envp`
  /// or the `AT_NULL` of the auxiliary vector. Strings are not checked
  /// here (they may lie outside the buffer); see ``arguments``.
  public init(bytes: UnsafeRawBufferPointer, baseAddress: UInt, wordSize: WordSize) throws(InitialStackError) {
    let w = wordSize.byteCount
    guard baseAddress % UInt(w) == 0 else { throw .misaligned(address: baseAddress) }
    guard bytes.count >= w else { throw .truncated }
    let argc = wordSize.load(from: bytes, at: 0)
    // argc, argc pointers and the NULL must fit.
    let words = UInt(bytes.count / w)
    guard words >= 2, argc <= words - 2 else { throw .argumentCountTooLarge(argc) }
    let argumentCount = Int(argc)
    guard wordSize.load(from: bytes, at: w * (1 + argumentCount)) == 0 else { throw .missingTerminator(.arguments) }
    var offset = w * (2 + argumentCount)
    var environmentCount = 0
    while true {
      guard bytes.count - offset >= w else { throw .missingTerminator(.environment) }
      if wordSize.load(from: bytes, at: offset) == 0 { break }
      offset += w
      environmentCount += 1
    }
    offset += w
    self.auxiliaryVector = try AuxiliaryVectorEntries(
      validating: UnsafeRawBufferPointer(rebasing: bytes[offset...]), wordSize: wordSize)
    self.auxiliaryVectorOffset = offset
    self.bytes = bytes
    self.baseAddress = baseAddress
    self.wordSize = wordSize
    self.argumentCount = argumentCount
    self.environmentCount = environmentCount
  }

  /// The `argv` pointers, as addresses (never dereferenced).
  public var argumentPointers: Pointers {
    Pointers(bytes: bytes, wordSize: wordSize, offset: wordSize.byteCount, count: argumentCount)
  }

  /// The `envp` pointers, as addresses (never dereferenced).
  public var environmentPointers: Pointers {
    Pointers(bytes: bytes, wordSize: wordSize, offset: wordSize.byteCount * (2 + argumentCount), count: environmentCount)
  }

  /// The arguments, resolved: each the bytes of its string (without the
  /// NUL) if it lies in the buffer, or the error
  /// (``InitialStackError/pointerOutOfRange(_:)``,
  /// ``InitialStackError/unterminatedString(address:)``).
  public var arguments: ResolvedStrings { ResolvedStrings(stack: self, pointers: argumentPointers) }

  /// The environment variables, resolved like ``arguments``.
  public var environment: ResolvedStrings { ResolvedStrings(stack: self, pointers: environmentPointers) }

  /// The offset in ``bytes`` of a target address, if it is inside.
  public func offset(of address: UInt) -> Int? {
    guard address >= baseAddress else { return nil }
    let offset = address - baseAddress
    return offset < UInt(bytes.count) ? Int(offset) : nil
  }

  /// The NUL-terminated string at a target address, without its NUL, as
  /// bytes of the buffer.
  public func string(at address: UInt) throws(InitialStackError) -> UnsafeRawBufferPointer {
    guard let start = offset(of: address) else { throw .pointerOutOfRange(address) }
    var end = start
    while end < bytes.count {
      if bytes[end] == 0 { return UnsafeRawBufferPointer(rebasing: bytes[start..<end]) }
      end += 1
    }
    throw .unterminatedString(address: address)
  }

  /// The 16 bytes at a target address (the `AT_RANDOM` data), as bytes of
  /// the buffer.
  public func randomBytes(at address: UInt) throws(InitialStackError) -> UnsafeRawBufferPointer {
    guard let start = offset(of: address), bytes.count - start >= 16 else { throw .pointerOutOfRange(address) }
    return UnsafeRawBufferPointer(rebasing: bytes[start..<(start + 16)])
  }

  /// A vector of pointers, read as numbers.
  public struct Pointers: RandomAccessCollection, @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let wordSize: WordSize
    let offset: Int
    /// The number of pointers (the terminating NULL excluded).
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The pointer at `index`, as an address in the target.
    public subscript(index: Int) -> UInt {
      precondition(index >= 0 && index < count, "index out of range")
      return wordSize.load(from: bytes, at: offset + index * wordSize.byteCount)
    }
  }

  /// Strings resolved from a vector of pointers.
  public struct ResolvedStrings: RandomAccessCollection, @unchecked Sendable {
    let stack: ParsedInitialStack
    let pointers: Pointers

    public var startIndex: Int { 0 }
    public var endIndex: Int { pointers.count }

    /// The string at `index`, or why it cannot be read from the buffer.
    public subscript(index: Int) -> Result<UnsafeRawBufferPointer, InitialStackError> {
      let address = pointers[index]
      do throws(InitialStackError) {
        return .success(try stack.string(at: address))
      } catch {
        return .failure(error)
      }
    }
  }
}
