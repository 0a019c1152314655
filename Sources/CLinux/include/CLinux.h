// The only C in the project: the x86-64 `syscall` instruction, and the
// declarations of the few symbols that `start.c` defines in assembly.
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

/// The signal-return trampoline handed to the kernel as `sa_restorer`
/// (SA_RESTORER). The kernel's signal frame sits exactly at rsp when a
/// handler returns into it, so it must be two instructions with no prologue:
/// `mov $15, %eax; syscall` (rt_sigreturn). A Swift function would push a
/// frame first. Defined in start.c.
void nl_signal_restorer(void);

/// The C `main` that the Swift compiler emits for `main.swift` top-level
/// code and for `@main` types. The runtime calls it after startup.
int main(int argc, char **argv);

#endif
