/*
 * include/linux/sched/task.h: creating tasks (kernel/fork.c): the clone
 * flags, clone3's struct clone_args as user space passes it, and struct
 * kernel_clone_args, what every way of making a task (fork, vfork, clone,
 * clone3, kernel_thread) hands to kernel_clone().
 */
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
/* clone3 only: the 64-bit flags (uapi/linux/sched.h) */
#define CLONE_CLEAR_SIGHAND	0x100000000ULL	/* handlers back to SIG_DFL in the child */
#define CLONE_INTO_CGROUP	0x200000000ULL	/* the child starts in clone_args.cgroup */
#define CLONE_LEGACY_FLAGS	0xffffffffULL	/* what clone(2) can say */

/*
 * clone3(2)'s argument, as user space lays it out: every field is 64
 * bits, so the layout is the same for 32- and 64-bit callers.  It grew
 * twice; a caller passes the size it knows (CLONE_ARGS_SIZE_VER*).
 */
struct clone_args {
	u64 flags;
	u64 pidfd;		/* CLONE_PIDFD: where the pidfd goes */
	u64 child_tid;		/* CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID */
	u64 parent_tid;		/* CLONE_PARENT_SETTID */
	u64 exit_signal;	/* what the parent gets at exit, not in flags */
	u64 stack;		/* the lowest address of the stack, */
	u64 stack_size;		/* and its size */
	u64 tls;		/* CLONE_SETTLS */
	u64 set_tid;		/* pid_t[set_tid_size]: the pids to take, innermost first */
	u64 set_tid_size;
	u64 cgroup;		/* CLONE_INTO_CGROUP: an fd of a cgroup2 directory */
};

#define CLONE_ARGS_SIZE_VER0	64	/* up to tls */
#define CLONE_ARGS_SIZE_VER1	80	/* set_tid, set_tid_size (v5.5) */
#define CLONE_ARGS_SIZE_VER2	88	/* cgroup (v5.7) */

struct kernel_clone_args {
	u64 flags;
	int *pidfd;
	int *child_tid;
	int *parent_tid;
	int exit_signal;
	unsigned long stack;
	unsigned long stack_size;
	unsigned long tls;
	pid_t *set_tid;			/* clone3: kernel copy of the pids asked for */
	size_t set_tid_size;
	int cgroup;
	/* kernel threads */
	int (*fn)(void *);
	void *fn_arg;
};

pid_t kernel_clone(struct kernel_clone_args *args);
struct task_struct *copy_process(struct kernel_clone_args *args);
int copy_thread(struct task_struct *p, struct kernel_clone_args *args);
void free_task(struct task_struct *t);

#endif
