/*
 * kernel/sched/syscalls.c: the scheduling system calls (nice, policies,
 * CPU affinity) and the functions that change a task's weight or class
 * under them (set_user_nice, sched_setscheduler_nocheck), as Linux 6.10's.
 */
#include "sched.h"
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/futex.h>

int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(p->static_prio);
}

/* Changes @p's weight; a queued task is taken out and put back at its new weight. */
void set_user_nice(struct task_struct *p, long nice)
{
	unsigned long flags;
	struct rq *rq;
	int old_prio, queued;

	nice = clamp(nice, (long)MIN_NICE, (long)MAX_NICE);
	rq = task_rq_lock(p, &flags);
	update_rq_clock(rq);
	queued = p->on_rq && p->sched_class == &fair_sched_class;
	if (queued)
		dequeue_task(rq, p, 0);
	p->static_prio = NICE_TO_PRIO(nice);
	set_load_weight(p);
	old_prio = p->prio;
	if (!rt_prio(p->prio))
		p->prio = p->normal_prio = p->static_prio;
	if (queued) {
		enqueue_task(rq, p, 0);
		p->sched_class->prio_changed(rq, p, old_prio);
	}
	task_rq_unlock(rq, p, flags);
}

/* Moves @p to SCHED_FIFO/RR at @prio (1..99) or back to SCHED_NORMAL (prio 0). */
int sched_setscheduler_nocheck(struct task_struct *p, int policy, int prio)
{
	bool rt = policy == SCHED_FIFO || policy == SCHED_RR;
	unsigned long flags;
	struct rq *rq;
	int queued, running;

	if (rt ? (prio < 1 || prio > MAX_RT_PRIO - 1) : prio != 0)
		return -EINVAL;
	rq = task_rq_lock(p, &flags);
	update_rq_clock(rq);
	queued = p->on_rq;
	/*
	 * Running as its class sees it: rq->curr is @p until the switch, but a
	 * @p that went to sleep is off the queue and already put_prev'd while
	 * its CPU, in the same __schedule, drops rq->lock to pull work
	 * (newidle_balance).  Making it the fair class's current then would
	 * leave cfs.curr pointing at a sleeper, and its next wake-up would be
	 * counted but kept out of the tree: "picked nothing".
	 */
	running = rq->curr == p && queued;
	if (running)
		p->sched_class->put_prev_task(rq, p);
	if (queued)
		dequeue_task(rq, p, 0);
	p->policy = policy;
	p->rt_priority = prio;
	p->normal_prio = p->prio = rt ? MAX_RT_PRIO - 1 - prio : p->static_prio;
	p->sched_class = rt ? &rt_sched_class : &fair_sched_class;
	p->rt.time_slice = 100 * HZ / 1000;
	if (running && !rt) {		/* the fair class keeps its running entity out of the tree */
		rq->cfs.curr = &p->se;
		p->se.exec_start = rq->clock;
		p->se.prev_sum_exec_runtime = p->se.sum_exec_runtime;
	}
	if (queued)
		enqueue_task(rq, p, 0);
	resched_curr(rq);
	task_rq_unlock(rq, p, flags);
	return 0;
}

struct sched_param_user {
	int sched_priority;
};

/* The task @pid names (0: the caller), with a reference; NULL if none (Linux's find_get_task). */
static struct task_struct *find_get_process(pid_t pid)
{
	return pid ? find_get_task_by_vpid(pid) : get_task_struct(current);
}

/* Same owner, or CAP_SYS_NICE over it (Linux's check_same_owner in __sched_setscheduler). */
static bool may_change_sched(struct task_struct *t)
{
	const struct cred *cred = current_cred(), *pcred;
	bool ok;

	spin_lock_irq(&tasklist_lock);	/* commit_creds on another CPU frees the old ones */
	pcred = t->real_cred;
	ok = uid_eq(cred->euid, pcred->euid) || uid_eq(cred->euid, pcred->uid) ||
	     ns_capable(pcred->user_ns, CAP_SYS_NICE);
	spin_unlock_irq(&tasklist_lock);
	return ok;
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

/* The bytes of a mask the affinity calls copy (Linux's cpumask_size()). */
#define CPUMASK_SIZE	sizeof(struct cpumask)

/*
 * The CPUs @pid may run on, those online (Linux's sched_getaffinity):
 * EINVAL if @len cannot hold nr_cpu_ids bits or is not a multiple of a
 * long; returns the bytes written.  musl's sysconf counts CPUs with it.
 */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	struct cpumask mask;
	struct task_struct *t;
	unsigned int ret = min_t(unsigned int, len, CPUMASK_SIZE);

	if ((u64)len * 8 < nr_cpu_ids || (len & (sizeof(long) - 1)))
		return -EINVAL;
	t = find_get_process(pid);
	if (!t)
		return -ESRCH;
	cpumask_and(&mask, &t->cpus_mask, cpu_online_mask);
	put_task_struct(t);
	if (copy_to_user(user_mask_ptr, &mask, ret))
		return -EFAULT;
	return ret;
}

/*
 * @pid may run only on the mask's CPUs (Linux's sched_setaffinity): a
 * shorter mask is taken as zero-filled, CPUs past the possible ones are
 * dropped; EINVAL if no online CPU remains, ESRCH, EPERM as setpriority.
 */
SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len, unsigned long *, user_mask_ptr)
{
	struct cpumask mask = CPU_MASK_NONE;
	struct task_struct *t;
	long ret;

	if (copy_from_user(&mask, user_mask_ptr, min_t(unsigned int, len, CPUMASK_SIZE)))
		return -EFAULT;
	cpumask_and(&mask, &mask, cpu_possible_mask);
	t = find_get_process(pid);
	if (!t)
		return -ESRCH;
	if (t->flags & PF_NO_SETAFFINITY)
		ret = -EINVAL;
	else
		ret = may_change_sched(t) ? set_cpus_allowed_ptr(t, &mask) : -EPERM;
	put_task_struct(t);
	return ret;
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
