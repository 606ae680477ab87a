/*
 * include/linux/rwsem.h: reader-writer semaphores.
 *
 * Many readers or one writer.  Waiters queue in arrival order; a writer
 * at the head of the queue blocks later readers, so writers are not
 * starved, and when a writer leaves, the run of readers at the head of
 * the queue all go in together.  The IPC id tables use one (ipc_ids.rwsem).
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct rw_semaphore {
	long count;			/* RWSEM_* of kernel/locking/rwsem.c: readers, writer, waiters */
	spinlock_t wait_lock;		/* protects wait_list, and count's changes but the fast paths' */
	struct list_head wait_list;	/* struct rwsem_waiter, FIFO */
	struct lockdep_map dep_map;	/* its name and class (include/linux/lockdep.h) */
};

#define __RWSEM_INITIALIZER(n) { 0, __SPIN_LOCK_UNLOCKED(n.wait_lock), \
	LIST_HEAD_INIT(n.wait_list), STATIC_LOCKDEP_MAP_INIT(#n, LD_WAIT_SLEEP) }
#define DECLARE_RWSEM(n)	struct rw_semaphore n = __RWSEM_INITIALIZER(n)

void __init_rwsem(struct rw_semaphore *s, const char *name, struct lock_class_key *key);

/* A macro, as Linux's: each call site is a lock class of its own. */
#define init_rwsem(s) do { \
	static struct lock_class_key __key; \
	__init_rwsem((s), #s, &__key); \
} while (0)

void down_read(struct rw_semaphore *s);
/* A second rwsem of @s's class, taken on purpose in a fixed order (Linux's). */
void down_read_nested(struct rw_semaphore *s, unsigned int subclass);
void down_write_nested(struct rw_semaphore *s, unsigned int subclass);
int down_read_trylock(struct rw_semaphore *s);
void up_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
int down_write_trylock(struct rw_semaphore *s);
int down_write_killable(struct rw_semaphore *s);
void up_write(struct rw_semaphore *s);
void downgrade_write(struct rw_semaphore *s);

#endif
