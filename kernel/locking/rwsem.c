/*
 * kernel/locking/rwsem.c: reader-writer semaphores.
 *
 * count > 0: that many readers inside; -1: one writer.  Requests are
 * served in order: a new reader waits if anyone is queued, so a waiting
 * writer is not starved; a release grants the head of the queue, and if
 * that is a reader, every reader queued up to the next writer with it.
 */
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/signal.h>

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;
	bool writer;
	bool granted;
};

/* init_rwsem's work; @key is its call site's, naming the lock class. */
void __init_rwsem(struct rw_semaphore *s, const char *name, struct lock_class_key *key)
{
	s->count = 0;
	spin_lock_init(&s->wait_lock);
	INIT_LIST_HEAD(&s->wait_list);
	lockdep_init_map(&s->dep_map, name, key, LD_WAIT_SLEEP);
}

/* Grants the head of the queue what it waits for, if it can be had now. */
static noinline void __rwsem_wake(struct rw_semaphore *s)
{
	struct rwsem_waiter *w, *n;

	list_for_each_entry_safe(w, n, &s->wait_list, list) {
		if (w->writer) {
			if (s->count)
				return;
			s->count = -1;
		} else {
			if (s->count < 0)
				return;
			s->count++;
		}
		list_del(&w->list);
		w->granted = true;
		wake_up_process(w->task);
		if (w->writer)
			return;
	}
}

/* Only with someone queued: Linux calls rwsem_wake only when RWSEM_FLAG_WAITERS is set. */
static inline void rwsem_wake(struct rw_semaphore *s)
{
	if (!list_empty(&s->wait_list))
		__rwsem_wake(s);
}

static int __sched rwsem_wait(struct rw_semaphore *s, bool writer, int state, unsigned long *flags)
{
	struct rwsem_waiter w = { .task = current, .writer = writer };

	list_add_tail(&w.list, &s->wait_list);
	for (;;) {
		set_current_state(state);
		if (w.granted)
			break;
		if ((state & TASK_WAKEKILL) && fatal_signal_pending(current)) {
			list_del(&w.list);
			rwsem_wake(s);		/* we may have been blocking readers behind us */
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
		spin_unlock_irqrestore(&s->wait_lock, *flags);
		schedule();
		spin_lock_irqsave(&s->wait_lock, *flags);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void __sched __down_read(struct rw_semaphore *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->wait_lock, flags);
	if (s->count >= 0 && list_empty(&s->wait_list))
		s->count++;
	else
		rwsem_wait(s, false, TASK_UNINTERRUPTIBLE, &flags);
	spin_unlock_irqrestore(&s->wait_lock, flags);
}

/* The validator hears of the lock before the task waits for it. */
void __sched down_read(struct rw_semaphore *s)
{
	might_sleep();
	rwsem_acquire_read(&s->dep_map, 0, 0, _RET_IP_);
	__down_read(s);
}

void __sched down_read_nested(struct rw_semaphore *s, unsigned int subclass)
{
	might_sleep();
	rwsem_acquire_read(&s->dep_map, subclass, 0, _RET_IP_);
	__down_read(s);
}

int down_read_trylock(struct rw_semaphore *s)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&s->wait_lock, flags);
	ok = s->count >= 0 && list_empty(&s->wait_list);
	if (ok)
		s->count++;
	spin_unlock_irqrestore(&s->wait_lock, flags);
	if (ok)
		rwsem_acquire_read(&s->dep_map, 0, 1, _RET_IP_);
	return ok;
}

void up_read(struct rw_semaphore *s)
{
	unsigned long flags;

	rwsem_release(&s->dep_map, _RET_IP_);
	spin_lock_irqsave(&s->wait_lock, flags);
	if (--s->count == 0)
		rwsem_wake(s);
	spin_unlock_irqrestore(&s->wait_lock, flags);
}

static int __sched __down_write(struct rw_semaphore *s, int state)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&s->wait_lock, flags);
	if (s->count == 0 && list_empty(&s->wait_list))
		s->count = -1;
	else
		ret = rwsem_wait(s, true, state, &flags);
	spin_unlock_irqrestore(&s->wait_lock, flags);
	return ret;
}

/* The validator hears of the lock before the task waits (include/linux/lockdep.h). */
#define down_write_common(s, state, subclass, ip) \
	lock_sleeping(&(s)->dep_map, subclass, ip, __down_write(s, state))

void __sched down_write(struct rw_semaphore *s)
{
	down_write_common(s, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}

void __sched down_write_nested(struct rw_semaphore *s, unsigned int subclass)
{
	down_write_common(s, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}

int __sched down_write_killable(struct rw_semaphore *s)
{
	return down_write_common(s, TASK_KILLABLE, 0, _RET_IP_);
}

int down_write_trylock(struct rw_semaphore *s)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&s->wait_lock, flags);
	ok = s->count == 0 && list_empty(&s->wait_list);
	if (ok)
		s->count = -1;
	spin_unlock_irqrestore(&s->wait_lock, flags);
	if (ok)
		rwsem_acquire(&s->dep_map, 0, 1, _RET_IP_);
	return ok;
}

void up_write(struct rw_semaphore *s)
{
	unsigned long flags;

	rwsem_release(&s->dep_map, _RET_IP_);
	spin_lock_irqsave(&s->wait_lock, flags);
	s->count = 0;
	rwsem_wake(s);
	spin_unlock_irqrestore(&s->wait_lock, flags);
}

/* A writer becomes a reader, letting the readers queued behind it in. */
void downgrade_write(struct rw_semaphore *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->wait_lock, flags);
	s->count = 1;
	rwsem_wake(s);
	spin_unlock_irqrestore(&s->wait_lock, flags);
}
