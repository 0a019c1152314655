/*
 * origin-rpath, origin-runpath, runpath-not-inherited (PIE): print which
 * libleaf.so libmid.so got.
 *
 * - origin-rpath: DT_RPATH $ORIGIN/deep; deep/libmid.so has no path of its
 *   own, and DT_RPATH of the executable also applies to the libraries it
 *   loads: deep/libleaf.so.
 * - origin-runpath: DT_RUNPATH $ORIGIN/deep2; deep2/libmid.so has
 *   DT_RUNPATH $ORIGIN/../leaf2, relative to the library's own directory:
 *   leaf2/libleaf.so.
 * - runpath-not-inherited: DT_RUNPATH $ORIGIN/deep3:$ORIGIN/deep;
 *   deep3/libmid.so has no path of its own, and DT_RUNPATH applies only to
 *   the object's own DT_NEEDED: libleaf.so must not be found (an error).
 */
#include "nolibc.h"

extern const char *mid_leaf_where(void);

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put("libleaf.so found in: "), put(mid_leaf_where()), put("\n");
  return 0;
}
