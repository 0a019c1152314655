// `-u`: unwind information, as GNU readelf 2.40 prints it
// (`process_unwind` in binutils' readelf.c). GNU decodes the unwind
// tables of only four architectures (ARM and TI C6000 EHABI tables, IA-64,
// PA-RISC); for x86 it says there is nothing processor-specific to decode
// (`.eh_frame` is DWARF, shown by `--debug-dump=frames`), and for other
// machines that it cannot.
//
// For ARM, C6000, IA-64 and PA-RISC this reproduces GNU's output for files
// without unwind sections; the decoding of the tables themselves is not
// implemented: for a file that has them, a warning says so (exit status 1)
// instead of output that would look complete.
import ELF
import Runtime

extension Dump {
  func unwind() throws(ELFError) {
    // GNU turns -u off when it could not read the section headers (its
    // section group pass, which -u runs too, fails only then).
    guard sectionHeadersReadable else { return }
    let machine = elf.machine.rawValue
    switch machine {
    case MachineNumber.i386, MachineNumber.x86_64:
      Out.text("No processor specific unwind information to decode\n")
    case MachineNumber.arm, MachineNumber.tiC6000, MachineNumber.ia64, MachineNumber.parisc:
      // GNU gives up without a section name table (ARM, C6000, PA-RISC;
      // IA-64 goes on, and finds no unwind section in a file without
      // section headers).
      let table = loadSections(report: false).map { SectionTable(elf, sections: $0, reportErrors: false) }
      guard let table, table.names != nil || machine == MachineNumber.ia64 else {
        if machine == MachineNumber.ia64 { Out.text("\nThere are no unwind sections in this file.\n") }
        return
      }
      var found = false
      var sawSymbolTable = false
      for section in table.headers {
        // GNU reads every symbol table on the way (for the names of the
        // functions) and gives up silently where it cannot.
        if section.type == .symbolTable {
          if sawSymbolTable { reportError { $0.append("Multiple symbol tables encountered") } }
          sawSymbolTable = true
          guard readsSymbolTable(section, table: table) else { return }
          continue
        }
        switch machine {
        case MachineNumber.arm: found = found || section.type.rawValue == 0x7000_0001  // SHT_ARM_EXIDX
        case MachineNumber.tiC6000: found = found || section.type.rawValue == 0x7000_0001  // SHT_C6000_UNWIND
        case MachineNumber.ia64: found = found || section.type.rawValue == 0x7000_0001  // SHT_IA_64_UNWIND
        default:  // PA-RISC: a section named `.PARISC.unwind`
          let name = SectionTable.text(".PARISC.unwind")
          if table.hasValidName(section), table.withName(of: section, { $0.elementsEqual(name) }) { found = true }
        }
      }
      if !found {
        Out.text("\nThere are no unwind sections in this file.\n")
      } else {
        // GNU decodes these machines' tables; this readelf does not, and
        // says so rather than print nothing.
        reportWarning { line in
          line.append("decoding the unwind tables of machine type ")
          line.append("0x")
          line.appendHex(UInt(machine))
          line.append(" is not implemented")
        }
      }
    default:
      Out.text("\nThe decoding of unwind sections for machine type ")
      writeMachineName(machine)
      Out.text(" is not currently supported.\n")
    }
  }
}

extension Dump {
  /// GNU's `get_symtab` for the unwind displays: whether the symbols and
  /// their string table can be read (reporting why not, as GNU does).
  fileprivate func readsSymbolTable(_ symbols: ELFFile.SectionHeader, table: SectionTable) -> Bool {
    let fileSize = UInt64(elf.bytes.count)
    guard symbolCount(of: symbols, table: table, fileSize: fileSize) != nil else { return false }
    guard symbols.link != 0 else { return true }
    guard symbols.link < UInt32(table.count) else {
      reportError { $0.append("Bad sh_link in symbol table section") }
      return false
    }
    let strings = table.headers[Int(symbols.link)]
    // GNU reads no bytes for an empty table, and takes that as failure.
    guard strings.size != 0 else { return false }
    guard strings.offset <= fileSize, strings.size <= fileSize - strings.offset else {
      reportError { line in
        line.append("Reading ")
        line.appendDecimal(Int(truncatingIfNeeded: strings.size))
        line.append(" bytes extends past end of file for string table")
      }
      return false
    }
    return true
  }
}
