# A 32-bit program in assembly: exit(0) through int $0x80.
        .globl _start
        .text
_start: movl $1, %eax
        xorl %ebx, %ebx
        int $0x80
        .data
value:  .long 42
