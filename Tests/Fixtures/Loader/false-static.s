; The seed book's static false: an absolute reference to RC, resolved by
; ld -static (false-static).
global _start
extern RC:data

section .text
_start:
    mov rdi,[RC]
    mov rax,0x3c
    syscall
