// Symbol names and symbol version suffixes, written the way GNU readelf
// 2.40 writes them in its wide format (`print_symbol` and
// `get_symbol_version_string` in binutils' readelf.c). Shared by the
// symbol tables (`-s`, `--dyn-syms`) and the relocations (`-r`).
//
// API:
//
//   - `SymbolNames.string(in: strings, at: offset)`: the bytes of a name
//     as GNU reads it (up to the NUL or the end of the table), or `nil`
//     when the offset is outside the table: GNU then prints `<corrupt>`
//     (`SymbolNames.writeCorrupt()`).
//   - `SymbolNames.write(name)`: writes a name as `print_symbol` does in
//     wide mode (control characters as `^X`, see below); returns the
//     number of columns written. `SymbolNames.write(name, padTo: n)`
//     pads with spaces to n columns (`print_symbol (-n, …)`).
//   - `symbolVersions()` (a `Dump` method): the version lookup, made once
//     per file; it never fails (damaged version tables give what GNU
//     prints for them). Per symbol, in O(1):
//       let v = versions.suffix(symbolIndex: i, symbol: sym, isDynamic: d)
//     where GNU looks the version up (its messages about damaged tables
//     come out there: for `-s` after the Ndx column, for `-r` before the
//     symbol's value), then after the name
//       versions.write(v, strings: strtab)
//     writes `@@VER`, `@VER`, `@VER (n)`, `@<corrupt>` or nothing;
//     `requirementNumber: false` drops the ` (n)` (the form of `-r`).
//     `writeSuffix(...)` does both at once. `isDynamic` is GNU's
//     `is_dynsym`: the symbol comes from an `SHT_DYNSYM` table (or from
//     the dynamic table itself); `strings` are the bytes of that symbol
//     table's string table, where the version names are looked up.
//   - Next to this file: `SymbolVersions.swift` (the version lookup),
//     `SectionNameTable.swift` (GNU's section-name string table and
//     `printable_section_name`), `GNUFileReads.swift` (`LoadSegments`:
//     `offset_from_vma` with its warning; `FieldReader`: bounds-checked
//     field reads at file offsets; `reportWarning`, `reportReadError`:
//     GNU's messages).
import ELF
import Linux
import Runtime

enum SymbolNames {
  /// `<corrupt>`: GNU's text for a name outside its string table.
  static let corrupt: StaticString = "<corrupt>"

  /// The name at `offset` of the string table `strings`: the bytes up to
  /// the first NUL, or to the end of the table (GNU reads a copy of the
  /// table with a NUL appended, so an unterminated last string ends
  /// there); `nil` if `offset` is not inside the table (GNU's
  /// `VALID_SYMBOL_NAME`), for which GNU prints `<corrupt>`.
  @inline(__always)
  static func string(in strings: UnsafeRawBufferPointer, at offset: UInt64) -> UnsafeRawBufferPointer? {
    guard offset < UInt64(strings.count), let base = strings.baseAddress else { return nil }
    let start = base + Int(offset)
    let limit = strings.count - Int(offset)
    var length = 0
    let bytes = start.assumingMemoryBound(to: UInt8.self)
    while length < limit && bytes[length] != 0 { length += 1 }
    return UnsafeRawBufferPointer(start: start, count: length)
  }

  /// Writes `<corrupt>`; returns its width.
  @discardableResult
  static func writeCorrupt() -> Int {
    Out.text(corrupt)
    return 9
  }

  /// Whether names are decoded as UTF-8 (GNU's `mbrtowc` in the locale
  /// `setlocale (LC_CTYPE, "")` chooses from `LC_ALL`, `LC_CTYPE` or
  /// `LANG`). Decided once, when a name first has a byte above 0x7f.
  static let utf8Locale: Bool = {
    let environment = Program.environment
    for variable in 0..<3 {
      let value: CString?
      switch variable {
      case 0: value = environment["LC_ALL"]
      case 1: value = environment["LC_CTYPE"]
      default: value = environment["LANG"]
      }
      guard let value, value.bytes.count > 0 else { continue }
      return isUTF8Locale(value.bytes)
    }
    return false
  }()

  /// Whether glibc would load `name` as a UTF-8 locale: its codeset must
  /// be UTF-8 (``isUTF8Codeset(_:)``), and the locale must exist, else
  /// `setlocale` fails and the C locale stays. `C.UTF-8` is built into
  /// glibc; others are looked for as glibc looks for them, in
  /// `/usr/lib/locale` (the name as given, or with the codeset written
  /// `utf8`); a `locale-archive` there is taken to hold it (its index is
  /// not read).
  static func isUTF8Locale(_ name: UnsafeRawBufferPointer) -> Bool {
    guard isUTF8Codeset(name), let dot = name.firstIndex(of: UInt8(ascii: ".")) else { return false }
    let language = UnsafeRawBufferPointer(rebasing: name[..<dot])
    if language.elementsEqual("C".utf8) || language.elementsEqual("POSIX".utf8) { return true }
    let modifier = name.firstIndex(of: UInt8(ascii: "@")).map { UnsafeRawBufferPointer(rebasing: name[$0...]) }
    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
    let utf8: StaticString = ".utf8"
    let normalized = UnsafeRawBufferPointer(start: utf8.utf8Start, count: utf8.utf8CodeUnitCount)
    let archive: StaticString = "locale-archive"
    return localeFileExists(name, empty, empty)
      || localeFileExists(language, normalized, modifier ?? empty)
      || localeFileExists(UnsafeRawBufferPointer(start: archive.utf8Start, count: archive.utf8CodeUnitCount), empty, empty)
  }

  /// Whether a locale name (`language_TERRITORY.codeset@modifier`) names
  /// the UTF-8 codeset (compared as glibc normalizes codesets: case and
  /// punctuation ignored).
  static func isUTF8Codeset(_ name: UnsafeRawBufferPointer) -> Bool {
    guard let dot = name.firstIndex(of: UInt8(ascii: ".")) else { return false }
    // "utf8" after lowercasing and dropping everything but letters and digits.
    let wanted: StaticString = "utf8"
    var matched = 0
    var index = dot + 1
    while index < name.count, name[index] != UInt8(ascii: "@") {
      var c = name[index]
      index += 1
      if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { c += 32 }
      let alphanumeric = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
      guard alphanumeric else { continue }
      guard matched < 4, c == wanted.utf8Start[matched] else { return false }
      matched += 1
    }
    return matched == 4
  }

  /// Whether `/usr/lib/locale/` followed by the three parts exists.
  static func localeFileExists(
    _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ c: UnsafeRawBufferPointer
  ) -> Bool {
    let directory: StaticString = "/usr/lib/locale/"
    var path: [UInt8] = []
    path.reserveCapacity(directory.utf8CodeUnitCount + a.count + b.count + c.count + 1)
    path.append(contentsOf: UnsafeRawBufferPointer(start: directory.utf8Start, count: directory.utf8CodeUnitCount))
    path.append(contentsOf: a)
    path.append(contentsOf: b)
    path.append(contentsOf: c)
    path.append(0)
    guard !path.dropLast().contains(0) else { return false }
    return path.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      do throws(Errno) {
        _ = try FileSystem.status(of: NullTerminatedPath(base))
        return true
      } catch {
        return false
      }
    }
  }

  /// The length of the UTF-8 character starting at `p[0]` (a byte ≥ 0x80)
  /// as glibc's `mbrtowc` accepts it, or 0 if it rejects it (`EILSEQ`).
  ///
  /// glibc's decoder (iconv/gconv_simple.c, `utf8_internal_loop`) takes
  /// the old ISO 10646 forms of up to six bytes (values up to
  /// 0x7fffffff, beyond U+10FFFF), refuses lead bytes 0x80–0xc1 and
  /// 0xfe–0xff, overlong forms and surrogates. `available` bounds the
  /// look-ahead (the NUL ending a name is not a continuation byte, so a
  /// sequence cut short by it is rejected, as glibc rejects it).
  @inline(never)
  static func utf8Length(_ p: UnsafePointer<UInt8>, available: Int) -> Int {
    let lead = p[0]
    var count: Int
    var value: UInt32
    switch lead {
    case 0xc2...0xdf: count = 2; value = UInt32(lead & 0x1f)
    case 0xe0...0xef: count = 3; value = UInt32(lead & 0x0f)
    case 0xf0...0xf7: count = 4; value = UInt32(lead & 0x07)
    case 0xf8...0xfb: count = 5; value = UInt32(lead & 0x03)
    case 0xfc...0xfd: count = 6; value = UInt32(lead & 0x01)
    default: return 0
    }
    guard available >= count else { return 0 }
    for i in 1..<count {
      let c = p[i]
      guard c & 0xc0 == 0x80 else { return 0 }
      value = value << 6 | UInt32(c & 0x3f)
    }
    // Overlong: the value would fit in fewer bytes.
    if count > 2 && value >> UInt32(5 * count - 4) == 0 { return 0 }
    if value >= 0xd800 && value <= 0xdfff { return 0 }
    return count
  }

  /// Writes a symbol name as GNU's `print_symbol` does in wide mode (no
  /// truncation); returns the number of columns written.
  ///
  /// Quirks reproduced (libiberty's `safe-ctype` classes, then printf):
  /// - printable ASCII (0x20–0x7e) as is;
  /// - control characters 0x01–0x1f and DEL (0x7f) as `^` and the byte
  ///   plus 0x40 (so DEL is `^` and the byte 0xbf: `safe-ctype` counts DEL
  ///   as a control character, and GNU's `<DEL>` branch is never taken);
  /// - any other byte is written as is, and in a UTF-8 locale the
  ///   continuation bytes of a valid character are then skipped: GNU
  ///   writes one byte (`%.1s`) and steps over the character's length
  ///   as `mbrtowc` gives it. So `é` (c3 a9) is written as the byte c3.
  @discardableResult
  static func write(_ name: UnsafeRawBufferPointer) -> Int {
    guard let base = name.baseAddress else { return 0 }
    return write(from: base.assumingMemoryBound(to: UInt8.self), limit: name.count)
  }

  /// Writes the name at `offset` of the string table `strings` as
  /// ``write(_:)`` does (up to its NUL or the end of the table, as
  /// ``string(in:at:)`` delimits it), finding its end as it goes; returns
  /// the columns written, or `nil` (nothing written) if `offset` is not
  /// inside the table. One pass over the name: the symbol tables' hot
  /// path.
  @inline(__always)
  static func writeName(in strings: UnsafeRawBufferPointer, at offset: UInt64) -> Int? {
    guard offset < UInt64(strings.count), let base = strings.baseAddress else { return nil }
    return write(from: base.assumingMemoryBound(to: UInt8.self) + Int(offset), limit: strings.count - Int(offset))
  }

  /// The bytes 0x00–0x1f, 0x7f and 0x80–0xff of a word of eight (as 0x80
  /// in their byte, exact for the lowest one; higher flags may be false):
  /// the bytes ``write(from:limit:)`` cannot copy as they are.
  @inline(__always)
  static func specialBytes(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let control = (w &- 0x20 &* ones) & ~w & highs
    let del = w ^ (0x7f &* ones)
    return control | (w & highs) | ((del &- ones) & ~del & highs)
  }

  /// The loop of ``write(_:)``: the bytes from `p` up to a NUL or `limit`.
  ///
  /// Implementation notes: printable ASCII, nearly all of a name, is
  /// copied eight bytes at a time (``specialBytes(_:)`` finds the first
  /// byte that is not); words are read only while eight bytes remain
  /// before `limit`, so nothing past the table is touched. Output is
  /// reserved per 4096 input bytes, twice over (`^X`) plus a word.
  static func write(from p: UnsafePointer<UInt8>, limit: Int) -> Int {
    let raw = UnsafeRawPointer(p)
    var columns = 0
    var i = 0
    scan: while i < limit {
      let chunkEnd = Swift.min(limit, i + 4096)
      let out = Out.reserve(2 * (chunkEnd - i) + 8)
      var o = 0
      while i < chunkEnd {
        if limit - i >= 8 {
          let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
          let special = specialBytes(w)
          UnsafeMutableRawPointer(out + o).storeBytes(of: w.littleEndian, as: UInt64.self)
          if special == 0 {
            o += 8
            i += 8
            continue
          }
          let plain = special.trailingZeroBitCount >> 3
          o += plain
          i += plain
        }
        let c = p[i]
        if c >= 0x20 && c < 0x7f {
          out[o] = c
          o += 1
          i += 1
        } else if c == 0 {
          Out.count += o
          columns += o
          break scan
        } else if c < 0x20 || c == 0x7f {
          out[o] = UInt8(ascii: "^")
          out[o + 1] = c &+ 0x40
          o += 2
          i += 1
        } else {
          out[o] = c
          o += 1
          i += utf8Locale ? Swift.max(1, utf8Length(p + i, available: limit - i)) : 1
        }
      }
      Out.count += o
      columns += o
    }
    return columns
  }

  /// Writes a name as ``write(_:)`` and pads it with spaces to `width`
  /// columns (`print_symbol` with a negative width).
  static func write(_ name: UnsafeRawBufferPointer, padTo width: Int) {
    let written = write(name)
    if written < width { Out.spaces(width - written) }
  }
}
