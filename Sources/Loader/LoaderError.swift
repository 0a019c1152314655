import Linux

/// Why loading failed, with what it was about: printed by the tools as
/// `ld.so: <subject> : <reason>`.
public struct LoaderError: Error {
  /// What the error is about: a file name, a library name or a program.
  public var subject: [UInt8]
  /// Why it failed.
  public var reason: Reason

  public init(_ subject: [UInt8], _ reason: Reason) {
    self.subject = subject
    self.reason = reason
  }

  /// The ways loading fails.
  public enum Reason {
    /// open(2) of the program failed.
    case cannotOpen(Errno)
    /// No file of a needed library's name in any search directory (the
    /// error of the last attempt: usually `ENOENT`), with who needs it.
    case libraryNotFound(Errno, neededBy: [UInt8])
    /// Reading or mapping the file failed.
    case cannotRead(Errno)
    case cannotMap(Errno)
    /// The file does not start with the ELF magic number.
    case notELF
    /// Not a 64-bit little-endian file.
    case wrongClass(UInt8)
    case wrongByteOrder(UInt8)
    /// Not an x86-64 file (the machine number).
    case wrongMachine(UInt16)
    /// Not an executable or shared object (the file type).
    case wrongFileType(UInt16)
    /// A header, table or segment lies beyond the end of the file.
    case truncated
    /// Structurally wrong: what is wrong.
    case malformed(StaticString)
    /// A loadable segment is both writable and executable.
    case writableAndExecutable
    /// A non-relocatable executable's addresses are already in use.
    case addressInUse(UInt64)
    /// A symbol no loaded object defines (with the version asked for: a
    /// `DT_VERNEED` version a library lacks is reported here, when a
    /// symbol of it is looked up, not up front as glibc does).
    case undefinedSymbol([UInt8], version: [UInt8])
    /// A relocation type the loader does not apply.
    case unsupportedRelocation(UInt32)
    /// A relocation whose value does not fit its field.
    case relocationOverflow(UInt32)
    /// A static-TLS copy relocation or module the loader cannot place.
    case threadLocalStorage(StaticString)
    /// Anything else, fully described.
    case other(StaticString)
  }

  /// `<subject> : <reason>`, without a program name or newline.
  public var message: [UInt8] {
    var line = subject
    line.append(contentsOf: " : ".utf8)
    func errnoText(_ error: Errno) -> [UInt8] { error.withMessage { Array($0) } }
    func hex(_ value: UInt64) -> [UInt8] {
      var digits: [UInt8] = []
      var value = value
      repeat {
        let digit = UInt8(value & 15)
        digits.append(digit < 10 ? 48 + digit : 87 + digit)
        value >>= 4
      } while value != 0
      return Array("0x".utf8) + digits.reversed()
    }
    func decimal(_ value: UInt64) -> [UInt8] {
      var digits: [UInt8] = []
      var value = value
      repeat {
        digits.append(48 + UInt8(value % 10))
        value /= 10
      } while value != 0
      return digits.reversed()
    }
    func append(_ text: StaticString) {
      line.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    switch reason {
    case .cannotOpen(let error):
      append("cannot open file: ")
      line += errnoText(error)
    case .libraryNotFound(let error, let neededBy):
      append("cannot open shared object file: ")
      line += errnoText(error)
      append(" (needed by ")
      line += neededBy
      append(")")
    case .cannotRead(let error):
      append("cannot read file: ")
      line += errnoText(error)
    case .cannotMap(let error):
      append("cannot map segment: ")
      line += errnoText(error)
    case .notELF: append("not an ELF file")
    case .wrongClass(let value):
      append("wrong ELF class ")
      line += decimal(UInt64(value))
      append(" (only 64-bit objects are loaded)")
    case .wrongByteOrder(let value):
      append("wrong byte order ")
      line += decimal(UInt64(value))
      append(" (only little-endian objects are loaded)")
    case .wrongMachine(let value):
      append("wrong machine ")
      line += decimal(UInt64(value))
      append(" (only x86-64, machine 62, is loaded)")
    case .wrongFileType(let value):
      append("wrong file type ")
      line += decimal(UInt64(value))
      append(" (not an executable or shared object)")
    case .truncated: append("truncated file")
    case .malformed(let what):
      append("malformed file: ")
      append(what)
    case .writableAndExecutable: append("a loadable segment is writable and executable")
    case .addressInUse(let address):
      append("cannot map at its fixed address ")
      line += hex(address)
      append(": the range is in use")
    case .undefinedSymbol(let name, let version):
      append("undefined symbol: ")
      line += name
      if !version.isEmpty {
        append(", version ")
        line += version
      }
    case .unsupportedRelocation(let type):
      append("unsupported relocation type ")
      line += decimal(UInt64(type))
    case .relocationOverflow(let type):
      append("relocation value does not fit (type ")
      line += decimal(UInt64(type))
      append(")")
    case .threadLocalStorage(let what):
      append("thread-local storage: ")
      append(what)
    case .other(let what): append(what)
    }
    return line
  }
}
