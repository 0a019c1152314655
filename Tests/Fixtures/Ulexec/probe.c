// probe: prints what a program sees of how it was started, for
// UlexecToolTests. The tests build it static (musl and glibc), static-PIE
// and dynamic (PIE and not), run it directly and under ulexec, and expect
// the same output and status. So it never prints an address (they differ
// from run to run), only facts about them: where they point, the entry
// point's offset from the program headers.
//
//   probe [--exit N] [ARGS...]   exit status N (default 0)
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static unsigned long stack_low, stack_high;

// The [stack] mapping of /proc/self/maps.
static void find_stack(void) {
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[512];
  if (!maps) return;
  while (fgets(line, sizeof line, maps)) {
    if (strstr(line, "[stack]")) sscanf(line, "%lx-%lx", &stack_low, &stack_high);
  }
  fclose(maps);
}

static const char *where(const void *pointer) {
  unsigned long address = (unsigned long)pointer;
  return address >= stack_low && address < stack_high ? "in [stack]" : "NOT in [stack]";
}

// Arguments and environment strings with bytes outside printable ASCII
// escaped, so that odd bytes compare exactly.
static void print_escaped(const char *text) {
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if (*p >= 0x20 && *p < 0x7f && *p != '\\') putchar(*p);
    else printf("\\x%02x", *p);
  }
}

// Descriptors open on the program's file or its interpreter's: a loader
// must close the ones it opened (the kernel's exec leaves none).
static void report_descriptors(const char *program, const char *interpreter) {
  char program_path[PATH_MAX] = "", interpreter_path[PATH_MAX] = "";
  if (!realpath(program, program_path)) program_path[0] = 0;
  if (!interpreter || !realpath(interpreter, interpreter_path)) interpreter_path[0] = 0;
  DIR *directory = opendir("/proc/self/fd");
  if (!directory) return;
  int count = 0;
  struct dirent *entry;
  while ((entry = readdir(directory))) {
    if (entry->d_name[0] == '.' || atoi(entry->d_name) == dirfd(directory)) continue;
    char link[300], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%s", entry->d_name);
    ssize_t length = readlink(link, target, sizeof target - 1);
    if (length < 0) continue;
    target[length] = 0;
    if ((program_path[0] && strcmp(target, program_path) == 0) ||
        (interpreter_path[0] && strcmp(target, interpreter_path) == 0)) {
      printf("descriptor %s is open on %s\n", entry->d_name, target);
      count++;
    }
  }
  closedir(directory);
  printf("descriptors open on the program or its interpreter: %d\n", count);
}

static __thread int thread_value = 6;

static void *thread_main(void *argument) {
  thread_value *= 7;
  *(int *)argument = thread_value;
  return NULL;
}

int main(int argc, char **argv) {
  int status = 0;
  if (argc >= 3 && strcmp(argv[1], "--exit") == 0) status = atoi(argv[2]);
  find_stack();
  char local = 0;
  printf("stack pointer: %s\n", where(&local));
  printf("argc: %d\n", argc);
  for (int i = 0; i < argc; i++) {
    printf("argv[%d] %s: ", i, where(argv[i]));
    print_escaped(argv[i]);
    putchar('\n');
  }
  char **end = environ;
  for (; *end; end++) {
    printf("env %s: ", where(*end));
    print_escaped(*end);
    putchar('\n');
  }

  // The auxiliary vector follows the environment's NULL: every key in
  // order, values where they are the same in every process.
  unsigned long phdr = 0, entry = 0, phnum = 0;
  const char *execfn = NULL;
  for (Elf64_auxv_t *aux = (Elf64_auxv_t *)(end + 1); aux->a_type != AT_NULL; aux++) {
    unsigned long value = aux->a_un.a_val;
    printf("auxv %lu: ", (unsigned long)aux->a_type);
    switch (aux->a_type) {
    case AT_SYSINFO_EHDR:
    case AT_BASE:
      if (value == 0) printf("0\n");
      else printf("%s\n", memcmp((const void *)value, ELFMAG, SELFMAG) == 0 ? "an ELF header" : "NOT an ELF header");
      break;
    case AT_PHDR: phdr = value; printf("(address)\n"); break;
    case AT_PHNUM: phnum = value; printf("%lu\n", value); break;
    case AT_ENTRY: entry = value; printf("(address)\n"); break;
    case AT_RANDOM: printf("16 bytes %s\n", where((const void *)value)); break;
    case AT_EXECFN: execfn = (const char *)value; /* fall through */
    case AT_PLATFORM:
    case AT_BASE_PLATFORM: printf("\"%s\" %s\n", (const char *)value, where((const void *)value)); break;
    default: printf("%#lx\n", value);
    }
  }
  printf("entry - program headers: %#lx\n", entry - phdr);

  // The interpreter named by PT_INTERP, found through AT_PHDR as a loader
  // finds it.
  const Elf64_Phdr *headers = (const Elf64_Phdr *)phdr;
  unsigned long bias = 0;
  const char *interpreter = NULL;
  for (unsigned long i = 0; i < phnum; i++)
    if (headers[i].p_type == PT_PHDR) bias = phdr - headers[i].p_vaddr;
  for (unsigned long i = 0; i < phnum; i++)
    if (headers[i].p_type == PT_INTERP) interpreter = (const char *)(bias + headers[i].p_vaddr);
  printf("interpreter: %s\n", interpreter ? interpreter : "none");
  if (execfn) report_descriptors(execfn, interpreter);

  // Signal state: exec resets caught signals to the default action and
  // disables the alternate stack.
  int caught = 0, ignored = 0;
  for (int number = 1; number < 65; number++) {
    struct sigaction action;
    if (sigaction(number, NULL, &action) != 0) continue;
    if (action.sa_handler == SIG_IGN) ignored++;
    else if (action.sa_handler != SIG_DFL) {
      caught++;
      printf("signal %d is caught\n", number);
    }
  }
  printf("caught signals: %d, ignored: %d\n", caught, ignored);
  stack_t alternate;
  if (sigaltstack(NULL, &alternate) == 0)
    printf("alternate signal stack: %s\n", alternate.ss_flags & SS_DISABLE ? "disabled" : "ENABLED");
  sigset_t mask;
  sigprocmask(SIG_BLOCK, NULL, &mask);
  int blocked = 0;
  for (int number = 1; number < 65; number++) blocked += sigismember(&mask, number) == 1;
  printf("blocked signals: %d\n", blocked);

  // The heap (brk for small blocks in both libcs), a thread, TLS.
  char *small = malloc(100), *large = malloc(4 << 20);
  if (!small || !large) return 99;
  memset(small, 1, 100);
  memset(large, 2, 4 << 20);
  printf("malloc: %d\n", small[99] + large[(4 << 20) - 1]);
  free(small);
  free(large);
  int result = 0;
  pthread_t thread;
  if (pthread_create(&thread, NULL, thread_main, &result) == 0 && pthread_join(thread, NULL) == 0)
    printf("thread: %d, main thread's value: %d\n", result, thread_value);

  char comm[32] = "";
  FILE *file = fopen("/proc/self/comm", "r");
  if (file) {
    if (!fgets(comm, sizeof comm, file)) comm[0] = 0;
    fclose(file);
  }
  printf("comm: %s", comm);
  fprintf(stderr, "probe: a line on standard error\n");
  return status;
}
