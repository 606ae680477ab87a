/*
 * kernel/sched/wait.c: wait queues.
 *
 * The sleep side always follows the same pattern (prepare_to_wait, test
 * the condition, schedule, finish_wait), which is what makes wake-ups
 * impossible to lose: a waker that runs between the test and schedule()
 * has already set the task back to TASK_RUNNING, so schedule() returns.
 */
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/poll.h>
#include <linux/bug.h>

int default_wake_function(struct wait_queue_entry *w, unsigned int mode, int flags, void *key)
{
	(void)flags;
	(void)key;
	return wake_up_state(w->private, mode);
}

/* Wakes and takes the entry off the queue, so a second wake-up skips it. */
int autoremove_wake_function(struct wait_queue_entry *w, unsigned int mode, int flags, void *key)
{
	int ret = default_wake_function(w, mode, flags, key);

	if (ret)
		list_del_init(&w->entry);
	return ret;
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	list_add(&w->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	w->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&w->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Non-exclusive waiters go at the head, exclusive ones at the tail (Linux's order). */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, int state)
{
	unsigned long flags;

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add(&w->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *w,
			       int state)
{
	unsigned long flags;

	w->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (!list_empty(&w->entry)) {
		spin_lock_irqsave(&wq->lock, flags);
		list_del_init(&w->entry);
		spin_unlock_irqrestore(&wq->lock, flags);
	}
}

/*
 * Wakes every non-exclusive waiter and up to @nr exclusive ones (0: all).
 * Returns how many were woken.
 */
/* __wake_up with wq->lock already held by the caller (Linux's __wake_up_locked). */
int __wake_up_locked(struct wait_queue_head *wq, unsigned int mode, int nr, void *key)
{
	struct wait_queue_entry *w, *next;
	int woken = 0;

	list_for_each_entry_safe(w, next, &wq->head, entry) {
		unsigned int wflags = w->flags;
		int ret = w->func(w, mode, 0, key);

		if (ret < 0)
			break;
		woken += ret > 0;
		if (ret && (wflags & WQ_FLAG_EXCLUSIVE) && !--nr)
			break;
	}
	return woken;
}

int __wake_up(struct wait_queue_head *wq, unsigned int mode, int nr, void *key)
{
	unsigned long flags;
	int woken;

	spin_lock_irqsave(&wq->lock, flags);
	woken = __wake_up_locked(wq, mode, nr, key);
	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}

/*
 * @wq is about to be freed (a dying process's signalfd queue): every
 * entry on it is told with POLLFREE, which an epoll entry takes as the
 * order to unhook itself (Linux's wake_up_pollfree).  select and poll
 * never see it: their entries are on queues their files keep alive.
 */
void wake_up_pollfree(struct wait_queue_head *wq)
{
	if (!waitqueue_active(wq))
		return;
	__wake_up(wq, TASK_NORMAL, 0, (void *)(unsigned long)(POLLHUP | POLLFREE));
	WARN_ON_ONCE(waitqueue_active(wq));	/* POLLFREE must have emptied it */
}
