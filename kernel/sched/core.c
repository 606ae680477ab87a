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

struct rq runqueues[NR_CPUS];

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

/*
 * Asks the task running on @rq to switch: at its next preempt_enable or
 * return; on another CPU, whose interrupt return then sees it, through
 * the reschedule IPI.  Under rq->lock.
 */
void resched_curr(struct rq *rq)
{
	set_tsk_need_resched(rq->curr);
	if (rq->curr == current)
		set_preempt_need_resched();
	else if (rq->cpu != smp_processor_id())
		smp_send_reschedule(rq->cpu);
}

/*
 * Locks @p's wake-ups out (p->pi_lock) and the run queue @p is on
 * (Linux's task_rq_lock): p->cpu may change until that queue's lock is
 * held, since a migration of a queued task changes it under the old
 * queue's lock; so look again once holding it.
 */
struct rq *task_rq_lock(struct task_struct *p, unsigned long *flags)
{
	struct rq *rq;

	spin_lock_irqsave(&p->pi_lock, *flags);
	for (;;) {
		rq = task_rq(p);
		spin_lock(&rq->lock);
		if (likely(rq == task_rq(p)))
			return rq;
		spin_unlock(&rq->lock);
	}
}

void enqueue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->enqueue_task(rq, p, flags);
}

void dequeue_task(struct rq *rq, struct task_struct *p, int flags)
{
	p->sched_class->dequeue_task(rq, p, flags);
}

void activate_task(struct rq *rq, struct task_struct *p, int flags)
{
	enqueue_task(rq, p, flags);
	WRITE_ONCE(p->on_rq, TASK_ON_RQ_QUEUED);
	rq->nr_running++;
}

void deactivate_task(struct rq *rq, struct task_struct *p, int flags)
{
	dequeue_task(rq, p, flags);
	/* a move's dequeue is not a sleep: lockless readers must see it queued */
	WRITE_ONCE(p->on_rq, (flags & DEQUEUE_SLEEP) ? 0 : TASK_ON_RQ_MIGRATING);
	rq->nr_running--;
}

/* The fair class counts tasks its tree does not hold: what there is to know, then panic. */
static noinline __noreturn void fair_picked_nothing(struct rq *rq, struct task_struct *prev)
{
	struct sched_entity *curr = rq->cfs.curr;

	pr_emerg("sched: cpu %d: prev %d (%s), rq->curr %d, cfs.curr %d (on_rq %d)\n",
		 rq->cpu, prev->pid, prev->comm, rq->curr->pid,
		 curr ? container_of(curr, struct task_struct, se)->pid : 0,
		 curr ? (int)curr->on_rq : -1);
	panic("pick_next_task_fair picked nothing with %u task(s) runnable", rq->cfs.nr_running);
}

/*
 * The first task of the highest class that has one.  When the fair class
 * has none either, only the idle task is left: a CPU among several first
 * pulls a task from a busy one (Linux's newidle_balance, from its
 * pick_next_task_fair), which may drop and retake rq->lock; a CPU that
 * will run something pays nothing for it.
 */
static struct task_struct *pick_next_task(struct rq *rq, struct task_struct *prev)
{
	struct task_struct *p;
	unsigned int i;

	prev->sched_class->put_prev_task(rq, prev);
again:
	for (i = 0; i < ARRAY_SIZE(sched_classes); i++) {
		p = sched_classes[i]->pick_next_task(rq);
		if (p)
			return p;
		if (sched_classes[i] != &fair_sched_class)
			continue;
		/* else the CPU would idle for ever with work to do: say so */
		if (rq->cfs.nr_running)
			fair_picked_nothing(rq, prev);
		if (nr_cpu_ids > 1 && newidle_balance(rq))
			goto again;
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
	/* the user's GS base, until swapgs; either nonzero: it may have been reloaded by mov %gs */
	if (prev->thread.gsbase | next->thread.gsbase)
		wrmsr(MSR_KERNEL_GS_BASE, next->thread.gsbase);
	/*
	 * current = next.  The run-queue lock, held across the switch, leaves
	 * prev's held-lock stack and joins next's (Linux's prepare_lock_switch
	 * and finish_lock_switch): the validator's hooks, fused into the store.
	 */
	__asm__ __volatile__(LOCKDEP_FUSED("movq %[next], %%gs:%c[cur]",
				"call __lockdep_switch_out_thunk\n\t"
				"movq %[next], %%gs:%c[cur]\n\t"
				"call __lockdep_switch_in_thunk")
			     :: [next] "r"(next), [cur] "i"(PCPU_CURRENT) : "memory");
	return prev;
}

/* From __switch_to's hook, prev still current: the run-queue lock leaves its held locks. */
void lockdep_switch_out(void)
{
	lock_release(&this_rq()->lock.dep_map, (unsigned long)__switch_to);
}

/* The same, next now current: it holds the lock until finish_task_switch lets it go. */
void lockdep_switch_in(void)
{
	lockdep_map_acquire_flags(&this_rq()->lock.dep_map, 0, (unsigned long)__switch_to);
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
	/* prev's stack is no longer in use: another CPU may run it from now on */
	__atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
	spin_unlock_irq(&rq->lock);	/* taken by the switched-from task: __switch_to */
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
		next->on_cpu = 1;
		next->se.exec_start = rq->clock;
		context_switch(rq, prev, next);
	} else {
		spin_unlock_irq(&rq->lock);
	}
}

/* preempt_disable() with schedule()'s check (schedule_debug) fused in before it. */
#define preempt_disable_schedule_debug() \
	__asm__ __volatile__(LOCKDEP_FUSED("addl $1, %%gs:%c[pc]", \
				"call __schedule_debug_thunk\n\taddl $1, %%gs:%c[pc]") \
			     :: [pc] "i"(PCPU_PREEMPT_COUNT) : "memory")

/* schedule()'s body, inline in its hottest caller too (sched_yield). */
static __always_inline void schedule_loop(void)
{
	do {
		preempt_disable_schedule_debug();
		__schedule(false);
		preempt_enable_no_resched();
	} while (need_resched());
}

void __sched schedule(void)
{
	schedule_loop();
}

/* The last thing an exiting task does: it is never switched back to. */
void do_task_dead(void)
{
	preempt_disable();
	set_special_state(TASK_DEAD);
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

/* @p, on no queue and running nowhere, moves to @cpu's queue (Linux's set_task_cpu). */
void set_task_cpu(struct task_struct *p, int cpu)
{
	if (p->sched_class->migrate_task_rq)
		p->sched_class->migrate_task_rq(p, cpu);
	WRITE_ONCE(p->cpu, cpu);
}

/* @p, on no queue, joins @rq's and may preempt its task (Linux's ttwu_do_activate); rq->lock held. */
static __always_inline void activate_and_check(struct rq *rq, struct task_struct *p, int en_flags, int wake_flags)
{
	update_rq_clock(rq);
	activate_task(rq, p, en_flags);
	check_preempt_curr(rq, p, wake_flags);
}

/*
 * @p, on no queue and running nowhere, joins the queue of the CPU chosen
 * for it (Linux's ttwu_queue and wake_up_new_task); p->pi_lock held.
 */
static void place_and_activate(struct task_struct *p, int en_flags, int wake_flags)
{
	int cpu = select_task_rq(p);
	struct rq *rq;

	if (cpu != (int)task_cpu(p))
		set_task_cpu(p, cpu);
	rq = cpu_rq(cpu);
	spin_lock(&rq->lock);
	activate_and_check(rq, p, en_flags, wake_flags);
	spin_unlock(&rq->lock);
}

/*
 * try_to_wake_up and wake_up_new_task when only one CPU is possible
 * (nr_cpu_ids 1, fixed at boot; Linux's !CONFIG_SMP paths, where pi_lock
 * costs nothing): the run queue's lock, taken with interrupts off, is
 * all the exclusion there is.  No other waker runs meanwhile, and a task
 * off its queue is not running: it left the queue in __schedule under
 * this lock, which the task switched to let go only after the switch.
 * No CPU to choose, no on_cpu to wait for.  @state TASK_NEW: a new task.
 */
static __always_inline int try_to_wake_up_up(struct task_struct *p, unsigned int state, int en_flags,
			     int wake_flags)
{
	struct rq *rq = this_rq();
	unsigned long flags;
	int success = 0;

	spin_lock_irqsave(&rq->lock, flags);
	if (!(p->state & state))
		goto unlock;
	success = 1;
	WRITE_ONCE(p->state, TASK_RUNNING);
	if (!p->on_rq)
		activate_and_check(rq, p, en_flags, wake_flags);
unlock:
	spin_unlock_irqrestore(&rq->lock, flags);
	return success;
}

/*
 * @p is still on its queue (it set a sleeping state but has not got
 * through __schedule yet): it only needs to be TASK_RUNNING again.
 * Returns 0 if it left the queue meanwhile (Linux's ttwu_runnable).
 */
static int ttwu_runnable(struct task_struct *p)
{
	struct rq *rq;
	int ret = 0;

	for (;;) {
		rq = task_rq(p);
		spin_lock(&rq->lock);
		if (likely(rq == task_rq(p)))
			break;
		spin_unlock(&rq->lock);
	}
	if (p->on_rq) {
		WRITE_ONCE(p->state, TASK_RUNNING);
		ret = 1;
	}
	spin_unlock(&rq->lock);
	return ret;
}

/*
 * If @p sleeps in @state, make it runnable (Linux's try_to_wake_up).
 * p->pi_lock keeps other wakers out.  A task off its queue may still be
 * switching out on its CPU: it is not put on a queue, perhaps another
 * CPU's, until that CPU is off its stack (on_cpu 0, finish_task_switch).
 */
static noinline int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	unsigned long flags;
	int success = 0;

	spin_lock_irqsave(&p->pi_lock, flags);
	if (!(READ_ONCE(p->state) & state))
		goto unlock;
	success = 1;
	if (READ_ONCE(p->on_rq) && ttwu_runnable(p))
		goto unlock;
	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	WRITE_ONCE(p->state, TASK_RUNNING);	/* other wakers wait on pi_lock */
	place_and_activate(p, ENQUEUE_WAKEUP, wake_flags);
unlock:
	spin_unlock_irqrestore(&p->pi_lock, flags);
	return success;
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	if (nr_cpu_ids == 1)
		return try_to_wake_up_up(p, state, ENQUEUE_WAKEUP, 0);
	return try_to_wake_up(p, state, 0);
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* Sets up a new task's scheduling state; the preempt count is dropped in schedule_tail. */
void sched_fork(struct task_struct *p)
{
	unsigned long flags;

	p->state = TASK_NEW;
	p->on_rq = 0;
	p->on_cpu = 0;
	spin_lock_init(&p->pi_lock);	/* the parent's was copied, perhaps held */
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
	/*
	 * As Linux's sched_cgroup_fork: interrupts off, so the CPU noted and
	 * the queue task_fork_fair takes the parent's vruntime from are the
	 * same; wake_up_new_task converts the vruntime from that queue's.
	 */
	spin_lock_irqsave(&p->pi_lock, flags);
	p->cpu = smp_processor_id();
	if (p->sched_class->task_fork)
		p->sched_class->task_fork(p);
	spin_unlock_irqrestore(&p->pi_lock, flags);
	clear_tsk_thread_flag(p, TIF_NEED_RESCHED);
}

/* A new task's first enqueue, on the CPU select_task_rq finds for it (Linux's fork balancing). */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;

	if (nr_cpu_ids == 1) {
		try_to_wake_up_up(p, TASK_NEW, ENQUEUE_INITIAL, WF_FORK);
		return;
	}
	spin_lock_irqsave(&p->pi_lock, flags);
	p->state = TASK_RUNNING;
	place_and_activate(p, ENQUEUE_INITIAL, WF_FORK);
	spin_unlock_irqrestore(&p->pi_lock, flags);
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
	if (nr_cpu_ids > 1)
		trigger_load_balance(rq);
}

int do_sched_yield(void)
{
	unsigned long flags;
	struct rq *rq = this_rq_lock_irqsave(&flags);

	update_rq_clock(rq);
	current->sched_class->yield_task(rq);
	spin_unlock_irqrestore(&rq->lock, flags);
	schedule_loop();
	return 0;
}

/* Runnable tasks on all CPUs: a snapshot, each queue read without its lock. */
unsigned long nr_running(void)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		sum += READ_ONCE(cpu_rq(cpu)->nr_running);
	return sum;
}

unsigned long nr_context_switches(void)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for_each_online_cpu(cpu)
		sum += READ_ONCE(cpu_rq(cpu)->nr_switches);
	return sum;
}

/* @pcpu's pointer to @cpu's run queue, which this_rq() reads. */
void sched_set_pcpu_rq(struct pcpu *pcpu, int cpu)
{
	pcpu->rq = cpu_rq(cpu);
}

/* @idle becomes @cpu's idle task: the boot task, or an AP's (Linux's init_idle). */
void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	idle->state = TASK_RUNNING;
	idle->flags |= PF_IDLE;
	idle->sched_class = &idle_sched_class;
	idle->cpu = cpu;
	idle->on_cpu = 1;
	rq->idle = idle;
	rq->curr = idle;
	spin_unlock_irqrestore(&rq->lock, flags);
}

void sched_init(void)
{
	unsigned int cpu;

	sched_set_pcpu_rq(&boot_pcpu, 0);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		rq->cpu = cpu;
		init_cfs_rq(&rq->cfs);
		init_rt_rq(&rq->rt);
	}
	set_load_weight(&init_task);
	mmgrab(&init_mm);		/* the idle task's lazy reference, as Linux's sched_init */
	init_idle(&init_task, 0);
	init_task_fpu_state();
}
