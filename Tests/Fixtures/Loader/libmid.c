/*
 * libmid.so: needs libleaf.so. Built with and without its own DT_RUNPATH
 * ($ORIGIN/../leaf2) for the $ORIGIN tests.
 */
extern const char *leaf_where(void);

const char *mid_leaf_where(void) { return leaf_where(); }
