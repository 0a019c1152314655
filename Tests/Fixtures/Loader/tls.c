/*
 * tls (PIE) with libtls.so and libtls2.so: the program's own TLS
 * (local-exec, module 1), libraries' TLS read from the program in the
 * initial-exec model (R_X86_64_TPOFF64 in the program's GOT) and from the
 * libraries (general-dynamic, local-dynamic, initial-exec). Each variable
 * is checked by value and by address as seen from both sides, and fs:0
 * must hold the thread pointer itself (x86-64 TLS ABI: the TCB's first
 * word points to the TCB).
 */
#include "nolibc.h"

extern __thread long tls_gd;
extern __thread long tls_ie;
extern __thread long tls_zero;
extern __thread int tls2_value;
extern long tls_read_gd(void);
extern long *tls_gd_address(void);
extern long tls_read_local(void);
extern void tls_bump_local(void);
extern long tls_read_ie(void);
extern long *tls_ie_address(void);
extern long tls_read_zero(void);
extern char *tls_aligned_address(void);
extern int tls2_read(void);
extern int *tls2_address(void);

__thread int main_tls = 9;
__thread int main_tbss;

static unsigned long thread_pointer_from_kernel(void) {
  unsigned long base = 0;
  syscall3(158 /* arch_prctl */, 0x1003 /* ARCH_GET_FS */, (long)&base, 0);
  return base;
}

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  unsigned long fs0;
  __asm__ volatile("mov %%fs:0, %0" : "=r"(fs0));
  put_check("fs:0 holds the thread pointer: ", fs0 != 0 && fs0 == thread_pointer_from_kernel());
  put_value("program main_tls: ", main_tls);
  put_value("program main_tbss: ", main_tbss);
  put_value("library tls_gd (general dynamic): ", tls_read_gd());
  put_value("library tls_local (local dynamic): ", tls_read_local());
  put_value("library tls_ie (initial exec, TPOFF64): ", tls_read_ie());
  put_value("library tls_zero (.tbss): ", tls_read_zero());
  put_value("library tls2_value (second module): ", tls2_read());
  put("library tls_aligned: "), put(tls_aligned_address()), put("\n");
  put_check("tls_aligned is 64-byte aligned: ", ((unsigned long)tls_aligned_address() & 63) == 0);
  put_value("program reads tls_gd (TPOFF64): ", tls_gd);
  put_value("program reads tls_ie (TPOFF64): ", tls_ie);
  put_value("program reads tls_zero (TPOFF64): ", tls_zero);
  put_value("program reads tls2_value (TPOFF64): ", tls2_value);
  put_check("same tls_gd from program and library: ", &tls_gd == tls_gd_address());
  put_check("same tls_ie from program and library: ", &tls_ie == tls_ie_address());
  put_check("same tls2_value from program and library: ", &tls2_value == tls2_address());
  put_check("TLS blocks are below the thread pointer: ",
            (unsigned long)&main_tls < fs0 && (unsigned long)&tls_gd < fs0 && (unsigned long)&tls2_value < fs0);
  tls_gd = 50;
  tls_ie = 70;
  tls2_value = 110;
  tls_bump_local();
  put_value("after writes, library tls_gd: ", tls_read_gd());
  put_value("after writes, library tls_ie: ", tls_read_ie());
  put_value("after writes, library tls2_value: ", tls2_read());
  put_value("after writes, library tls_local: ", tls_read_local());
  return 0;
}
