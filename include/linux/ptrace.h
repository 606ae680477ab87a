/* include/linux/ptrace.h: who may look into another process (there is no ptrace(2) yet). */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H

#include <linux/types.h>

struct task_struct;

/*
 * ptrace_may_access_mode's modes, Linux's values: to read or to take
 * over (with no security module, the two ask the same), and which of
 * the caller's ids are compared.
 */
#define PTRACE_MODE_READ		0x01
#define PTRACE_MODE_ATTACH		0x02	/* pidfd_getfd: take a file from it */
#define PTRACE_MODE_FSCREDS		0x08	/* the fs ids: /proc files */
#define PTRACE_MODE_REALCREDS		0x10	/* the real ids: system calls on a pid */
#define PTRACE_MODE_READ_FSCREDS	(PTRACE_MODE_READ | PTRACE_MODE_FSCREDS)
#define PTRACE_MODE_READ_REALCREDS	(PTRACE_MODE_READ | PTRACE_MODE_REALCREDS)
#define PTRACE_MODE_ATTACH_REALCREDS	(PTRACE_MODE_ATTACH | PTRACE_MODE_REALCREDS)

bool ptrace_may_access_mode(struct task_struct *task, unsigned int mode);
bool ptrace_may_access(struct task_struct *task);	/* PTRACE_MODE_READ_FSCREDS */

#endif
