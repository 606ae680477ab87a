/*
 * kernel/kcmp.c: kcmp(2), whether two processes share a kernel object.
 *
 * Checkpoint/restore tools ask it which of a process's resources another
 * shares: the same open file behind two descriptors (KCMP_FILE), the
 * same address space (KCMP_VM), descriptor table, fs_struct, signal
 * handlers, I/O context or System V undo list, or the file an epoll set
 * watches (KCMP_EPOLL_TFD).  The answer is 0 (the same object), or 1 or
 * 2 (different, and which is "less"), an order that sorts objects
 * without showing their addresses: as Linux's, each type's pointers are
 * scrambled by a random odd multiplier and a random mask chosen at boot.
 *
 * There is no block layer, so no task has an I/O context: KCMP_IO says
 * 0 for every pair, as Linux does for two tasks that never did block I/O.
 * Mirrors Linux's kernel/kcmp.c.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/eventpoll.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/err.h>
#include <linux/init.h>

enum kcmp_type {
	KCMP_FILE,
	KCMP_VM,
	KCMP_FILES,
	KCMP_FS,
	KCMP_SIGHAND,
	KCMP_IO,
	KCMP_SYSVSEM,
	KCMP_EPOLL_TFD,
	KCMP_TYPES,
};

/* KCMP_EPOLL_TFD's question, at idx2: which file epoll set @efd watches as @tfd. */
struct kcmp_epoll_slot {
	u32 efd;	/* an epoll descriptor of the second process */
	u32 tfd;	/* a descriptor that set watches */
	u32 toff;	/* which of the files watched as @tfd (0: the first) */
};

/* Per type: a mask and an odd multiplier, random, set once at boot. */
static unsigned long cookies[KCMP_TYPES][2];

static long kptr_obfuscate(long v, int type)
{
	return (long)(((unsigned long)v ^ cookies[type][0]) * cookies[type][1]);
}

/* 0 if @v1 and @v2 are the same object, else 1 or 2 by their scrambled order. */
static int kcmp_ptr(const void *v1, const void *v2, enum kcmp_type type)
{
	long t1 = kptr_obfuscate((long)v1, type), t2 = kptr_obfuscate((long)v2, type);

	return (t1 < t2) | ((t1 > t2) << 1);
}

/*
 * Two open files, by descriptor; EBADF unless both are open.  As Linux's,
 * a descriptor is the low 32 bits of its idx.
 */
static int kcmp_files(struct task_struct *task1, unsigned int fd1,
		      struct task_struct *task2, unsigned int fd2)
{
	struct file *f1 = task_fget(task1, fd1, NULL);
	struct file *f2 = task_fget(task2, fd2, NULL);
	int ret = f1 && f2 ? kcmp_ptr(f1, f2, KCMP_FILE) : -EBADF;

	if (f1)
		fput(f1);
	if (f2)
		fput(f2);
	return ret;
}

/*
 * KCMP_EPOLL_TFD (Linux's kcmp_epoll_target): is @task1's descriptor
 * @idx1 the file that @task2's epoll set watches as the slot at user
 * address @idx2 says?  EBADF for a closed descriptor, EFAULT for a bad
 * slot, EINVAL if slot.efd is no epoll set, ENOENT if it watches no tfd.
 */
static int kcmp_epoll_target(struct task_struct *task1, unsigned int idx1,
			     struct task_struct *task2, unsigned long idx2)
{
	struct kcmp_epoll_slot slot;
	struct file *f1, *ep, *target;
	int ret;

	f1 = task_fget(task1, idx1, NULL);
	if (!f1)
		return -EBADF;
	ret = -EFAULT;
	if (copy_from_user(&slot, (void *)idx2, sizeof(slot)))
		goto out_f1;
	ret = -EBADF;
	ep = task_fget(task2, slot.efd, NULL);
	if (!ep)
		goto out_f1;
	target = get_epoll_tfile_raw_ptr(ep, slot.tfd, slot.toff);
	ret = IS_ERR(target) ? PTR_ERR(target) : kcmp_ptr(f1, target, KCMP_FILE);
	fput(ep);
out_f1:
	fput(f1);
	return ret;
}

/* The shared-object types: the pointer each task holds. */
static int kcmp_shared(struct task_struct *task1, struct task_struct *task2, int type)
{
	switch (type) {
	case KCMP_VM:
		return kcmp_ptr(READ_ONCE(task1->mm), READ_ONCE(task2->mm), type);
	case KCMP_FILES:
		return kcmp_ptr(READ_ONCE(task1->files), READ_ONCE(task2->files), type);
	case KCMP_FS:
		return kcmp_ptr(READ_ONCE(task1->fs), READ_ONCE(task2->fs), type);
	case KCMP_SIGHAND:
		return kcmp_ptr(READ_ONCE(task1->sighand), READ_ONCE(task2->sighand), type);
	case KCMP_IO:
		return kcmp_ptr(NULL, NULL, type);	/* no I/O contexts: see the top */
	case KCMP_SYSVSEM:
		return kcmp_ptr(READ_ONCE(task1->sysvsem), READ_ONCE(task2->sysvsem), type);
	default:
		return -EINVAL;
	}
}

/*
 * kcmp(pid1, pid2, type, idx1, idx2), pids in the caller's namespace:
 * ESRCH if either is not there, EPERM unless the caller may read both
 * (ptrace_may_access, real ids), EINVAL for an unknown type.  The
 * pointers are compared, not followed, so a task that execs or exits
 * meanwhile gives an answer about one moment or the other (Linux holds
 * both tasks' exec_update_lock to rule out the first).
 */
SYSCALL_DEFINE5(kcmp, pid_t, pid1, pid_t, pid2, int, type, unsigned long, idx1,
		unsigned long, idx2)
{
	struct task_struct *task1, *task2;
	int ret;

	task1 = find_get_task_by_vpid(pid1);
	if (!task1)
		return -ESRCH;
	ret = -ESRCH;
	task2 = find_get_task_by_vpid(pid2);
	if (!task2)
		goto out_task1;
	ret = -EPERM;
	if (!ptrace_may_access_mode(task1, PTRACE_MODE_READ_REALCREDS) ||
	    !ptrace_may_access_mode(task2, PTRACE_MODE_READ_REALCREDS))
		goto out_task2;
	if (type == KCMP_FILE)
		ret = kcmp_files(task1, idx1, task2, idx2);
	else if (type == KCMP_EPOLL_TFD)
		ret = kcmp_epoll_target(task1, idx1, task2, idx2);
	else
		ret = kcmp_shared(task1, task2, type);
out_task2:
	put_task_struct(task2);
out_task1:
	put_task_struct(task1);
	return ret;
}

static int __init kcmp_cookies_init(void)
{
	int i;

	get_random_bytes(cookies, sizeof(cookies));
	for (i = 0; i < KCMP_TYPES; i++)
		cookies[i][1] |= 1;	/* odd: multiplying is one-to-one */
	return 0;
}
late_initcall(kcmp_cookies_init);
