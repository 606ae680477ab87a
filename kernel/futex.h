/*
 * kernel/futex.h: what the futex files share (Linux's kernel/futex/futex.h):
 * keys, the hash buckets and the waiters queued on them.
 */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/futex.h>
#include <linux/hrtimer.h>
#include <linux/time.h>

#define FLAGS_SHARED	0x01	/* not FUTEX_PRIVATE_FLAG: keyed by page in shared memory */
#define FLAGS_CLOCKRT	0x02	/* FUTEX_CLOCK_REALTIME: the deadline is on CLOCK_REALTIME */

struct futex_key {
	unsigned long word;		/* mm (private) or struct page (shared) */
	unsigned long offset;		/* the address, or the offset in the page */
};

struct futex_hash_bucket {
	spinlock_t lock;		/* protects chain and its waiters' list and lock_ptr */
	struct list_head chain;		/* futex_q, in priority order */
};

/* A waiter, on its stack (Linux's struct futex_q). */
struct futex_q {
	struct list_head list;		/* in its bucket's chain; under *lock_ptr */
	int prio;			/* a real-time task's priority, else MAX_RT_PRIO */
	struct task_struct *task;
	spinlock_t *lock_ptr;		/* its bucket's lock; NULL once it is woken */
	struct futex_key key;
	u32 bitset;			/* FUTEX_WAIT_BITSET's: which wakes may wake it */
};

static inline bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->word == b->word && a->offset == b->offset;
}

/* A deadline: an hrtimer that wakes the waiter (Linux's hrtimer_sleeper). */
struct futex_timeout {
	struct hrtimer timer;
	struct task_struct *task;	/* NULL once the timer has fired */
};

int get_futex_key(u32 *uaddr, bool shared, struct futex_key *key);
struct futex_hash_bucket *futex_hash(const struct futex_key *key);
int futex_get_value_locked(u32 *dest, u32 *uaddr);
void futex_queue(struct futex_q *q, struct futex_hash_bucket *hb);
void futex_wake_mark(struct futex_q *q);
int futex_unqueue(struct futex_q *q);
int futex_queue_if_val(struct futex_q *q, u32 *uaddr, u32 val);
void futex_setup_timer(struct futex_timeout *to, s64 abs_time, unsigned int flags);
int futex_init_timeout(int cmd, const struct timespec64 *ts, s64 *t);
void double_lock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2);
void double_unlock_hb(struct futex_hash_bucket *hb1, struct futex_hash_bucket *hb2);
int futex_lock_pair(u32 *uaddr1, u32 *uaddr2, unsigned int flags, struct futex_key *key1,
		    struct futex_key *key2, struct futex_hash_bucket **hb1,
		    struct futex_hash_bucket **hb2);
long futex_requeue(u32 *uaddr1, unsigned int flags, u32 *uaddr2, int nr_wake,
		   int nr_requeue, u32 *cmpval);

#endif
