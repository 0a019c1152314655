// The only C in the project: the x86-64 `syscall` instruction, the
// declarations of the few symbols that `start.c` defines in assembly, and
// the table through which `Linux` calls the vDSO (filled by `Runtime`).
//
// Register use follows the kernel's x86-64 entry convention (System V AMD64
// ABI, appendix A.2.1, and arch/x86/entry/entry_64.S): the number in rax,
// arguments in rdi, rsi, rdx, r10, r8, r9; the result in rax; the
// instruction itself overwrites rcx (return address) and r11 (rflags).
// "memory" is clobbered because the kernel may read or write any buffer the
// arguments point to.
#ifndef CLINUX_H
#define CLINUX_H

#define NL_INLINE static inline __attribute__((always_inline))

NL_INLINE long nl_syscall0(long n) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
  return r;
}

NL_INLINE long nl_syscall1(long n, long a1) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a1) : "rcx", "r11", "memory");
  return r;
}

NL_INLINE long nl_syscall2(long n, long a1, long a2) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a1), "S"(a2) : "rcx", "r11", "memory");
  return r;
}

NL_INLINE long nl_syscall3(long n, long a1, long a2, long a3) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a1), "S"(a2), "d"(a3) : "rcx", "r11", "memory");
  return r;
}

NL_INLINE long nl_syscall4(long n, long a1, long a2, long a3, long a4) {
  long r;
  register long r10 __asm__("r10") = a4;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10) : "rcx", "r11", "memory");
  return r;
}

NL_INLINE long nl_syscall5(long n, long a1, long a2, long a3, long a4, long a5) {
  long r;
  register long r10 __asm__("r10") = a4;
  register long r8 __asm__("r8") = a5;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8) : "rcx", "r11", "memory");
  return r;
}

NL_INLINE long nl_syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6) {
  long r;
  register long r10 __asm__("r10") = a4;
  register long r8 __asm__("r8") = a5;
  register long r9 __asm__("r9") = a6;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}

/// The vDSO's entry points (vdso(7); the x86-64 signatures of
/// arch/x86/entry/vdso/vclock_gettime.c, vgetcpu.c and vgetrandom.c): each
/// returns what the system call of the same name returns (0 or -errno;
/// `time` the seconds), and handles what it cannot do itself by making
/// that system call. A null pointer means "not available: make the system
/// call". Filled by the runtime's binder (`nl_vdso_bind`) on the first
/// call of a time function; defined in start.c so that `Linux` can read it
/// inline, without knowing the runtime.
struct nl_vdso_table {
  int (*clock_gettime)(int clock, void *time);
  int (*gettimeofday)(void *time, void *zone);
  long (*time)(long *seconds);
  int (*clock_getres)(int clock, void *resolution);
  long (*getcpu)(unsigned *cpu, unsigned *node, void *cache);
  long (*getrandom)(void *buffer, unsigned long length, unsigned flags, void *state, unsigned long state_length);
  /// Nonzero once the binder has looked for the vDSO (found or not).
  long bound;
};
extern struct nl_vdso_table nl_vdso;

/// The table, for Swift (which may not touch a mutable C global directly
/// under strict concurrency checking); inlined to its address.
NL_INLINE struct nl_vdso_table *nl_vdso_entries(void) { return &nl_vdso; }

/// Fills `nl_vdso` from the vDSO and sets `bound`. Defined by the runtime
/// (`Runtime/VDSO.swift`) in freestanding programs only, and weak here: a
/// program without the runtime, or a hosted one (where glibc owns the
/// process), has none, and `Linux` makes the system calls.
void nl_vdso_bind(struct nl_vdso_table *table) __attribute__((weak));

/// Runs the binder unless it has run or there is none; out of line, so the
/// fast path of a time function stays a load, a test and a call.
static inline __attribute__((noinline, cold)) void nl_vdso_bind_once(void) {
  if (!nl_vdso.bound && nl_vdso_bind) nl_vdso_bind(&nl_vdso);
}

/// The signal-return trampoline handed to the kernel as `sa_restorer`
/// (SA_RESTORER). The kernel's signal frame sits exactly at rsp when a
/// handler returns into it, so it must be two instructions with no prologue:
/// `mov $15, %eax; syscall` (rt_sigreturn). A Swift function would push a
/// frame first. Defined in start.c.
void nl_signal_restorer(void);

/// Enters a loaded program as the kernel does (System V AMD64 ABI §3.4.1):
/// rsp = `stack` (argc there, 16-byte aligned), rdx = 0 (no termination
/// function), every other general register zero but the scratch register
/// holding `entry`, direction flag clear; then jumps to `entry`. Never
/// returns. Defined in start.c (loader tools).
__attribute__((noreturn)) void nl_enter(const void *entry, const void *stack);

/// `__tls_get_addr` for programs run by the loader (general-dynamic TLS):
/// `argument` points at {module, offset}; returns the variable's address,
/// `dtv[module] + offset`, the dynamic thread vector being at fs:8.
/// Defined in start.c; the loader binds the name `__tls_get_addr` to it.
void *nl_tls_get_addr(const unsigned long *argument);

/// The run-time address of the program's own ELF header (the linker's
/// `__ehdr_start`), for a program that must find itself (ld.so).
extern const char __ehdr_start[];
NL_INLINE const void *nl_image_header(void) { return __ehdr_start; }

/// The C `main` that the Swift compiler emits for `main.swift` top-level
/// code and for `@main` types. The runtime calls it after startup.
int main(int argc, char **argv);

#endif
