/*
 * ifunc (PIE) with libifunc.so: an ifunc of the program (IRELATIVE in a
 * PIE), an exported ifunc of a library called through the PLT, and a
 * library calling its own hidden ifunc (IRELATIVE in a library).
 */
#include "nolibc.h"

extern int lib_ifunc(void);
extern int lib_calls_local_ifunc(void);

static int implementation_four(void) { return 4; }
static int (*resolve_exe_ifunc(void))(void) { return implementation_four; }
static int exe_ifunc(void) __attribute__((ifunc("resolve_exe_ifunc")));

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put_value("R_X86_64_IRELATIVE in the program, exe_ifunc(): ", exe_ifunc());
  put_value("JUMP_SLOT to a library ifunc, lib_ifunc(): ", lib_ifunc());
  put_value("R_X86_64_IRELATIVE in the library, lib_calls_local_ifunc(): ", lib_calls_local_ifunc());
  return 0;
}
