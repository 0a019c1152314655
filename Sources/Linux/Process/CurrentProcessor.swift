extension Process {
  /// The CPU the calling thread is running on and that CPU's NUMA node.
  ///
  /// The answer may be stale as soon as it is returned: the scheduler can
  /// move the thread at any time (unless its affinity pins it to one CPU).
  ///
  /// Errors: none in practice (`EFAULT` only for bad buffers, which this
  /// wrapper never passes).
  ///
  /// The corresponding system call is `getcpu(2)` (the vDSO's
  /// `__vdso_getcpu`, which reads the CPU number without entering the
  /// kernel, when the runtime has bound it).
  @inlinable
  public static func currentProcessor() throws(Errno) -> (cpu: UInt32, node: UInt32) {
    var cpu: UInt32 = 0
    var node: UInt32 = 0
    let result = withUnsafeMutablePointer(to: &cpu) { cpu in
      withUnsafeMutablePointer(to: &node) { node in VDSOCalls.getcpu(cpu, node) }
    }
    _ = try Syscall.check(result)
    return (cpu, node)
  }
}
