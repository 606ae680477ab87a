/*
 * include/linux/wait.h: wait queues.
 *
 * A sleeper puts an entry on the queue, sets its state, re-checks its
 * condition and calls schedule(); a waker runs each entry's function,
 * which wakes the task.  Exclusive waiters sit at the tail and only one
 * of them (nr_exclusive) is woken per wake_up, as Linux's.
 *
 * An entry must be off its queue before its memory goes.  With
 * debug_objects on the command line, an entry declared with DEFINE_WAIT
 * or DECLARE_WAITQUEUE is checked when its scope ends, and an exiting
 * task's stack is checked for entries still queued
 * (kernel/sched/wait_debug.c): a wake-up would otherwise write into a
 * dead stack frame.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq, unsigned int mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the waiting task */
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;		/* protects head */
	struct list_head head;
};

typedef struct wait_queue_head wait_queue_head_t;
typedef struct wait_queue_entry wait_queue_entry_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { \
	.lock = __SPIN_LOCK_UNLOCKED(name.lock), \
	.head = { &(name).head, &(name).head } }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* init_waitqueue_head's work; @key is its call site's, naming the lock class. */
static inline void __init_waitqueue_head(struct wait_queue_head *wq, const char *name,
					 struct lock_class_key *key)
{
	__spin_lock_init(&wq->lock, name, key);
	INIT_LIST_HEAD(&wq->head);
}

/* A macro, as Linux's: each call site's queues are a lock class of their own. */
#define init_waitqueue_head(wq) do { \
	static struct lock_class_key __key; \
	__init_waitqueue_head((wq), #wq, &__key); \
} while (0)
struct task_struct;
void check_wait_entries_at_exit(struct task_struct *tsk);
int default_wake_function(struct wait_queue_entry *wq, unsigned int mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq, unsigned int mode, int flags, void *key);

/* Is @w on a queue?  (Never added: NULL or itself; removed: itself or poisoned.) */
static inline bool wait_entry_linked(const struct wait_queue_entry *w)
{
	const struct list_head *next = w->entry.next;

	return next && next != &w->entry && next != LIST_POISON1;
}

void wait_entry_leaves_scope(struct wait_queue_entry *w);
extern bool debug_objects;

static __always_inline void wait_entry_scope_end(struct wait_queue_entry *w)
{
	if (unlikely(debug_objects && wait_entry_linked(w)))
		wait_entry_leaves_scope(w);
}

/* Checked when it goes out of scope (gcc's cleanup attribute). */
#define __wait_entry_scoped	__attribute__((cleanup(wait_entry_scope_end)))

#define DEFINE_WAIT_FUNC(name, function) \
	struct wait_queue_entry name __wait_entry_scoped = { \
		.private = current, \
		.func = function, \
		.entry = LIST_HEAD_INIT((name).entry), \
	}
#define DEFINE_WAIT(name)	DEFINE_WAIT_FUNC(name, autoremove_wake_function)
#define DECLARE_WAITQUEUE(name, tsk) \
	struct wait_queue_entry name __wait_entry_scoped = { \
		.private = tsk, \
		.func = default_wake_function, \
		.entry = { NULL, NULL }, \
	}

static inline void init_waitqueue_entry_task(struct wait_queue_entry *w, void *task)
{
	w->flags = 0;
	w->private = task;
	w->func = default_wake_function;
	INIT_LIST_HEAD(&w->entry);
}

/* An entry whose wake-up runs @func (epoll's, select's), its private data set by the caller. */
static inline void init_waitqueue_func_entry(struct wait_queue_entry *w, wait_queue_func_t func)
{
	w->flags = 0;
	w->private = NULL;
	w->func = func;
	INIT_LIST_HEAD(&w->entry);
}

/* The same with wq->lock already held by the caller. */
static inline void __add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	list_add(&w->entry, &wq->head);
}

static inline void __add_wait_queue_exclusive(struct wait_queue_head *wq,
					      struct wait_queue_entry *w)
{
	w->flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&w->entry, &wq->head);
}

static inline void __remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	(void)wq;
	list_del_init(&w->entry);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *w,
			       int state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);

int __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key);
int __wake_up_locked(struct wait_queue_head *wq, unsigned int mode, int nr, void *key);
#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked(x, TASK_NORMAL, 1, NULL)
#define wake_up_locked_poll(x, m)	__wake_up_locked(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_poll(x, m)		__wake_up(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(x, m) \
	__wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))

static inline bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

/*
 * wait_event*(wq, cond): sleep until cond is true.  The _interruptible
 * forms return -ERESTARTSYS when a signal arrives; the _timeout forms
 * return the jiffies left (at least 1) on success and 0 on timeout.
 */
#define ___wait_event(wq, cond, state, exclusive, ret, cmd) ({ \
	DEFINE_WAIT(__wq_entry); \
	long __ret = ret; \
	for (;;) { \
		if (exclusive) \
			prepare_to_wait_exclusive(&(wq), &__wq_entry, state); \
		else \
			prepare_to_wait(&(wq), &__wq_entry, state); \
		if (cond) \
			break; \
		if (((state) & TASK_INTERRUPTIBLE) && signal_pending(current)) { \
			__ret = -ERESTARTSYS; \
			break; \
		} \
		if (((state) & TASK_WAKEKILL) && fatal_signal_pending(current)) { \
			__ret = -ERESTARTSYS; \
			break; \
		} \
		cmd; \
	} \
	finish_wait(&(wq), &__wq_entry); \
	__ret; \
})

#define wait_event(wq, cond) do { \
	if (!(cond)) \
		(void)___wait_event(wq, cond, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)

#define wait_event_interruptible(wq, cond) \
	((cond) ? 0 : (int)___wait_event(wq, cond, TASK_INTERRUPTIBLE, 0, 0, schedule()))

#define wait_event_killable(wq, cond) \
	((cond) ? 0 : (int)___wait_event(wq, cond, TASK_KILLABLE, 0, 0, schedule()))

#define wait_event_interruptible_exclusive(wq, cond) \
	((cond) ? 0 : (int)___wait_event(wq, cond, TASK_INTERRUPTIBLE, 1, 0, schedule()))

#define wait_event_timeout(wq, cond, timeout) ({ \
	long __tmo = (timeout); \
	long __r = (cond) ? (__tmo ? __tmo : 1) : \
		___wait_event(wq, ((cond) || !__tmo), TASK_UNINTERRUPTIBLE, 0, 0, \
			      __tmo = schedule_timeout(__tmo)); \
	((cond) && !__r) ? 1 : ((cond) ? (__tmo ? __tmo : 1) : 0); \
})

/*
 * wait_event_interruptible_locked_irq(wq, cond): wait_event_interruptible
 * for a caller that holds wq.lock (taken with spin_lock_irq), which is
 * dropped while asleep and held again on return, so cond may be read and
 * acted on under it (Linux's, for eventfd and timerfd).
 */
#define wait_event_interruptible_locked_irq(wq, cond) ({ \
	DECLARE_WAITQUEUE(__wait, current); \
	int __ret = 0; \
	if (!(cond)) { \
		__add_wait_queue(&(wq), &__wait); \
		for (;;) { \
			set_current_state(TASK_INTERRUPTIBLE); \
			if (cond) \
				break; \
			if (signal_pending(current)) { \
				__ret = -ERESTARTSYS; \
				break; \
			} \
			spin_unlock_irq(&(wq).lock); \
			schedule(); \
			spin_lock_irq(&(wq).lock); \
		} \
		__remove_wait_queue(&(wq), &__wait); \
		__set_current_state(TASK_RUNNING); \
	} \
	__ret; \
})

#define wait_event_interruptible_timeout(wq, cond, timeout) ({ \
	long __tmo = (timeout); \
	long __r = (cond) ? 0 : \
		___wait_event(wq, ((cond) || !__tmo), TASK_INTERRUPTIBLE, 0, 0, \
			      __tmo = schedule_timeout(__tmo)); \
	__r < 0 ? __r : ((cond) ? (__tmo ? __tmo : 1) : 0); \
})

#endif
