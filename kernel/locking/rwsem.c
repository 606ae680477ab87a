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
/* A reader's compare-and-exchange, from count @c: false if a writer is in or anyone waits. */
static __always_inline bool __down_read_trylock(struct rw_semaphore *s, long c)
{
	while (!(c & (RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS)))
		if (__atomic_compare_exchange_n(&s->count, &c, c + RWSEM_READER_BIAS, false,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			return true;
	return false;
}

/*
 * The validator's hooks (include/linux/lockdep.h) ride on the fast paths'
 * first access to count: might_sleep() and the acquisition before a
 * reader's load or a writer's compare-and-exchange, the release before
 * the add or the compare-and-exchange that lets go.  @ip: the caller's.
 */
#define RWSEM_HOOK_OPERANDS(s) \
	[obj] "r"(s), [off] "i"(offsetof(struct rw_semaphore, dep_map)), LOCKDEP_RET_IP
#define RWSEM_ACQUIRE_HOOK(insn) \
	LOCKDEP_FUSED(insn, LOCKDEP_MIGHT_SLEEP \
		      LOCKDEP_MAP_CALL3("__lockdep_map_acquire_thunk", "%c[off]", "%q[fl]", "%[ip]") \
		      insn)
#define RWSEM_RELEASE_HOOK(insn) \
	LOCKDEP_FUSED(insn, LOCKDEP_MAP_CALL2("__lockdep_map_release_thunk", "%c[off]", "%[ip]") \
		      insn)

/* A reader's fast path: count read (a 32-bit displacement: 5 bytes or more to carry the hook). */
static __always_inline bool down_read_fast(struct rw_semaphore *s, unsigned long flags)
{
	long c;

	__asm__ __volatile__(RWSEM_ACQUIRE_HOOK("%{disp32%} movq %[cnt], %[c]")
			     : [c] "=r"(c)
			     : [cnt] "m"(s->count), [fl] "ri"(flags), RWSEM_HOOK_OPERANDS(s),
			       LOCKDEP_FILE_LINE : "memory");
	return __down_read_trylock(s, c);
}

/* A writer's fast path: count 0 -> RWSEM_WRITER_LOCKED. */
static __always_inline bool down_write_fast(struct rw_semaphore *s, unsigned long flags)
{
	long old = 0;
	bool taken;

	__asm__ __volatile__(RWSEM_ACQUIRE_HOOK("lock cmpxchgq %[new], %[cnt]")
			     : "=@ccz"(taken), [cnt] "+m"(s->count), "+a"(old)
			     : [new] "r"(RWSEM_WRITER_LOCKED), [fl] "ri"(flags),
			       RWSEM_HOOK_OPERANDS(s), LOCKDEP_FILE_LINE : "memory");
	return taken;
}

/* After the fast path failed: queue; a wait cut short lets the validator forget the lock. */
static noinline int __sched down_slowpath(struct rw_semaphore *s, bool writer, int state,
					  unsigned long ip)
{
	int ret = rwsem_down_slowpath(s, writer, state);

	if (ret && READ_ONCE(prove_locking))
		lock_release(&s->dep_map, ip);
	return ret;
}

/* 0, or -EINTR for a killed TASK_KILLABLE wait; @subclass: 0, or a nesting annotation. */
#define down_common(s, writer, state, subclass) \
	(((writer) ? down_write_fast(s, subclass) : \
		     down_read_fast(s, LOCKDEP_FLAGS(subclass, 0, 1))) ? \
	 0 : down_slowpath(s, writer, state, _RET_IP_))

void __sched down_read(struct rw_semaphore *s)
{
	down_common(s, false, TASK_UNINTERRUPTIBLE, 0);
}

void __sched down_read_nested(struct rw_semaphore *s, unsigned int subclass)
{
	down_common(s, false, TASK_UNINTERRUPTIBLE, subclass);
}

/* A trylock is rare (the OOM killer's): its hook is a plain test of the switch. */
int down_read_trylock(struct rw_semaphore *s)
{
	if (!__down_read_trylock(s, rwsem_count(s)))
		return 0;
	if (READ_ONCE(prove_locking))
		lockdep_map_acquire_flags(&s->dep_map, LOCKDEP_FLAGS(0, 1, 1), _RET_IP_);
	return 1;
}

void up_read(struct rw_semaphore *s)
{
	long c = -RWSEM_READER_BIAS;

	__asm__ __volatile__(RWSEM_RELEASE_HOOK("lock xaddq %[c], %[cnt]")
			     : [c] "+r"(c), [cnt] "+m"(s->count) : RWSEM_HOOK_OPERANDS(s) : "memory");
	if (c - RWSEM_READER_BIAS == RWSEM_FLAG_WAITERS)
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
	if (!rwsem_cmpxchg(s, 0, RWSEM_WRITER_LOCKED))
		return 0;
	if (READ_ONCE(prove_locking))
		lockdep_map_acquire_flags(&s->dep_map, LOCKDEP_FLAGS(0, 1, 0), _RET_IP_);
	return 1;
}

void up_write(struct rw_semaphore *s)
{
	long old = RWSEM_WRITER_LOCKED;
	bool done;

	__asm__ __volatile__(RWSEM_RELEASE_HOOK("lock cmpxchgq %[zero], %[cnt]")
			     : "=@ccz"(done), [cnt] "+m"(s->count), "+a"(old)
			     : [zero] "r"(0L), RWSEM_HOOK_OPERANDS(s) : "memory");
	if (!done) {
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
