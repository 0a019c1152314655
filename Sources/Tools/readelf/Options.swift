// What to display, as readelf's command line sets it.

struct Options {
  var fileHeader = false  // -h
  var programHeaders = false  // -l
  var sectionHeaders = false  // -S
  var sectionGroups = false  // -g
  var symbols = false  // -s
  var dynamicSymbols = false  // --dyn-syms
  var relocations = false  // -r
  var unwind = false  // -u
  var dynamic = false  // -d
  var versions = false  // -V
  var architecture = false  // -A
  var histogram = false  // -I
  var notes = false  // -n
  var wide = false  // -W

  /// Whether anything is to be displayed.
  var any: Bool {
    fileHeader || programHeaders || sectionHeaders || sectionGroups || symbols || dynamicSymbols || relocations
      || unwind || dynamic || versions || architecture || histogram || notes
  }

  /// `-a`: GNU's `-h -l -S -s -r -d -V -A -I` plus `-g -u -n`.
  mutating func setAll() {
    fileHeader = true
    programHeaders = true
    sectionHeaders = true
    sectionGroups = true
    symbols = true
    relocations = true
    unwind = true
    dynamic = true
    versions = true
    architecture = true
    histogram = true
    notes = true
  }

  /// `-e`: `-h -l -S`.
  mutating func setHeaders() {
    fileHeader = true
    programHeaders = true
    sectionHeaders = true
  }
}
