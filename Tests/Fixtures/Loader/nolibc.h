/*
 * System-call helpers for the loader fixtures: programs and shared
 * libraries built with -nostdlib, so that nothing but the dynamic linker
 * under test (ours or glibc's ld.so) touches them before their code runs.
 * Output is unbuffered (one write(2) per call) so that lines printed by
 * initializers of different libraries and by the program stay in order.
 *
 * Everything is static: each object that includes this has its own copy
 * and no library depends on another for printing. Numbers from
 * /usr/include/asm/unistd_64.h; calling convention: System V AMD64 ABI
 * A.2.1 (rax number, rdi rsi rdx r10 arguments; rcx and r11 clobbered).
 */
#ifndef NOLIBC_FIXTURE_H
#define NOLIBC_FIXTURE_H

#define NR_read 0
#define NR_write 1
#define NR_open 2
#define NR_close 3
#define NR_exit_group 231

static inline long syscall3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}

__attribute__((noreturn)) static inline void sys_exit(int status) {
  for (;;) syscall3(NR_exit_group, status, 0, 0);
}

static inline long sys_write(int fd, const void *buffer, unsigned long count) {
  return syscall3(NR_write, fd, (long)buffer, (long)count);
}

static inline long sys_read(int fd, void *buffer, unsigned long count) {
  return syscall3(NR_read, fd, (long)buffer, (long)count);
}

static inline long sys_open(const char *path, int flags) { return syscall3(NR_open, (long)path, flags, 0); }

static inline long sys_close(int fd) { return syscall3(NR_close, fd, 0, 0); }

static inline unsigned long text_length(const char *s) {
  unsigned long n = 0;
  while (s[n]) n++;
  return n;
}

static inline int text_equal(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

/* Writes a string to standard output. */
static inline void put(const char *s) { sys_write(1, s, text_length(s)); }

/* Writes a signed decimal number to standard output. */
static inline void put_dec(long value) {
  char buffer[24];
  int i = sizeof buffer;
  unsigned long magnitude = value < 0 ? -(unsigned long)value : (unsigned long)value;
  do {
    buffer[--i] = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  if (value < 0) buffer[--i] = '-';
  sys_write(1, buffer + i, sizeof buffer - i);
}

/* Writes "label" then the number and a newline. */
static inline void put_value(const char *label, long value) {
  put(label);
  put_dec(value);
  put("\n");
}

/* Writes "label" then yes or no and a newline. */
static inline void put_check(const char *label, int condition) {
  put(label);
  put(condition ? "yes\n" : "no\n");
}

#endif
