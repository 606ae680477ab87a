/*
 * kernel/sched/syscalls.c: the scheduling system calls (nice, policies,
 * CPU affinity for a one-CPU machine).
 */
#include "sched.h"
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/futex.h>

struct sched_param_user {
	int sched_priority;
};

/* The task @pid names (0: the caller), with a reference; NULL if none (Linux's find_get_task). */
static struct task_struct *find_get_process(pid_t pid)
{
	struct task_struct *t;

	spin_lock_irq(&tasklist_lock);
	t = pid ? find_task_by_vpid(pid) : current;
	if (t)
		get_task_struct(t);
	spin_unlock_irq(&tasklist_lock);
	return t;
}

/* Same owner, or CAP_SYS_NICE over it (Linux's check_same_owner in __sched_setscheduler). */
static bool may_change_sched(struct task_struct *t)
{
	const struct cred *cred = current_cred(), *pcred = t->real_cred;

	return uid_eq(cred->euid, pcred->euid) || uid_eq(cred->euid, pcred->uid) ||
	       ns_capable(pcred->user_ns, CAP_SYS_NICE);
}

static long setscheduler(struct task_struct *t, int policy, int prio)
{
	if (!may_change_sched(t))
		return -EPERM;
	if ((policy == SCHED_FIFO || policy == SCHED_RR) && !capable(CAP_SYS_NICE))
		return -EPERM;
	if (policy == SCHED_BATCH || policy == SCHED_IDLE)
		policy = SCHED_NORMAL;	/* both are the fair class here */
	return sched_setscheduler_nocheck(t, policy, prio);
}

SYSCALL_DEFINE3(sched_setscheduler, pid_t, pid, int, policy, struct sched_param_user *, param)
{
	struct sched_param_user p;
	struct task_struct *t;
	long ret;

	if (pid < 0 || !param)
		return -EINVAL;
	if (copy_from_user(&p, param, sizeof(p)))
		return -EFAULT;
	if (policy != SCHED_NORMAL && policy != SCHED_FIFO && policy != SCHED_RR &&
	    policy != SCHED_BATCH && policy != SCHED_IDLE)
		return -EINVAL;
	t = find_get_process(pid);
	if (!t)
		return -ESRCH;
	ret = setscheduler(t, policy, p.sched_priority);
	put_task_struct(t);
	return ret;
}

SYSCALL_DEFINE1(sched_getscheduler, pid_t, pid)
{
	struct task_struct *t;
	long policy;

	if (pid < 0)
		return -EINVAL;
	t = find_get_process(pid);
	if (!t)
		return -ESRCH;
	policy = t->policy;
	put_task_struct(t);
	return policy;
}

SYSCALL_DEFINE2(sched_getparam, pid_t, pid, struct sched_param_user *, param)
{
	struct sched_param_user p;
	struct task_struct *t;

	if (pid < 0 || !param)
		return -EINVAL;
	t = find_get_process(pid);
	if (!t)
		return -ESRCH;
	p.sched_priority = t->rt_priority;
	put_task_struct(t);
	return copy_to_user(param, &p, sizeof(p)) ? -EFAULT : 0;
}

/* Does @pid name a task?  (The affinity calls need nothing more of it.) */
static bool process_exists(pid_t pid)
{
	struct task_struct *t = find_get_process(pid);

	if (t)
		put_task_struct(t);
	return t != NULL;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	return (policy == SCHED_FIFO || policy == SCHED_RR) ? MAX_RT_PRIO - 1 :
	       (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE) ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	return (policy == SCHED_FIFO || policy == SCHED_RR) ? 1 :
	       (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE) ? 0 : -EINVAL;
}

/* One CPU: the affinity mask is always {0}; musl's sysconf counts CPUs with it. */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	unsigned long mask = 1;

	if (len < sizeof(mask) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (!process_exists(pid))
		return -ESRCH;
	if (clear_user(user_mask_ptr, len) || copy_to_user(user_mask_ptr, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	unsigned long mask;

	if (len < sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask_ptr, sizeof(mask)))
		return -EFAULT;
	if (!process_exists(pid))
		return -ESRCH;
	return (mask & 1) ? 0 : -EINVAL;	/* CPU 0 must be in it */
}

SYSCALL_DEFINE2(sched_rr_get_interval, pid_t, pid, struct timespec64 *, interval)
{
	struct timespec64 ts = { 0, 0 };
	struct task_struct *t;

	if (pid < 0)
		return -EINVAL;
	t = find_get_process(pid);
	if (!t)
		return -ESRCH;
	if (t->policy == SCHED_RR)
		ts.tv_nsec = 100 * NSEC_PER_MSEC;
	put_task_struct(t);
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
}
