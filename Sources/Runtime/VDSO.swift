import CLinux
import ELF
import InitialStack
import Linux

/// The vDSO (vdso(7)): the small shared object the kernel maps into every
/// process, whose functions answer `clock_gettime` and friends from data
/// the kernel shares with user space, without a system call.
///
/// The runtime finds it through the auxiliary vector (`AT_SYSINFO_EHDR`,
/// the address of its ELF header), reads it with the `ELF` module as a
/// loaded image (``ELFFile/init(loadedImage:)``: addresses translated
/// through its `PT_LOAD` segment, symbols found through the dynamic table
/// with the GNU hash table, or the SysV one where there is no GNU table)
/// and looks up each entry point with version `LINUX_2.6`, the version
/// every x86-64 kernel gives them (`arch/x86/entry/vdso/vdso.lds.S`).
///
/// In freestanding programs `Linux`'s time functions (``Clock/now()``,
/// ``Clock/resolution()``, ``Time/timeOfDay()``,
/// ``Time/secondsSinceEpoch()``, ``Process/currentProcessor()``) call
/// these entry points. They are bound lazily: the first such call runs the
/// binder below, which fills `CLinux`'s `nl_vdso` table; nothing runs at
/// startup, and a program that never asks for the time contains none of
/// this code. Hosted programs (where glibc owns the process) make the
/// system calls: the binder is defined in freestanding builds only. The
/// views here work in both modes.
public enum VDSO {
  /// An entry point the runtime looked up.
  public struct Symbol: Sendable {
    /// The symbol's name (`__vdso_clock_gettime`, ...).
    public let name: StaticString
    /// The version it was looked up with (`LINUX_2.6`).
    public let version: StaticString
    /// `st_value`: its virtual address in the image as linked (the
    /// address `readelf --dyn-syms` shows for the image's file).
    public let value: UInt64
    /// Its address in this process.
    public let address: UInt
  }

  /// The version of every entry point on x86-64.
  public static let version: StaticString = "LINUX_2.6"

  /// The entry points the runtime looks up, in the order of `CLinux`'s
  /// `nl_vdso` table.
  static let entryCount = 6

  /// The name of entry point `index` (`0 ..< entryCount`).
  static func name(_ index: Int) -> StaticString {
    switch index {
    case 0: return "__vdso_clock_gettime"
    case 1: return "__vdso_gettimeofday"
    case 2: return "__vdso_time"
    case 3: return "__vdso_clock_getres"
    case 4: return "__vdso_getcpu"
    default: return "__vdso_getrandom"
    }
  }

  /// The address of the vDSO's ELF header (`AT_SYSINFO_EHDR`), or nil if
  /// the kernel mapped none (`vdso=0` on the kernel command line, or a
  /// process started by something other than the kernel that passed none).
  public static var headerAddress: UInt? {
    guard let address = Program.auxiliaryVector[.vdso], address != 0 else { return nil }
    return address
  }

  /// The page size (`AT_PAGESZ`): the vDSO is mapped in whole pages, so
  /// its first page at least is readable.
  static var pageSize: Int { Int(Program.auxiliaryVector[.pageSize] ?? 4096) }

  /// The part of the vDSO that is mapped for certain: from the header to
  /// the end of the page holding the end of its `PT_LOAD` segments'
  /// memory, which the kernel maps (with the rest of the file:
  /// `arch/x86/entry/vdso/vdso2c.h` makes the whole file the image), and
  /// an ELF file over it; nil if there is no vDSO or its first page does
  /// not hold a valid header and program header table.
  static func mappedImage() -> (bytes: UnsafeRawBufferPointer, file: ELFFile)? {
    guard let header = headerAddress, let base = UnsafeRawPointer(bitPattern: header) else { return nil }
    let page = pageSize
    do throws(ELFError) {
      // Only the first page is known to be there until the program headers
      // say more; every read below is bounds-checked against the buffer.
      let first = try ELFFile(loadedImage: UnsafeRawBufferPointer(start: base, count: page))
      guard let imageBase = try first.imageBaseAddress() else { return nil }
      var end: UInt64 = 0
      for segment in try first.programHeaders() where segment.type == .load {
        let (segmentEnd, overflow) = segment.virtualAddress.addingReportingOverflow(segment.memorySize)
        guard !overflow, segmentEnd >= imageBase else { return nil }
        end = max(end, segmentEnd - imageBase)
      }
      // A vDSO is a few pages; anything near the size of the address space
      // is not one.
      guard end <= 1 << 30 else { return nil }
      let length = (Int(end) + page - 1) / page * page
      let bytes = UnsafeRawBufferPointer(start: base, count: max(length, page))
      return (bytes, try ELFFile(loadedImage: bytes))
    } catch {
      return nil
    }
  }

  /// Looks up every entry point in the vDSO and calls `found` with the
  /// index, value and address of each one present.
  static func resolve(_ found: (_ index: Int, _ value: UInt64, _ address: UInt) -> Void) {
    guard let (bytes, file) = mappedImage(), let symbols = try? file.dynamicSymbols() else { return }
    let version = UnsafeRawBufferPointer(start: Self.version.utf8Start, count: Self.version.utf8CodeUnitCount)
    for index in 0..<entryCount {
      let name = Self.name(index)
      guard
        let symbol = symbols.lookup(
          name: UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount), version: version),
        symbol.type == .function,
        let position = try? file.offset(ofAddress: symbol.value), position < UInt64(bytes.count)
      else { continue }
      found(index, symbol.value, UInt(bitPattern: bytes.baseAddress) + UInt(position))
    }
  }

  /// The entry points present in this process's vDSO (those of
  /// `__vdso_clock_gettime`, `__vdso_gettimeofday`, `__vdso_time`,
  /// `__vdso_clock_getres`, `__vdso_getcpu`, `__vdso_getrandom` that it
  /// defines with version `LINUX_2.6`): the ones the runtime binds the time
  /// functions to. Empty if there is no vDSO.
  public static var symbols: [Symbol] {
    var result: [Symbol] = []
    resolve { index, value, address in
      result.append(Symbol(name: name(index), version: version, value: value, address: address))
    }
    return result
  }

  /// The vDSO's whole file as the kernel mapped it, or nil: from its header
  /// to the end of the furthest of its program header table, segments,
  /// section header table and section contents
  /// (``ELFFile/fileExtent()``), so that writing these bytes out gives
  /// back the kernel's `vdso64.so` (stripped) as a file `readelf` reads.
  ///
  /// Parts past the `PT_LOAD` segments' pages (the section headers, when
  /// they fall there) are included only after `mincore(2)` confirms that
  /// they are mapped.
  public static var image: UnsafeRawBufferPointer? {
    guard let (mapped, file) = mappedImage(), let base = mapped.baseAddress else { return nil }
    // The header and program headers are in the first page: their extent
    // says where the section header table ends; with it in reach, the
    // second pass adds the section contents.
    guard var length = try? file.fileExtent() else { return mapped }
    for _ in 0..<2 {
      guard length <= 1 << 30, isMapped(base, length: Int(length), known: mapped.count),
        let wider = try? ELFFile(loadedImage: UnsafeRawBufferPointer(start: base, count: Int(length)))
      else { return mapped }
      guard let extent = try? wider.fileExtent() else { break }
      if extent <= length { break }
      length = extent
    }
    guard isMapped(base, length: Int(length), known: mapped.count) else { return mapped }
    return UnsafeRawBufferPointer(start: base, count: Int(length))
  }

  /// Whether `length` bytes from `base` can be read: inside the `known`
  /// mapped bytes, or else every page is mapped by `mincore(2)`'s answer.
  static func isMapped(_ base: UnsafeRawPointer, length: Int, known: Int) -> Bool {
    if length <= known { return true }
    let pages = Memory.pageCount(length: length)
    let vector = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: pages)
    defer { vector.deallocate() }
    do throws(Errno) {
      try Memory.residency(UnsafeMutableRawPointer(mutating: base), length: length, into: vector)
      return true
    } catch {
      return false
    }
  }
}

#if Freestanding
/// The binder `CLinux` declares weak (`nl_vdso_bind`): fills the table of
/// entry points `Linux`'s time functions call, on the first call of one of
/// them. Entry points the vDSO lacks stay null (the system call is made).
///
/// Called before startup (from a global's initializer), when the auxiliary
/// vector is not known yet, it leaves the table unbound for a later call
/// and the caller makes the system call.
@_cdecl("nl_vdso_bind")
func bindVDSO(_ table: UnsafeMutablePointer<nl_vdso_table>) {
  guard InitialVectors.stackPointer != nil else { return }
  VDSO.resolve { index, _, address in
    let entry = UnsafeRawPointer(bitPattern: address)
    switch index {
    case 0: table.pointee.clock_gettime = unsafeBitCast(entry, to: type(of: table.pointee.clock_gettime))
    case 1: table.pointee.gettimeofday = unsafeBitCast(entry, to: type(of: table.pointee.gettimeofday))
    case 2: table.pointee.time = unsafeBitCast(entry, to: type(of: table.pointee.time))
    case 3: table.pointee.clock_getres = unsafeBitCast(entry, to: type(of: table.pointee.clock_getres))
    case 4: table.pointee.getcpu = unsafeBitCast(entry, to: type(of: table.pointee.getcpu))
    default: table.pointee.getrandom = unsafeBitCast(entry, to: type(of: table.pointee.getrandom))
    }
  }
  table.pointee.bound = 1
}
#endif
