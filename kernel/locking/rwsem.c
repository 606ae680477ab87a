/*
 * kernel/locking/rwsem.c: reader-writer semaphores.
 *
 * count holds the state, as Linux's: RWSEM_WRITER_LOCKED while a writer
 * is inside, RWSEM_READER_BIAS once per reader inside, and
 * RWSEM_FLAG_WAITERS while anyone is queued on wait_list.  Taking or
 * releasing a semaphore nobody waits for is one compare-and-exchange
 * on count (Linux's fast paths); everything else takes wait_lock.
 * Requests are served in order: with someone queued (the flag set), a
 * new reader or writer queues too, so a waiting writer is not starved;
 * a release grants the head of the queue, and if that is a reader,
 * every reader queued up to the next writer with it.
 */
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/signal.h>

#define RWSEM_WRITER_LOCKED	1L
#define RWSEM_FLAG_WAITERS	2L
#define RWSEM_READER_BIAS	256L

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

static inline long rwsem_count(struct rw_semaphore *s)
{
	return __atomic_load_n(&s->count, __ATOMIC_RELAXED);
}

/* count from @old to @new, if it still is @old. */
static inline bool rwsem_cmpxchg(struct rw_semaphore *s, long old, long new)
{
	return __atomic_compare_exchange_n(&s->count, &old, new, false, __ATOMIC_SEQ_CST,
					   __ATOMIC_RELAXED);
}

static inline long rwsem_add(struct rw_semaphore *s, long v)
{
	return __atomic_add_fetch(&s->count, v, __ATOMIC_SEQ_CST);
}

/*
 * Grants the head of the queue what it waits for, if it can be had now;
 * the flag goes with the last waiter: it is set exactly while wait_list
 * is not empty, both changed under wait_lock.  Hold wait_lock (the fast paths
 * still move count: hence the atomic adds).
 */
static noinline void __rwsem_wake(struct rw_semaphore *s)
{
	struct rwsem_waiter *w, *n;
	bool granted = false;

	list_for_each_entry_safe(w, n, &s->wait_list, list) {
		long c = rwsem_count(s);

		if (w->writer ? c != RWSEM_FLAG_WAITERS : (c & RWSEM_WRITER_LOCKED))
			break;
		rwsem_add(s, w->writer ? RWSEM_WRITER_LOCKED : RWSEM_READER_BIAS);
		list_del(&w->list);
		w->granted = granted = true;
		wake_up_process(w->task);
		if (w->writer)
			break;
	}
	if (granted && list_empty(&s->wait_list))
		rwsem_add(s, -RWSEM_FLAG_WAITERS);	/* set while the queue was not empty */
}

/*
 * Queues current until granted (or, for @state TASK_KILLABLE, killed:
 * -EINTR).  Called with wait_lock held, as the fast path failed.  The
 * holder may have left meanwhile, before the flag told it to wake
 * anyone: the queue is looked at once here.
 */
static int __sched rwsem_wait(struct rw_semaphore *s, bool writer, int state, unsigned long *flags)
{
	struct rwsem_waiter w = { .task = current, .writer = writer };

	if (list_empty(&s->wait_list))
		rwsem_add(s, RWSEM_FLAG_WAITERS);
	list_add_tail(&w.list, &s->wait_list);
	__rwsem_wake(s);
	for (;;) {
		set_current_state(state);
		if (w.granted)
			break;
		if ((state & TASK_WAKEKILL) && fatal_signal_pending(current)) {
			list_del(&w.list);
			if (list_empty(&s->wait_list))
				rwsem_add(s, -RWSEM_FLAG_WAITERS);
			else
				__rwsem_wake(s);	/* we may have been blocking readers behind us */
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

/* The slow path of a down: queue and wait. */
static noinline int __sched rwsem_down_slowpath(struct rw_semaphore *s, bool writer, int state)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&s->wait_lock, flags);
	ret = rwsem_wait(s, writer, state, &flags);
	spin_unlock_irqrestore(&s->wait_lock, flags);
	return ret;
}

/* The slow path of a release: someone is queued. */
static noinline void rwsem_wake(struct rw_semaphore *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->wait_lock, flags);
	__rwsem_wake(s);
	spin_unlock_irqrestore(&s->wait_lock, flags);
}

/* The fast paths: one compare-and-exchange, nothing told to the validator. */
static __always_inline bool __down_read_trylock(struct rw_semaphore *s)
{
	long c = rwsem_count(s);

	while (!(c & (RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS)))
		if (__atomic_compare_exchange_n(&s->count, &c, c + RWSEM_READER_BIAS, false,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			return true;
	return false;
}

static __always_inline bool __down_write_trylock(struct rw_semaphore *s)
{
	return rwsem_cmpxchg(s, 0, RWSEM_WRITER_LOCKED);
}

/* The fast path, else queue: 0, or -EINTR for a killed TASK_KILLABLE wait. */
static __always_inline int __down_common(struct rw_semaphore *s, bool writer, int state)
{
	if (writer ? __down_write_trylock(s) : __down_read_trylock(s))
		return 0;
	return rwsem_down_slowpath(s, writer, state);
}

/*
 * The validator hears of the lock before the task waits for it
 * (include/linux/lockdep.h); @subclass: 0, or a nesting annotation.
 */
#define down_common(s, writer, state, subclass) \
	lock_sleeping(&(s)->dep_map, LOCKDEP_FLAGS(subclass, 0, !(writer)), _RET_IP_, \
		      __down_common(s, writer, state))

void __sched down_read(struct rw_semaphore *s)
{
	down_common(s, false, TASK_UNINTERRUPTIBLE, 0);
}

void __sched down_read_nested(struct rw_semaphore *s, unsigned int subclass)
{
	down_common(s, false, TASK_UNINTERRUPTIBLE, subclass);
}

int down_read_trylock(struct rw_semaphore *s)
{
	if (!__down_read_trylock(s))
		return 0;
	rwsem_acquire_read(&s->dep_map, 0, 1, _RET_IP_);
	return 1;
}

void up_read(struct rw_semaphore *s)
{
	rwsem_release(&s->dep_map, _RET_IP_);
	if (rwsem_add(s, -RWSEM_READER_BIAS) == RWSEM_FLAG_WAITERS)
		rwsem_wake(s);		/* the last reader, with someone queued */
}

void __sched down_write(struct rw_semaphore *s)
{
	down_common(s, true, TASK_UNINTERRUPTIBLE, 0);
}

void __sched down_write_nested(struct rw_semaphore *s, unsigned int subclass)
{
	down_common(s, true, TASK_UNINTERRUPTIBLE, subclass);
}

int __sched down_write_killable(struct rw_semaphore *s)
{
	return down_common(s, true, TASK_KILLABLE, 0);
}

int down_write_trylock(struct rw_semaphore *s)
{
	if (!__down_write_trylock(s))
		return 0;
	rwsem_acquire(&s->dep_map, 0, 1, _RET_IP_);
	return 1;
}

void up_write(struct rw_semaphore *s)
{
	rwsem_release(&s->dep_map, _RET_IP_);
	if (!rwsem_cmpxchg(s, RWSEM_WRITER_LOCKED, 0)) {
		rwsem_add(s, -RWSEM_WRITER_LOCKED);	/* with someone queued */
		rwsem_wake(s);
	}
}

/* A writer becomes a reader, letting the readers queued behind it in. */
void downgrade_write(struct rw_semaphore *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->wait_lock, flags);
	rwsem_add(s, RWSEM_READER_BIAS - RWSEM_WRITER_LOCKED);
	if (!list_empty(&s->wait_list))
		__rwsem_wake(s);
	spin_unlock_irqrestore(&s->wait_lock, flags);
}
