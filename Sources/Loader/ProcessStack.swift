/// A process's initial stack, in place: `argc`, the argument pointers and
/// their NULL, the environment pointers and their NULL, the auxiliary
/// vector up to `AT_NULL` (System V AMD64 ABI §3.4.1). The loader reads
/// it, changes auxiliary values and drops leading arguments, so that the
/// program it starts sees what the kernel would have given it.
public struct ProcessStack {
  /// Where `argc` is.
  public private(set) var pointer: UnsafeMutableRawPointer

  public init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }

  public var argumentCount: Int { pointer.load(as: Int.self) }
  public var arguments: UnsafeMutablePointer<UnsafePointer<UInt8>?> {
    (pointer + 8).assumingMemoryBound(to: UnsafePointer<UInt8>?.self)
  }
  public var environment: UnsafeMutablePointer<UnsafePointer<UInt8>?> { arguments + argumentCount + 1 }
  /// The auxiliary vector: (key, value) word pairs.
  public var auxiliaryVector: UnsafeMutablePointer<UInt> {
    var end = environment
    while end.pointee != nil { end += 1 }
    return UnsafeMutableRawPointer(end + 1).assumingMemoryBound(to: UInt.self)
  }

  /// The value of auxiliary entry `key`, or nil.
  public func auxiliaryValue(_ key: UInt) -> UInt? {
    var entry = auxiliaryVector
    while entry[0] != 0 {
      if entry[0] == key { return entry[1] }
      entry += 2
    }
    return nil
  }

  /// Sets the value of auxiliary entry `key` where it is (the kernel always
  /// passes the entries the loader changes); returns whether it was there.
  @discardableResult
  public func setAuxiliaryValue(_ key: UInt, _ value: UInt) -> Bool {
    var entry = auxiliaryVector
    while entry[0] != 0 {
      if entry[0] == key {
        entry[1] = value
        return true
      }
      entry += 2
    }
    return false
  }

  /// Drops the first `count` arguments: the new `argc` is written just
  /// before the first argument kept, and everything from there to the end
  /// of the auxiliary vector moves down 8 bytes if that is needed to keep
  /// `argc` 16-byte aligned. Nothing above moves, so the strings stay put.
  public mutating func dropArguments(_ count: Int) {
    guard count > 0 else { return }
    let remaining = argumentCount - count
    var end = auxiliaryVector
    while end[0] != 0 { end += 2 }
    end += 2
    var start = pointer + 8 * count
    start.storeBytes(of: remaining, as: Int.self)
    if UInt(bitPattern: start) & 15 != 0 {
      let length = UnsafeMutableRawPointer(end) - start
      (start - 8).copyMemory(from: start, byteCount: length)
      start -= 8
    }
    pointer = start
  }
}

/// Auxiliary vector keys the loader uses (`linux/auxvec.h`).
public enum AuxiliaryKey {
  public static let programHeaders: UInt = 3  // AT_PHDR
  public static let programHeaderEntrySize: UInt = 4  // AT_PHENT
  public static let programHeaderCount: UInt = 5  // AT_PHNUM
  public static let pageSize: UInt = 6  // AT_PAGESZ
  public static let interpreterBase: UInt = 7  // AT_BASE
  public static let entry: UInt = 9  // AT_ENTRY
  public static let secure: UInt = 23  // AT_SECURE
  public static let executableFileName: UInt = 31  // AT_EXECFN
}
