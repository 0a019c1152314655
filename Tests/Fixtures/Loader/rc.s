; The seed book's rc.s: one global byte, the exit status of the false
; programs. Built as rc.o (static links) and rc.so (ld -shared).
global RC:data
section .data
RC: db 1
