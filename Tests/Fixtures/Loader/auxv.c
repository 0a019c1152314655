/*
 * auxv (PIE) and auxv-nopie (ET_EXEC): what the program was started with,
 * as facts that do not depend on addresses, so that the output is the same
 * when the kernel starts the program (PT_INTERP) and when ld.so is run as
 * a command and must fix the auxiliary vector and shift argv:
 *
 * - argv and envp, and whether the auxiliary vector follows envp;
 * - AT_PHDR points at this program's own program headers (found from
 *   __ehdr_start, the linker's symbol for the ELF header in memory);
 *   AT_PHNUM and AT_PHENT match them; AT_ENTRY is _start;
 * - AT_EXECFN, AT_SECURE, AT_PAGESZ, AT_RANDOM present;
 * - AT_BASE: 0, or the address of an ELF shared object (the interpreter);
 * - at _start (start.S): rsp 16-byte aligned, rdx 0 (glibc's ld.so
 *   passes its _dl_fini there instead: System V ABI 3.4.1 allows either).
 */
#include <elf.h>
#include "nolibc.h"

extern const Elf64_Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern void _start(void);
extern unsigned long entry_rsp_mod16, entry_rdx;
extern char **entry_rsp;

static const char *base_kind(unsigned long base) {
  if (base == 0) return "0";
  const Elf64_Ehdr *header = (const Elf64_Ehdr *)base;
  const unsigned char *magic = header->e_ident;
  int elf = magic[EI_MAG0] == ELFMAG0 && magic[EI_MAG1] == ELFMAG1;
  elf = elf && magic[EI_MAG2] == ELFMAG2 && magic[EI_MAG3] == ELFMAG3;
  if (elf && header->e_type == ET_DYN)
    return "an ELF shared object";
  return "something else";
}

int main(int argc, char **argv, char **envp) {
  put_value("argc: ", argc);
  for (int i = 0; i < argc; i++) put("argv: "), put(argv[i]), put("\n");
  put_check("argv ends with NULL: ", argv[argc] == 0);
  put_check("argc at the entry stack pointer: ", (long)entry_rsp[0] == argc && entry_rsp + 1 == argv);
  char **e = envp;
  for (; *e; e++) put("envp: "), put(*e), put("\n");
  Elf64_auxv_t *aux = (Elf64_auxv_t *)(e + 1);
  unsigned long phdr = 0, phnum = 0, phent = 0, entry = 0, base = ~0ul, secure = ~0ul, pagesz = 0, random = 0;
  const char *execfn = "(none)";
  for (; aux->a_type != AT_NULL; aux++) {
    unsigned long v = aux->a_un.a_val;
    switch (aux->a_type) {
      case AT_PHDR: phdr = v; break;
      case AT_PHNUM: phnum = v; break;
      case AT_PHENT: phent = v; break;
      case AT_ENTRY: entry = v; break;
      case AT_BASE: base = v; break;
      case AT_SECURE: secure = v; break;
      case AT_PAGESZ: pagesz = v; break;
      case AT_RANDOM: random = v; break;
      case AT_EXECFN: execfn = (const char *)v; break;
    }
  }
  put_check("AT_PHDR is this program's program header table: ",
            phdr == (unsigned long)&__ehdr_start + __ehdr_start.e_phoff);
  put_check("AT_PHNUM is e_phnum: ", phnum == __ehdr_start.e_phnum);
  put_value("AT_PHENT: ", phent);
  put_check("AT_ENTRY is _start: ", entry == (unsigned long)_start);
  put("AT_EXECFN: "), put(execfn), put("\n");
  put("AT_BASE: "), put(base == ~0ul ? "(none)" : base_kind(base)), put("\n");
  put_value("AT_SECURE: ", (long)secure);
  put_value("AT_PAGESZ: ", (long)pagesz);
  put_check("AT_RANDOM present: ", random != 0);
  put_value("rsp modulo 16 at _start: ", (long)entry_rsp_mod16);
  put("rdx at _start: "), put(entry_rdx == 0 ? "0\n" : "not 0\n");
  return 0;
}
