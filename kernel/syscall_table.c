/*
 * kernel/syscall_table.c: the system call table, as Linux's
 * arch/x86/entry/syscall_64.c: syscall_64.tbl.h (generated into build/ by
 * tools/gen_syscall_table.py from every SYSCALL_DEFINE in the sources)
 * lists the implemented calls once, and is read twice, for the
 * declarations and for the table.  A number with no entry returns -ENOSYS.
 */
#include <linux/syscalls.h>

#define __SYSCALL(nr, sym) long sym(const struct pt_regs *);
#include "syscall_64.tbl.h"
#undef __SYSCALL

#define __SYSCALL(nr, sym) [nr] = sym,
const sys_call_ptr_t sys_call_table[NR_syscalls] = {
#include "syscall_64.tbl.h"
};
