/*
 * libwho.so, built once per directory with -DWHO="..." (lp1, lp2): for
 * --library-path, LD_LIBRARY_PATH and their order.
 */
const char *who(void) { return WHO; }
