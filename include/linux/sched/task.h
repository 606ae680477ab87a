/* include/linux/sched/task.h: creating tasks (kernel/fork.c). */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/types.h>

struct task_struct;
struct pt_regs;

/* clone flags (uapi/linux/sched.h) */
#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_IO		0x80000000

struct kernel_clone_args {
	u64 flags;
	int *pidfd;
	int *child_tid;
	int *parent_tid;
	int exit_signal;
	unsigned long stack;
	unsigned long stack_size;
	unsigned long tls;
	/* kernel threads */
	int (*fn)(void *);
	void *fn_arg;
};

pid_t kernel_clone(struct kernel_clone_args *args);
struct task_struct *copy_process(struct kernel_clone_args *args);
int copy_thread(struct task_struct *p, struct kernel_clone_args *args);
void free_task(struct task_struct *t);

#endif
