// Thread-local variables (initialized and zero) for TLS segments and
// TLS relocations.
__thread int tls_initialized = 5;
__thread long tls_zero;
int tls_sum(void) { return tls_initialized + (int)tls_zero; }
