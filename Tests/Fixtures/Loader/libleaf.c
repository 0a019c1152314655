/*
 * libleaf.so, built once per directory with -DWHERE="..." so that the
 * program shows which copy the search found.
 */
const char *leaf_where(void) { return WHERE; }
