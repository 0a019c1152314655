/*
 * libdata.so: data and functions that other objects reference.
 *
 * - data_name, data_names and data_table hold addresses inside this
 *   library: R_X86_64_RELATIVE, packed into DT_RELR when linked with
 *   -z pack-relative-relocs. data_names and data_table are const, so they
 *   live in RELRO; data_table is two pages of it, so that a RELRO range
 *   covering whole pages exists for the /proc/self/maps test.
 * - data_get reads data_value through the GOT (the symbol is preemptible):
 *   R_X86_64_GLOB_DAT against this library's own symbol, which must
 *   resolve to the copy in a non-PIE program that has a COPY relocation.
 */
#include "nolibc.h"

int data_value = 42;
/* Referenced PC-relative by libuse.so only: a program's COPY relocation
   would move it out of 32-bit reach. */
int data_near = 99;
long data_array[4] = {10, 20, 30, 40};
const char *data_name = "libdata";
const char *const data_names[3] = {"zero", "one", "two"};
const char *const data_table[1024] = {[0 ... 1023] = "table entry"};

int data_get(void) { return data_value; }

int data_add(int x) { return data_value + x; }

/* The address of data_value as this library sees it (through its GOT). */
int *data_address(void) { return &data_value; }

/* The address of data_near as this library sees it (through its GOT). */
int *data_near_address(void) { return &data_near; }

/* The address of data_get as this library sees it (through its GOT). */
int (*data_get_address(void))(void) { return data_get; }
