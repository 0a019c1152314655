/*
 * libtls.so: thread-local variables of a library, in every access model a
 * shared object can use.
 *
 * - tls_gd (exported, read here in the general-dynamic model):
 *   R_X86_64_DTPMOD64 + R_X86_64_DTPOFF64 and a call to __tls_get_addr,
 *   which the dynamic linker provides (this library leaves it undefined).
 * - tls_local (static): local-dynamic, a DTPMOD64 with no symbol.
 * - tls_ie (initial-exec): R_X86_64_TPOFF64, an offset from the thread
 *   pointer into the static TLS block.
 * - tls_zero (.tbss) must read 0; tls_aligned must be 64-byte aligned.
 */
#include "nolibc.h"

__thread long tls_gd = 5;
static __thread long tls_local = 3;
__thread long tls_ie __attribute__((tls_model("initial-exec"))) = 7;
__thread long tls_zero;
__thread char tls_aligned[64] __attribute__((aligned(64))) = "aligned";

long tls_read_gd(void) { return tls_gd; }
long *tls_gd_address(void) { return &tls_gd; }
long tls_read_local(void) { return tls_local; }
void tls_bump_local(void) { tls_local += 100; }
long tls_read_ie(void) { return tls_ie; }
long *tls_ie_address(void) { return &tls_ie; }
long tls_read_zero(void) { return tls_zero; }
char *tls_aligned_address(void) { return tls_aligned; }
