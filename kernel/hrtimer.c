/*
 * kernel/hrtimer.c: timers on the clocks' nanoseconds, run from the tick.
 *
 * Each clock has a base: a list of its queued timers, earliest first.
 * Linux keeps them in a red-black tree and, with high-resolution
 * hardware, programs the next expiry into the clock event device; without
 * it (CONFIG_HIGH_RES_TIMERS off, or before the switch) it runs them from
 * the periodic tick, hrtimer_run_queues() in run_local_timers(), which is
 * what this kernel does.  A timer therefore never fires before its time
 * and at most one tick (4 ms) after it.  Functions run in CPU 0's tick,
 * interrupts off; a cancel from another CPU waits for a running one to
 * end (hrtimer_cancel), as Linux's, so the caller may free the timer.
 */
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/time.h>
#include <linux/spinlock.h>
#include <linux/bug.h>
#include <linux/smp.h>

struct hrtimer_clock_base {
	clockid_t clockid;
	u64 (*get_time)(void);
	struct list_head active;	/* queued timers by expiry; under hrtimer_lock */
};

static struct hrtimer_clock_base hrtimer_bases[] = {
	{ CLOCK_MONOTONIC, ktime_get_ns, LIST_HEAD_INIT(hrtimer_bases[0].active) },
	{ CLOCK_REALTIME, ktime_get_real_ns, LIST_HEAD_INIT(hrtimer_bases[1].active) },
	{ CLOCK_BOOTTIME, ktime_get_ns, LIST_HEAD_INIT(hrtimer_bases[2].active) },
	{ CLOCK_TAI, ktime_get_clocktai_ns, LIST_HEAD_INIT(hrtimer_bases[3].active) },
};

static DEFINE_SPINLOCK(hrtimer_lock);	/* protects every base's list and each timer's node */

static struct hrtimer_clock_base *clock_base(clockid_t clock_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hrtimer_bases); i++)
		if (hrtimer_bases[i].clockid == clock_id)
			return &hrtimer_bases[i];
	BUG();
}

/* The time of @clock_id now: one of the four an hrtimer can run on. */
s64 hrtimer_clock_now(clockid_t clock_id)
{
	return clock_base(clock_id)->get_time();
}

s64 hrtimer_cb_get_time(const struct hrtimer *timer)
{
	return timer->base->get_time();
}

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id)
{
	INIT_LIST_HEAD(&timer->node);
	timer->base = clock_base(clock_id);
	timer->expires = 0;
	timer->running = 0;
}

/* Puts @timer in its base's list after the timers expiring no later.  Hold hrtimer_lock. */
static void enqueue_hrtimer(struct hrtimer *timer)
{
	struct hrtimer *pos;

	list_for_each_entry(pos, &timer->base->active, node)
		if (timer->expires < pos->expires)
			break;
	list_add_tail(&timer->node, &pos->node);
}

/* (Re)queues @timer to expire at @expires, or @expires from now (Linux's hrtimer_start). */
void hrtimer_start(struct hrtimer *timer, s64 expires, enum hrtimer_mode mode)
{
	unsigned long flags;

	spin_lock_irqsave(&hrtimer_lock, flags);
	list_del_init(&timer->node);
	if (mode == HRTIMER_MODE_REL)
		expires = ktime_add_safe(expires, hrtimer_cb_get_time(timer));
	timer->expires = expires;
	enqueue_hrtimer(timer);
	spin_unlock_irqrestore(&hrtimer_lock, flags);
}

/* Queues @timer again at the expiry it has (after hrtimer_forward). */
void hrtimer_restart(struct hrtimer *timer)
{
	hrtimer_start(timer, timer->expires, HRTIMER_MODE_ABS);
}

/*
 * Takes @timer off its queue: 1 if it was queued, 0 if not, -1 if its
 * function is running on another CPU and it could not (Linux's
 * hrtimer_try_to_cancel).  From the function itself (this CPU runs it,
 * interrupts off, so nothing else here can be calling) it just dequeues.
 * A timer neither queued nor running is seen without the lock: run_base
 * marks it running before it leaves the list, and x86 keeps stores and
 * loads in order, so a reader that saw it off the list sees the mark.
 */
int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	unsigned long flags;
	int ret;

	if (!hrtimer_is_queued(timer) && !READ_ONCE(timer->running))
		return 0;
	spin_lock_irqsave(&hrtimer_lock, flags);
	ret = -1;
	if (!timer->running || timer->running == smp_processor_id() + 1) {
		ret = hrtimer_is_queued(timer);
		list_del_init(&timer->node);
	}
	spin_unlock_irqrestore(&hrtimer_lock, flags);
	return ret;
}

/* Cancels @timer and waits for its function to end if it runs (Linux's hrtimer_cancel). */
int hrtimer_cancel(struct hrtimer *timer)
{
	int ret;

	while ((ret = hrtimer_try_to_cancel(timer)) < 0)
		cpu_relax();
	return ret;
}

/*
 * Moves the expiry of @timer (not queued) on by whole @intervals until it
 * is after @now; returns how many intervals that took, 0 if it already
 * was (Linux's hrtimer_forward).  The clocks' resolution is 1 ns, as
 * clock_getres says, so the interval is taken as it is.
 */
u64 hrtimer_forward(struct hrtimer *timer, s64 now, s64 interval)
{
	s64 delta = now - timer->expires;
	u64 orun = 1;

	if (delta < 0)
		return 0;
	if (delta >= interval) {
		orun = delta / interval;
		timer->expires = ktime_add_safe(timer->expires, orun * interval);
		if (timer->expires > now)
			return orun;
		orun++;
	}
	timer->expires = ktime_add_safe(timer->expires, interval);
	return orun;
}

/* Runs the expired timers of @base (Linux's __hrtimer_run_queues).  Hold hrtimer_lock. */
static void run_base(struct hrtimer_clock_base *base)
{
	s64 now = base->get_time();
	struct hrtimer *timer;
	enum hrtimer_restart restart;

	while (!list_empty(&base->active)) {
		timer = list_first_entry(&base->active, struct hrtimer, node);
		if (timer->expires > now)
			break;
		WRITE_ONCE(timer->running, smp_processor_id() + 1);
		barrier();		/* the mark before the unlink: hrtimer_try_to_cancel */
		list_del_init(&timer->node);
		spin_unlock(&hrtimer_lock);
		restart = timer->function(timer);	/* may requeue or cancel itself */
		spin_lock(&hrtimer_lock);
		if (restart == HRTIMER_RESTART && !hrtimer_is_queued(timer))
			enqueue_hrtimer(timer);
		barrier();		/* requeued before unmarked: never seen idle between */
		WRITE_ONCE(timer->running, 0);
	}
}

/* From the tick, interrupts off: every base's expired timers. */
void hrtimer_run_queues(void)
{
	unsigned int i;

	spin_lock(&hrtimer_lock);
	for (i = 0; i < ARRAY_SIZE(hrtimer_bases); i++)
		run_base(&hrtimer_bases[i]);
	spin_unlock(&hrtimer_lock);
}
