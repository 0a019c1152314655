// A shared library for the readelf corpus: versioned symbols (a version
// script with two versions, one inheriting the other, and an old default).
int library_value = 5;
int library_add(int a, int b) { return a + b + library_value; }
int library_old(int a) { return a; }
int library_new(int a) { return 2 * a; }
__asm__(".symver library_old, library_twice@LIBCORPUS_1.0");
__asm__(".symver library_new, library_twice@@LIBCORPUS_2.0");
static int local_helper(int x) { return x * 3; }
int library_call(int x) { return local_helper(x); }
