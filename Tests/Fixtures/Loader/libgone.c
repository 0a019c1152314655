/*
 * libgone.so: with -DDEFINE_GONE, the version programs link against;
 * without, the version they find at run time (in errors/).
 */
#ifdef DEFINE_GONE
int gone_var = 1;
int gone_function(void) { return 2; }
#endif
int still_here = 3;
