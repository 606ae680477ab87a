/* include/linux/ptrace.h: who may look into another process (there is no ptrace(2) yet). */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H

#include <linux/types.h>

struct task_struct;

bool ptrace_may_access(struct task_struct *task);	/* PTRACE_MODE_READ_FSCREDS */

#endif
