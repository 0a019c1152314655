extension ELFFile {
  /// `pr_type`: the kind of a GNU program property (`GNU_PROPERTY_*` in
  /// `elf.h` and binutils' `include/elf/common.h`).
  ///
  /// Types from `GNU_PROPERTY_LOPROC` (0xc0000000) to
  /// `GNU_PROPERTY_HIPROC` (0xdfffffff) mean something different on each
  /// machine; the x86 ones are named here (x86-64 psABI, "Program
  /// Property"). Values not named here are kept as they are (`rawValue`).
  public struct GNUPropertyType: RawRepresentable, Equatable, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `GNU_PROPERTY_STACK_SIZE` (1): the stack size, a word.
    public static let stackSize = GNUPropertyType(rawValue: 1)
    /// `GNU_PROPERTY_NO_COPY_ON_PROTECTED` (2): no copy relocations on
    /// protected data; no data.
    public static let noCopyOnProtected = GNUPropertyType(rawValue: 2)
    /// `GNU_PROPERTY_UINT32_AND_LO` (0xb0000000): first of the types whose
    /// 32-bit value is the AND of the inputs' values when linking.
    public static let uint32AndLow = GNUPropertyType(rawValue: 0xb000_0000)
    /// `GNU_PROPERTY_UINT32_AND_HI` (0xb0007fff).
    public static let uint32AndHigh = GNUPropertyType(rawValue: 0xb000_7fff)
    /// `GNU_PROPERTY_UINT32_OR_LO` (0xb0008000): first of the types whose
    /// 32-bit value is the OR of the inputs' values when linking.
    public static let uint32OrLow = GNUPropertyType(rawValue: 0xb000_8000)
    /// `GNU_PROPERTY_UINT32_OR_HI` (0xb000ffff).
    public static let uint32OrHigh = GNUPropertyType(rawValue: 0xb000_ffff)
    /// `GNU_PROPERTY_1_NEEDED` (0xb0008000): features the object needs
    /// (`GNU_PROPERTY_1_NEEDED_*` bits).
    public static let needed1 = GNUPropertyType(rawValue: 0xb000_8000)
    /// `GNU_PROPERTY_LOPROC` (0xc0000000): first processor-specific type.
    public static let processorLow = GNUPropertyType(rawValue: 0xc000_0000)
    /// `GNU_PROPERTY_HIPROC` (0xdfffffff): last processor-specific type.
    public static let processorHigh = GNUPropertyType(rawValue: 0xdfff_ffff)
    /// `GNU_PROPERTY_LOUSER` (0xe0000000): first application-specific type.
    public static let userLow = GNUPropertyType(rawValue: 0xe000_0000)

    /// `GNU_PROPERTY_X86_COMPAT_ISA_1_USED` (0xc0000000): the
    /// instruction sets used, in the old (binutils 2.29–2.31) encoding.
    public static let x86CompatISA1Used = GNUPropertyType(rawValue: 0xc000_0000)
    /// `GNU_PROPERTY_X86_COMPAT_ISA_1_NEEDED` (0xc0000001).
    public static let x86CompatISA1Needed = GNUPropertyType(rawValue: 0xc000_0001)
    /// `GNU_PROPERTY_X86_FEATURE_1_AND` (0xc0000002): CET features every
    /// input supports (`IBT`, `SHSTK`, ...).
    public static let x86Feature1And = GNUPropertyType(rawValue: 0xc000_0002)
    /// `GNU_PROPERTY_X86_COMPAT_2_ISA_1_NEEDED` (0xc0008000): the
    /// instruction sets needed, in the binutils 2.32–2.35 encoding.
    public static let x86Compat2ISA1Needed = GNUPropertyType(rawValue: 0xc000_8000)
    /// `GNU_PROPERTY_X86_FEATURE_2_NEEDED` (0xc0008001): register
    /// features needed (`x86`, `x87`, `MMX`, `XMM`, ...).
    public static let x86Feature2Needed = GNUPropertyType(rawValue: 0xc000_8001)
    /// `GNU_PROPERTY_X86_ISA_1_NEEDED` (0xc0008002): the micro-architecture
    /// levels needed (`x86-64-baseline`, `-v2`, `-v3`, `-v4`).
    public static let x86ISA1Needed = GNUPropertyType(rawValue: 0xc000_8002)
    /// `GNU_PROPERTY_X86_COMPAT_2_ISA_1_USED` (0xc0010000).
    public static let x86Compat2ISA1Used = GNUPropertyType(rawValue: 0xc001_0000)
    /// `GNU_PROPERTY_X86_FEATURE_2_USED` (0xc0010001).
    public static let x86Feature2Used = GNUPropertyType(rawValue: 0xc001_0001)
    /// `GNU_PROPERTY_X86_ISA_1_USED` (0xc0010002).
    public static let x86ISA1Used = GNUPropertyType(rawValue: 0xc001_0002)
    /// `GNU_PROPERTY_AARCH64_FEATURE_1_AND` (0xc0000000 on AArch64): `BTI`,
    /// `PAC`.
    public static let aarch64Feature1And = GNUPropertyType(rawValue: 0xc000_0000)
  }

  /// One property of an `NT_GNU_PROPERTY_TYPE_0` note: `pr_type`,
  /// `pr_datasz` and the data.
  public struct GNUProperty: @unchecked Sendable {
    /// `pr_type`.
    public var type: GNUPropertyType
    /// The `pr_datasz` bytes of data (without the padding after them).
    public var data: UnsafeRawBufferPointer
    let endianness: Endianness

    /// The data as a 32-bit value (the bit masks of most properties), or
    /// `nil` if it is not 4 bytes long.
    public var uint32: UInt32? {
      guard data.count == 4 else { return nil }
      let raw = data.loadUnaligned(as: UInt32.self)
      return endianness == .little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    /// The data as a word of `size` bytes (4 or 8: `GNU_PROPERTY_STACK_SIZE`
    /// is an address-sized value), or `nil` if it is not `size` bytes long.
    public func word(size: Int) -> UInt64? {
      guard data.count == size else { return nil }
      if size == 4 { return uint32.map { UInt64($0) } }
      guard size == 8 else { return nil }
      let raw = data.loadUnaligned(as: UInt64.self)
      return endianness == .little ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw)
    }
  }

  /// The properties in the descriptor of an `NT_GNU_PROPERTY_TYPE_0` note,
  /// validated when created.
  ///
  /// Layout (gABI extension "Program Property", linux-abi): a sequence of
  /// `pr_type` (4 bytes), `pr_datasz` (4 bytes) and `pr_datasz` bytes of
  /// data, each property padded to 8 bytes in ELF64 and to 4 in ELF32; the
  /// descriptor size is a multiple of that alignment.
  ///
  /// Implementation notes: a malformed descriptor is not an error here but
  /// a ``problem``: the properties before it are still the elements (the
  /// well-formed prefix), which is what `readelf` shows before it reports
  /// the damage. ``ELFFile/gnuProperties()`` turns a problem into an
  /// ``ELFError``.
  public struct GNUProperties: Sequence, @unchecked Sendable {
    /// What is wrong with a descriptor, where its well-formed prefix ends.
    public enum Problem: Equatable, Sendable {
      /// The descriptor is shorter than 8 bytes or its size is not a
      /// multiple of the alignment (readelf: `<corrupt GNU_PROPERTY_TYPE,
      /// size = …>`); no properties are read.
      case badDescriptorSize
      /// Fewer than 8 bytes remain, not enough for a property header.
      case truncatedHeader
      /// `pr_datasz` runs past the end of the descriptor.
      case dataPastEnd(type: GNUPropertyType, size: UInt32)
    }

    /// The descriptor.
    public let descriptor: UnsafeRawBufferPointer
    /// The padding of each property: 8 in ELF64, 4 in ELF32.
    public let alignment: Int
    /// The byte order of `pr_type`, `pr_datasz` and the data.
    public let endianness: Endianness
    /// The number of descriptor bytes taken by well-formed properties.
    public let validCount: Int
    /// Why the properties stop before the end of the descriptor, or `nil`
    /// if the whole descriptor is well formed.
    public let problem: Problem?

    /// Validates the properties of `descriptor` for a file of the given
    /// class and byte order. Never fails: see ``problem``.
    public init(descriptor: UnsafeRawBufferPointer, endianness: Endianness, fileClass: ELFClass) {
      self.descriptor = descriptor
      self.endianness = endianness
      alignment = fileClass == .bits64 ? 8 : 4
      guard descriptor.count >= 8, descriptor.count % alignment == 0 else {
        validCount = 0
        problem = .badDescriptorSize
        return
      }
      var offset = 0
      var found: Problem? = nil
      // Each step advances by at least 8 bytes, so this ends.
      while offset < descriptor.count {
        guard
          let (_, next) = Self.property(
            in: descriptor, at: offset, alignment: alignment, endianness: endianness, problem: &found)
        else { break }
        offset = next
      }
      validCount = offset
      problem = found
    }

    /// The property at `offset` and the offset of the next, or `nil` and
    /// the problem in `problem`.
    static func property(
      in d: UnsafeRawBufferPointer, at offset: Int, alignment: Int, endianness: Endianness, problem: inout Problem?
    ) -> (GNUProperty, Int)? {
      guard d.count - offset >= 8 else {
        problem = .truncatedHeader
        return nil
      }
      let r = ByteReader(bytes: d, endianness: endianness, fileClass: .bits32)
      let type = GNUPropertyType(rawValue: r.load(UInt32.self, at: offset))
      let size = r.load(UInt32.self, at: offset + 4)
      let start = offset + 8
      guard UInt64(size) <= UInt64(d.count - start) else {
        problem = .dataPastEnd(type: type, size: size)
        return nil
      }
      let end = start + Int(size)
      // The descriptor size is a multiple of `alignment`, so the padded
      // end is inside it.
      let next = Swift.min((end + alignment - 1) & ~(alignment - 1), d.count)
      let data = UnsafeRawBufferPointer(rebasing: d[start..<end])
      return (GNUProperty(type: type, data: data, endianness: endianness), next)
    }

    public struct Iterator: IteratorProtocol {
      let properties: GNUProperties
      var offset = 0

      public mutating func next() -> GNUProperty? {
        var problem: Problem? = nil
        guard offset < properties.validCount,
          let (property, next) = GNUProperties.property(
            in: properties.descriptor, at: offset, alignment: properties.alignment,
            endianness: properties.endianness, problem: &problem)
        else { return nil }
        offset = next
        return property
      }
    }

    public func makeIterator() -> Iterator { Iterator(properties: self) }
  }

  /// The properties of a note of owner "GNU" and type
  /// `NT_GNU_PROPERTY_TYPE_0` (see ``GNUProperties``).
  public func gnuProperties(in note: Note) -> GNUProperties {
    GNUProperties(descriptor: note.descriptor, endianness: endianness, fileClass: fileClass)
  }

  /// The program properties of the file: those of its first
  /// `NT_GNU_PROPERTY_TYPE_0` note (in the `SHT_NOTE` sections, or the
  /// `PT_NOTE` segments of a file without sections), or `nil` if it has
  /// none.
  ///
  /// Errors: ``ELFError/truncated(_:)`` with ``ELFError/Item/note`` if the
  /// descriptor is malformed (see ``GNUProperties/problem``); the errors
  /// of ``gnuNote(_:)``.
  public func gnuProperties() throws(ELFError) -> GNUProperties? {
    guard let note = try gnuNote(.gnuPropertyType0) else { return nil }
    let properties = gnuProperties(in: note)
    guard properties.problem == nil else { throw .truncated(.note) }
    return properties
  }
}
