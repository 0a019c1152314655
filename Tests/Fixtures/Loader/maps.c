/*
 * maps (PIE, -z now, with libuse.so and libdata.so): prints
 * /proc/self/maps, for the test that no mapping is writable and
 * executable and that every object's RELRO range is read-only. The
 * program's own RELRO holds local_table (8 KiB of relocated pointers), so
 * whole pages of it must be protected.
 */
#include "nolibc.h"

extern int use_call(void);

static const char *const local_table[1024] = {[0 ... 1023] = "local"};

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  if (use_call() != 43 || !text_equal(((const char *const volatile *)local_table)[1023], "local")) return 2;
  long fd = sys_open("/proc/self/maps", 0);
  if (fd < 0) return 3;
  char buffer[4096];
  long n;
  while ((n = sys_read((int)fd, buffer, sizeof buffer)) > 0) sys_write(1, buffer, (unsigned long)n);
  sys_close((int)fd);
  return n < 0 ? 4 : 0;
}
