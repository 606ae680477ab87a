/*
 * kernel/locking/mutex.c: sleeping mutual exclusion.
 *
 * As Linux's: a free mutex is taken, and one nobody waits for is let go,
 * by one compare-and-exchange of its owner word (the fast paths), which
 * also carries the lock validator's hooks (include/linux/lockdep.h).
 * A task that finds it taken queues on wait_list under wait_lock and sets
 * MUTEX_FLAG_WAITERS, which sends the owner's unlock the slow way: it
 * hands the mutex straight to the first waiter (owner set before it
 * wakes), so waiters are served in arrival order and a task that comes
 * along later cannot barge in ahead of them.
 */
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/signal.h>

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
	bool granted;
};

/* mutex_init's work; @key is its call site's, naming the lock class. */
void __mutex_init(struct mutex *m, const char *name, struct lock_class_key *key)
{
	m->owner = 0;
	spin_lock_init(&m->wait_lock);
	INIT_LIST_HEAD(&m->wait_list);
	lockdep_init_map(&m->dep_map, name, key, LD_WAIT_SLEEP);
}

static inline struct task_struct *mutex_owner(unsigned long owner)
{
	return (struct task_struct *)(owner & ~MUTEX_FLAG_WAITERS);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != 0;
}

#define MUTEX_HOOK_OPERANDS(m) \
	[obj] "r"(m), [off] "i"(offsetof(struct mutex, dep_map)), LOCKDEP_RET_IP

/*
 * The fast path of mutex_lock (Linux's __mutex_trylock_fast): owner 0 ->
 * current.  The validator's might_sleep() check and acquisition come
 * first, fused into the compare-and-exchange: they run whether or not it
 * takes the mutex, as before a wait.  True if taken.
 */
static __always_inline bool mutex_lock_fast(struct mutex *m, unsigned long subclass)
{
	unsigned long old = 0;
	bool taken;

	__asm__ __volatile__(LOCKDEP_FUSED("lock cmpxchgq %[cur], %[owner]",
				LOCKDEP_MIGHT_SLEEP
				LOCKDEP_MAP_CALL3("__lockdep_map_acquire_thunk", "%c[off]",
						  "%q[sub]", "%[ip]")
				"lock cmpxchgq %[cur], %[owner]")
			     : "=@ccz"(taken), [owner] "+m"(m->owner), "+a"(old)
			     : [cur] "r"((unsigned long)current), [sub] "ri"(subclass),
			       MUTEX_HOOK_OPERANDS(m), LOCKDEP_FILE_LINE : "memory");
	return taken;
}

/* mutex_trylock: the same compare-and-exchange; the validator hears of success only. */
int mutex_trylock(struct mutex *m)
{
	unsigned long old = 0;
	bool taken;

	__asm__ __volatile__(LOCKDEP_FUSED("lock cmpxchgq %[cur], %[owner]",
				"lock cmpxchgq %[cur], %[owner]\n\tjne 663b\n\t"
				LOCKDEP_MAP_CALL3("__lockdep_map_acquire_thunk", "%c[off]",
						  "%[fl]", "%[ip]"))
			     : "=@ccz"(taken), [owner] "+m"(m->owner), "+a"(old)
			     : [cur] "r"((unsigned long)current), [fl] "i"(LOCKDEP_TRYLOCK),
			       MUTEX_HOOK_OPERANDS(m) : "memory");
	return taken;
}

/*
 * Under wait_lock: takes @m if it is free, else sets MUTEX_FLAG_WAITERS
 * (a fast unlock may race with either: hence the compare-and-exchange).
 * True if taken.
 */
static bool mutex_take_or_flag(struct mutex *m)
{
	unsigned long owner = READ_ONCE(m->owner);

	for (;;) {
		if (mutex_owner(owner) == current)
			panic("mutex %s: recursive lock by %s", m->dep_map.name, current->comm);
		if (!owner && __atomic_compare_exchange_n(&m->owner, &owner, (unsigned long)current,
							  false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
		if (owner & MUTEX_FLAG_WAITERS)
			return false;
		if (owner && __atomic_compare_exchange_n(&m->owner, &owner,
							 owner | MUTEX_FLAG_WAITERS, false,
							 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return false;
	}
}

/* The slow path: queue and sleep until handed the mutex; 0, or -EINTR. */
static noinline int __sched __mutex_lock(struct mutex *m, int state)
{
	struct mutex_waiter w = { .task = current, .granted = false };
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&m->wait_lock, flags);
	if (mutex_take_or_flag(m))
		goto unlock;
	list_add_tail(&w.list, &m->wait_list);
	for (;;) {
		set_current_state(state);
		if (w.granted)
			break;
		if ((state & TASK_INTERRUPTIBLE) && signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		if ((state & TASK_WAKEKILL) && fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		spin_unlock_irqrestore(&m->wait_lock, flags);
		schedule();
		spin_lock_irqsave(&m->wait_lock, flags);
	}
	__set_current_state(TASK_RUNNING);
	if (!w.granted) {
		list_del(&w.list);
		if (list_empty(&m->wait_list))	/* the unlock may take the fast path again */
			__atomic_fetch_and(&m->owner, ~MUTEX_FLAG_WAITERS, __ATOMIC_RELAXED);
	}
unlock:
	spin_unlock_irqrestore(&m->wait_lock, flags);
	return ret;
}

/* After the fast path failed: wait; a wait cut short lets the validator forget the lock. */
static noinline int __sched mutex_lock_slowpath(struct mutex *m, int state, unsigned long ip)
{
	int ret = __mutex_lock(m, state);

	if (ret && READ_ONCE(prove_locking))
		lock_release(&m->dep_map, ip);
	return ret;
}

#define mutex_lock_common(m, state, subclass) \
	(mutex_lock_fast(m, subclass) ? 0 : mutex_lock_slowpath(m, state, _RET_IP_))

void __sched mutex_lock(struct mutex *m)
{
	mutex_lock_common(m, TASK_UNINTERRUPTIBLE, 0);
}

void __sched mutex_lock_nested(struct mutex *m, unsigned int subclass)
{
	mutex_lock_common(m, TASK_UNINTERRUPTIBLE, subclass);
}

int __sched mutex_lock_interruptible(struct mutex *m)
{
	return mutex_lock_common(m, TASK_INTERRUPTIBLE, 0);
}

int __sched mutex_lock_killable(struct mutex *m)
{
	return mutex_lock_common(m, TASK_KILLABLE, 0);
}

/* Waiters (or a wrong unlock): hand the mutex to the first waiter, under wait_lock. */
static noinline void mutex_unlock_slowpath(struct mutex *m)
{
	struct mutex_waiter *w;
	unsigned long flags;

	spin_lock_irqsave(&m->wait_lock, flags);
	if (mutex_owner(READ_ONCE(m->owner)) != current)
		pr_err("BUG: mutex %s unlocked by %s, not its owner\n", m->dep_map.name, current->comm);
	w = list_first_entry_or_null(&m->wait_list, struct mutex_waiter, list);
	if (w) {
		list_del(&w->list);
		w->granted = true;
		WRITE_ONCE(m->owner, (unsigned long)w->task |
				     (list_empty(&m->wait_list) ? 0 : MUTEX_FLAG_WAITERS));
		wake_up_process(w->task);
	} else {
		WRITE_ONCE(m->owner, 0);
	}
	spin_unlock_irqrestore(&m->wait_lock, flags);
}

/* The fast path (Linux's __mutex_unlock_fast): current -> 0, the release hook first. */
void mutex_unlock(struct mutex *m)
{
	unsigned long old = (unsigned long)current;
	bool done;

	__asm__ __volatile__(LOCKDEP_FUSED("lock cmpxchgq %[zero], %[owner]",
				LOCKDEP_MAP_CALL2("__lockdep_map_release_thunk", "%c[off]", "%[ip]")
				"lock cmpxchgq %[zero], %[owner]")
			     : "=@ccz"(done), [owner] "+m"(m->owner), "+a"(old)
			     : [zero] "r"(0UL), MUTEX_HOOK_OPERANDS(m) : "memory");
	if (unlikely(!done))
		mutex_unlock_slowpath(m);
}
