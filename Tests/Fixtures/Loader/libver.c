/*
 * libver.so (version script libver.map: VER_1, VER_2): two versions of one
 * symbol. ver_func@VER_1 is the old, hidden (non-default) version;
 * ver_func@@VER_2 the default.
 */
int ver_func_1(void) { return 1; }
int ver_func_2(void) { return 2; }
__asm__(".symver ver_func_1, ver_func@VER_1");
__asm__(".symver ver_func_2, ver_func@@VER_2");
