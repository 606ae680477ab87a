/*
 * kernel/futex_waitv.c: futex_waitv(2), one wait on several futexes
 * (Linux's kernel/futex/waitwake.c: futex_wait_multiple).
 *
 * The caller gives up to FUTEX_WAITV_MAX (word, expected value) pairs;
 * it sleeps until a FUTEX_WAKE on any of the words and learns which (the
 * index in its array).  Each pair gets its own futex_q, all of them the
 * same task's, queued on their buckets one after another; a wake-up of
 * any one wakes the task, which then takes every other one off its queue.
 * If a word no longer holds its value when its turn comes, those queued
 * already come off again and the call says EAGAIN, unless one of them
 * was woken meanwhile: then the call returns that one's index, since a
 * wake-up must not be lost.
 */
#include <linux/kernel.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/hrtimer.h>
#include <linux/err.h>
#include "futex.h"

#define FUTEX_WAITV_MAX		128
#define FUTEX_32		2	/* the word's size: 32 bits, the only one there is */
#define FUTEXV_WAITER_MASK	(FUTEX_32 | FUTEX_PRIVATE_FLAG)

/* The user's element, 24 bytes (Linux's struct futex_waitv). */
struct futex_waitv {
	u64 val;		/* the value the word must hold to wait */
	u64 uaddr;		/* the word */
	u32 flags;		/* FUTEX_32, and FUTEX_PRIVATE_FLAG for a private futex */
	u32 __reserved;		/* must be 0 */
};

struct futex_vector {
	struct futex_waitv w;
	struct futex_q q;
};

/*
 * Reads and checks the caller's array (Linux's futex_parse_waitv): EFAULT
 * for an unreadable element, EINVAL for flags beyond FUTEXV_WAITER_MASK,
 * without FUTEX_32, or a reserved field that is not 0.
 */
static int futex_parse_waitv(struct futex_vector *vs, const struct futex_waitv *uwaitv,
			     unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (copy_from_user(&vs[i].w, &uwaitv[i], sizeof(vs[i].w)))
			return -EFAULT;
		if ((vs[i].w.flags & ~FUTEXV_WAITER_MASK) || vs[i].w.__reserved ||
		    !(vs[i].w.flags & FUTEX_32))
			return -EINVAL;
		vs[i].q = (struct futex_q){ .task = current, .bitset = FUTEX_BITSET_MATCH_ANY };
		INIT_LIST_HEAD(&vs[i].q.list);
	}
	return 0;
}

/* Takes the first @count waiters off their queues: the index of one already woken, or -1. */
static int unqueue_multiple(struct futex_vector *vs, int count)
{
	int i, woken = -1;

	for (i = 0; i < count; i++)
		if (!futex_unqueue(&vs[i].q))
			woken = i;
	return woken;
}

/*
 * Queues every waiter whose word still holds its value (Linux's
 * futex_wait_multiple_setup): 0 with all of them queued and the task
 * about to sleep; 1 with *@woken set if one was woken while the others
 * were being queued; EAGAIN if a word had changed; EFAULT, or EINVAL for
 * an unaligned word.  A fault on a word is taken outside the bucket's
 * lock, then everything is done again.
 */
static int futex_wait_multiple_setup(struct futex_vector *vs, int count, int *woken)
{
	int i, ret;

retry:
	for (i = 0; i < count; i++) {
		ret = get_futex_key((u32 *)(unsigned long)vs[i].w.uaddr,
				    !(vs[i].w.flags & FUTEX_PRIVATE_FLAG), &vs[i].q.key);
		if (ret)
			return ret;
	}
	for (i = 0; i < count; i++) {
		u32 *uaddr = (u32 *)(unsigned long)vs[i].w.uaddr;

		ret = futex_queue_if_val(&vs[i].q, uaddr, (u32)vs[i].w.val);
		if (!ret)
			continue;
		__set_current_state(TASK_RUNNING);
		*woken = unqueue_multiple(vs, i);
		if (*woken >= 0)
			return 1;
		if (ret < 0)
			return ret;
		goto retry;		/* the word was faulted in: again, from the keys */
	}
	return 0;
}

/* Sleeps unless a waiter was woken or the deadline passed already (futex_sleep_multiple). */
static void futex_sleep_multiple(struct futex_vector *vs, int count, struct futex_timeout *to)
{
	int i;

	if (to && !READ_ONCE(to->task))
		return;
	for (i = 0; i < count; i++)
		if (!READ_ONCE(vs[i].q.lock_ptr))
			return;
	schedule();
}

/*
 * Waits on all of @vs (Linux's futex_wait_multiple): the index of the
 * one woken, EAGAIN, ETIMEDOUT at the deadline, ERESTARTSYS for a
 * signal (the deadline is absolute, so the call can start again as it
 * was); a spurious wake-up queues everything again.
 */
static int futex_wait_multiple(struct futex_vector *vs, int count, struct futex_timeout *to)
{
	int ret, woken;

	if (to)
		hrtimer_start(&to->timer, to->timer.expires, HRTIMER_MODE_ABS);
	for (;;) {
		ret = futex_wait_multiple_setup(vs, count, &woken);
		if (ret)
			return ret > 0 ? woken : ret;
		futex_sleep_multiple(vs, count, to);
		__set_current_state(TASK_RUNNING);
		ret = unqueue_multiple(vs, count);
		if (ret >= 0)
			return ret;
		if (to && !READ_ONCE(to->task))
			return -ETIMEDOUT;
		if (signal_pending(current))
			return -ERESTARTSYS;
	}
}

/* The deadline at @timeout on @clockid: EINVAL for another clock or a bad time, EFAULT. */
static int futex_waitv_deadline(const struct timespec64 *timeout, clockid_t clockid,
				struct futex_timeout *to)
{
	struct timespec64 ts;
	s64 t;
	int ret;

	if (clockid != CLOCK_REALTIME && clockid != CLOCK_MONOTONIC)
		return -EINVAL;
	if (copy_from_user(&ts, timeout, sizeof(ts)))
		return -EFAULT;
	ret = futex_init_timeout(FUTEX_WAIT_BITSET, &ts, &t);	/* absolute, as BITSET's */
	if (ret)
		return ret;
	futex_setup_timer(to, t, clockid == CLOCK_REALTIME ? FLAGS_CLOCKRT : 0);
	return 0;
}

/*
 * futex_waitv(waiters, nr_futexes, flags, timeout, clockid): EINVAL for
 * any flag, no waiters or more than 128, then the deadline's errors, then
 * the array's, then the wait's.  Mirrors Linux's sys_futex_waitv.
 */
SYSCALL_DEFINE5(futex_waitv, const struct futex_waitv *, waiters, unsigned int, nr_futexes,
		unsigned int, flags, const struct timespec64 *, timeout, clockid_t, clockid)
{
	struct futex_timeout to, *top = NULL;
	struct futex_vector *vs;
	int ret;

	if (flags || !nr_futexes || nr_futexes > FUTEX_WAITV_MAX || !waiters)
		return -EINVAL;
	if (timeout) {
		ret = futex_waitv_deadline(timeout, clockid, &to);
		if (ret)
			return ret;
		top = &to;
	}
	vs = kcalloc(nr_futexes, sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return -ENOMEM;
	ret = futex_parse_waitv(vs, waiters, nr_futexes);
	if (!ret)
		ret = futex_wait_multiple(vs, nr_futexes, top);
	if (top)
		hrtimer_cancel(&top->timer);
	kfree(vs);
	return ret;
}
