/*
 * kernel/sched/balance.c: moving fair tasks from a busy CPU's run queue
 * to an idle or less busy one (Linux's load_balance and newidle_balance,
 * with one level instead of its scheduling domains, and queue lengths
 * instead of its load averages).
 *
 * Also where a waking or new task goes (select_task_rq_smp): an idle CPU.
 *
 * Two moments: every tick a CPU looks for a queue with at least two more
 * tasks than its own (every BALANCE_INTERVAL ticks while busy, every tick
 * while idle), and a CPU about to go idle looks at once (newidle).  It
 * pulls one queued, not running, fair task that may run on it: the one
 * that has had least (leftmost), which would run soonest there anyway.
 */
#include "sched.h"

#define BALANCE_INTERVAL	4	/* ticks between two looks of a busy CPU (16 ms) */

static inline struct task_struct *task_of(struct sched_entity *se)
{
	return container_of(se, struct task_struct, se);
}

/* Does @cpu run its idle task with nothing queued?  A lockless look (Linux's idle_cpu). */
static bool idle_cpu(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return READ_ONCE(rq->curr) == rq->idle && !READ_ONCE(rq->nr_running);
}

/*
 * Where @p should run (Linux's select_task_rq, without its domains): the
 * CPU it last ran on if that is idle (its cache is warm), else any idle
 * CPU it may use, else the one it ran on, if still allowed.
 */
int select_task_rq_smp(struct task_struct *p)
{
	int prev = task_cpu(p);
	unsigned int cpu;
	struct cpumask allowed;

	if (!cpumask_and(&allowed, &p->cpus_mask, cpu_online_mask))
		return prev;		/* cannot happen: set_cpus_allowed keeps one online */
	if (cpumask_test_cpu(prev, &allowed) && idle_cpu(prev))
		return prev;
	for_each_cpu(cpu, &allowed)
		if (idle_cpu(cpu))
			return cpu;
	return cpumask_test_cpu(prev, &allowed) ? prev : (int)cpumask_first(&allowed);
}

/*
 * Both queues' locks, lower address first (Linux's double_rq_lock); irqs
 * off.  Every queue's lock is of one class (sched_init): the second is
 * taken nested, the address order being what makes it safe.
 */
static void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a > b) {
		struct rq *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING);
}

/*
 * The queue with the most tasks, if it has at least two more than @this
 * (so that moving one evens them out instead of swapping the imbalance):
 * a lockless look, checked again under the locks.
 */
static struct rq *find_busiest_queue(struct rq *this)
{
	unsigned int cpu, most = READ_ONCE(this->nr_running) + 1;
	struct rq *busiest = NULL;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int n = READ_ONCE(rq->nr_running);

		if (rq != this && n > most) {
			most = n;
			busiest = rq;
		}
	}
	return busiest;
}

/* A fair task queued on @src, not running, allowed on @dst_cpu (Linux's can_migrate_task). */
static struct task_struct *pick_movable_task(struct rq *src, int dst_cpu)
{
	struct rb_node *n;

	for (n = rb_first_cached(&src->cfs.tasks_timeline); n; n = rb_next(n)) {
		struct task_struct *p = task_of(rb_entry(n, struct sched_entity, run_node));

		if (p != src->curr && !READ_ONCE(p->on_cpu) &&
		    cpumask_test_cpu(dst_cpu, &p->cpus_mask))
			return p;
	}
	return NULL;
}

/*
 * Moves one task from @busiest to @this if the imbalance still holds;
 * both locks held.  p->pi_lock is not taken: every path that changes a
 * queued task holds its queue's lock, which we hold, and task_rq_lock
 * looks at p->cpu again once it has the lock.
 */
static int pull_one_task(struct rq *this, struct rq *busiest)
{
	struct task_struct *p;

	if (busiest->nr_running < this->nr_running + 2)
		return 0;
	p = pick_movable_task(busiest, this->cpu);
	if (!p)
		return 0;
	update_rq_clock(busiest);
	update_rq_clock(this);
	deactivate_task(busiest, p, 0);
	set_task_cpu(p, this->cpu);
	activate_task(this, p, 0);
	check_preempt_curr(this, p, 0);
	return 1;
}

/* From scheduler_tick, this CPU's lock not held, interrupts off. */
void trigger_load_balance(struct rq *this)
{
	struct rq *busiest;

	if (this->curr != this->idle && ++this->balance_ticks < BALANCE_INTERVAL)
		return;
	this->balance_ticks = 0;
	busiest = find_busiest_queue(this);
	if (!busiest)
		return;
	double_rq_lock(this, busiest);
	pull_one_task(this, busiest);
	spin_unlock(&busiest->lock);
	spin_unlock(&this->lock);
}

/*
 * From pick_next_task, with @this locked and nothing left to run on it: pull
 * a task before going idle (Linux's newidle_balance).  @this's lock may
 * be dropped meanwhile (to take the two in order); returns with it held,
 * and whether @this has a task to run now.
 */
bool newidle_balance(struct rq *this)
{
	struct rq *busiest = find_busiest_queue(this);

	if (!busiest)
		return false;
	if (busiest < this) {
		spin_unlock(&this->lock);
		double_rq_lock(this, busiest);
	} else {
		spin_lock_nested(&busiest->lock, SINGLE_DEPTH_NESTING);
	}
	pull_one_task(this, busiest);
	spin_unlock(&busiest->lock);
	/* @this may have been taken second, nested: it is the only one held now */
	lock_set_subclass(&this->lock.dep_map, 0, _THIS_IP_);
	return this->nr_running != 0;
}
