/*
 * kernel/sched/core.c: schedule(), wake-ups, the tick, nice.
 *
 * The core knows nothing of policy: it asks each class in turn (rt, fair,
 * idle) for a task.  It owns the run queue lock, the context switch and
 * the task state machine: a task sets its state to a sleeping one, then
 * calls schedule(), which takes it off the run queue unless a wake-up
 * (try_to_wake_up) already set it back to TASK_RUNNING.
 */
#include "sched.h"
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/timer.h>
#include <linux/mmu_context.h>
#include <linux/uaccess.h>
#include <linux/sched/cputime.h>
#include <asm/desc.h>

void init_task_fpu_state(void);

struct rq runqueue;

/* Linux's weight table: each nice level is ~10% CPU apart (a factor 1.25). */
const int sched_prio_to_weight[40] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

static const struct sched_class *const sched_classes[] = {
	&rt_sched_class, &fair_sched_class, &idle_sched_class,
};

void set_load_weight(struct task_struct *p)
{
	int prio = p->static_prio - MAX_RT_PRIO;

	p->se.load.weight = sched_prio_to_weight[prio];
	p->se.load.inv_weight = 0;
}

/* Asks the task running on @rq to switch: at its next preempt_enable or return. */
void resched_curr(struct rq *rq)
{
	set_tsk_need_resched(rq->curr);
	if (rq->curr == current)
		set_preempt_need_resched();
}

static void enqueue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->enqueue_task(rq, p, flags);
}

static void dequeue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->dequeue_task(rq, p, flags);
}

static void activate_task(struct rq *rq, struct task_struct *p, int flags)
{
	enqueue_task(rq, p, flags);
	p->on_rq = 1;
	rq->nr_running++;
}

static void deactivate_task(struct rq *rq, struct task_struct *p, int flags)
{
	dequeue_task(rq, p, flags);
	p->on_rq = 0;
	rq->nr_running--;
}

static struct task_struct *pick_next_task(struct rq *rq, struct task_struct *prev)
{
	struct task_struct *p;
	unsigned int i;

	prev->sched_class->put_prev_task(rq, prev);
	for (i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		p = sched_classes[i]->pick_next_task(rq);
		if (p)
			return p;
		/* else the CPU would idle for ever with work to do: say so */
		if (sched_classes[i] == &fair_sched_class && rq->cfs.nr_running)
			panic("pick_next_task_fair picked nothing with %u task(s) runnable",
			      rq->cfs.nr_running);
	}
	BUG();		/* the idle class always has a task */
}

/* Switches everything that belongs to a task: FPU, stacks, TLS; returns @prev. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	struct pcpu *cpu = this_cpu();

	__asm__ __volatile__("fxsave64 %0" : "=m"(prev->thread.fpu));
	__asm__ __volatile__("fxrstor64 %0" :: "m"(next->thread.fpu));
	cpu->top_of_stack = (unsigned long)next->stack + THREAD_SIZE;
	tss_set_sp0(cpu->top_of_stack);
	if (prev->thread.fsbase != next->thread.fsbase)
		wrmsr(MSR_FS_BASE, next->thread.fsbase);
	cpu->current_task = next;
	return prev;
}

/* In kernel/switch.S: saves callee-saved registers and swaps stacks. */
struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next,
				    unsigned long *prev_sp, unsigned long next_sp);

/* Runs in the next task, after the switch: releases what the switch held. */
static void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	long prev_state = prev->state;

	struct mm_struct *mm = rq->prev_mm;

	rq->prev_mm = NULL;
	lockdep_map_acquire(&rq->lock.dep_map, 0, _THIS_IP_);	/* taken by the switched-from task */
	spin_unlock_irq(&rq->lock);
	if (mm)
		mmdrop(mm);
	if (prev_state == TASK_DEAD)
		put_task_struct(prev);	/* the scheduler's reference: frees the stack */
}

/*
 * The first code a new task runs (from ret_from_fork).  The switch to it
 * happened with the preemption count at 2 (schedule's and the run-queue
 * lock's); finish_task_switch drops one and this drops the other.
 */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	preempt_enable();
	if (current->set_child_tid)	/* CLONE_CHILD_SETTID, written in the child's memory */
		put_user(task_pid_vnr(current), current->set_child_tid);
}

/*
 * A kernel thread has no address space of its own: it borrows the one
 * loaded (active_mm) and holds a reference so it cannot go away, and
 * switching user -> kernel thread -> same user costs no CR3 reload
 * (Linux's lazy TLB).  The borrowed reference is dropped after the
 * switch, in finish_task_switch.
 */
static void __sched context_switch(struct rq *rq, struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *oldmm = prev->active_mm;

	if (!next->mm) {
		next->active_mm = oldmm;
		mmgrab(oldmm);
	} else {
		switch_mm(oldmm, next->mm);
	}
	if (!prev->mm) {
		rq->prev_mm = oldmm;
		prev->active_mm = NULL;
	}
	lockdep_map_release(&rq->lock.dep_map, _THIS_IP_);	/* the next task lets it go */
	prev = __switch_to_asm(prev, next, &prev->thread.sp, next->thread.sp);
	finish_task_switch(prev);
}

/* Called with preemption disabled once; takes the run-queue lock (the second count). */
static void __sched __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	struct rq *rq = this_rq();

	local_irq_disable();
	spin_lock(&rq->lock);
	update_rq_clock(rq);
	if (!preempt && prev->state != TASK_RUNNING) {
		if ((prev->state & TASK_INTERRUPTIBLE) && signal_pending(prev))
			prev->state = TASK_RUNNING;	/* a signal came in while we went to sleep */
		else
			deactivate_task(rq, prev, DEQUEUE_SLEEP);
	}
	next = pick_next_task(rq, prev);
	clear_tsk_thread_flag(prev, TIF_NEED_RESCHED);
	clear_preempt_need_resched();
	if (likely(prev != next)) {
		rq->nr_switches++;
		if (!preempt && prev->state != TASK_RUNNING)
			prev->nvcsw++;
		else
			prev->nivcsw++;
		rq->curr = next;
		next->se.exec_start = rq->clock;
		context_switch(rq, prev, next);
	} else {
		spin_unlock_irq(&rq->lock);
	}
}

void __sched schedule(void)
{
	schedule_debug_hook();
	do {
		preempt_disable();
		__schedule(false);
		preempt_enable_no_resched();
	} while (need_resched());
}

/* The last thing an exiting task does: it is never switched back to. */
void do_task_dead(void)
{
	preempt_disable();
	set_current_state(TASK_DEAD);
	__schedule(false);
	BUG();
}

/* From the interrupt return path: the tick or a wake-up asked for a switch. */
void __sched preempt_schedule_irq(void)
{
	do {
		preempt_disable();
		local_irq_enable();
		__schedule(true);
		local_irq_disable();
		preempt_enable_no_resched();
	} while (need_resched());
}

/* From preempt_enable(), when the count it dropped to 0 had a switch due. */
void __sched preempt_schedule(void)
{
	if (!preemptible())
		return;
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

/* The try_to_wake_up of Linux, for one CPU: if @p sleeps in @state, make it runnable. */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	struct rq *rq = this_rq();
	unsigned long flags;
	int success = 0;

	spin_lock_irqsave(&rq->lock, flags);
	if (!(p->state & state))
		goto out;
	success = 1;
	if (!p->on_rq) {
		update_rq_clock(rq);
		activate_task(rq, p, ENQUEUE_WAKEUP);
		if (p->sched_class == rq->curr->sched_class)
			p->sched_class->check_preempt_curr(rq, p, 0);
		else if (p->sched_class == &rt_sched_class ||
			 rq->curr->sched_class == &idle_sched_class)
			resched_curr(rq);
	}
	p->state = TASK_RUNNING;
out:
	spin_unlock_irqrestore(&rq->lock, flags);
	return success;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* Sets up a new task's scheduling state; the preempt count is dropped in schedule_tail. */
void sched_fork(struct task_struct *p)
{
	p->state = TASK_NEW;
	p->on_rq = 0;
	p->prio = current->normal_prio;
	p->se.on_rq = 0;
	p->se.exec_start = 0;
	p->se.sum_exec_runtime = 0;
	p->se.prev_sum_exec_runtime = 0;
	p->se.vruntime = 0;
	RB_CLEAR_NODE(&p->se.run_node);
	INIT_LIST_HEAD(&p->rt.run_list);
	p->rt.on_rq = 0;
	if (p->policy == SCHED_NORMAL || p->policy == SCHED_BATCH || p->policy == SCHED_IDLE)
		p->sched_class = &fair_sched_class;
	else
		p->sched_class = &rt_sched_class;
	if (p->sched_class->task_fork)
		p->sched_class->task_fork(p);
	clear_tsk_thread_flag(p, TIF_NEED_RESCHED);
}

void wake_up_new_task(struct task_struct *p)
{
	struct rq *rq = this_rq();
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	p->state = TASK_RUNNING;
	update_rq_clock(rq);
	activate_task(rq, p, ENQUEUE_INITIAL);
	if (p->sched_class == rq->curr->sched_class)
		p->sched_class->check_preempt_curr(rq, p, WF_FORK);
	else if (p->sched_class == &rt_sched_class || rq->curr == rq->idle)
		resched_curr(rq);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Called from the timer interrupt. */
void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *curr = rq->curr;

	spin_lock(&rq->lock);
	update_rq_clock(rq);
	curr->sched_class->task_tick(rq, curr);
	spin_unlock(&rq->lock);
}

/*
 * @p's CPU time to this moment (Linux's task_sched_runtime).  The running
 * task's time since the last tick or switch is not in sum_exec_runtime
 * yet: its class charges it first (update_curr), so a CPU-time clock read
 * twice across a busy loop moves on even when no tick came in between.
 */
u64 task_sched_runtime(struct task_struct *p)
{
	struct rq *rq = this_rq();
	unsigned long flags;
	u64 ns;

	spin_lock_irqsave(&rq->lock, flags);
	if (rq->curr == p && p->on_rq) {
		update_rq_clock(rq);
		p->sched_class->update_curr(rq);
	}
	ns = p->se.sum_exec_runtime;
	spin_unlock_irqrestore(&rq->lock, flags);
	return ns;
}

int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(p->static_prio);
}

/* Changes @p's weight; a queued task is taken out and put back at its new weight. */
void set_user_nice(struct task_struct *p, long nice)
{
	struct rq *rq = this_rq();
	unsigned long flags;
	int old_prio, queued;

	nice = clamp(nice, (long)MIN_NICE, (long)MAX_NICE);
	spin_lock_irqsave(&rq->lock, flags);
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
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Moves @p to SCHED_FIFO/RR at @prio (1..99) or back to SCHED_NORMAL (prio 0). */
int sched_setscheduler_nocheck(struct task_struct *p, int policy, int prio)
{
	struct rq *rq = this_rq();
	bool rt = policy == SCHED_FIFO || policy == SCHED_RR;
	unsigned long flags;
	int queued, running;

	if (rt ? (prio < 1 || prio > MAX_RT_PRIO - 1) : prio != 0)
		return -EINVAL;
	spin_lock_irqsave(&rq->lock, flags);
	update_rq_clock(rq);
	queued = p->on_rq;
	running = rq->curr == p;
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
	spin_unlock_irqrestore(&rq->lock, flags);
	return 0;
}

int do_sched_yield(void)
{
	struct rq *rq = this_rq();

	spin_lock_irq(&rq->lock);
	update_rq_clock(rq);
	current->sched_class->yield_task(rq);
	spin_unlock_irq(&rq->lock);
	schedule();
	return 0;
}

static void process_timeout(struct timer_list *t);

struct sleep_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	wake_up_process(container_of(t, struct sleep_timer, timer)->task);
}

/*
 * Sleeps (in the state the caller set) for up to @timeout jiffies;
 * returns the jiffies left if woken early, else 0.  As Linux's.
 */
long __sched schedule_timeout(long timeout)
{
	struct sleep_timer st;
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("schedule_timeout: wrong timeout value %lx\n", timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = jiffies + timeout;
	st.task = current;
	timer_setup(&st.timer, process_timeout);
	mod_timer(&st.timer, expire);
	schedule();
	del_timer(&st.timer);
	timeout = expire - jiffies;
	return timeout < 0 ? 0 : timeout;
}

long __sched schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long __sched schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

void __sched msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

unsigned long nr_running(void)
{
	return this_rq()->nr_running;
}

unsigned long nr_context_switches(void)
{
	return this_rq()->nr_switches;
}

/* The boot task becomes the idle task (Linux's init_idle). */
void init_idle(struct task_struct *idle)
{
	struct rq *rq = this_rq();
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	idle->state = TASK_RUNNING;
	idle->flags |= PF_IDLE;
	idle->sched_class = &idle_sched_class;
	rq->idle = idle;
	rq->curr = idle;
	spin_unlock_irqrestore(&rq->lock, flags);
}

void sched_init(void)
{
	struct rq *rq = this_rq();

	spin_lock_init(&rq->lock);
	init_cfs_rq(&rq->cfs);
	init_rt_rq(&rq->rt);
	set_load_weight(&init_task);
	mmgrab(&init_mm);		/* the idle task's lazy reference, as Linux's sched_init */
	init_idle(&init_task);
	init_task_fpu_state();
}
