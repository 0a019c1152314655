/* Peer: hello world through the C library (static glibc, static musl). */
#include <stdio.h>
int main(void) { puts("hello world"); return 0; }
