// Process entry and the signal-return trampoline: the only assembly in the
// project (see CLinux.h for why each must be assembly).

#include "CLinux.h"

// The restorer is needed in hosted builds too (the `Linux` module installs
// signal handlers with raw rt_sigaction there as well).
__asm__(
    ".text\n"
    ".globl nl_signal_restorer\n"
    ".type nl_signal_restorer,@function\n"
    "nl_signal_restorer:\n"
    "  mov $15, %eax\n"   // __NR_rt_sigreturn
    "  syscall\n"
    "  ud2\n"
    ".size nl_signal_restorer, .-nl_signal_restorer\n");

// The vDSO entry points (see CLinux.h): zero until the runtime binds them.
// In its own section so that --gc-sections drops it from programs that
// never ask for the time.
struct nl_vdso_table nl_vdso __attribute__((section(".bss.nl_vdso")));

// Entering a loaded program (see CLinux.h). Each in its own section: only
// the loader tools keep them. (Not freestanding-only: hosted builds of the
// tools link too, though only freestanding ones can run a program.)
__asm__(
    ".section .text.nl_enter,\"ax\",@progbits\n"
    ".globl nl_enter\n"
    ".type nl_enter,@function\n"
    "nl_enter:\n"
    "  mov %rsi, %rsp\n"
    "  mov %rdi, %r11\n"
    "  xor %eax, %eax\n"
    "  xor %ebx, %ebx\n"
    "  xor %ecx, %ecx\n"
    "  xor %edx, %edx\n"
    "  xor %esi, %esi\n"
    "  xor %edi, %edi\n"
    "  xor %ebp, %ebp\n"
    "  xor %r8d, %r8d\n"
    "  xor %r9d, %r9d\n"
    "  xor %r10d, %r10d\n"
    "  xor %r12d, %r12d\n"
    "  xor %r13d, %r13d\n"
    "  xor %r14d, %r14d\n"
    "  xor %r15d, %r15d\n"
    "  cld\n"
    "  jmp *%r11\n"
    ".size nl_enter, .-nl_enter\n"
    ".section .text.nl_tls_get_addr,\"ax\",@progbits\n"
    ".globl nl_tls_get_addr\n"
    ".type nl_tls_get_addr,@function\n"
    "nl_tls_get_addr:\n"
    "  mov %fs:8, %rax\n"
    "  mov (%rdi), %rcx\n"
    "  mov (%rax,%rcx,8), %rax\n"
    "  add 8(%rdi), %rax\n"
    "  ret\n"
    ".size nl_tls_get_addr, .-nl_tls_get_addr\n"
    ".text\n");

#ifdef NOLIBC_FREESTANDING
// The kernel starts a process here with rsp pointing at argc (System V AMD64
// ABI §3.4.1, "Initial Stack and Register State"). We
//   - zero rbp, the ABI's mark of the outermost frame,
//   - hand the initial stack pointer to Swift in rdi,
//   - align rsp to 16 ourselves: the kernel does so, but other loaders
//     (musl's dynamic loader among them) may enter with rsp misaligned,
//   - `call`, so that the Swift function sees the ABI's rsp+8 alignment on
//     entry.
// The Swift side never returns; ud2 makes that an immediate trap if it did.
#ifndef NOLIBC_STATIC_PIE
__asm__(
    ".text\n"
    ".globl _start\n"
    ".type _start,@function\n"
    "_start:\n"
    "  xor %ebp, %ebp\n"
    "  mov %rsp, %rdi\n"
    "  and $-16, %rsp\n"
    "  call swift_nolibc_start\n"
    "  ud2\n"
    ".size _start, .-_start\n");
#endif

// The entry of a static position-independent executable (the `StaticPIE`
// trait makes it `_start`; the loader tools, always static-PIE, name it
// with `-e`). Same as above, but first the image relocates itself
// (Runtime's `relocateSelf`, given the run-time address of its own ELF
// header, which `lea` computes PC-relatively, with no relocation) before
// any Swift code reads a global. rbx, callee-saved, keeps the initial
// stack pointer across that call. In its own section, so that programs
// entered at `_start` do not carry it.
__asm__(
    ".section .text.nl_start_pie,\"ax\",@progbits\n"
    ".globl nl_start_pie\n"
    ".type nl_start_pie,@function\n"
#ifdef NOLIBC_STATIC_PIE
    ".globl _start\n"
    ".type _start,@function\n"
    "_start:\n"
#endif
    "nl_start_pie:\n"
    "  xor %ebp, %ebp\n"
    "  mov %rsp, %rbx\n"
    "  and $-16, %rsp\n"
    "  lea __ehdr_start(%rip), %rdi\n"
    "  call swift_nolibc_relocate_self\n"
    "  mov %rbx, %rdi\n"
    "  call swift_nolibc_start\n"
    "  ud2\n"
    ".size nl_start_pie, .-nl_start_pie\n"
    ".text\n");

// malloc and free are names the Swift compiler reserves for its runtime and
// warns about when a Swift function takes them with @_cdecl ("this will
// become an error"). These two one-line forwarders compile to a single `jmp`
// to the Swift allocator's entry points.
typedef __SIZE_TYPE__ nl_size_t;
void *swift_nolibc_malloc(nl_size_t size);
void swift_nolibc_free(void *pointer);
void *malloc(nl_size_t size) { return swift_nolibc_malloc(size); }
void free(void *pointer) { swift_nolibc_free(pointer); }
#endif
