/*
 * kernel/futex_requeue.c: FUTEX_REQUEUE and FUTEX_CMP_REQUEUE (Linux's
 * kernel/futex/requeue.c without its priority-inheritance half).
 *
 * Wakes some waiters of one futex and moves others, still asleep, to a
 * second futex: what a condition variable's broadcast did before glibc
 * 2.25, so that all its waiters would not wake only to queue again on
 * the mutex.  CMP_REQUEUE first checks the first word still holds the
 * value the caller saw (EAGAIN if not), as WAIT does.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include "futex.h"

/* Moves @q from @hb1 to @hb2 under @key2; both locks held (Linux's requeue_futex). */
static void requeue_futex(struct futex_q *q, struct futex_hash_bucket *hb1,
			  struct futex_hash_bucket *hb2, const struct futex_key *key2)
{
	if (hb1 != hb2) {
		list_del(&q->list);
		futex_queue(q, hb2);
	}
	q->key = *key2;
}

/* Does the word still hold *@cmpval?  0, EAGAIN, or EFAULT to fault it in unlocked. */
static int requeue_check(u32 *uaddr1, const u32 *cmpval)
{
	u32 curval;

	if (!cmpval)
		return 0;
	if (futex_get_value_locked(&curval, uaddr1))
		return -EFAULT;
	return curval == *cmpval ? 0 : -EAGAIN;
}

/*
 * Wakes up to @nr_wake waiters of @uaddr1 and requeues up to @nr_requeue
 * more on @uaddr2: how many were woken or moved (Linux's futex_requeue).
 */
long futex_requeue(u32 *uaddr1, unsigned int flags, u32 *uaddr2, int nr_wake,
		   int nr_requeue, u32 *cmpval)
{
	struct futex_hash_bucket *hb1, *hb2;
	struct futex_key key1, key2;
	struct futex_q *q, *next;
	int task_count = 0, ret;
	u32 curval __maybe_unused;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	ret = futex_lock_pair(uaddr1, uaddr2, flags, &key1, &key2, &hb1, &hb2);
	if (ret)
		return ret;
	ret = requeue_check(uaddr1, cmpval);
	if (ret == -EFAULT) {
		double_unlock_hb(hb1, hb2);
		if (get_user(curval, uaddr1))
			return -EFAULT;
		goto retry;
	}
	list_for_each_entry_safe(q, next, &hb1->chain, list) {
		if (ret || task_count - nr_wake >= nr_requeue)
			break;
		if (!futex_match(&q->key, &key1))
			continue;
		if (++task_count <= nr_wake)
			futex_wake_mark(q);
		else
			requeue_futex(q, hb1, hb2, &key2);
	}
	double_unlock_hb(hb1, hb2);
	return ret ? ret : task_count;
}
