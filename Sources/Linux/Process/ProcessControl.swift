extension Process {
  /// The longest thread name `PR_SET_NAME` keeps, without its NUL
  /// (`TASK_COMM_LEN` - 1 in `linux/sched.h`); longer names are cut.
  public static var threadNameMaximumLength: Int { 15 }

  /// `PR_*` options of `prctl` (`linux/prctl.h`) that this module wraps.
  @usableFromInline
  enum ControlOption {
    @usableFromInline static var setParentDeathSignal: Int { 1 }   // PR_SET_PDEATHSIG
    @usableFromInline static var getParentDeathSignal: Int { 2 }   // PR_GET_PDEATHSIG
    @usableFromInline static var getDumpable: Int { 3 }            // PR_GET_DUMPABLE
    @usableFromInline static var setDumpable: Int { 4 }            // PR_SET_DUMPABLE
    @usableFromInline static var setName: Int { 15 }               // PR_SET_NAME
    @usableFromInline static var getName: Int { 16 }               // PR_GET_NAME
    @usableFromInline static var getSeccomp: Int { 21 }            // PR_GET_SECCOMP
    @usableFromInline static var setNoNewPrivileges: Int { 38 }    // PR_SET_NO_NEW_PRIVS
    @usableFromInline static var getNoNewPrivileges: Int { 39 }    // PR_GET_NO_NEW_PRIVS
  }

  /// The raw `prctl`: `option` and up to four arguments, the kernel's
  /// result or its error. For options this module does not wrap.
  ///
  /// The corresponding system call is `prctl(2)`.
  @inlinable
  public static func control(
    _ option: Int32, _ a2: Int = 0, _ a3: Int = 0, _ a4: Int = 0, _ a5: Int = 0
  ) throws(Errno) -> Int {
    try Syscall.check(Syscall.call(.prctl, Int(option), a2, a3, a4, a5))
  }

  /// Names the calling thread (what `ps`, `top` and `/proc/self/comm`
  /// show). Names longer than ``threadNameMaximumLength`` bytes are cut.
  ///
  /// The corresponding system call is `prctl(2)` with `PR_SET_NAME`.
  @inlinable
  public static func setThreadName(_ name: some PathRepresentable) throws(Errno) {
    try name.withNullTerminatedPath { (pointer: UnsafePointer<CChar>) throws(Errno) in
      _ = try Syscall.check(Syscall.call(.prctl, ControlOption.setName, Int(UnsafeRawPointer(pointer))))
    }
  }

  /// Calls `body` with the calling thread's name (at most 15 bytes, no NUL).
  ///
  /// The corresponding system call is `prctl(2)` with `PR_GET_NAME`.
  @inlinable
  public static func withThreadName<R>(_ body: (UnsafeRawBufferPointer) -> R) throws(Errno) -> R {
    var buffer: (UInt64, UInt64) = (0, 0)  // TASK_COMM_LEN = 16 bytes
    return try withUnsafeMutableBytes(of: &buffer) { bytes throws(Errno) -> R in
      _ = try Syscall.check(Syscall.call(.prctl, ControlOption.getName, Int(UnsafeRawPointer(bytes.baseAddress))))
      var count = 0
      while count < 16 && bytes[count] != 0 { count += 1 }
      return body(UnsafeRawBufferPointer(rebasing: bytes[..<count]))
    }
  }

  /// The calling thread's name.
  ///
  /// The corresponding system call is `prctl(2)` with `PR_GET_NAME`.
  @inlinable
  public static func threadName() throws(Errno) -> String {
    try withThreadName { String(decoding: $0, as: UTF8.self) }
  }

  /// Asks for `signal` when the parent (the thread that created this
  /// process) ends; nil clears the request. Cleared in a child by `fork`
  /// and by executing a set-user-ID program.
  ///
  /// Errors: `EINVAL` for a signal number out of range.
  ///
  /// The corresponding system call is `prctl(2)` with `PR_SET_PDEATHSIG`.
  @inlinable
  public static func setParentDeathSignal(_ signal: Signal?) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.prctl, ControlOption.setParentDeathSignal, Int(signal?.rawValue ?? 0)))
  }

  /// The signal asked for when the parent ends, if any.
  ///
  /// The corresponding system call is `prctl(2)` with `PR_GET_PDEATHSIG`.
  @inlinable
  public static func parentDeathSignal() throws(Errno) -> Signal? {
    var value: Int32 = 0
    _ = try withUnsafeMutablePointer(to: &value) { pointer throws(Errno) in
      try Syscall.check(Syscall.call(.prctl, ControlOption.getParentDeathSignal, Int(UnsafeRawPointer(pointer))))
    }
    return value == 0 ? nil : Signal(rawValue: value)
  }

  /// Sets whether the process may dump core and be attached to with
  /// `ptrace` by processes of the same user. (Only 0 and 1 may be set; the
  /// kernel's value 2, "root only", comes from `suid_dumpable`.)
  ///
  /// The corresponding system call is `prctl(2)` with `PR_SET_DUMPABLE`.
  @inlinable
  public static func setDumpable(_ dumpable: Bool) throws(Errno) {
    _ = try Syscall.check(Syscall.call(.prctl, ControlOption.setDumpable, dumpable ? 1 : 0))
  }

  /// The dumpable attribute: 0 (not dumpable), 1 (dumpable) or 2 (core
  /// dumps readable by root only).
  ///
  /// The corresponding system call is `prctl(2)` with `PR_GET_DUMPABLE`.
  @inlinable
  public static func dumpable() throws(Errno) -> Int {
    try Syscall.check(Syscall.call(.prctl, ControlOption.getDumpable))
  }

  /// Sets the calling thread's `no_new_privs` bit, for good: `execve` will
  /// no longer grant privileges (set-user-ID bits, file capabilities), and
  /// unprivileged threads may install seccomp filters. Inherited by
  /// threads and children created afterwards; it cannot be cleared.
  ///
  /// The corresponding system call is `prctl(2)` with `PR_SET_NO_NEW_PRIVS`.
  @inlinable
  public static func setNoNewPrivileges() throws(Errno) {
    _ = try Syscall.check(Syscall.call(.prctl, ControlOption.setNoNewPrivileges, 1, 0, 0, 0))
  }

  /// Whether the calling thread's `no_new_privs` bit is set.
  ///
  /// The corresponding system call is `prctl(2)` with `PR_GET_NO_NEW_PRIVS`.
  @inlinable
  public static func noNewPrivileges() throws(Errno) -> Bool {
    try Syscall.check(Syscall.call(.prctl, ControlOption.getNoNewPrivileges, 0, 0, 0, 0)) != 0
  }

  /// The calling thread's seccomp mode: 0 (none), 1 (strict: this call
  /// would have killed it, so never seen) or 2 (filter).
  ///
  /// The corresponding system call is `prctl(2)` with `PR_GET_SECCOMP`.
  @inlinable
  public static func seccompMode() throws(Errno) -> Int {
    try Syscall.check(Syscall.call(.prctl, ControlOption.getSeccomp))
  }
}
