extension InitialStackError {
  /// A one-line English description of the error, for tools' messages
  /// (`interior NUL in argument 2`, `truncated block`).
  public var message: String {
    switch self {
    case .interiorNul(let role, let index): "interior NUL in \(role.noun) \(index)"
    case .environmentEntryWithoutEquals(let index): "environment entry \(index) has no '='"
    case .randomBytesCount(let count): "AT_RANDOM needs 16 bytes, got \(count)"
    case .valueTooLarge(let key, let value):
      "value 0x\(String(value, radix: 16)) of key \(key.rawValue) does not fit in a word"
    case .bufferTooSmall(let required, let available): "buffer of \(available) bytes, \(required) needed"
    case .addressOutOfRange: "addresses outside the address space"
    case .baseAddressMismatch(let expected, let given):
      "base address 0x\(String(given, radix: 16)), the layout needs 0x\(String(expected, radix: 16))"
    case .truncated: "truncated block"
    case .misaligned(let address): "misaligned block at 0x\(String(address, radix: 16))"
    case .argumentCountTooLarge(let count): "argument count \(count) does not fit in the block"
    case .missingTerminator(let vector): "\(vector.noun) has no terminator"
    case .pointerOutOfRange(let address): "pointer 0x\(String(address, radix: 16)) outside the block"
    case .unterminatedString(let address): "string at 0x\(String(address, radix: 16)) has no NUL"
    }
  }
}

extension InitialStackError.StringRole {
  var noun: String {
    switch self {
    case .argument: "argument"
    case .environment: "environment entry"
    case .platform: "platform string"
    case .basePlatform: "base platform string"
    case .executableFileName: "file name"
    }
  }
}

extension InitialStackError.Vector {
  var noun: String {
    switch self {
    case .arguments: "argv"
    case .environment: "envp"
    case .auxiliaryVector: "the auxiliary vector"
    }
  }
}
