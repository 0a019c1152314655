import ELF
import Foundation
import Testing

/// A property descriptor: (type, data) pairs, each padded to `alignment`.
func propertyDescriptor(_ properties: [(UInt32, [UInt8])], alignment: Int, bigEndian: Bool = false) -> [UInt8] {
  var b: [UInt8] = []
  func word(_ v: UInt32) { withUnsafeBytes(of: bigEndian ? v.bigEndian : v.littleEndian) { b += $0 } }
  for (type, data) in properties {
    word(type)
    word(UInt32(data.count))
    b += data
    while b.count % alignment != 0 { b.append(0) }
  }
  return b
}

func properties(
  _ descriptor: [UInt8], _ fileClass: ELFClass, _ endianness: Endianness = .little
) -> (list: [(UInt32, [UInt8], UInt32?)], problem: ELFFile.GNUProperties.Problem?) {
  let file = FileBytes(descriptor)
  return withExtendedLifetime(file) {
    let view = ELFFile.GNUProperties(descriptor: file.buffer, endianness: endianness, fileClass: fileClass)
    return (view.map { ($0.type.rawValue, Array($0.data), $0.uint32) }, view.problem)
  }
}

/// The "Properties:" text of `readelf -n` for a file.
func readelfProperties(_ path: String) throws -> [String] {
  try readelf("-n", path).split(separator: "\n").compactMap { line in
    guard let range = line.range(of: "Properties: ") else { return nil }
    return String(line[range.upperBound...])
  }
}

@Suite struct GNUPropertyTests {
  @Test func elf64() {
    let d = propertyDescriptor([(0xc000_0002, [3, 0, 0, 0]), (0xc000_8002, [1, 0, 0, 0]), (2, [])], alignment: 8)
    #expect(d.count == 40)
    let (list, problem) = properties(d, .bits64)
    #expect(problem == nil)
    #expect(list.count == 3)
    #expect(list[0].0 == ELFFile.GNUPropertyType.x86Feature1And.rawValue && list[0].2 == 3)
    #expect(list[1].0 == ELFFile.GNUPropertyType.x86ISA1Needed.rawValue && list[1].2 == 1)
    #expect(list[2].0 == ELFFile.GNUPropertyType.noCopyOnProtected.rawValue && list[2].1 == [] && list[2].2 == nil)
  }

  @Test func elf32PadsToFourBytes() {
    let d = propertyDescriptor([(0xe000_0001, [9, 8]), (0xc001_0002, [2, 0, 0, 0])], alignment: 4)
    #expect(d.count == 24)
    let (list, problem) = properties(d, .bits32)
    #expect(problem == nil)
    #expect(list.map(\.0) == [0xe000_0001, 0xc001_0002])
    #expect(list[0].1 == [9, 8] && list[0].2 == nil)
    #expect(list[1].2 == 2)
    // The same bytes are malformed in ELF64: with 8-byte padding the next
    // header is read at 16 (pr_type 4, pr_datasz 2) and its data would
    // start at the end.
    let (list64, problem64) = properties(d, .bits64)
    #expect(list64.count == 1)
    #expect(problem64 == .dataPastEnd(type: ELFFile.GNUPropertyType(rawValue: 4), size: 2))
  }

  @Test func bigEndian() {
    let d = propertyDescriptor([(1, [0, 0, 0, 0, 0, 0x10, 0, 0])], alignment: 8, bigEndian: true)
    let file = FileBytes(d)
    withExtendedLifetime(file) {
      let view = ELFFile.GNUProperties(descriptor: file.buffer, endianness: .big, fileClass: .bits64)
      let all = Array(view)
      #expect(all.count == 1)
      #expect(all.first?.type == .stackSize)
      #expect(all.first?.word(size: 8) == 0x10_0000)
      #expect(all.first?.word(size: 4) == nil)
    }
  }

  @Test func malformed() {
    // Not a multiple of the alignment, or shorter than one header: nothing.
    for bad in [[UInt8](repeating: 0, count: 12), [], [UInt8](repeating: 0, count: 4)] {
      let (list, problem) = properties(bad, .bits64)
      #expect(list.isEmpty && problem == .badDescriptorSize, "\(bad.count) bytes")
    }
    // A property whose data runs past the end, after a good one.
    var d = propertyDescriptor([(0xc000_0002, [1, 0, 0, 0])], alignment: 8)
    d += [0x02, 0x80, 0x00, 0xc0, 0x10, 0, 0, 0]
    let (list, problem) = properties(d, .bits64)
    #expect(list.count == 1)
    #expect(problem == .dataPastEnd(type: .x86ISA1Needed, size: 16))
    // Four bytes left after a property: no room for a header (ELF32).
    let short = propertyDescriptor([(2, [])], alignment: 4) + [1, 2, 3, 4]
    let (shortList, shortProblem) = properties(short, .bits32)
    #expect(shortList.count == 1 && shortProblem == .truncatedHeader)
    // A huge pr_datasz cannot overflow.
    let huge: [UInt8] = [1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]
    #expect(properties(huge, .bits64).problem == .dataPastEnd(type: .stackSize, size: 0xffff_ffff))
  }

  /// The decoded ISA levels and CET features of real files match what
  /// readelf prints for them.
  @Test(arguments: ["/bin/ls", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib32/libc.so.6"])
  func matchesReadelf(path: String) throws {
    guard FileManager.default.fileExists(atPath: path) else { return }
    let expected = try readelfProperties(path)
    let file = try FileBytes(path: path)
    let elf = try ELFFile(bytes: file.buffer)
    guard let view = try elf.gnuProperties() else {
      #expect(expected.isEmpty)
      return
    }
    var parts: [String] = []
    for property in view {
      let mask = try #require(property.uint32)
      switch property.type {
      case .x86ISA1Needed:
        let levels = ["x86-64-baseline", "x86-64-v2", "x86-64-v3", "x86-64-v4"]
        parts.append("x86 ISA needed: " + levels.indices.filter { mask & (1 << $0) != 0 }.map { levels[$0] }.joined(separator: ", "))
      case .x86Feature1And:
        let features = ["IBT", "SHSTK"]
        parts.append("x86 feature: " + features.indices.filter { mask & (1 << $0) != 0 }.map { features[$0] }.joined(separator: ", "))
      default:
        parts.append("?")
      }
    }
    #expect(expected.first == parts.joined(separator: ", "), "\(path)")
  }
}
