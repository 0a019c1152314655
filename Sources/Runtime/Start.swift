#if Freestanding
import CLinux
import Linux

/// The first Swift code of a freestanding program; `_start` (in `CLinux`)
/// calls it with the initial stack pointer, which points at `argc`.
///
/// In order: remember where the initial stack is (arguments, environment
/// and auxiliary vector are read from it in place, on demand); install the
/// crash reporting (not with the `MinimalRuntime` trait); run the program's
/// `main`; exit with its status through ``Program/exit(_:)``, which flushes
/// standard output.
@_cdecl("swift_nolibc_start")
func start(_ stack: UnsafeMutableRawPointer) -> Never {
  InitialVectors.stackPointer = UnsafeRawPointer(stack)
  #if !MinimalRuntime
  CrashReporting.install()
  #endif
  let argc = stack.load(as: Int32.self)
  let argv = (stack + 8).assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
  Program.exit(CLinux.main(argc, argv))
}
#endif
