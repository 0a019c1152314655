/*
 * libveruser.so, needing libver.so: a reference to ver_func@VER_2 from a
 * library (see versions.c).
 */
extern int ver_func_new(void);
__asm__(".symver ver_func_new, ver_func@VER_2");

int call_ver_func_new(void) { return ver_func_new(); }
