/*
 * libpreload.so: preloaded (--preload, LD_PRELOAD), it comes before
 * libwho.so in the lookup scope, so its who() interposes; its initializer
 * shows it was loaded and initialized.
 */
#include "nolibc.h"

const char *who(void) { return "preload"; }

static void preload_initializer(void) { put("libpreload.so initialized\n"); }
__attribute__((used, section(".init_array"))) static void (*const initializers[])(void) = {preload_initializer};
