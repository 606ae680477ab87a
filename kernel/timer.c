/*
 * kernel/timer.c: the tick, kernel timers, and the sleeps that use one
 * (schedule_timeout, msleep).
 *
 * Pending timers sit on one list sorted by expiry, so the tick only looks
 * at the head.  Linux uses a hierarchical wheel to make insertion O(1);
 * with the few timers a teaching kernel has, the sorted list is the
 * clearer choice.  Timer functions run from the boot CPU's tick,
 * interrupts off; del_timer_sync waits for a running one to end, so the
 * caller may free the timer (and whatever its function would touch).
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>
#include <linux/time.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/kernel_stat.h>
#include <asm/ptrace.h>
#include <linux/watchdog.h>
#include <linux/smp.h>

/*
 * The timers of the one CPU that runs them (Linux's struct timer_base,
 * one per CPU there).  lock protects pending, each timer's entry and
 * running_timer: the timer whose function runs now, its entry already
 * off the list, so that del_timer_sync can wait for it.
 */
static struct timer_base {
	spinlock_t lock;
	struct list_head pending;	/* by expiry */
	struct timer_list *running_timer;
} timer_base = {
	.lock = __SPIN_LOCK_UNLOCKED(timer_base.lock),
	.pending = LIST_HEAD_INIT(timer_base.pending),
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *))
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->expires = 0;
}

bool timer_pending(const struct timer_list *t)
{
	return !list_empty(&t->entry);
}

/* Takes @t off the pending list: 1 if it was on it.  Hold timer_base.lock. */
static int detach_if_pending(struct timer_list *t)
{
	if (!timer_pending(t))
		return 0;
	list_del_init(&t->entry);
	return 1;
}

static void enqueue_timer(struct timer_list *t)
{
	struct timer_list *pos;

	list_for_each_entry(pos, &timer_base.pending, entry)
		if (time_before(t->expires, pos->expires))
			break;
	list_add_tail(&t->entry, &pos->entry);
}

/* Returns 1 if the timer was pending (and is now rescheduled), as Linux. */
int mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_base.lock, flags);
	was_pending = detach_if_pending(t);
	t->expires = expires;
	enqueue_timer(t);
	spin_unlock_irqrestore(&timer_base.lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *t)
{
	mod_timer(t, t->expires);
}

/*
 * Stops @t if pending (1, else 0) and, if its function is running on
 * another CPU, waits for it to end (Linux's del_timer_sync): after it,
 * nothing of @t is in use.  Linux's del_timer, which does not wait, has
 * no user here.
 * Not from @t's function, nor holding a lock that function takes.  A
 * sleeper's on-stack timer needs it: the function reads the task from
 * the sleeper's stack, which is gone once schedule_timeout returns.
 */
int del_timer_sync(struct timer_list *t)
{
	unsigned long flags;
	int was_pending;

	for (;;) {
		spin_lock_irqsave(&timer_base.lock, flags);
		if (timer_base.running_timer != t)
			break;
		spin_unlock_irqrestore(&timer_base.lock, flags);
		cpu_relax();
	}
	was_pending = detach_if_pending(t);
	spin_unlock_irqrestore(&timer_base.lock, flags);
	return was_pending;
}

/* ---- sleeping on a timer (Linux's schedule_timeout, in its kernel/time/timer.c) ---- */

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
	del_timer_sync(&st.timer);	/* process_timeout may be reading st on CPU 0 */
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

/* The tick's timers: the hrtimers first, then the jiffies timers (as Linux's). */
void run_local_timers(void)
{
	struct timer_list *t;

	hrtimer_run_queues();
	spin_lock(&timer_base.lock);
	while (!list_empty(&timer_base.pending)) {
		t = list_first_entry(&timer_base.pending, struct timer_list, entry);
		if (time_before(jiffies, t->expires))
			break;
		list_del_init(&t->entry);
		timer_base.running_timer = t;
		spin_unlock(&timer_base.lock);
		t->function(t);		/* may re-arm itself */
		spin_lock(&timer_base.lock);
		timer_base.running_timer = NULL;
	}
	spin_unlock(&timer_base.lock);
}

/*
 * Each tick's work for the CPU (Linux's update_process_times): charge the
 * tick to the task it interrupted, as user or system time, run the
 * expired timers, let the scheduler see the time pass, then see whether
 * the task's or its process's CPU-time timers expired with it.
 */
void update_process_times(int user_tick)
{
	account_process_tick(current, user_tick);
	if (smp_processor_id() == 0)	/* the timers' one list: the boot CPU runs it */
		run_local_timers();
	scheduler_tick();
	run_posix_cpu_timers();
}

/*
 * The ticks that have passed by the clock since the last one counted,
 * @now in ns (Linux's tick_do_update_jiffies64): jiffies follow the time,
 * not the count of interrupts.  A loaded host's QEMU delivers some PIT
 * interrupts late or folds two into one; counted one by one, make
 * stress's `sleep 600` (a jiffies timer) slept over 1,000 s.  An
 * interrupt that comes early counts none.  @last: the tick's own state,
 * the time of the last tick counted.
 */
unsigned long tick_jiffies_elapsed(u64 *last, u64 now)
{
	u64 ticks;

	if (!*last)
		*last = now - TICK_NSEC;	/* the first tick counts one */
	if (now < *last + TICK_NSEC)
		return 0;
	ticks = (now - *last) / TICK_NSEC;
	*last += ticks * TICK_NSEC;
	return ticks;
}

/*
 * An AP's tick, from its local APIC timer (Linux's local_apic_timer_interrupt):
 * the time keeping stays with the boot CPU's tick, below.
 */
void local_apic_timer_interrupt(struct pt_regs *regs)
{
	update_process_times(user_mode(regs));
	watchdog_timer_fn(regs);
}

/* Called from the PIT interrupt on the boot CPU, HZ times a second (Linux's tick_periodic). */
void timer_interrupt(struct pt_regs *regs)
{
	static u64 last_jiffies_update;	/* ns; only the tick touches it, interrupts off */

	jiffies += tick_jiffies_elapsed(&last_jiffies_update, local_clock());
	update_wall_time();
	update_process_times(user_mode(regs));
	watchdog_timer_fn(regs);
}
