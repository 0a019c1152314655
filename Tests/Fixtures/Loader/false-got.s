; The seed book's dynamic false: RC is read through the GOT, whose entry
; the dynamic linker fills (R_X86_64_GLOB_DAT against RC from rc.so).
; Linked non-PIE (false-dynamic) and PIE (false-pie).
global _start
extern RC:data

section .text
_start:
    mov rax,[rel RC wrt ..got]
    mov rdi,[rax]
    mov rax,0x3c
    syscall
