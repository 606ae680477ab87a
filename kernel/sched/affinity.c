/*
 * kernel/sched/affinity.c: where a task may run (p->cpus_mask), and
 * moving it when that changes (Linux's __set_cpus_allowed_ptr and
 * migration_cpu_stop, in its kernel/sched/core.c).
 *
 * A task is moved between run queues only while it runs nowhere: a
 * sleeping one needs nothing (its next wake-up places it within the
 * mask, select_task_rq), a queued one is taken off one queue and put on
 * the other, and a running one is first preempted by its CPU's stopper
 * thread (kernel/stop_machine.c), which then moves it as a queued one.
 */
#include "sched.h"
#include <linux/stop_machine.h>

/*
 * @p, queued on @rq but not running, goes to @cpu's queue (Linux's
 * move_queued_task).  Called with p->pi_lock and rq->lock held; returns
 * with only p->pi_lock, which keeps every other path off @p while it is
 * between the two queues.
 */
static void move_queued_task(struct rq *rq, struct task_struct *p, int cpu)
{
	struct rq *dst = cpu_rq(cpu);

	update_rq_clock(rq);
	deactivate_task(rq, p, 0);
	set_task_cpu(p, cpu);
	spin_unlock(&rq->lock);
	spin_lock(&dst->lock);
	update_rq_clock(dst);
	activate_task(dst, p, 0);
	check_preempt_curr(dst, p, 0);
	spin_unlock(&dst->lock);
}

struct migration_arg {
	struct task_struct *task;
	int dest_cpu;
};

/* On the CPU @arg's task runs on, from its stopper: the task is preempted, so movable. */
static int migration_cpu_stop(void *data)
{
	struct migration_arg *arg = data;
	struct task_struct *p = arg->task;
	struct rq *rq = this_rq();
	unsigned long flags;

	spin_lock_irqsave(&p->pi_lock, flags);
	spin_lock(&rq->lock);
	if (task_rq(p) == rq && p->on_rq && rq->curr != p &&
	    !cpumask_test_cpu(rq->cpu, &p->cpus_mask))
		move_queued_task(rq, p, arg->dest_cpu);
	else
		spin_unlock(&rq->lock);
	spin_unlock_irqrestore(&p->pi_lock, flags);
	return 0;
}

/*
 * @p may run only on @new_mask's CPUs from now on; -EINVAL if none of
 * them is online.  Sleeps if @p runs elsewhere and must be moved.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
{
	struct migration_arg arg = { p, 0 };
	struct cpumask valid;
	unsigned long flags;
	struct rq *rq;

	if (!cpumask_and(&valid, new_mask, cpu_online_mask))
		return -EINVAL;
	rq = task_rq_lock(p, &flags);
	cpumask_copy(&p->cpus_mask, new_mask);
	arg.dest_cpu = cpumask_first(&valid);
	if (cpumask_test_cpu(task_cpu(p), &valid) || !p->on_rq) {
		task_rq_unlock(rq, p, flags);	/* fine where it is, or placed at its wake-up */
		return 0;
	}
	if (rq->curr != p) {
		move_queued_task(rq, p, arg.dest_cpu);
		spin_unlock_irqrestore(&p->pi_lock, flags);
		return 0;
	}
	task_rq_unlock(rq, p, flags);
	return stop_one_cpu(rq->cpu, migration_cpu_stop, &arg);
}

/*
 * A kernel thread just made, not yet woken, will run only on @cpu
 * (Linux's kthread_bind): it is first let go to sleep (it may still be on
 * its way there), then placed.
 */
void kthread_bind(struct task_struct *p, unsigned int cpu)
{
	unsigned long flags;
	struct rq *rq;

	while (READ_ONCE(p->on_rq) || __atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		schedule_timeout_uninterruptible(1);
	rq = task_rq_lock(p, &flags);
	cpumask_clear(&p->cpus_mask);
	cpumask_set_cpu(cpu, &p->cpus_mask);
	p->flags |= PF_NO_SETAFFINITY;
	if (!p->on_rq)
		set_task_cpu(p, cpu);
	task_rq_unlock(rq, p, flags);
}
