/*
 * kernel/sched/fair.c: the fair class, Linux's CFS in miniature.
 *
 * Every runnable task has a virtual runtime: the time it has run, scaled
 * by NICE_0_LOAD / its weight, so a heavier (lower nice) task's clock runs
 * slower.  The runnable tasks sit in a red-black tree by vruntime and the
 * leftmost, the one that has had least, runs next.  A task runs for its
 * slice of the scheduling period (sched_slice) before the tick preempts
 * it; a waking task preempts the running one if it is far enough behind.
 */
#include "sched.h"

/* Linux's defaults for one CPU, in ns. */
unsigned int sysctl_sched_latency = 6000000;
unsigned int sysctl_sched_min_granularity = 750000;
unsigned int sysctl_sched_wakeup_granularity = 1000000;
static const unsigned int sched_nr_latency = 8;	/* latency / min_granularity */

static inline struct task_struct *task_of(struct sched_entity *se)
{
	return container_of(se, struct task_struct, se);
}

/* delta * weight / lw->weight, by multiplying with the cached inverse (Linux's __calc_delta). */
static u64 calc_delta(u64 delta, unsigned long weight, struct load_weight *lw)
{
	if (!lw->inv_weight)
		lw->inv_weight = 0xffffffffU / (lw->weight ? lw->weight : 1);
	return (u64)(((unsigned __int128)delta * weight * lw->inv_weight) >> 32);
}

static u64 calc_delta_fair(u64 delta, struct sched_entity *se)
{
	if (se->load.weight != NICE_0_LOAD)
		delta = calc_delta(delta, NICE_0_LOAD, &se->load);
	return delta;
}

static inline s64 entity_key(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	return (s64)(se->vruntime - cfs_rq->min_vruntime);
}

/*
 * min_vruntime follows the smallest vruntime of the running entity and
 * the leftmost queued one, and only moves forward (Linux's
 * update_min_vruntime): new and waking tasks are placed relative to it.
 */
static void update_min_vruntime(struct cfs_rq *cfs_rq)
{
#ifndef LAB_SCHED	/* LAB sched: update_min_vruntime */
	struct rb_node *leftmost = rb_first_cached(&cfs_rq->tasks_timeline);
	u64 vruntime = cfs_rq->min_vruntime;

	if (cfs_rq->curr)
		vruntime = cfs_rq->curr->vruntime;
	if (leftmost) {
		struct sched_entity *se = rb_entry(leftmost, struct sched_entity, run_node);

		if (!cfs_rq->curr || (s64)(se->vruntime - vruntime) < 0)
			vruntime = se->vruntime;
	}
	if ((s64)(vruntime - cfs_rq->min_vruntime) > 0)
		cfs_rq->min_vruntime = vruntime;	/* it only moves forward */
#else
	/* TODO (lab sched, step 2): this stub never moves min_vruntime */
	(void)cfs_rq;
#endif	/* LAB_SCHED */
}

/*
 * Charges the running entity for the time since it was last charged:
 * its runtime (update_curr_se, for the CPU-time clocks) and its vruntime,
 * the runtime scaled by NICE_0_LOAD / its weight (Linux's update_curr).
 */
static void update_curr(struct cfs_rq *cfs_rq)
{
	struct sched_entity *curr = cfs_rq->curr;
	s64 delta;

	if (!curr)
		return;
	delta = update_curr_se(rq_of(cfs_rq), curr);
	if (!delta)
		return;
#ifndef LAB_SCHED	/* LAB sched: update_curr's vruntime */
	curr->vruntime += calc_delta_fair(delta, curr);
	update_min_vruntime(cfs_rq);
#else
	/*
	 * TODO (lab sched, step 1): advance curr->vruntime.  In this stub no
	 * vruntime ever moves, so the tree keeps the order tasks were queued
	 * in: the fair class is a round robin that ignores nice.
	 */
#endif	/* LAB_SCHED */
}

static void update_curr_fair(struct rq *rq)
{
	update_curr(&rq->cfs);
}

static void enqueue_tree(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	struct rb_node **link = &cfs_rq->tasks_timeline.rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		struct sched_entity *entry = rb_entry(*link, struct sched_entity, run_node);

		parent = *link;
		if (entity_key(cfs_rq, se) < entity_key(cfs_rq, entry)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&se->run_node, parent, link);
	rb_insert_color_cached(&se->run_node, &cfs_rq->tasks_timeline, leftmost);
}

static void dequeue_tree(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	rb_erase_cached(&se->run_node, &cfs_rq->tasks_timeline);
}

/* The period in which every runnable task runs once. */
static u64 sched_period(unsigned long nr_running)
{
	if (nr_running > sched_nr_latency)
		return nr_running * (u64)sysctl_sched_min_granularity;
	return sysctl_sched_latency;
}

/* @se's share of the period, in proportion to its weight. */
static u64 sched_slice(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	unsigned int nr = cfs_rq->nr_running + !se->on_rq;
	struct load_weight load = cfs_rq->load;

	if (!se->on_rq) {
		load.weight += se->load.weight;
		load.inv_weight = 0;
	}
	return calc_delta(sched_period(nr), se->load.weight, &load);
}

/*
 * Where a task enters the timeline.  A new task starts one slice behind
 * min_vruntime, so forking cannot gain time (START_DEBIT); a waking
 * sleeper may be up to half a latency ahead of it, no more, so sleeping
 * earns a little priority but cannot be banked (GENTLE_FAIR_SLEEPERS).
 */
static void place_entity(struct cfs_rq *cfs_rq, struct sched_entity *se, bool initial)
{
#ifndef LAB_SCHED	/* LAB sched: place_entity */
	u64 vruntime = cfs_rq->min_vruntime;

	if (initial)
		vruntime += calc_delta_fair(sched_slice(cfs_rq, se), se);
	else
		vruntime -= sysctl_sched_latency / 2;
	if (initial || (s64)(vruntime - se->vruntime) > 0)
		se->vruntime = vruntime;
#else
	/*
	 * TODO (lab sched, step 3): START_DEBIT and GENTLE_FAIR_SLEEPERS.
	 * This stub leaves se->vruntime where it was: a new task starts at
	 * its parent's, a sleeper wakes with all the time it slept banked.
	 */
	(void)cfs_rq;
	(void)se;
	(void)initial;
#endif	/* LAB_SCHED */
}

static void account_enqueue(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	cfs_rq->load.weight += se->load.weight;
	cfs_rq->load.inv_weight = 0;
	cfs_rq->nr_running++;
}

static void account_dequeue(struct cfs_rq *cfs_rq, struct sched_entity *se)
{
	cfs_rq->load.weight -= se->load.weight;
	cfs_rq->load.inv_weight = 0;
	cfs_rq->nr_running--;
}

static void enqueue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = &p->se;

	update_curr(cfs_rq);
	if (flags & ENQUEUE_WAKEUP)
		place_entity(cfs_rq, se, false);
	account_enqueue(cfs_rq, se);
	if (se != cfs_rq->curr)
		enqueue_tree(cfs_rq, se);
	se->on_rq = 1;
}

static void dequeue_task_fair(struct rq *rq, struct task_struct *p, int flags)
{
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = &p->se;

	(void)flags;
	update_curr(cfs_rq);
	if (cfs_rq->skip == se)
		cfs_rq->skip = NULL;
	if (se != cfs_rq->curr)
		dequeue_tree(cfs_rq, se);
	account_dequeue(cfs_rq, se);
	se->on_rq = 0;
	update_min_vruntime(cfs_rq);
}

/* Yield: the next pick skips this task if anyone else can run. */
static void yield_task_fair(struct rq *rq)
{
	struct cfs_rq *cfs_rq = &rq->cfs;

	if (cfs_rq->nr_running == 1)
		return;
	update_curr(cfs_rq);
	cfs_rq->skip = cfs_rq->curr;
}

/* Preempt the running task if the woken one is behind it by more than a granularity. */
static void check_preempt_wakeup(struct rq *rq, struct task_struct *p, int flags)
{
	struct task_struct *curr = rq->curr;
	struct sched_entity *se = &curr->se, *pse = &p->se;
	s64 vdiff;

	(void)flags;
	if (curr->sched_class != &fair_sched_class) {
		if (curr->sched_class == &idle_sched_class)
			resched_curr(rq);
		return;
	}
	update_curr(&rq->cfs);
	vdiff = se->vruntime - pse->vruntime;
	if (vdiff > (s64)calc_delta_fair(sysctl_sched_wakeup_granularity, pse))
		resched_curr(rq);
}

/*
 * The entity to run next: the leftmost, unless it is the one that just
 * yielded (cfs_rq->skip) and another is queued (Linux's pick_next_entity
 * with its skip buddy).
 */
static struct sched_entity *pick_first(struct cfs_rq *cfs_rq)
{
	struct rb_node *left = rb_first_cached(&cfs_rq->tasks_timeline);
#ifndef LAB_SCHED	/* LAB sched: pick_first's skip buddy */
	struct sched_entity *se, *second;

	if (!left)
		return NULL;
	se = rb_entry(left, struct sched_entity, run_node);
	if (se == cfs_rq->skip) {
		struct rb_node *next = rb_next(left);

		if (next) {
			second = rb_entry(next, struct sched_entity, run_node);
			se = second;
		}
	}
	return se;
#else
	/* TODO (lab sched, step 4): sched_yield's skip.  This stub takes the leftmost. */
	return left ? rb_entry(left, struct sched_entity, run_node) : NULL;
#endif	/* LAB_SCHED */
}

static struct task_struct *pick_next_task_fair(struct rq *rq)
{
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = pick_first(cfs_rq);

	if (!se)
		return NULL;
	dequeue_tree(cfs_rq, se);	/* the running entity is kept out of the tree */
	cfs_rq->skip = NULL;
	se->exec_start = rq->clock;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
	cfs_rq->curr = se;
	return task_of(se);
}

static void put_prev_task_fair(struct rq *rq, struct task_struct *p)
{
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = &p->se;

	if (cfs_rq->curr != se)
		return;
	update_curr(cfs_rq);
	if (se->on_rq)
		enqueue_tree(cfs_rq, se);
	cfs_rq->curr = NULL;
}

/* The tick: preempt when the slice is used up, or when far ahead of the leftmost. */
static void task_tick_fair(struct rq *rq, struct task_struct *curr)
{
	struct cfs_rq *cfs_rq = &rq->cfs;
	struct sched_entity *se = &curr->se, *first;
	u64 ideal = sched_slice(cfs_rq, se);
	u64 ran = se->sum_exec_runtime - se->prev_sum_exec_runtime;
	struct rb_node *left;

	update_curr(cfs_rq);
	if (ran > ideal) {
		resched_curr(rq);
		return;
	}
	if (ran < sysctl_sched_min_granularity)
		return;
	left = rb_first_cached(&cfs_rq->tasks_timeline);
	if (!left)
		return;
	first = rb_entry(left, struct sched_entity, run_node);
	if ((s64)(se->vruntime - first->vruntime) > (s64)ideal)
		resched_curr(rq);
}

/*
 * A child starts from its parent's vruntime, then place_entity debits it a
 * slice.  sched_fork calls this with interrupts off, so this_rq() stays
 * the queue the child's p->cpu names.
 */
static void task_fork_fair(struct task_struct *p)
{
	struct rq *rq = this_rq();
	struct cfs_rq *cfs_rq = &rq->cfs;

	spin_lock(&rq->lock);
	update_rq_clock(rq);
	update_curr(cfs_rq);
	if (cfs_rq->curr)
		p->se.vruntime = cfs_rq->curr->vruntime;
	place_entity(cfs_rq, &p->se, true);
	spin_unlock(&rq->lock);
}

static void prio_changed_fair(struct rq *rq, struct task_struct *p, int oldprio)
{
	if (rq->curr == p && p->prio > oldprio)
		resched_curr(rq);
}

void init_cfs_rq(struct cfs_rq *cfs_rq)
{
	cfs_rq->tasks_timeline = RB_ROOT_CACHED;
	cfs_rq->min_vruntime = (u64)(-(1LL << 20));	/* Linux starts here to test wrap-around early */
}

/*
 * @p moves to @cpu's queue: its vruntime was relative to the old queue's
 * min_vruntime and becomes relative to the new one's, so it neither
 * starves there nor jumps the queue (Linux's migrate_task_rq_fair does it
 * at dequeue and enqueue).  The two min_vruntimes are read unlocked: a
 * snapshot, as Linux's.
 */
static void migrate_task_rq_fair(struct task_struct *p, int cpu)
{
	p->se.vruntime -= READ_ONCE(task_rq(p)->cfs.min_vruntime);
	p->se.vruntime += READ_ONCE(cpu_rq(cpu)->cfs.min_vruntime);
}

const struct sched_class fair_sched_class = {
	.enqueue_task		= enqueue_task_fair,
	.dequeue_task		= dequeue_task_fair,
	.yield_task		= yield_task_fair,
	.check_preempt_curr	= check_preempt_wakeup,
	.pick_next_task		= pick_next_task_fair,
	.put_prev_task		= put_prev_task_fair,
	.task_tick		= task_tick_fair,
	.task_fork		= task_fork_fair,
	.prio_changed		= prio_changed_fair,
	.update_curr		= update_curr_fair,
	.migrate_task_rq	= migrate_task_rq_fair,
};
