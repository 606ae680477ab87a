/*
 * kernel/sched/rt.c: the real-time class, SCHED_FIFO and SCHED_RR.
 *
 * One FIFO list per priority; the highest non-empty one runs, always
 * ahead of every fair task.  A SCHED_FIFO task runs until it blocks or
 * yields; a SCHED_RR task also goes to the back of its list when its
 * time slice (100 ms, as Linux's RR_TIMESLICE) runs out.  There is no
 * throttling: a runaway FIFO task owns the CPU, as on Linux with
 * sched_rt_runtime_us = -1.
 */
#include "sched.h"

#define RR_TIMESLICE	(100 * HZ / 1000)

/* Linux numbers rt priority 99 as prio 0, the highest. */
static struct list_head *queue_of(struct rq *rq, struct task_struct *p)
{
	return &rq->rt.queue[p->prio];
}

static void enqueue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	(void)flags;
	list_add_tail(&p->rt.run_list, queue_of(rq, p));
	p->rt.on_rq = 1;
	rq->rt.nr_running++;
}

static void dequeue_task_rt(struct rq *rq, struct task_struct *p, int flags)
{
	(void)flags;
	list_del_init(&p->rt.run_list);
	p->rt.on_rq = 0;
	rq->rt.nr_running--;
}

static void yield_task_rt(struct rq *rq)
{
	struct task_struct *p = rq->curr;

	list_move_tail(&p->rt.run_list, queue_of(rq, p));
}

static void check_preempt_curr_rt(struct rq *rq, struct task_struct *p, int flags)
{
	(void)flags;
	if (p->prio < rq->curr->prio)
		resched_curr(rq);
}

static struct task_struct *pick_next_task_rt(struct rq *rq)
{
	int prio;

	if (!rq->rt.nr_running)
		return NULL;
	for (prio = 0; prio < MAX_RT_PRIO; prio++)
		if (!list_empty(&rq->rt.queue[prio]))
			return list_first_entry(&rq->rt.queue[prio], struct task_struct, rt.run_list);
	return NULL;
}

/* The running task stays at the head of its list: FIFO keeps its place. */
static void put_prev_task_rt(struct rq *rq, struct task_struct *p)
{
	(void)rq;
	(void)p;
}

static void task_tick_rt(struct rq *rq, struct task_struct *p)
{
	if (p->policy != SCHED_RR || --p->rt.time_slice)
		return;
	p->rt.time_slice = RR_TIMESLICE;
	if (!list_is_singular(queue_of(rq, p))) {
		list_move_tail(&p->rt.run_list, queue_of(rq, p));
		resched_curr(rq);
	}
}

static void task_fork_rt(struct task_struct *p)
{
	p->rt.time_slice = RR_TIMESLICE;
}

static void prio_changed_rt(struct rq *rq, struct task_struct *p, int oldprio)
{
	if (rq->curr == p && p->prio > oldprio)
		resched_curr(rq);
}

static void update_curr_rt(struct rq *rq)
{
	update_curr_se(rq, &rq->curr->se);
}

void init_rt_rq(struct rt_rq *rt_rq)
{
	int i;

	for (i = 0; i < MAX_RT_PRIO; i++)
		INIT_LIST_HEAD(&rt_rq->queue[i]);
	rt_rq->nr_running = 0;
}

const struct sched_class rt_sched_class = {
	.enqueue_task		= enqueue_task_rt,
	.dequeue_task		= dequeue_task_rt,
	.yield_task		= yield_task_rt,
	.check_preempt_curr	= check_preempt_curr_rt,
	.pick_next_task		= pick_next_task_rt,
	.put_prev_task		= put_prev_task_rt,
	.task_tick		= task_tick_rt,
	.task_fork		= task_fork_rt,
	.prio_changed		= prio_changed_rt,
	.update_curr		= update_curr_rt,
};
