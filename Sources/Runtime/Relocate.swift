#if Freestanding
import CLinux

/// Self-relocation of a static position-independent executable (static-PIE).
///
/// A static-PIE program is loaded by the kernel (or run as another
/// program's interpreter) at a random address, with nobody to apply its
/// relocations: every pointer stored in its data (Swift metadata, tables of
/// string pointers, the GOT) still holds the link-time address. The PIE
/// entry point (`_start` with the `StaticPIE` trait, `nl_start_pie` in the
/// loader tools; see `CLinux/start.c`) calls this function first, before
/// any Swift code reads a global. It
///
/// 1. finds its own ELF header (`__ehdr_start`, passed in by the entry
///    code, which takes its address PC-relatively) and from it the program
///    headers, the load bias and the dynamic section;
/// 2. applies every `R_X86_64_RELATIVE` relocation of `DT_RELA` (`*(bias +
///    offset) = bias + addend`) and every word of the packed `DT_RELR`
///    table (`*(bias + offset) += bias`);
/// 3. makes the `PT_GNU_RELRO` range read-only (`mprotect`).
///
/// Because it runs before relocation, it must not read a global variable,
/// call through a pointer stored in data, or call anything that does: it
/// is plain loads and stores through the pointers it was given, and raw
/// system calls. A relocation of any other type cannot be applied without
/// a symbol table (a static-PIE has none to resolve against): the program
/// writes a fixed message and exits with status 127, as a loader would.
@_cdecl("swift_nolibc_relocate_self")
public func relocateSelf(_ header: UnsafeMutableRawPointer) {
  let programHeaderOffset = header.load(fromByteOffset: 32, as: UInt64.self)
  let programHeaderSize = Int(header.load(fromByteOffset: 54, as: UInt16.self))
  let programHeaderCount = Int(header.load(fromByteOffset: 56, as: UInt16.self))
  let programHeaders = header + Int(programHeaderOffset)

  // The ELF header is at the start of the first PT_LOAD (file offset 0):
  // the bias is its run-time address minus that segment's link address.
  var linkAddressOfHeader: UInt64 = 0
  var dynamicAddress: UInt64 = 0
  var relroStart: UInt64 = 0
  var relroSize: UInt64 = 0
  var index = 0
  while index < programHeaderCount {
    let entry = programHeaders + index &* programHeaderSize
    let type = entry.load(fromByteOffset: 0, as: UInt32.self)
    let offset = entry.load(fromByteOffset: 8, as: UInt64.self)
    let address = entry.load(fromByteOffset: 16, as: UInt64.self)
    if type == 1 && offset == 0 { linkAddressOfHeader = address }  // PT_LOAD
    if type == 2 { dynamicAddress = address }  // PT_DYNAMIC
    if type == 0x6474_e552 {  // PT_GNU_RELRO
      relroStart = address
      relroSize = entry.load(fromByteOffset: 40, as: UInt64.self)
    }
    index &+= 1
  }
  let bias = UInt64(UInt(bitPattern: header)) &- linkAddressOfHeader
  guard dynamicAddress != 0 else { return }

  var rela: UInt64 = 0
  var relaSize: UInt64 = 0
  var relaEntrySize: UInt64 = 24
  var relr: UInt64 = 0
  var relrSize: UInt64 = 0
  var dynamic = UnsafeMutableRawPointer(bitPattern: UInt(bias &+ dynamicAddress)).unsafelyUnwrapped
  while true {
    let tag = dynamic.load(as: Int64.self)
    let value = dynamic.load(fromByteOffset: 8, as: UInt64.self)
    if tag == 0 { break }  // DT_NULL
    switch tag {
    case 7: rela = value  // DT_RELA
    case 8: relaSize = value  // DT_RELASZ
    case 9: relaEntrySize = value  // DT_RELAENT
    case 36: relr = value  // DT_RELR
    case 35: relrSize = value  // DT_RELRSZ
    default: break
    }
    dynamic += 16
  }

  if rela != 0 && relaEntrySize != 0 {
    var entry = UnsafeMutableRawPointer(bitPattern: UInt(bias &+ rela)).unsafelyUnwrapped
    var remaining = relaSize / relaEntrySize
    while remaining != 0 {
      let offset = entry.load(as: UInt64.self)
      let info = entry.load(fromByteOffset: 8, as: UInt64.self)
      let addend = entry.load(fromByteOffset: 16, as: UInt64.self)
      switch UInt32(truncatingIfNeeded: info) {
      case 8:  // R_X86_64_RELATIVE
        UnsafeMutableRawPointer(bitPattern: UInt(bias &+ offset)).unsafelyUnwrapped
          .storeBytes(of: bias &+ addend, as: UInt64.self)
      case 0: break  // R_X86_64_NONE
      default: unsupportedRelocation()
      }
      entry += Int(relaEntrySize)
      remaining &-= 1
    }
  }

  if relr != 0 {
    // Each even word is an address to relocate; each odd word is a bitmap
    // of the next 63 words after the last address (ELF gABI, "RELR").
    let table = UnsafeRawPointer(bitPattern: UInt(bias &+ relr)).unsafelyUnwrapped
    let count = Int(relrSize / 8)
    var place: UnsafeMutablePointer<UInt64>? = nil
    var index = 0
    while index < count {
      let word = table.load(fromByteOffset: index &* 8, as: UInt64.self)
      if word & 1 == 0 {
        let target = UnsafeMutablePointer<UInt64>(bitPattern: UInt(bias &+ word)).unsafelyUnwrapped
        target.pointee &+= bias
        place = target + 1
      } else if let base = place {
        var bits = word >> 1
        var slot = base
        while bits != 0 {
          if bits & 1 != 0 { slot.pointee &+= bias }
          bits >>= 1
          slot += 1
        }
        place = base + 63
      }
      index &+= 1
    }
  }

  if relroSize != 0 && ((bias &+ relroStart &+ relroSize) & ~4095) > ((bias &+ relroStart) & ~4095) {
    let start = (bias &+ relroStart) & ~4095
    // Rounded down, as loaders do: linkers end RELRO on a page boundary,
    // and a partial last page may hold writable data.
    let end = (bias &+ relroStart &+ relroSize) & ~4095
    _ = nl_syscall3(10, Int(bitPattern: UInt(start)), Int(bitPattern: UInt(end &- start)), 1)  // mprotect, PROT_READ
  }
}

/// Writes a fixed message (a PC-relative string literal: it needs no
/// relocation) and exits with 127.
@inline(never)
private func unsupportedRelocation() -> Never {
  let message: StaticString = "static-PIE self-relocation: relocation type other than R_X86_64_RELATIVE\n"
  _ = nl_syscall3(1, 2, Int(bitPattern: UInt(bitPattern: message.utf8Start)), message.utf8CodeUnitCount)
  _ = nl_syscall1(231, 127)
  while true {}
}
#endif
