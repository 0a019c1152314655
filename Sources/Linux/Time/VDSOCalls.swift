import CLinux

/// The calls the vDSO can answer without entering the kernel
/// (`clock_gettime`, `gettimeofday`, `time`, `clock_getres`, `getcpu`):
/// through the vDSO when the runtime has bound it, through the system call
/// otherwise.
///
/// Implementation notes: this module must not know the runtime (the
/// runtime depends on it), so the two meet in C. `CLinux` defines a table
/// of entry points, `nl_vdso`, zero at startup, and declares a weak
/// function `nl_vdso_bind`. The runtime defines that function in
/// freestanding programs (`Runtime/VDSO.swift`): it finds the vDSO through
/// `AT_SYSINFO_EHDR`, looks up the entry points with the `ELF` module and
/// fills the table. The first call of a time function finds its pointer
/// null and runs the binder once (`nl_vdso_bind_once`); every later call
/// is a load of the pointer, a test and an indirect call, inlined into the
/// caller. Nothing runs at startup, and a program that never asks for the
/// time links neither the binder nor the table (`--gc-sections`).
///
/// Without a binder (hosted programs, where glibc owns the process and the
/// runtime leaves the symbol undefined; a program without the runtime) the
/// pointers stay null and the system call is made.
///
/// The vDSO returns what the system call returns (0 or `-errno`) and makes
/// the system call itself for what it cannot answer (a CPU-time clock, an
/// unknown clock id, a clock source it cannot read from user space; see
/// `lib/vdso/gettimeofday.c`). Should it still return an error, the system
/// call is made and its answer used, so that errors are always the
/// kernel's own. A failing call therefore costs two tries, a successful one
/// none.
///
/// The binder writes each pointer once, with the same value whoever runs
/// it, so two threads binding at once do no harm.
@usableFromInline
enum VDSOCalls {
  /// The table after the binder has run (or had nothing to run).
  @usableFromInline @inline(never)
  static func bound() -> nl_vdso_table {
    nl_vdso_bind_once()
    return nl_vdso_entries().pointee
  }

  /// `clock_gettime(clock, time)`: 0 or `-errno`.
  @inlinable @inline(__always)
  static func clockGettime(_ clock: Int32, _ time: UnsafeMutableRawPointer) -> Int {
    if let function = nl_vdso_entries().pointee.clock_gettime ?? bound().clock_gettime, function(clock, time) == 0 { return 0 }
    return Syscall.call(.clock_gettime, Int(clock), Int(bitPattern: time))
  }

  /// `clock_getres(clock, resolution)`: 0 or `-errno`.
  @inlinable @inline(__always)
  static func clockGetres(_ clock: Int32, _ resolution: UnsafeMutableRawPointer) -> Int {
    if let function = nl_vdso_entries().pointee.clock_getres ?? bound().clock_getres, function(clock, resolution) == 0 { return 0 }
    return Syscall.call(.clock_getres, Int(clock), Int(bitPattern: resolution))
  }

  /// `gettimeofday(time, NULL)`: 0 or `-errno`.
  @inlinable @inline(__always)
  static func gettimeofday(_ time: UnsafeMutableRawPointer) -> Int {
    if let function = nl_vdso_entries().pointee.gettimeofday ?? bound().gettimeofday, function(time, nil) == 0 { return 0 }
    return Syscall.call(.gettimeofday, Int(bitPattern: time), 0)
  }

  /// `time(NULL)`: the seconds since the epoch (it cannot fail).
  @inlinable @inline(__always)
  static func time() -> Int {
    if let function = nl_vdso_entries().pointee.time ?? bound().time { return function(nil) }
    return Syscall.call(.time, 0)
  }

  /// `getcpu(cpu, node, NULL)`: 0 or `-errno`.
  @inlinable @inline(__always)
  static func getcpu(_ cpu: UnsafeMutablePointer<UInt32>, _ node: UnsafeMutablePointer<UInt32>) -> Int {
    if let function = nl_vdso_entries().pointee.getcpu ?? bound().getcpu, function(cpu, node, nil) == 0 { return 0 }
    return Syscall.call(.getcpu, Int(bitPattern: cpu), Int(bitPattern: node), 0)
  }
}
