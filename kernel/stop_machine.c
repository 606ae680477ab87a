/*
 * kernel/stop_machine.c: running a function on a given CPU with nothing
 * else running there (Linux's stop_one_cpu and its cpu_stopper threads).
 *
 * Each CPU has a kernel thread, "migration/N", bound to it and of the
 * highest real-time priority: stop_one_cpu(cpu, fn, arg) queues the work
 * on it, wakes it and waits.  When fn runs, the task that was running on
 * that CPU has been preempted, so it sits on its run queue and can be
 * moved (migration_cpu_stop, kernel/sched/affinity.c).
 *
 * stop_machine(fn, arg) queues one work on every online CPU's stopper:
 * when all of them run it, nothing else runs anywhere, no CPU holds a
 * spinlock (a holder cannot be preempted by its stopper) and, after a
 * second meeting with interrupts off, none takes an interrupt either.
 * Then one CPU runs fn while the others spin; each executes a
 * serializing instruction before it goes back, so code fn rewrote is
 * fetched anew (Linux's multi_cpu_stop; the lock validator patches its
 * hooks so, kernel/locking/lockdep.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/stop_machine.h>
#include <linux/mutex.h>
#include <linux/atomic.h>

struct cpu_stop_work {
	struct list_head list;
	cpu_stop_fn_t fn;
	void *arg;
	int ret;
	struct completion done;
};

struct cpu_stopper {
	spinlock_t lock;		/* protects works; irqs off */
	struct list_head works;		/* queued by stop_one_cpu, run in order */
	struct task_struct *thread;
};

static struct cpu_stopper cpu_stoppers[NR_CPUS];

/* The next queued work, or NULL. */
static struct cpu_stop_work *cpu_stop_dequeue(struct cpu_stopper *s)
{
	struct cpu_stop_work *w;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	w = list_first_entry_or_null(&s->works, struct cpu_stop_work, list);
	if (w)
		list_del(&w->list);
	spin_unlock_irqrestore(&s->lock, flags);
	return w;
}

/* migration/N: runs the queued works, sleeps when there are none. */
static int cpu_stopper_thread(void *data)
{
	struct cpu_stopper *s = data;
	struct cpu_stop_work *w;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		w = cpu_stop_dequeue(s);
		if (!w) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		w->ret = w->fn(w->arg);
		complete(&w->done);
	}
	return 0;
}

/* Puts @w on @cpu's stopper and wakes it; false if @cpu has none (offline, or early boot). */
static bool cpu_stop_queue_work(unsigned int cpu, struct cpu_stop_work *w)
{
	struct cpu_stopper *s = &cpu_stoppers[cpu];
	unsigned long flags;

	if (cpu >= nr_cpu_ids || !READ_ONCE(s->thread))
		return false;
	init_completion(&w->done);
	spin_lock_irqsave(&s->lock, flags);
	list_add_tail(&w->list, &s->works);
	spin_unlock_irqrestore(&s->lock, flags);
	wake_up_process(s->thread);
	return true;
}

/*
 * Runs @fn(@arg) on @cpu from its stopper thread and returns what it
 * returned; -ENOENT if @cpu has no stopper (offline).  Sleeps.
 */
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg)
{
	struct cpu_stop_work w = { .fn = fn, .arg = arg };

	if (!cpu_stop_queue_work(cpu, &w))
		return -ENOENT;
	wait_for_completion(&w.done);
	return w.ret;
}

struct multi_stop_data {
	cpu_stop_fn_t fn;
	void *arg;
	int ret;
	int active_cpu;			/* the one that runs fn */
	atomic_t arriving;		/* CPUs not yet in multi_cpu_stop */
	atomic_t irqs_on;		/* CPUs there with interrupts still on */
	int done;			/* fn has returned (release/acquire) */
};

/* Waits until @count reaches 0. */
static void multi_stop_meet(atomic_t *count)
{
	atomic_dec(count);
	while (atomic_read(count))
		cpu_relax();
}

/*
 * Every CPU's stopper: meet all the others with interrupts on (one of
 * them may be waiting for us to answer a call-function or shootdown
 * IPI), then again with them off; one runs fn, the others wait for it.
 */
static int multi_cpu_stop(void *data)
{
	struct multi_stop_data *msd = data;
	u32 eax = 0, ebx, ecx = 0, edx;
	unsigned long flags;

	multi_stop_meet(&msd->arriving);
	local_irq_save(flags);
	multi_stop_meet(&msd->irqs_on);
	if (smp_processor_id() == msd->active_cpu) {
		msd->ret = msd->fn(msd->arg);
		__atomic_store_n(&msd->done, 1, __ATOMIC_RELEASE);
	} else {
		while (!__atomic_load_n(&msd->done, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
	/* cross-modified code: serialize before running any of it (Intel SDM 8.1.3) */
	__asm__ __volatile__("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx) :: "memory");
	local_irq_restore(flags);
	return 0;
}

static DEFINE_MUTEX(stop_cpus_mutex);	/* one stop_machine at a time: two would wait for each other */

/*
 * Runs @fn(@arg) on one CPU while every other online CPU spins with
 * interrupts off (Linux's stop_machine); its return value.  Sleeps.
 * Before the stoppers exist (boot, or one CPU) nothing else runs: @fn
 * just runs, interrupts off.
 */
int stop_machine(cpu_stop_fn_t fn, void *arg)
{
	struct multi_stop_data msd = { .fn = fn, .arg = arg };
	struct cpu_stop_work works[NR_CPUS];
	unsigned long flags;
	unsigned int cpu;

	if (!READ_ONCE(cpu_stoppers[0].thread)) {
		local_irq_save(flags);
		msd.ret = fn(arg);
		local_irq_restore(flags);
		return msd.ret;
	}
	mutex_lock(&stop_cpus_mutex);
	msd.active_cpu = (int)cpumask_first(cpu_online_mask);
	atomic_set(&msd.arriving, num_online_cpus());
	atomic_set(&msd.irqs_on, num_online_cpus());
	/*
	 * Queued with preemption off: our own CPU's stopper, woken first,
	 * would otherwise preempt us at once and spin at the highest priority
	 * waiting for the CPUs we had not queued yet (Linux's queue_stop_cpus_work).
	 */
	preempt_disable();
	for_each_online_cpu(cpu) {
		works[cpu] = (struct cpu_stop_work){ .fn = multi_cpu_stop, .arg = &msd };
		cpu_stop_queue_work(cpu, &works[cpu]);
	}
	preempt_enable();
	for_each_online_cpu(cpu)
		wait_for_completion(&works[cpu].done);
	mutex_unlock(&stop_cpus_mutex);
	return msd.ret;
}

/* One stopper per online CPU, from smp_init once the APs are up (Linux's cpu_stop_init). */
void cpu_stop_init(void)
{
	struct task_struct *t;
	unsigned int cpu;

	if (nr_cpu_ids == 1)
		return;			/* nothing ever moves: no thread to show in ps */
	for_each_online_cpu(cpu) {
		struct cpu_stopper *s = &cpu_stoppers[cpu];

		spin_lock_init(&s->lock);
		INIT_LIST_HEAD(&s->works);
		t = kthread_create(cpu_stopper_thread, s, "migration/%u", cpu);
		if (IS_ERR(t))
			panic("cpu_stop_init: cannot create migration/%u", cpu);
		kthread_bind(t, cpu);
		sched_setscheduler_nocheck(t, SCHED_FIFO, MAX_RT_PRIO - 1);
		WRITE_ONCE(s->thread, t);
		wake_up_process(t);
	}
}
