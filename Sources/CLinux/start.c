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
