/*
 * include/linux/mutex.h: sleeping locks.
 *
 * A mutex has an owner; a task that finds it taken sleeps on its wait
 * list (FIFO, woken one at a time) instead of spinning.  Only the owner
 * may unlock, and a task may not take a mutex it holds: both are caught.
 * Taking a free mutex and letting go of one nobody waits for are one
 * compare-and-exchange each (Linux's fast paths, kernel/locking/mutex.c).
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct task_struct;

/*
 * owner: the holder's task_struct, or 0 when free, with MUTEX_FLAG_WAITERS
 * in bit 0 while wait_list is not empty (Linux's).  Changed by
 * compare-and-exchange only while the flag is clear (the fast paths:
 * 0 -> current, current -> 0); while it is set, only under wait_lock.
 */
#define MUTEX_FLAG_WAITERS	1UL

struct mutex {
	unsigned long owner;		/* above */
	spinlock_t wait_lock;		/* protects wait_list, and owner while it has waiters */
	struct list_head wait_list;	/* struct mutex_waiter, FIFO */
	struct lockdep_map dep_map;	/* its name and class (include/linux/lockdep.h) */
};

#define __MUTEX_INITIALIZER(n) { \
	.owner = 0, .wait_lock = __SPIN_LOCK_UNLOCKED(n.wait_lock), \
	.wait_list = LIST_HEAD_INIT(n.wait_list), \
	.dep_map = STATIC_LOCKDEP_MAP_INIT(#n, LD_WAIT_SLEEP) }
#define DEFINE_MUTEX(n)	struct mutex n = __MUTEX_INITIALIZER(n)

void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key);

/* A macro, as Linux's: each call site is a lock class of its own. */
#define mutex_init(m) do { \
	static struct lock_class_key __key; \
	__mutex_init((m), #m, &__key); \
} while (0)

void mutex_lock(struct mutex *m);
/* A second mutex of @m's class, taken on purpose in a fixed order (Linux's). */
void mutex_lock_nested(struct mutex *m, unsigned int subclass);
int mutex_lock_interruptible(struct mutex *m);
int mutex_lock_killable(struct mutex *m);
int mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_is_locked(struct mutex *m);

#endif
