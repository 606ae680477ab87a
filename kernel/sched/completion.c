/*
 * kernel/sched/completion.c: completions.
 *
 * complete() adds one to done and wakes one waiter; a waiter consumes
 * one.  complete_all() makes done effectively infinite.  The wake-up
 * happens under the same lock as the count: a waiter that sees done may
 * return and free the completion (often on its stack) at once, so the
 * completer must be finished with it by the time the lock is dropped.
 */
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/signal.h>

#define COMPLETE_ALL	UINT_MAX

void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETE_ALL)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1, NULL);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETE_ALL;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0, NULL);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/* Takes one completion if there is one; under the wait lock. */
static bool try_consume(struct completion *x)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&x->wait.lock, flags);
	ok = x->done > 0;
	if (ok && x->done != COMPLETE_ALL)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ok;
}

/* Returns the jiffies left (>= 1), 0 on timeout, -ERESTARTSYS on a signal. */
static long __sched do_wait_for_common(struct completion *x, long timeout, int state)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&x->wait, &wait, state);
		if (try_consume(x)) {
			if (!timeout)
				timeout = 1;	/* it came just as the time ran out */
			break;
		}
		if ((state & TASK_INTERRUPTIBLE) && signal_pending(current)) {
			timeout = -ERESTARTSYS;
			break;
		}
		if ((state & TASK_WAKEKILL) && fatal_signal_pending(current)) {
			timeout = -ERESTARTSYS;
			break;
		}
		if (!timeout)
			break;
		timeout = schedule_timeout(timeout);
	}
	finish_wait(&x->wait, &wait);
	return timeout;
}

void __sched wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

long __sched wait_for_completion_timeout(struct completion *x, long timeout)
{
	return do_wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

int __sched wait_for_completion_interruptible(struct completion *x)
{
	long t = do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);

	return t < 0 ? (int)t : 0;
}

int __sched wait_for_completion_killable(struct completion *x)
{
	long t = do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);

	return t < 0 ? (int)t : 0;
}
