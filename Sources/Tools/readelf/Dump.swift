// One file's display: the parts in the order GNU readelf prints them
// (process_object in binutils' readelf.c): file header, section headers,
// section groups, program headers, dynamic section, relocations, unwind
// information, symbol tables and histogram, version sections, notes,
// architecture-specific information.
import ELF

struct Dump {
  let elf: ELFFile
  let options: Options

  func run() throws(ELFError) {
    if options.fileHeader { try fileHeader() }
    // GNU reads the section and program headers whatever it displays, and
    // reports what is wrong with them: these display with -S and -l, and
    // otherwise only report. The section groups are read for -g and -u.
    try sectionHeaders()
    try sectionGroups()
    try programHeaders()
    // GNU reads the dynamic table whatever it displays (and reports a bad
    // DT_SYMINENT even for -r or -n); it prints it with -d only.
    try dynamicSection()
    if options.relocations { try relocations() }
    if options.unwind { try unwind() }
    if options.symbols || options.dynamicSymbols || options.histogram { try symbolTables() }
    // The DT_SYMINFO table, printed with -d after the symbol tables.
    if options.dynamic { try dynamicSymbolInfo() }
    if options.versions { try versionSections() }
    if options.notes { try notes() }
  }
}
