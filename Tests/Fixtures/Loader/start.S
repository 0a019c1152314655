/*
 * _start of the C fixture programs. The dynamic linker jumps here with the
 * kernel's register state (System V AMD64 ABI 3.4.1): rsp at argc, 16-byte
 * aligned, rdx a function to register with atexit or 0. What was found is
 * kept for the programs that print it (entry_rsp_mod16, entry_rdx); the
 * stack is then aligned so that a broken loader still gets a report rather
 * than a crash in an SSE instruction.
 *
 * main(argc, argv, envp) returns the exit status.
 */
  .text
  .globl _start
  .type _start, @function
_start:
  mov %rsp, %rax
  and $15, %rax
  mov %rax, entry_rsp_mod16(%rip)
  mov %rdx, entry_rdx(%rip)
  mov %rsp, entry_rsp(%rip)
  xor %ebp, %ebp
  mov (%rsp), %rdi
  lea 8(%rsp), %rsi
  lea 16(%rsp,%rdi,8), %rdx
  and $-16, %rsp
  call main
  mov %eax, %edi
  mov $231, %eax
  syscall
  hlt
  .size _start, . - _start

  .bss
  .balign 8
  .globl entry_rsp_mod16, entry_rdx, entry_rsp
  .hidden entry_rsp_mod16, entry_rdx, entry_rsp
entry_rsp_mod16: .quad 0
entry_rdx: .quad 0
entry_rsp: .quad 0

  .section .note.GNU-stack, "", @progbits
