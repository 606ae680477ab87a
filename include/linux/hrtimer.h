/*
 * include/linux/hrtimer.h: timers on a clock's nanoseconds.
 *
 * An hrtimer expires at an absolute time of its clock (CLOCK_MONOTONIC,
 * CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_TAI).  This kernel runs them as
 * Linux does without high-resolution hardware (hrtimer_run_queues from
 * the tick): never before their time, at most one tick after it.
 */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

#include <linux/types.h>
#include <linux/list.h>

#define KTIME_MAX	((s64)~((u64)1 << 63))	/* "never": what an overflow clamps to */

enum hrtimer_mode {
	HRTIMER_MODE_ABS,		/* the expiry is a time of the clock */
	HRTIMER_MODE_REL,		/* the expiry is from now */
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,		/* the function moved the expiry on: queue it again */
};

struct hrtimer_clock_base;

struct hrtimer {
	struct list_head node;		/* on its base's list, by expiry; under hrtimer_lock */
	s64 expires;			/* ns of its clock */
	enum hrtimer_restart (*function)(struct hrtimer *);
	struct hrtimer_clock_base *base;
	int running;			/* 1 + the CPU calling its function, else 0;
					   set before it leaves the list (hrtimer.c) */
};

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id);
void hrtimer_start(struct hrtimer *timer, s64 expires, enum hrtimer_mode mode);
void hrtimer_restart(struct hrtimer *timer);
int hrtimer_try_to_cancel(struct hrtimer *timer);
int hrtimer_cancel(struct hrtimer *timer);
u64 hrtimer_forward(struct hrtimer *timer, s64 now, s64 interval);
s64 hrtimer_cb_get_time(const struct hrtimer *timer);
s64 hrtimer_clock_now(clockid_t clock_id);
void hrtimer_run_queues(void);

static inline bool hrtimer_is_queued(const struct hrtimer *timer)
{
	return !list_empty(&timer->node);
}

/* Queued, or its function running (Linux's hrtimer_active). */
static inline bool hrtimer_active(const struct hrtimer *timer)
{
	return hrtimer_is_queued(timer) || READ_ONCE(timer->running);
}

static inline s64 hrtimer_expires_remaining(const struct hrtimer *timer)
{
	return timer->expires - hrtimer_cb_get_time(timer);
}

/* a + b, KTIME_MAX on overflow (Linux's ktime_add_safe) */
static inline s64 ktime_add_safe(s64 a, s64 b)
{
	s64 sum;

	if (__builtin_add_overflow(a, b, &sum) || sum < 0)
		return KTIME_MAX;
	return sum;
}

#endif
