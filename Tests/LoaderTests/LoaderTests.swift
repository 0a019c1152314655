import ELF
import Foundation
import Linux
import Testing

@testable import Loader

/// The loader's pieces in a hosted process: mapping real files, the symbol
/// lookup against the ELF module's reading of the same file, the initial
/// stack rewriting, and the errors. (Linking and running programs is tested
/// by the ld.so and ulexec integration tests.)
@Suite("Loader")
struct LoaderTests {
  static let libz = "/lib/x86_64-linux-gnu/libz.so.1"

  @Test func mapsALibraryWithItsSegmentsAndProtections() throws {
    let object = try Mapping.map(path: Array(Self.libz.utf8), name: Array("libz.so.1".utf8))
    #expect(object.fileType == 3)
    #expect(object.bias == object.start)
    #expect(object.dynamic.symbolCount > 100)
    #expect(object.dynamic.needed.count == 1)
    // /proc/self/maps shows the segments with the file's protections and
    // nothing writable and executable.
    // (/proc files report size 0: read to the end rather than by size.)
    let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
    let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    try handle.close()
    var lines = 0
    for line in maps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      let range = fields[0].split(separator: "-")
      guard let low = UInt(range[0], radix: 16), low >= object.start, low < object.end else { continue }
      lines += 1
      #expect(!(fields[1].contains("w") && fields[1].contains("x")), "\(line)")
    }
    #expect(lines >= 4)
  }

  @Test func everyDefinedSymbolIsFoundByItsName() throws {
    let object = try Mapping.map(path: Array(Self.libz.utf8), name: Array("libz.so.1".utf8))
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.libz))
    try [UInt8](data).withUnsafeBytes { bytes in
      let file = try ELFFile(bytes: bytes)
      let symbols = try file.dynamicSymbols()
      var checked = 0
      for index in 1..<symbols.symbols.count {
        let symbol = try symbols.symbols[index]
        guard symbol.sectionIndex != 0 else { continue }
        let name = try symbols.symbols.name(of: symbol)
        var reference = Array(name) + [0]
        let found = reference.withUnsafeMutableBufferPointer { buffer -> Int? in
          var ref = SymbolReference(name: UnsafePointer(buffer.baseAddress!), version: nil)
          return object.find(&ref, forPLT: false)
        }
        #expect(found == index, "\(String(decoding: name, as: UTF8.self))")
        checked += 1
      }
      #expect(checked > 100)
    }
    // Names it does not define are not found (the Bloom filter or the chain
    // rejects them).
    for missing in ["inflat", "inflatex", "", "malloc", "zzzzzzzzzzzzzzzzzz"] {
      var bytes = Array(missing.utf8) + [0]
      let found = bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
        var ref = SymbolReference(name: UnsafePointer(buffer.baseAddress!), version: nil)
        return object.find(&ref, forPLT: false)
      }
      #expect(found == nil, "\(missing)")
    }
  }

  @Test func aVersionedReferenceNeedsTheRightVersion() throws {
    let object = try Mapping.map(path: Array(Self.libz.utf8), name: Array("libz.so.1".utf8))
    // gzopen64 is defined at ZLIB_1.2.3.3 in Debian's libz.
    func find(_ name: String, version: String) -> Int? {
      var nameBytes = Array(name.utf8) + [0]
      var versionBytes = Array(version.utf8) + [0]
      return nameBytes.withUnsafeMutableBufferPointer { n in
        versionBytes.withUnsafeMutableBufferPointer { v in
          var hash: UInt32 = 0  // ELF hash, as vna_hash holds it
          for byte in version.utf8 {
            hash = (hash << 4) &+ UInt32(byte)
            let high = hash & 0xf000_0000
            if high != 0 { hash ^= high >> 24 }
            hash &= ~high
          }
          var ref = SymbolReference(
            name: UnsafePointer(n.baseAddress!), version: VersionName(name: UnsafePointer(v.baseAddress!), hash: hash))
          return object.find(&ref, forPLT: false)
        }
      }
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: Self.libz))
    let expectedVersion: [UInt8] = try [UInt8](data).withUnsafeBytes { bytes in
      let symbols = try ELFFile(bytes: bytes).dynamicSymbols()
      let index = try #require(symbols.index(named: Array("gzopen64".utf8)))
      return Array(try #require(symbols.versionName(ofSymbolAt: index)))
    }
    let version = String(decoding: expectedVersion, as: UTF8.self)
    #expect(find("gzopen64", version: version) != nil)
    #expect(find("gzopen64", version: "ZLIB_9.9") == nil)
    // A versioned reference does not bind to a symbol of the library's base
    // version (inflate is *global*: index 1, the base definition), as in
    // glibc's check_match; an unversioned one does.
    #expect(find("inflate", version: "ZLIB_1.2.0") == nil)
  }

  @Test func mappingErrorsNameTheFileAndTheReason() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let libz = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.libz)))
    func message(_ bytes: [UInt8]?, named name: String) -> String {
      let path = directory.appendingPathComponent(name).path
      if let bytes { FileManager.default.createFile(atPath: path, contents: Data(bytes)) }
      do {
        _ = try Mapping.map(path: Array(path.utf8), name: Array(name.utf8))
        return "mapped"
      } catch {
        return String(decoding: error.message, as: UTF8.self).replacingOccurrences(of: path, with: "F")
      }
    }
    #expect(message(nil, named: "missing") == "F : cannot open file: No such file or directory")
    #expect(message(Array("hello\n".utf8), named: "text") == "F : not an ELF file")
    #expect(message(Array(libz[..<40]), named: "short") == "F : truncated file")
    #expect(message(Array(libz[..<4096]), named: "cut") == "F : truncated file")
    var machine = libz
    machine[18] = 183  // EM_AARCH64
    machine[19] = 0
    #expect(message(machine, named: "arm") == "F : wrong machine 183 (only x86-64, machine 62, is loaded)")
    var elfClass = libz
    elfClass[4] = 1
    #expect(message(elfClass, named: "class") == "F : wrong ELF class 1 (only 64-bit objects are loaded)")
    var type = libz
    type[16] = 1  // ET_REL
    #expect(message(type, named: "rel") == "F : wrong file type 1 (not an executable or shared object)")
    // A loadable segment made writable and executable.
    var wx = libz
    try wx.withUnsafeMutableBytes { bytes in
      let phoff = Int(bytes.load(fromByteOffset: 32, as: UInt64.self))
      let count = Int(bytes.load(fromByteOffset: 56, as: UInt16.self))
      let load = try #require((0..<count).first { bytes.load(fromByteOffset: phoff + $0 * 56, as: UInt32.self) == 1 })
      bytes.storeBytes(of: UInt32(7), toByteOffset: phoff + load * 56 + 4, as: UInt32.self)
    }
    #expect(message(wx, named: "wx") == "F : a loadable segment is writable and executable")
  }

  @Test func droppingArgumentsKeepsTheStackAlignedAndTheRestInPlace() throws {
    for dropped in 1...3 {
      // argc, 4 argv, NULL, 2 envp, NULL, auxv (3 pairs + AT_NULL).
      let words = 1 + 4 + 1 + 2 + 1 + 8
      let memory = UnsafeMutableRawPointer.allocate(byteCount: (words + 4) * 8, alignment: 16)
      defer { memory.deallocate() }
      let base = memory.assumingMemoryBound(to: UInt.self)
      let values: [UInt] = [4, 0x100, 0x101, 0x102, 0x103, 0, 0x200, 0x201, 0, 3, 0x3000, 9, 0x9000, 31, 0x3100, 0, 0]
      for (index, value) in values.enumerated() { base[index] = value }
      var stack = ProcessStack(memory)
      #expect(stack.auxiliaryValue(9) == 0x9000)
      stack.setAuxiliaryValue(9, 0x9999)
      stack.dropArguments(dropped)
      #expect(UInt(bitPattern: stack.pointer) % 16 == 0)
      #expect(stack.argumentCount == 4 - dropped)
      for index in 0..<(4 - dropped) {
        #expect(UInt(bitPattern: stack.arguments[index]) == UInt(0x100 + dropped + index))
      }
      #expect(UInt(bitPattern: stack.environment[0]) == 0x200)
      #expect(stack.auxiliaryValue(9) == 0x9999)
      #expect(stack.auxiliaryValue(31) == 0x3100)
      #expect(stack.auxiliaryValue(7) == nil)
    }
  }
}

@Suite("Loader code addresses")
struct LoaderCodeAddressTests {
  @Test func onlyExecutableSegmentsHoldCode() throws {
    let object = try Mapping.map(path: Array(LoaderTests.libz.utf8), name: Array("libz.so.1".utf8))
    var name = Array("inflate".utf8) + [0]
    let index = try #require(name.withUnsafeMutableBufferPointer { buffer -> Int? in
      var reference = SymbolReference(name: UnsafePointer(buffer.baseAddress!), version: nil)
      return object.find(&reference, forPLT: false)
    })
    let inflate = object.bias + UInt(object.symbol(index).value)
    #expect(object.isExecutable(inflate))
    // The ELF header (read-only segment), the dynamic section (data) and
    // addresses outside the object are not code.
    #expect(!object.isExecutable(object.start))
    #expect(!object.isExecutable(UInt(bitPattern: object.dynamic.symbolTable)))
    #expect(!object.isExecutable(object.end))
    #expect(!object.isExecutable(0))
  }
}
