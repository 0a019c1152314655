/*
 * libuse.so, which needs libdata.so: references across libraries.
 *
 * - use_pointer, use_array_end, use_function, weak_pointer: initialized
 *   data holding addresses of symbols of another object:
 *   R_X86_64_64 (with an addend for use_array_end; against a weak
 *   undefined symbol for weak_pointer, which must become 0).
 * - use_pc32: a 32-bit PC-relative offset to data_near in a writable
 *   section: the linker keeps it as a dynamic R_X86_64_PC32 (allowed in
 *   writable sections of a shared object; no text relocation needed).
 * - use_call and use_sum: a call through the PLT (R_X86_64_JUMP_SLOT) and
 *   data read through the GOT (R_X86_64_GLOB_DAT).
 * - weak_missing_*: weak undefined symbols that no object defines:
 *   GLOB_DAT against them must give 0.
 */
#include "nolibc.h"

extern int data_value;
extern long data_array[4];
extern int data_get(void);

extern int weak_missing_var __attribute__((weak));
extern int weak_missing_function(void) __attribute__((weak));

int *use_pointer = &data_value;
long *use_array_end = &data_array[3];
int (*use_function)(void) = data_get;
int *weak_pointer = &weak_missing_var;

__asm__(
    "  .data\n"
    "  .globl use_pc32\n"
    "  .type use_pc32, @object\n"
    "  .size use_pc32, 4\n"
    "  .balign 4\n"
    "use_pc32: .long data_near - .\n"
    "  .text\n");
extern const int use_pc32;

int use_call(void) { return data_get() + 1; }

long use_sum(void) {
  long sum = 0;
  for (int i = 0; i < 4; i++) sum += data_array[i];
  return sum;
}

/* data_near's address as the PC32 offset gives it. */
int *use_pc32_target(void) { return (int *)((const char *)&use_pc32 + use_pc32); }

int use_weak_missing(void) {
  return &weak_missing_var == 0 && weak_missing_function == 0 && weak_pointer == 0;
}
