/*
 * kernel/locking/mutex.c: sleeping mutual exclusion.
 *
 * Unlock hands the mutex straight to the first waiter (owner set before
 * it wakes), so waiters are served in arrival order and a task that
 * comes along later cannot barge in ahead of them.
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
	m->owner = NULL;
	spin_lock_init(&m->wait_lock);
	INIT_LIST_HEAD(&m->wait_list);
	lockdep_init_map(&m->dep_map, name, key, LD_WAIT_SLEEP);
}

bool mutex_is_locked(struct mutex *m)
{
	return READ_ONCE(m->owner) != NULL;
}

int mutex_trylock(struct mutex *m)
{
	unsigned long flags;
	int ok;

	spin_lock_irqsave(&m->wait_lock, flags);
	ok = !m->owner;
	if (ok)
		m->owner = current;
	spin_unlock_irqrestore(&m->wait_lock, flags);
	if (ok)
		mutex_acquire(&m->dep_map, 0, 1, _RET_IP_);
	return ok;
}

static int __sched __mutex_lock(struct mutex *m, int state)
{
	struct mutex_waiter w = { .task = current, .granted = false };
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&m->wait_lock, flags);
	if (m->owner == current)
		panic("mutex %s: recursive lock by %s", m->dep_map.name, current->comm);
	if (!m->owner) {
		m->owner = current;
		spin_unlock_irqrestore(&m->wait_lock, flags);
		return 0;
	}
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
	if (!w.granted)
		list_del(&w.list);
	spin_unlock_irqrestore(&m->wait_lock, flags);
	return ret;
}

/* The validator hears of the lock before the task waits (include/linux/lockdep.h). */
#define mutex_lock_common(m, state, subclass, ip) \
	lock_sleeping(&(m)->dep_map, subclass, ip, __mutex_lock(m, state))

void __sched mutex_lock(struct mutex *m)
{
	mutex_lock_common(m, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}

void __sched mutex_lock_nested(struct mutex *m, unsigned int subclass)
{
	mutex_lock_common(m, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}

int __sched mutex_lock_interruptible(struct mutex *m)
{
	return mutex_lock_common(m, TASK_INTERRUPTIBLE, 0, _RET_IP_);
}

int __sched mutex_lock_killable(struct mutex *m)
{
	return mutex_lock_common(m, TASK_KILLABLE, 0, _RET_IP_);
}

void mutex_unlock(struct mutex *m)
{
	struct mutex_waiter *w;
	unsigned long flags;

	mutex_release(&m->dep_map, _RET_IP_);

	spin_lock_irqsave(&m->wait_lock, flags);
	if (m->owner != current)
		pr_err("BUG: mutex %s unlocked by %s, not its owner\n", m->dep_map.name, current->comm);
	w = list_first_entry_or_null(&m->wait_list, struct mutex_waiter, list);
	if (w) {
		list_del(&w->list);
		w->granted = true;
		m->owner = w->task;
		wake_up_process(w->task);
	} else {
		m->owner = NULL;
	}
	spin_unlock_irqrestore(&m->wait_lock, flags);
}
