/*
 * fs/eventpoll.c: an epoll set's machinery (Linux's fs/eventpoll.c; the
 * system calls and loop checks are in fs/eventpoll_ctl.c, the structures
 * and lock order in fs/eventpoll.h).
 *
 * Adding a file asks its poll method once with a queue procedure
 * (ep_ptable_queue_proc) that hooks an entry of the item on each wait
 * queue named.  From then on every wake-up of those queues runs
 * ep_poll_callback, from whatever context woke them (a tick, a write, an
 * exit), which only links the item on the ready list and wakes the set's
 * sleepers.  epoll_wait takes the ready list under ep->mtx and asks each
 * file again (the callback may have been for events nobody watches): an
 * item woken meanwhile goes on ovflist and is put back when the scan ends
 * (ep_start_scan, ep_done_scan).
 *
 * An item holds no reference on its file: the file's last fput removes
 * it from every set (eventpoll_release_file), and that needs the set's
 * mtx, so under ep->mtx an item's file is alive.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/eventpoll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/seq_file.h>
#include <linux/mount.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/init.h>
#include "eventpoll.h"

DEFINE_MUTEX(epmutex);
int max_user_watches;		/* /proc/sys/fs/epoll/max_user_watches */

static struct kmem_cache *epi_cache;
static struct kmem_cache *pwq_cache;

static bool ep_is_linked(struct epitem *epi)
{
	return !list_empty(&epi->rdllink);
}

static bool ep_events_available(struct eventpoll *ep)
{
	return !list_empty(&ep->rdllist) || READ_ONCE(ep->ovflist) != EP_UNACTIVE_PTR;
}

static struct epitem *ep_item_from_wait(wait_queue_entry_t *p)
{
	return container_of(p, struct eppoll_entry, wait)->base;
}

/* Wakes those polling the epoll file itself: a set watching this one, or poll(). */
static void ep_poll_safewake(struct eventpoll *ep)
{
	wake_up_poll(&ep->poll_wait, EPOLLIN);
}

/*
 * Unhooks @pwq, unless a POLLFREE wake-up did already.  Interrupts stay
 * off from reading whead to taking its lock: the queue's owner cannot
 * run and free it in between (Linux relies on RCU here).
 */
static void ep_remove_wait_queue(struct eppoll_entry *pwq)
{
	wait_queue_head_t *whead;
	unsigned long flags;

	local_irq_save(flags);
	whead = READ_ONCE(pwq->whead);
	if (whead) {
		spin_lock(&whead->lock);
		list_del_init(&pwq->wait.entry);
		spin_unlock(&whead->lock);
	}
	local_irq_restore(flags);
}

/* Takes every hook of @epi off its queue: no callback can run for it after this. */
static void ep_unregister_pollwait(struct epitem *epi)
{
	struct eppoll_entry *pwq;

	while ((pwq = epi->pwqlist) != NULL) {
		epi->pwqlist = pwq->next;
		ep_remove_wait_queue(pwq);
		kmem_cache_free(pwq_cache, pwq);
	}
}

/* The ready list becomes the caller's @txlist; wake-ups meanwhile go on ovflist. */
static void ep_start_scan(struct eventpoll *ep, struct list_head *txlist)
{
	spin_lock_irq(&ep->lock);
	list_splice_init(&ep->rdllist, txlist);
	WRITE_ONCE(ep->ovflist, NULL);
	spin_unlock_irq(&ep->lock);
}

/* The items woken during the scan, then what is left of @txlist, are ready again. */
static void ep_done_scan(struct eventpoll *ep, struct list_head *txlist)
{
	struct epitem *epi, *nepi;

	spin_lock_irq(&ep->lock);
	for (nepi = READ_ONCE(ep->ovflist); (epi = nepi) != NULL;
	     nepi = epi->next, epi->next = EP_UNACTIVE_PTR) {
		if (!ep_is_linked(epi))
			list_add(&epi->rdllink, &ep->rdllist);	/* ovflist is LIFO */
	}
	WRITE_ONCE(ep->ovflist, EP_UNACTIVE_PTR);
	list_splice_init(txlist, &ep->rdllist);
	if (!list_empty(&ep->rdllist) && waitqueue_active(&ep->wq))
		wake_up(&ep->wq);
	spin_unlock_irq(&ep->lock);
}

static __poll_t ep_item_poll(struct epitem *epi, poll_table *pt, int depth);

/*
 * An epoll file is readable when one of its ready items really is
 * (asked without hooking anything); items that are not leave the list.
 * @depth: how deep in nested sets we are.
 */
static __poll_t __ep_eventpoll_poll(struct file *file, poll_table *wait, int depth)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *tmp;
	LIST_HEAD(txlist);
	__poll_t res = 0;
	poll_table pt;

	init_poll_funcptr(&pt, NULL);
	poll_wait(file, &ep->poll_wait, wait);
	mutex_lock_nested(&ep->mtx, depth);	/* one subclass per level, as Linux's */
	ep_start_scan(ep, &txlist);
	list_for_each_entry_safe(epi, tmp, &txlist, rdllink) {
		if (ep_item_poll(epi, &pt, depth + 1)) {
			res = EPOLLIN | EPOLLRDNORM;
			break;
		}
		list_del_init(&epi->rdllink);
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

/* The watched events of @epi's file that are ready (Linux's ep_item_poll). */
static __poll_t ep_item_poll(struct epitem *epi, poll_table *pt, int depth)
{
	struct file *file = epi->ffd.file;
	__poll_t res;

	pt->_key = epi->event.events;
	if (!is_file_epoll(file))
		res = vfs_poll(file, pt);
	else
		res = __ep_eventpoll_poll(file, pt, depth);
	return res & epi->event.events;
}

static __poll_t ep_eventpoll_poll(struct file *file, poll_table *wait)
{
	return __ep_eventpoll_poll(file, wait, 0);
}

/*
 * A watched queue woke: link @epi on the ready list (or ovflist during
 * a scan) and wake the set's sleepers.  Runs under the queue's lock,
 * interrupts off.  For an EPOLLEXCLUSIVE item, returns 1 only when a
 * sleeper may take the event, so the waker's count of exclusive wake-ups
 * moves on only then.  POLLFREE: the queue is going, unhook from it now.
 */
static int ep_poll_callback(wait_queue_entry_t *wait, unsigned int mode, int sync, void *key)
{
	struct epitem *epi = ep_item_from_wait(wait);
	struct eventpoll *ep = epi->ep;
	__poll_t pollflags = (unsigned long)key;
	unsigned long flags;
	int pwake = 0, ewake = 0;

	(void)mode;
	(void)sync;
	spin_lock_irqsave(&ep->lock, flags);
	if (!(epi->event.events & ~EP_PRIVATE_BITS))
		goto out_unlock;		/* a one-shot item already reported */
	if (pollflags && !(pollflags & epi->event.events))
		goto out_unlock;		/* not an event it watches */
	if (READ_ONCE(ep->ovflist) != EP_UNACTIVE_PTR) {
		if (epi->next == EP_UNACTIVE_PTR) {
			epi->next = READ_ONCE(ep->ovflist);
			WRITE_ONCE(ep->ovflist, epi);
		}
	} else if (!ep_is_linked(epi)) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
	}
	if (waitqueue_active(&ep->wq)) {
		if ((epi->event.events & EPOLLEXCLUSIVE) && !(pollflags & POLLFREE)) {
			switch (pollflags & EPOLLINOUT_BITS) {
			case EPOLLIN:
				ewake = !!(epi->event.events & EPOLLIN);
				break;
			case EPOLLOUT:
				ewake = !!(epi->event.events & EPOLLOUT);
				break;
			case 0:
				ewake = 1;
				break;
			}
		}
		wake_up(&ep->wq);
	}
	if (waitqueue_active(&ep->poll_wait))
		pwake++;
out_unlock:
	spin_unlock_irqrestore(&ep->lock, flags);
	if (pwake)
		ep_poll_safewake(ep);
	if (!(epi->event.events & EPOLLEXCLUSIVE))
		ewake = 1;
	if (pollflags & POLLFREE) {
		list_del_init(&wait->entry);
		WRITE_ONCE(container_of(wait, struct eppoll_entry, wait)->whead, NULL);
	}
	return ewake;
}

/* The queue procedure of an item being added: hook it on @whead (ep_ptable_queue_proc). */
struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;		/* NULL once a hook could not be allocated */
};

static void ep_ptable_queue_proc(struct file *file, wait_queue_head_t *whead, poll_table *pt)
{
	struct ep_pqueue *epq = container_of(pt, struct ep_pqueue, pt);
	struct epitem *epi = epq->epi;
	struct eppoll_entry *pwq;

	(void)file;
	if (!epi)
		return;
	pwq = kmem_cache_alloc(pwq_cache, GFP_KERNEL);
	if (!pwq) {
		epq->epi = NULL;
		return;
	}
	init_waitqueue_func_entry(&pwq->wait, ep_poll_callback);
	pwq->whead = whead;
	pwq->base = epi;
	if (epi->event.events & EPOLLEXCLUSIVE)
		add_wait_queue_exclusive(whead, &pwq->wait);
	else
		add_wait_queue(whead, &pwq->wait);
	pwq->next = epi->pwqlist;
	epi->pwqlist = pwq;
}

/* Orders items by file, then descriptor (Linux's ep_cmp_ffd). */
static int ep_cmp_ffd(const struct epoll_filefd *p1, const struct epoll_filefd *p2)
{
	if (p1->file != p2->file)
		return p1->file > p2->file ? 1 : -1;
	return p1->fd - p2->fd;
}

static void ep_rbtree_insert(struct eventpoll *ep, struct epitem *epi)
{
	struct rb_node **p = &ep->rbr.rb_node, *parent = NULL;

	while (*p) {
		parent = *p;
		if (ep_cmp_ffd(&epi->ffd, &rb_entry(parent, struct epitem, rbn)->ffd) > 0)
			p = &parent->rb_right;
		else
			p = &parent->rb_left;
	}
	rb_link_node(&epi->rbn, parent, p);
	rb_insert_color(&epi->rbn, &ep->rbr);
}

/* The item for (@file, @fd), or NULL.  Hold ep->mtx. */
struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epoll_filefd ffd = { file, fd };
	struct rb_node *rbp = ep->rbr.rb_node;
	struct epitem *epi;
	int kcmp;

	while (rbp) {
		epi = rb_entry(rbp, struct epitem, rbn);
		kcmp = ep_cmp_ffd(&ffd, &epi->ffd);
		if (!kcmp)
			return epi;
		rbp = kcmp > 0 ? rbp->rb_right : rbp->rb_left;
	}
	return NULL;
}

/* Removes @epi from its set and its file's list and frees it.  Hold ep->mtx. */
void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	struct file *file = epi->ffd.file;

	ep_unregister_pollwait(epi);
	spin_lock(&file->f_lock);
	list_del_init(&epi->fllink);
	spin_unlock(&file->f_lock);
	rb_erase(&epi->rbn, &ep->rbr);
	spin_lock_irq(&ep->lock);
	if (ep_is_linked(epi))
		list_del_init(&epi->rdllink);
	spin_unlock_irq(&ep->lock);
	kmem_cache_free(epi_cache, epi);
	atomic_long_sub(1, &ep->user->epoll_watches);
}

/* Queues @epi as ready and wakes whoever waits, if it is not already (insert, modify). */
static void ep_make_ready(struct eventpoll *ep, struct epitem *epi)
{
	int pwake = 0;

	spin_lock_irq(&ep->lock);
	if (!ep_is_linked(epi)) {
		list_add_tail(&epi->rdllink, &ep->rdllist);
		if (waitqueue_active(&ep->wq))
			wake_up(&ep->wq);
		if (waitqueue_active(&ep->poll_wait))
			pwake++;
	}
	spin_unlock_irq(&ep->lock);
	if (pwake)
		ep_poll_safewake(ep);
}

/*
 * EPOLL_CTL_ADD (Linux's ep_insert): a new item, charged to the user
 * (ENOSPC past max_user_watches), on the file's list, in the tree, then
 * hooked on the file's queues by one poll; ready at once if the file is.
 * @full_check: the set or the file is in a nest of sets, whose wake-up
 * paths must stay within Linux's limits (EINVAL).  Hold ep->mtx.
 */
int ep_insert(struct eventpoll *ep, const struct epoll_event *event, struct file *tfile,
	      int fd, bool full_check)
{
	struct epitem *epi;
	struct ep_pqueue epq;
	__poll_t revents;

	if (atomic_long_read(&ep->user->epoll_watches) >= max_user_watches)
		return -ENOSPC;
	epi = kmem_cache_zalloc(epi_cache, GFP_KERNEL);
	if (!epi)
		return -ENOMEM;
	atomic_long_add(1, &ep->user->epoll_watches);
	INIT_LIST_HEAD(&epi->rdllink);
	epi->ep = ep;
	epi->ffd = (struct epoll_filefd){ tfile, fd };
	epi->event = *event;
	epi->next = EP_UNACTIVE_PTR;
	spin_lock(&tfile->f_lock);
	list_add_tail(&epi->fllink, &tfile->f_ep_links);
	spin_unlock(&tfile->f_lock);
	ep_rbtree_insert(ep, epi);
	if (full_check && reverse_path_check(tfile, is_file_epoll(tfile) ?
					     tfile->private_data : NULL)) {
		ep_remove(ep, epi);
		return -EINVAL;
	}
	epq.epi = epi;
	init_poll_funcptr(&epq.pt, ep_ptable_queue_proc);
	revents = ep_item_poll(epi, &epq.pt, 1);
	if (!epq.epi) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	if (revents)
		ep_make_ready(ep, epi);
	return 0;
}

/* EPOLL_CTL_MOD (Linux's ep_modify): new events and data, ready at once if they are. */
int ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event *event)
{
	poll_table pt;

	init_poll_funcptr(&pt, NULL);
	spin_lock_irq(&ep->lock);	/* the callback reads the events under it */
	epi->event.events = event->events;
	spin_unlock_irq(&ep->lock);
	epi->event.data = event->data;
	if (ep_item_poll(epi, &pt, 1))
		ep_make_ready(ep, epi);
	return 0;
}

/* Writes one event at @uevent; the next slot, or NULL on a fault (epoll_put_uevent). */
static struct epoll_event *epoll_put_uevent(__poll_t revents, u64 data,
					    struct epoll_event *uevent)
{
	struct epoll_event ev = { revents, data };

	if (copy_to_user(uevent, &ev, sizeof(ev)))
		return NULL;
	return uevent + 1;
}

/*
 * Reports up to @maxevents ready items to @events (Linux's
 * ep_send_events); the count, or EFAULT if none could be written.
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event *events, int maxevents)
{
	struct epitem *epi, *tmp;
	LIST_HEAD(txlist);
	__poll_t revents;
	poll_table pt;
	int res = 0;

	if (fatal_signal_pending(current))
		return -EINTR;
	init_poll_funcptr(&pt, NULL);
	mutex_lock(&ep->mtx);
	ep_start_scan(ep, &txlist);
	list_for_each_entry_safe(epi, tmp, &txlist, rdllink) {
		if (res >= maxevents)
			break;
		list_del_init(&epi->rdllink);
		revents = ep_item_poll(epi, &pt, 1);
		if (!revents)
			continue;		/* woken for nothing it watches */
		events = epoll_put_uevent(revents, epi->event.data, events);
		if (!events) {
			list_add(&epi->rdllink, &txlist);
			if (!res)
				res = -EFAULT;
			break;
		}
		res++;
		if (epi->event.events & EPOLLONESHOT)
			epi->event.events &= EP_PRIVATE_BITS;	/* disarmed until EPOLL_CTL_MOD */
		else if (!(epi->event.events & EPOLLET))
			list_add_tail(&epi->rdllink, &ep->rdllist);	/* level: look again next time */
	}
	ep_done_scan(ep, &txlist);
	mutex_unlock(&ep->mtx);
	return res;
}

/* An epoll_wait sleeper leaves the queue as it is woken (ep_autoremove_wake_function). */
static int ep_autoremove_wake_function(wait_queue_entry_t *wq_entry, unsigned int mode,
				       int sync, void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	list_del_init(&wq_entry->entry);
	return ret;
}

/*
 * epoll_wait's loop (Linux's ep_poll): report what is ready; else sleep,
 * exclusively (one waker, one sleeper), until an item is woken, a signal
 * comes (EINTR: never restarted) or @timeout jiffies pass (0 events).
 * @timeout 0 only looks; MAX_SCHEDULE_TIMEOUT waits for ever.
 */
int ep_poll(struct eventpoll *ep, struct epoll_event *events, int maxevents, long timeout)
{
	bool timed_out = !timeout, eavail = ep_events_available(ep);
	int res;

	for (;;) {
		if (eavail) {
			res = ep_send_events(ep, events, maxevents);
			if (res)
				return res;
		}
		if (timed_out)
			return 0;
		if (signal_pending(current))
			return -EINTR;
		{
			DEFINE_WAIT_FUNC(wait, ep_autoremove_wake_function);

			spin_lock_irq(&ep->lock);
			__set_current_state(TASK_INTERRUPTIBLE);
			eavail = ep_events_available(ep);
			if (!eavail)
				__add_wait_queue_exclusive(&ep->wq, &wait);
			spin_unlock_irq(&ep->lock);
			if (!eavail) {
				timeout = schedule_timeout(timeout);
				timed_out = !timeout;
			}
			__set_current_state(TASK_RUNNING);
			eavail = true;
			if (!list_empty(&wait.entry)) {
				spin_lock_irq(&ep->lock);
				if (timed_out)	/* woken just as it timed out: look once more */
					eavail = list_empty(&wait.entry);
				__remove_wait_queue(&ep->wq, &wait);
				spin_unlock_irq(&ep->lock);
			}
		}
	}
}

/* ---- the epoll file ----------------------------------------------------------- */

struct eventpoll *ep_alloc(void)
{
	struct eventpoll *ep = kzalloc(sizeof(*ep), GFP_KERNEL);

	if (!ep)
		return NULL;
	mutex_init(&ep->mtx);
	spin_lock_init(&ep->lock);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	INIT_LIST_HEAD(&ep->rdllist);
	ep->rbr = RB_ROOT;
	ep->ovflist = EP_UNACTIVE_PTR;
	ep->user = get_uid(current_cred()->user);
	return ep;
}

/*
 * The epoll file's last reference went (Linux's ep_free): unhook every
 * item first, so that no callback runs while the tree is torn down.
 */
void ep_free(struct eventpoll *ep)
{
	struct rb_node *rbp;

	if (waitqueue_active(&ep->poll_wait))
		ep_poll_safewake(ep);
	mutex_lock(&epmutex);
	for (rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp))
		ep_unregister_pollwait(rb_entry(rbp, struct epitem, rbn));
	mutex_lock(&ep->mtx);
	while ((rbp = rb_first(&ep->rbr)) != NULL)
		ep_remove(ep, rb_entry(rbp, struct epitem, rbn));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	free_uid(ep->user);
	kfree(ep);
}

static int ep_eventpoll_release(struct inode *inode, struct file *file)
{
	(void)inode;
	if (file->private_data)
		ep_free(file->private_data);
	return 0;
}

/* One line per item (Linux's ep_show_fdinfo); sdev in Linux's internal encoding. */
static void ep_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct rb_node *rbp;

	mutex_lock(&ep->mtx);
	for (rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		struct epitem *epi = rb_entry(rbp, struct epitem, rbn);
		struct inode *inode = epi->ffd.file->f_inode;

		seq_printf(m, "tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x\n",
			   epi->ffd.fd, epi->event.events, (unsigned long long)epi->event.data,
			   (long long)epi->ffd.file->f_pos, inode->i_ino,
			   MAJOR(inode->i_sb->s_dev) << 20 | MINOR(inode->i_sb->s_dev));
	}
	mutex_unlock(&ep->mtx);
}

const struct file_operations eventpoll_fops = {
	.show_fdinfo	= ep_show_fdinfo,
	.release	= ep_eventpoll_release,
	.poll		= ep_eventpoll_poll,
	.llseek		= noop_llseek,
};

/*
 * @file's last reference went: out of every set (Linux's
 * eventpoll_release_file).  Under epmutex, so a set being released at
 * the same time does not free an item under us.
 */
void eventpoll_release_file(struct file *file)
{
	struct eventpoll *ep;
	struct epitem *epi;

	mutex_lock(&epmutex);
	for (;;) {
		spin_lock(&file->f_lock);
		epi = list_first_entry_or_null(&file->f_ep_links, struct epitem, fllink);
		spin_unlock(&file->f_lock);
		if (!epi)
			break;
		ep = epi->ep;
		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

/* A user may watch as many items as 4% of memory holds (Linux's eventpoll_init). */
static int __init eventpoll_init(void)
{
	max_user_watches = min_t(unsigned long, INT_MAX, ((totalram_pages() / 25) << PAGE_SHIFT) /
				 (sizeof(struct epitem) + sizeof(struct eppoll_entry)));
	epi_cache = kmem_cache_create("eventpoll_epi", sizeof(struct epitem), 0, SLAB_PANIC,
				      NULL);
	pwq_cache = kmem_cache_create("eventpoll_pwq", sizeof(struct eppoll_entry), 0,
				      SLAB_PANIC, NULL);
	return 0;
}
fs_initcall(eventpoll_init);
