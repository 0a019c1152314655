/*
 * libifunc.so: GNU indirect functions (ifuncs) in a library.
 *
 * - lib_ifunc is exported: the program's JUMP_SLOT against it must call
 *   the resolver and bind to what it returns.
 * - local_ifunc is hidden and called from inside the library:
 *   R_X86_64_IRELATIVE (the resolver's address as addend).
 * The resolvers pick by a constant so both loaders agree on the result.
 */
#include "nolibc.h"

static int implementation_one(void) { return 1; }
static int implementation_two(void) { return 2; }
static int implementation_three(void) { return 3; }

static int (*resolve_lib_ifunc(void))(void) { return implementation_two; }
static int (*resolve_local_ifunc(void))(void) { return implementation_three; }

int lib_ifunc(void) __attribute__((ifunc("resolve_lib_ifunc")));
__attribute__((visibility("hidden"))) int local_ifunc(void) __attribute__((ifunc("resolve_local_ifunc")));

int lib_calls_local_ifunc(void) { return local_ifunc() * 10 + implementation_one(); }
