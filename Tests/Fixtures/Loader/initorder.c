/*
 * initorder (PIE): initializers of a dependency graph with a shared node
 * (a diamond) and a chain:
 *
 *   initorder -> l, r      (DT_NEEDED in this order)
 *   l -> d;  r -> d, l;  d -> a;  a -> b;  b -> c
 *
 * d is reached through l and through r; r also needs l. The only order
 * with every library's dependencies initialized first is c b a d l r
 * (reverse breadth-first load order, l r d a b c reversed, would be wrong:
 * it runs r before l). Each library checks its own dependencies at init.
 *
 * The program's own .init_array entry must not run: neither glibc's
 * ld.so nor ours runs the executable's initializers (libc's start code
 * does, and this program has none).
 */
#include "nolibc.h"

/* The libraries this program needs; each library checks its own. */
extern int ready_l, ready_r;

static void program_initializer(void) { put("program .init_array ran\n"); }
__attribute__((used, section(".init_array"))) static void (*const initializers[])(void) = {program_initializer};

int main(int argc, char **argv) {
  put_value("main: argc=", argc);
  put_check("main: l and r initialized: ", ready_l == 3 && ready_r == 3);
  (void)argv;
  return 0;
}
