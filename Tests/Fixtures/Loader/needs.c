/*
 * The error-path programs (PIE) missing, notelf, wrongmachine, wrongclass,
 * truncated, tooshort: each needs one library (-DLIBRARY_FUNCTION=name)
 * that, at run time in errors/, is absent, not ELF, for another machine
 * (e_machine patched to EM_AARCH64), 32-bit, cut short after 1000 bytes,
 * or shorter than an ELF header.
 */
#include "nolibc.h"

extern int LIBRARY_FUNCTION(void);

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put("main reached\n");
  return LIBRARY_FUNCTION();
}
