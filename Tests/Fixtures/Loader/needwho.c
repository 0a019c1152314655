/*
 * needwho (PIE, no DT_RPATH or DT_RUNPATH): needs libwho.so, found only
 * through --library-path, LD_LIBRARY_PATH or a preload.
 */
#include "nolibc.h"

extern const char *who(void);

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put("who: "), put(who()), put("\n");
  return 0;
}
