/*
 * libtls2.so: a second TLS module (its own DTPMOD64 module id), read in
 * the general-dynamic model.
 */
__thread int tls2_value = 11;

int tls2_read(void) { return tls2_value; }
int *tls2_address(void) { return &tls2_value; }
