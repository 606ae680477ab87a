/*
 * kernel/sched/sched.h: the scheduler's internals.
 *
 * One run queue per CPU, each with its own lock.  Each scheduling class keeps its
 * own queue inside it and implements struct sched_class; the core asks
 * the classes in priority order (rt, fair, idle) for the next task.
 */
#ifndef _KERNEL_SCHED_H
#define _KERNEL_SCHED_H

#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/rbtree.h>
#include <linux/time.h>
#include <linux/smp.h>

#define ENQUEUE_WAKEUP	0x01
#define ENQUEUE_INITIAL	0x02	/* a new task's first enqueue */
#define DEQUEUE_SLEEP	0x01

/*
 * p->on_rq: 0 off every queue, TASK_ON_RQ_QUEUED on one, and
 * TASK_ON_RQ_MIGRATING while the balancer moves it from one queue to
 * another (both queues' locks held, p->pi_lock not).  try_to_wake_up
 * reads on_rq without any queue's lock: a 0 seen in the middle of a move
 * made it enqueue the task a second time ("picked nothing" with a task
 * counted twice, then freed while still in a tree).  Nonzero, it takes
 * the task's queue lock, which it gets only once the move is over.
 */
#define TASK_ON_RQ_QUEUED	1
#define TASK_ON_RQ_MIGRATING	2

#define WF_FORK		0x02

struct cfs_rq {
	struct load_weight load;	/* sum of the queued entities' weights */
	unsigned int nr_running;
	u64 min_vruntime;		/* never decreases: where newcomers are placed */
	struct rb_root_cached tasks_timeline;	/* runnable entities by vruntime */
	struct sched_entity *curr;	/* running, and not in the tree */
	struct sched_entity *skip;	/* the one that just yielded */
};

struct rt_rq {
	struct list_head queue[MAX_RT_PRIO];	/* one FIFO per priority */
	unsigned int nr_running;
};

struct rq {
	spinlock_t lock;		/* protects everything below, irqs off; two: lower address first */
	int cpu;			/* whose queue this is */
	unsigned int nr_running;
	u64 clock;			/* ns, updated at every scheduling event */
	unsigned long nr_switches;
	struct cfs_rq cfs;
	struct rt_rq rt;
	struct task_struct *curr;
	struct task_struct *idle;
	struct mm_struct *prev_mm;	/* borrowed by the last kernel thread, to drop */
	unsigned int balance_ticks;	/* ticks since the last balance (this CPU's tick only) */
};

void trigger_load_balance(struct rq *this);
bool newidle_balance(struct rq *this);

struct sched_class {
	void (*enqueue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*dequeue_task)(struct rq *rq, struct task_struct *p, int flags);
	void (*yield_task)(struct rq *rq);
	/* Should @p, just woken or created, preempt rq->curr? */
	void (*check_preempt_curr)(struct rq *rq, struct task_struct *p, int flags);
	/* Choose the next task of this class and make it current, or NULL. */
	struct task_struct *(*pick_next_task)(struct rq *rq);
	void (*put_prev_task)(struct rq *rq, struct task_struct *p);
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	void (*task_fork)(struct task_struct *p);
	void (*prio_changed)(struct rq *rq, struct task_struct *p, int oldprio);
	void (*update_curr)(struct rq *rq);
	/* @p, off any queue, moves to @cpu's (may be NULL): Linux's migrate_task_rq */
	void (*migrate_task_rq)(struct task_struct *p, int cpu);
};

extern const struct sched_class rt_sched_class;
extern const struct sched_class fair_sched_class;
extern const struct sched_class idle_sched_class;

extern struct rq runqueues[NR_CPUS];
extern const int sched_prio_to_weight[40];
extern const u32 sched_prio_to_wmult[40];
extern unsigned int sysctl_sched_latency;
extern unsigned int sysctl_sched_min_granularity;
extern unsigned int sysctl_sched_wakeup_granularity;

#define rq_of(cfs_rq)	container_of(cfs_rq, struct rq, cfs)
#define cpu_rq(cpu)	(&runqueues[(cpu)])
#define this_rq()	this_cpu_read(rq)	/* one %gs load */
#define task_rq(p)	cpu_rq(task_cpu(p))

/*
 * This CPU's run queue, locked, interrupts off (their state in *@flags).
 * Off first: a preemption between reading this_rq() and taking its lock
 * could move the caller to another CPU, and it would then lock, and work
 * on, a queue it is not on (Linux's this_rq_lock_irq).
 */
static inline struct rq *this_rq_lock_irqsave(unsigned long *flags)
{
	struct rq *rq;

	local_irq_save(*flags);
	rq = this_rq();
	spin_lock(&rq->lock);
	return rq;
}

static inline unsigned int task_cpu(const struct task_struct *p)
{
	return READ_ONCE(p->cpu);
}

struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags);

static inline void task_rq_unlock(struct rq *rq, struct task_struct *p, unsigned long flags)
{
	spin_unlock(&rq->lock);
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

static inline void update_rq_clock(struct rq *rq)
{
	rq->clock = local_clock();
}

/*
 * Charges @se for the time since it was last charged, up to rq->clock,
 * and returns that time (0 if none): every class's update_curr starts so
 * (Linux's update_curr_se).
 */
static inline s64 update_curr_se(struct rq *rq, struct sched_entity *se)
{
	s64 delta = rq->clock - se->exec_start;

	if (delta <= 0)
		return 0;
	se->exec_start = rq->clock;
	se->sum_exec_runtime += delta;
	return delta;
}

void resched_curr(struct rq *rq);
void enqueue_task(struct rq *rq, struct task_struct *p, int flags);
void dequeue_task(struct rq *rq, struct task_struct *p, int flags);
void activate_task(struct rq *rq, struct task_struct *p, int flags);
void deactivate_task(struct rq *rq, struct task_struct *p, int flags);
void set_task_cpu(struct task_struct *p, int cpu);
int select_task_rq_smp(struct task_struct *p);

/* Where @p should run: with one CPU, where it is (no call on the wake-up path). */
static inline int select_task_rq(struct task_struct *p)
{
	return nr_cpu_ids == 1 ? (int)task_cpu(p) : select_task_rq_smp(p);
}

void set_load_weight(struct task_struct *p);
void init_cfs_rq(struct cfs_rq *cfs_rq);
void init_rt_rq(struct rt_rq *rt_rq);

/* @p, just made runnable on @rq: should it run before rq->curr? */
static inline void check_preempt_curr(struct rq *rq, struct task_struct *p, int flags)
{
	if (p->sched_class == rq->curr->sched_class)
		p->sched_class->check_preempt_curr(rq, p, flags);
	else if (p->sched_class == &rt_sched_class || rq->curr->sched_class == &idle_sched_class)
		resched_curr(rq);
}

static inline bool rt_prio(int prio)
{
	return prio < MAX_RT_PRIO;
}

#endif
