/*
 * relocs (PIE) and relocs-now (PIE, -z now), with libuse.so and libdata.so
 * found through DT_RPATH $ORIGIN/relr or $ORIGIN/rela: every data and code
 * relocation between objects, checked by value. The same sources are built
 * twice: relr/ libraries packed with DT_RELR and lazy PLT; rela/ libraries
 * with plain RELATIVE relocations and BIND_NOW.
 *
 * The program's own pointers (local_names, local_pointer) are RELATIVE
 * (RELR in relocs). gcc reads extern data directly in a PIE on x86-64, so
 * data_value, data_array, data_name, ... are COPY relocations in the
 * program, which libdata.so's GLOB_DAT relocations must then find; the
 * functions are JUMP_SLOT (and GLOB_DAT where their address is taken).
 */
#include "nolibc.h"

extern int data_value;
extern long data_array[4];
extern const char *data_name;
extern const char *const data_names[3];
extern const char *const data_table[1024];
extern int data_get(void);
extern int data_add(int);
extern int *data_address(void);
extern int *data_near_address(void);
extern int (*data_get_address(void))(void);

extern int *use_pointer;
extern long *use_array_end;
extern int (*use_function)(void);
extern int use_call(void);
extern long use_sum(void);
extern int *use_pc32_target(void);
extern int use_weak_missing(void);

extern int weak_missing_in_program __attribute__((weak));

static int local_function(int x) { return x * 3; }
static int (*volatile local_pointer)(int) = local_function;
static const char *const local_names[2] = {"alpha", "beta"};

int main(int argc, char **argv) {
  (void)argc, (void)argv;
  put_value("data_value: ", data_value);
  put_value("data_array[2]: ", data_array[2]);
  put("data_name: "), put(data_name), put("\n");
  put("data_names[2]: "), put(data_names[2]), put("\n");
  int table_ok = 1;
  for (int i = 0; i < 1024; i++) table_ok &= text_equal(data_table[i], "table entry");
  put_check("data_table entries relocated: ", table_ok);
  put_value("data_get(): ", data_get());
  put_value("data_add(5): ", data_add(5));
  put_check("R_X86_64_64 use_pointer == &data_value: ", use_pointer == &data_value);
  put_value("*use_pointer: ", *use_pointer);
  put_check("R_X86_64_64+addend use_array_end == &data_array[3]: ", use_array_end == &data_array[3]);
  put_check("R_X86_64_64 use_function == data_get: ", use_function == data_get);
  put_value("use_function(): ", use_function());
  put_check("R_X86_64_PC32 target == &data_near: ", use_pc32_target() == data_near_address());
  put_value("*(R_X86_64_PC32 target): ", *use_pc32_target());
  put_check("library and program agree on &data_value: ", data_address() == &data_value);
  put_check("library and program agree on data_get: ", data_get_address() == data_get);
  put_value("use_call(): ", use_call());
  put_value("use_sum(): ", use_sum());
  put_check("weak undefined in library are 0: ", use_weak_missing());
  put_check("weak undefined in program is 0: ", &weak_missing_in_program == 0);
  put("local_names: "), put(local_names[0]), put(" "), put(local_names[1]), put("\n");
  put_value("local_pointer(14): ", local_pointer(14));
  data_value = 7;
  put_value("after data_value = 7, data_get(): ", data_get());
  put_value("*use_pointer: ", *use_pointer);
  return 0;
}
