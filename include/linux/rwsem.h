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
};

#define __RWSEM_INITIALIZER(n) { 0, __SPIN_LOCK_UNLOCKED(n.wait_lock), \
	LIST_HEAD_INIT(n.wait_list) }
#define DECLARE_RWSEM(n)	struct rw_semaphore n = __RWSEM_INITIALIZER(n)

void init_rwsem(struct rw_semaphore *s);
void down_read(struct rw_semaphore *s);
int down_read_trylock(struct rw_semaphore *s);
void up_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
int down_write_trylock(struct rw_semaphore *s);
int down_write_killable(struct rw_semaphore *s);
void up_write(struct rw_semaphore *s);
void downgrade_write(struct rw_semaphore *s);

#endif
