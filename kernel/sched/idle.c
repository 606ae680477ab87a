/*
 * kernel/sched/idle.c: the idle class and the idle loop.
 *
 * The idle task (the boot task, pid 0, "swapper") runs only when no
 * other class has anything; it halts the CPU until the next interrupt.
 */
#include "sched.h"

static void enqueue_task_idle(struct rq *rq, struct task_struct *p, int flags)
{
	(void)rq; (void)p; (void)flags;
}

static void dequeue_task_idle(struct rq *rq, struct task_struct *p, int flags)
{
	(void)rq; (void)p; (void)flags;
	pr_err("sched: the idle task cannot sleep\n");
}

static void yield_task_idle(struct rq *rq)
{
	(void)rq;
}

/* Anything that wakes up preempts the idle task. */
static void check_preempt_curr_idle(struct rq *rq, struct task_struct *p, int flags)
{
	(void)p; (void)flags;
	resched_curr(rq);
}

static struct task_struct *pick_next_task_idle(struct rq *rq)
{
	return rq->idle;
}

/*
 * The idle task's runtime is the CPU's idle time (/proc/uptime's second
 * figure, the idle column of /proc/stat), as Linux accounts it per CPU.
 */
static void update_curr_idle(struct rq *rq)
{
	update_curr_se(rq, &rq->idle->se);
}

static void put_prev_task_idle(struct rq *rq, struct task_struct *p)
{
	(void)p;
	update_curr_idle(rq);
}

static void task_tick_idle(struct rq *rq, struct task_struct *p)
{
	(void)p;
	update_curr_idle(rq);
}

const struct sched_class idle_sched_class = {
	.enqueue_task		= enqueue_task_idle,
	.dequeue_task		= dequeue_task_idle,
	.yield_task		= yield_task_idle,
	.check_preempt_curr	= check_preempt_curr_idle,
	.pick_next_task		= pick_next_task_idle,
	.put_prev_task		= put_prev_task_idle,
	.task_tick		= task_tick_idle,
	.update_curr		= update_curr_idle,
};

/* The boot task's last job: halt until there is work, forever (Linux's do_idle). */
void cpu_startup_entry(void)
{
	for (;;) {
		local_irq_disable();
		if (!need_resched())
			safe_halt();		/* sti; hlt: no wake-up is lost in between */
		else
			local_irq_enable();
		if (need_resched())
			schedule();
	}
}
