// A small program for the readelf corpus: data, bss, relocations against
// libc, a constructor, TLS, a weak symbol and a function pointer table.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int counter = 42;
static int hidden;
char buffer[100];
const char *greeting = "hello";
static __thread int per_thread = 7;
int (*table[])(const char *) = { puts, atoi };

__attribute__((weak)) int weakly(void) { return 1; }
__attribute__((constructor)) static void setup(void) { hidden = 3; }

int main(int argc, char **argv) {
  per_thread += argc;
  strncpy(buffer, argc > 1 ? argv[1] : greeting, sizeof buffer - 1);
  printf("%s %d %d %d\n", buffer, counter + hidden, per_thread, weakly());
  return table[1]("0");
}
