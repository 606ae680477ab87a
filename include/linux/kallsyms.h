/* include/linux/kallsyms.h: the kernel's own symbol table, for backtraces and %pS. */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

#define KSYM_NAME_LEN	128

const char *kallsyms_lookup(unsigned long addr, unsigned long *size,
			    unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);
int sprint_symbol(char *buf, size_t size, unsigned long addr, bool offset);
int sprint_backtrace(char *buf, size_t size, unsigned long addr);

#endif
