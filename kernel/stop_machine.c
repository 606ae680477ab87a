/*
 * kernel/stop_machine.c: running a function on a given CPU with nothing
 * else running there (Linux's stop_one_cpu and its cpu_stopper threads).
 *
 * Each CPU has a kernel thread, "migration/N", bound to it and of the
 * highest real-time priority: stop_one_cpu(cpu, fn, arg) queues the work
 * on it, wakes it and waits.  When fn runs, the task that was running on
 * that CPU has been preempted, so it sits on its run queue and can be
 * moved (migration_cpu_stop, kernel/sched/affinity.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/stop_machine.h>

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

/*
 * Runs @fn(@arg) on @cpu from its stopper thread and returns what it
 * returned; -ENOENT if @cpu has no stopper (offline).  Sleeps.
 */
int stop_one_cpu(unsigned int cpu, cpu_stop_fn_t fn, void *arg)
{
	struct cpu_stopper *s = &cpu_stoppers[cpu];
	struct cpu_stop_work w = { .fn = fn, .arg = arg };
	unsigned long flags;

	if (cpu >= nr_cpu_ids || !READ_ONCE(s->thread))
		return -ENOENT;
	init_completion(&w.done);
	spin_lock_irqsave(&s->lock, flags);
	list_add_tail(&w.list, &s->works);
	spin_unlock_irqrestore(&s->lock, flags);
	wake_up_process(s->thread);
	wait_for_completion(&w.done);
	return w.ret;
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
