// libFuzzer target for InitialStack's parsers: every byte string is parsed
// as an initial stack (both word sizes, a base address taken from the
// input) and as a standalone auxiliary vector, and every table is walked:
// pointers, resolved strings, auxiliary entries and their typed values.
// Built by Fuzz/run.sh together with the module's sources (hosted Swift,
// -sanitize=fuzzer,address); any trap or out-of-bounds access is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInitialStack(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  // The first word of input, if any, moves the base address around so that
  // pointers land inside and outside the buffer.
  var base: UInt = 0x7fff_0000
  if size >= 2 { base = UInt(data[0]) << 24 | UInt(data[1]) << 8 }
  for wordSize in [WordSize.bits64, WordSize.bits32] {
    if let stack = try? ParsedInitialStack(bytes: bytes, baseAddress: base, wordSize: wordSize) {
      var checksum = 0
      for pointer in stack.argumentPointers { checksum &+= Int(truncatingIfNeeded: pointer) }
      for pointer in stack.environmentPointers { checksum &+= Int(truncatingIfNeeded: pointer) }
      for string in stack.arguments { if case .success(let s) = string { checksum &+= s.count } }
      for string in stack.environment { if case .success(let s) = string { checksum &+= s.count } }
      for entry in stack.auxiliaryVector {
        checksum &+= Int(truncatingIfNeeded: entry.value)
        if entry.key.valueKind.pointsIntoDataArea {
          if let s = try? stack.string(at: entry.value) { checksum &+= s.count }
          if let r = try? stack.randomBytes(at: entry.value) { checksum &+= r.count }
        }
        _ = entry.typedValue
      }
      _ = stack.offset(of: base &+ UInt(size / 2))
      if checksum == 0x1234_5678 { print("") }  // keep the walk from being optimized away
    }
    if let entries = try? AuxiliaryVectorEntries(validating: bytes, wordSize: wordSize) {
      for entry in entries { _ = entry.typedValue }
      _ = entries[.pageSize]
    }
  }
  return 0
}
