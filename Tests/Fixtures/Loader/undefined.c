/*
 * undefined, undefined-lazy (PIE): linked against a libgone.so that
 * defines gone_var and gone_function, run with one that does not.
 * undefined (BIND_NOW) reads gone_var (GLOB_DAT); undefined-lazy only
 * calls gone_function through a lazy PLT slot, which glibc's ld.so would
 * bind at the first call and ours binds at load: either way an error.
 */
#include "nolibc.h"

extern int gone_var;
extern int gone_function(void);

int main(int argc, char **argv) {
  (void)argv;
  put("main reached\n");
#ifdef READ_VAR
  return gone_var + argc;
#else
  return gone_function() + argc;
#endif
}
