/*
 * copyreloc: a non-PIE executable (ET_EXEC, -fno-pie) using libdata.so.
 *
 * - data_value, data_array, data_name are read with absolute addresses:
 *   R_X86_64_COPY. data_name is a pointer that libdata.so relocates
 *   (RELATIVE), so the copy must be made after that relocation.
 *   libdata.so's own GOT entries (GLOB_DAT) must then point at the copies.
 * - data_get is called through the PLT (JUMP_SLOT) and its address is
 *   taken: the program's PLT entry is its canonical address, which
 *   libdata.so's GLOB_DAT against data_get must also give.
 * - exe_ifunc is an ifunc of the program itself: R_X86_64_IRELATIVE.
 */
#include "nolibc.h"

extern int data_value;
extern long data_array[4];
extern const char *data_name;
extern int data_get(void);
extern int *data_address(void);
extern int (*data_get_address(void))(void);

static int implementation_one(void) { return 1; }
static int implementation_two(void) { return 2; }
static int (*resolve_exe_ifunc(void))(void) { return implementation_two; }
int exe_ifunc(void) __attribute__((ifunc("resolve_exe_ifunc")));

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put_value("R_X86_64_COPY data_value: ", data_value);
  put_value("R_X86_64_COPY data_array[3]: ", data_array[3]);
  put("R_X86_64_COPY data_name (relocated before the copy): "), put(data_name), put("\n");
  put_check("library's GOT points at the copy of data_value: ", data_address() == &data_value);
  data_value = 5;
  put_value("after data_value = 5, data_get(): ", data_get());
  put_check("library's GOT gives the canonical data_get: ", data_get_address() == data_get);
  put_value("R_X86_64_IRELATIVE exe_ifunc(): ", exe_ifunc());
  (void)implementation_one;
  return 0;
}
