/*
 * include/linux/poll.h: poll(2) support, as Linux's.
 *
 * A file's poll method reports which events are ready now and calls
 * poll_wait() for each wait queue that will announce a change.  What
 * poll_wait() does is the caller's business: the poll table carries a
 * queue procedure (_qproc) and the events the caller cares about (_key).
 * select and poll (fs/select.c) queue an entry that wakes the polling
 * task; epoll (fs/eventpoll.c) queues one that puts the watched file on
 * its ready list; a table with no procedure only asks.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/wait.h>
#include <linux/fs.h>

typedef unsigned int __poll_t;

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000
#define POLLFREE	0x4000	/* the wait queue is going away: unhook (wake_up_pollfree) */

/* epoll's names for the same bits, and its own flags (uapi/linux/eventpoll.h) */
#define EPOLLIN		POLLIN
#define EPOLLPRI	POLLPRI
#define EPOLLOUT	POLLOUT
#define EPOLLERR	POLLERR
#define EPOLLHUP	POLLHUP
#define EPOLLNVAL	POLLNVAL
#define EPOLLRDNORM	POLLRDNORM
#define EPOLLRDBAND	POLLRDBAND
#define EPOLLWRNORM	POLLWRNORM
#define EPOLLWRBAND	POLLWRBAND
#define EPOLLMSG	POLLMSG
#define EPOLLRDHUP	POLLRDHUP
#define EPOLLEXCLUSIVE	(1U << 28)
#define EPOLLWAKEUP	(1U << 29)
#define EPOLLONESHOT	(1U << 30)
#define EPOLLET		(1U << 31)

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_table_struct;

/* Hooks the caller onto @wait_address, the queue that announces @filp's events. */
typedef void (*poll_queue_proc)(struct file *filp, wait_queue_head_t *wait_address,
				struct poll_table_struct *pt);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;		/* NULL: only the answer is wanted */
	__poll_t _key;			/* the events the caller waits for */
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

/* Will the poll method's poll_wait() calls queue anything? */
static inline bool poll_does_not_wait(const poll_table *p)
{
	return p == NULL || p->_qproc == NULL;
}

static inline __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;	/* all events */
}

static inline bool file_can_poll(struct file *file)
{
	return file->f_op && file->f_op->poll;
}

/* The events ready on @file; a file without a poll method is always ready (regular files). */
static inline __poll_t vfs_poll(struct file *file, poll_table *pt)
{
	if (!file_can_poll(file))
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

/* What select and poll queue per wait queue: it wakes the polling task. */
struct poll_table_entry {
	struct file *filp;		/* held while queued: its queue lives as long as it */
	__poll_t key;			/* a wake-up for other events is ignored */
	wait_queue_entry_t wait;
	wait_queue_head_t *wait_address;
};

#define N_INLINE_POLL_ENTRIES	18	/* then a page at a time (poll_table_page) */

/* One select or poll call's table (Linux's struct poll_wqueues). */
struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;	/* the pages of entries past the inline ones */
	struct task_struct *polling_task;
	int triggered;			/* a queue fired since we last looked */
	int error;			/* -ENOMEM: an entry could not be had */
	int inline_index;
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

struct timespec64;
long poll_select_set_timeout(const struct timespec64 *uts, long *timeout);
void poll_initwait(struct poll_wqueues *pwq);
void poll_freewait(struct poll_wqueues *pwq);

/* Wakes every waiter with POLLFREE: @wq is about to be freed (Linux's wake_up_pollfree). */
void wake_up_pollfree(wait_queue_head_t *wq);

#endif
