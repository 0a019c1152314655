/*
 * versions (PIE), needing libverother.so, libveruser.so and libver.so in
 * this order: the program binds the non-default ver_func@VER_1 (.symver on
 * an undefined symbol), libveruser.so the default ver_func@VER_2. Each
 * reference carries its version (verneed) and must skip
 * libverother.so's ver_func@@OTHER_1, which comes first in the lookup
 * scope.
 *
 * (GNU ld 2.40 writes a broken PLT relocation, R_X86_64_NONE, when one
 * program references two versions of ver_func with libverother.so before
 * libver.so on its command line: hence the second reference lives in
 * libveruser.so.)
 */
#include "nolibc.h"

extern int ver_func_old(void);
extern int call_ver_func_new(void);
extern int verother_present(void);
__asm__(".symver ver_func_old, ver_func@VER_1");

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put_value("libverother.so present: ", verother_present());
  put_value("ver_func@VER_1: ", ver_func_old());
  put_value("ver_func@VER_2 (from libveruser.so): ", call_ver_func_new());
  return 0;
}
