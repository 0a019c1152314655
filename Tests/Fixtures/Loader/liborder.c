/*
 * liborder-NAME.so: one library of the initializer-order graph, built once
 * per node with -DNAME=x and -DDEPENDENCIES="&ready_y, &ready_z" (the
 * libraries it needs), linked with -Wl,-init=init_NAME for DT_INIT.
 *
 * Each initializer prints its name, the argc/argv/envp it was given and
 * whether the libraries this one needs were initialized before it (their
 * ready_* flags, read through R_X86_64_GLOB_DAT, so relocation must also
 * be done by then). DT_INIT runs before DT_INIT_ARRAY, whose two entries
 * run in array order.
 */
#include "nolibc.h"

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define STRING2(a) #a
#define STRING(a) STRING2(a)

int CONCAT(ready_, NAME);

#ifdef DEPENDENCY_DECLARATIONS
DEPENDENCY_DECLARATIONS
#endif

static void report(const char *what, int argc, char **argv, char **envp) {
  put(STRING(NAME) ": ");
  put(what);
  put_value(" argc=", argc);
  put("  argv[1]="), put(argc > 1 ? argv[1] : "(none)");
  put(" envp[0]="), put(envp[0] ? envp[0] : "(none)"), put("\n");
#ifdef DEPENDENCIES
  int *dependencies[] = {DEPENDENCIES};
  int all = 1;
  for (unsigned i = 0; i < sizeof dependencies / sizeof dependencies[0]; i++) all &= *dependencies[i] == 3;
  put_check("  dependencies initialized first: ", all);
#endif
}

void CONCAT(init_, NAME)(int argc, char **argv, char **envp) {
  report("DT_INIT", argc, argv, envp);
  CONCAT(ready_, NAME) = 1;
}

static void first(int argc, char **argv, char **envp) {
  report("DT_INIT_ARRAY[0]", argc, argv, envp);
  CONCAT(ready_, NAME) += 1;
}

static void second(int argc, char **argv, char **envp) {
  report("DT_INIT_ARRAY[1]", argc, argv, envp);
  CONCAT(ready_, NAME) += 1;
}

__attribute__((used, section(".init_array"))) static void (*const initializers[])(int, char **, char **) = {first,
                                                                                                             second};
