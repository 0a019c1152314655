/*
 * The library each error-path program links against (-DLIBRARY_FUNCTION,
 * soname chosen by the build); errors/ then gets a broken stand-in.
 */
int LIBRARY_FUNCTION(void) { return 0; }
