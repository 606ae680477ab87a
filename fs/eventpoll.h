/*
 * fs/eventpoll.h: epoll's structures, shared by the set's machinery
 * (fs/eventpoll.c) and its system calls (fs/eventpoll_ctl.c).
 *
 * An epoll set (struct eventpoll) holds one item (struct epitem) per
 * watched (file, descriptor) pair, in a red-black tree.  Each item hooks
 * an entry (struct eppoll_entry) on every wait queue the file's poll
 * method names; a wake-up there runs ep_poll_callback, which puts the
 * item on the set's ready list and wakes epoll_wait.  epoll_wait then
 * asks each ready file again (ep_send_events): level-triggered items go
 * back on the list, edge-triggered ones wait for the next wake-up,
 * one-shot ones are disarmed.
 *
 * Locks, outermost first: epmutex (global: loop checks, and an item's
 * removal racing its file's or set's release), ep->mtx (the tree and the
 * items' events; held across a scan; an outer set's before an inner
 * one's), file->f_lock (the file's list of items), then the wait queue
 * a file wakes under, ep->lock (the ready list and ovflist, taken from
 * wake-ups, interrupts off) and ep->wq's own lock.
 */
#ifndef _FS_EVENTPOLL_H
#define _FS_EVENTPOLL_H

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/rbtree.h>
#include <linux/mutex.h>

#define EPOLL_CLOEXEC	O_CLOEXEC
#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EPOLLINOUT_BITS	(EPOLLIN | EPOLLOUT)
#define EPOLLEXCLUSIVE_OK_BITS	(EPOLLINOUT_BITS | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | \
				 EPOLLET | EPOLLEXCLUSIVE)
#define EP_MAX_NESTS	4	/* sets inside sets, at most */
#define EP_UNACTIVE_PTR	((void *)-1L)

/* The user's view: 12 bytes on x86_64 (packed). */
struct epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));

#define EP_MAX_EVENTS	(INT_MAX / sizeof(struct epoll_event))

struct epoll_filefd {
	struct file *file;
	int fd;
};

/* An item's hook on one wait queue. */
struct eppoll_entry {
	struct eppoll_entry *next;	/* in its item's pwqlist */
	struct epitem *base;
	wait_queue_entry_t wait;
	wait_queue_head_t *whead;	/* NULL once a POLLFREE wake-up unhooked it */
};

struct epitem {
	struct rb_node rbn;		/* in ep->rbr, by (file, fd) */
	struct list_head rdllink;	/* on ep->rdllist, or a scan's list, while ready */
	struct epitem *next;		/* on ep->ovflist during a scan; EP_UNACTIVE_PTR if not */
	struct epoll_filefd ffd;
	struct eppoll_entry *pwqlist;	/* its hooks */
	struct eventpoll *ep;		/* the set it is in */
	struct list_head fllink;	/* in ffd.file->f_ep_links, under its f_lock */
	struct epoll_event event;	/* what is watched, under ep->mtx */
};

struct eventpoll {
	struct mutex mtx;		/* the tree and items' events; held through a scan */
	wait_queue_head_t wq;		/* epoll_wait's sleepers (changed under lock) */
	wait_queue_head_t poll_wait;	/* those polling the epoll file itself */
	spinlock_t lock;		/* protects rdllist, ovflist and items' rdllink, next */
	struct list_head rdllist;	/* the items that may be ready */
	struct rb_root rbr;		/* every item */
	struct epitem *ovflist;		/* items woken during a scan; EP_UNACTIVE_PTR outside one */
	struct user_struct *user;	/* charged for the items (max_user_watches) */
	struct file *file;		/* the epoll file */
	u64 gen;			/* the loop check that last visited it (under epmutex) */
	int loop_check_depth;		/* and what it found */
};

extern struct mutex epmutex;
extern int max_user_watches;

/* fs/eventpoll.c */
extern const struct file_operations eventpoll_fops;

static inline bool is_file_epoll(const struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

struct eventpoll *ep_alloc(void);
void ep_free(struct eventpoll *ep);
struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd);
int ep_insert(struct eventpoll *ep, const struct epoll_event *event, struct file *tfile,
	      int fd, bool full_check);
int ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event *event);
void ep_remove(struct eventpoll *ep, struct epitem *epi);
int ep_poll(struct eventpoll *ep, struct epoll_event *events, int maxevents, long timeout);

/* fs/eventpoll_ctl.c */
int reverse_path_check(struct file *tfile, struct eventpoll *tep);

#endif
