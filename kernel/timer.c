/*
 * kernel/timer.c: the tick and kernel timers.
 *
 * Pending timers sit on one list sorted by expiry, so the tick only looks
 * at the head.  Linux uses a hierarchical wheel to make insertion O(1);
 * with the few timers a teaching kernel has, the sorted list is the
 * clearer choice.  Timer functions run from the tick, interrupts off.
 */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>
#include <linux/time.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/kernel_stat.h>
#include <asm/ptrace.h>
#include <linux/watchdog.h>
#include <linux/smp.h>

static LIST_HEAD(timer_list_head);	/* pending timers; protected by timer_lock */
static DEFINE_SPINLOCK(timer_lock);

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

static void enqueue_timer(struct timer_list *t)
{
	struct timer_list *pos;

	list_for_each_entry(pos, &timer_list_head, entry)
		if (time_before(t->expires, pos->expires))
			break;
	list_add_tail(&t->entry, &pos->entry);
}

/* Returns 1 if the timer was pending (and is now rescheduled), as Linux. */
int mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(t);
	if (was_pending)
		list_del_init(&t->entry);
	t->expires = expires;
	enqueue_timer(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

void add_timer(struct timer_list *t)
{
	mod_timer(t, t->expires);
}

int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was_pending;

	spin_lock_irqsave(&timer_lock, flags);
	was_pending = timer_pending(t);
	if (was_pending)
		list_del_init(&t->entry);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was_pending;
}

/* The tick's timers: the hrtimers first, then the jiffies timers (as Linux's). */
void run_local_timers(void)
{
	struct timer_list *t;

	hrtimer_run_queues();
	spin_lock(&timer_lock);
	while (!list_empty(&timer_list_head)) {
		t = list_first_entry(&timer_list_head, struct timer_list, entry);
		if (time_before(jiffies, t->expires))
			break;
		list_del_init(&t->entry);
		spin_unlock(&timer_lock);
		t->function(t);		/* may re-arm itself */
		spin_lock(&timer_lock);
	}
	spin_unlock(&timer_lock);
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
