/*
 * fs/select.c: poll, ppoll, select and pselect6, and the poll table they
 * queue on files' wait queues (Linux's poll_wqueues).
 *
 * One pass asks every file for its ready events while queueing an entry
 * on each wait queue it names (__pollwait); if nothing is ready we sleep
 * until an entry fires (pollwake) or the timeout passes, then ask again
 * without queueing more.  An entry records the events it polls for, so a
 * wake-up that names other events (a key) leaves the task asleep.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/futex.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/mm.h>

#define POLLFD_MAX		4096

struct pollfd {
	int fd;
	short events;
	short revents;
};

/* ---- the poll table: one entry per wait queue a file names ------------------------- */

/* A page of entries, when the inline ones run out (Linux's poll_table_page). */
struct poll_table_page {
	struct poll_table_page *next;
	struct poll_table_entry *entry;		/* the next free one */
	struct poll_table_entry entries[];
};

#define POLL_TABLE_FULL(table) \
	((unsigned long)((table)->entry + 1) > PAGE_SIZE + (unsigned long)(table))

static void __pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p);

/* An empty table whose entries will wake the caller (Linux's poll_initwait). */
void poll_initwait(struct poll_wqueues *pwq)
{
	init_poll_funcptr(&pwq->pt, __pollwait);
	pwq->polling_task = current;
	pwq->triggered = 0;
	pwq->error = 0;
	pwq->table = NULL;
	pwq->inline_index = 0;
}

static void free_poll_entry(struct poll_table_entry *entry)
{
	remove_wait_queue(entry->wait_address, &entry->wait);
	fput(entry->filp);
}

/* Takes every entry off its queue and drops the files (Linux's poll_freewait). */
void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *p = pwq->table, *old;
	int i;

	for (i = 0; i < pwq->inline_index; i++)
		free_poll_entry(pwq->inline_entries + i);
	while (p) {
		while (p->entry > p->entries)
			free_poll_entry(--p->entry);
		old = p;
		p = p->next;
		free_page((unsigned long)old);
	}
}

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *table = p->table, *new_table;

	if (p->inline_index < N_INLINE_POLL_ENTRIES)
		return p->inline_entries + p->inline_index++;
	if (!table || POLL_TABLE_FULL(table)) {
		new_table = (struct poll_table_page *)__get_free_page(GFP_KERNEL);
		if (!new_table) {
			p->error = -ENOMEM;
			return NULL;
		}
		new_table->entry = new_table->entries;
		new_table->next = table;
		p->table = new_table;
		table = new_table;
	}
	return table->entry++;
}

/*
 * A queue fired: wake the polling task, unless the key says the event is
 * none of those it polls for.  triggered tells poll_schedule_timeout not
 * to sleep if the wake-up came before it did (Linux's pollwake).
 */
static int pollwake(wait_queue_entry_t *wait, unsigned int mode, int sync, void *key)
{
	struct poll_table_entry *entry = container_of(wait, struct poll_table_entry, wait);
	struct poll_wqueues *pwq = wait->private;

	(void)sync;
	if (key && !((unsigned long)key & entry->key))
		return 0;
	WRITE_ONCE(pwq->triggered, 1);
	return wake_up_state(pwq->polling_task, mode);
}

/* select and poll's queue procedure: an entry on @wait_address (Linux's __pollwait). */
static void __pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(pwq);

	if (!entry)
		return;
	entry->filp = get_file(filp);	/* a close meanwhile must not free the queue */
	entry->wait_address = wait_address;
	entry->key = p->_key;
	init_waitqueue_func_entry(&entry->wait, pollwake);
	entry->wait.private = pwq;
	add_wait_queue(wait_address, &entry->wait);
}

/*
 * Sleeps until an entry fires or @timeout (jiffies) passes, unless one
 * fired already; returns the jiffies left (Linux's poll_schedule_timeout).
 */
static long poll_schedule_timeout(struct poll_wqueues *pwq, long timeout)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (!READ_ONCE(pwq->triggered))
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	WRITE_ONCE(pwq->triggered, 0);	/* before the next pass looks at the files */
	barrier();
	return timeout;
}

/* ---- poll and select ------------------------------------------------------------- */

/* One descriptor's events, asking the file with @pt's key (Linux's do_pollfd). */
static __poll_t do_pollfd(struct pollfd *p, poll_table *pt)
{
	__poll_t filter, mask;
	struct file *f;

	if (p->fd < 0)
		return p->revents = 0;
	f = fget(p->fd);
	if (!f)
		return p->revents = POLLNVAL;
	filter = (unsigned short)p->events | POLLERR | POLLHUP;
	pt->_key = filter;
	mask = vfs_poll(f, pt) & filter;
	fput(f);
	p->revents = mask;
	return mask;
}

/*
 * @timeout in jiffies, MAX_SCHEDULE_TIMEOUT for none; returns the count
 * ready.  The first pass queues us on every file's wait queues (until one
 * is ready: then no more waiting will be done); later passes only ask.
 */
static long do_poll(struct pollfd *fds, unsigned int nfds, long timeout)
{
	struct poll_wqueues *wait = kmalloc(sizeof(*wait), GFP_KERNEL);
	poll_table *pt;
	unsigned int i;
	long count;

	if (!wait)
		return -ENOMEM;
	poll_initwait(wait);
	pt = &wait->pt;
	if (!timeout)
		pt->_qproc = NULL;
	for (;;) {
		for (count = 0, i = 0; i < nfds; i++) {
			if (do_pollfd(&fds[i], pt)) {
				count++;
				pt->_qproc = NULL;
			}
		}
		pt->_qproc = NULL;
		if (!count) {
			count = wait->error;
			if (signal_pending(current))
				count = -ERESTARTNOHAND;
		}
		if (count || !timeout)
			break;
		timeout = poll_schedule_timeout(wait, timeout);
	}
	poll_freewait(wait);
	kfree(wait);
	return count;
}

static long poll_copy(struct pollfd *ufds, unsigned int nfds, long timeout)
{
	struct pollfd *fds;
	long ret;

	if (nfds > POLLFD_MAX || nfds > current->signal->rlim[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	fds = kcalloc(nfds ? nfds : 1, sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	ret = do_poll(fds, nfds, timeout);
	if (ret >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		ret = -EFAULT;
	kfree(fds);
	return ret;
}

SYSCALL_DEFINE3(poll, struct pollfd *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	long timeout = timeout_msecs < 0 ? MAX_SCHEDULE_TIMEOUT : msecs_to_jiffies(timeout_msecs);

	return poll_copy(ufds, nfds, timeout);
}

/* Converts a user timespec to jiffies (none: MAX_SCHEDULE_TIMEOUT); -EINVAL for a bad one. */
long poll_select_set_timeout(const struct timespec64 *uts, long *timeout)
{
	struct timespec64 ts;

	*timeout = MAX_SCHEDULE_TIMEOUT;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*timeout = nsecs_to_jiffies((u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
	return 0;
}

SYSCALL_DEFINE5(ppoll, struct pollfd *, ufds, unsigned int, nfds,
		const struct timespec64 *, tsp, const sigset_t *, sigmask, size_t, sigsetsize)
{
	sigset_t old;
	long timeout, ret, changed;

	ret = poll_select_set_timeout(tsp, &timeout);
	if (ret)
		return ret;
	changed = set_user_sigmask(sigmask, sigsetsize, &old);
	if (changed < 0)
		return changed;
	ret = poll_copy(ufds, nfds, timeout);
	restore_saved_sigmask_unless(changed, &old, ret == -ERESTARTNOHAND);
	return ret;
}

/* select is poll over three bitmaps. */
static long do_select(int n, unsigned long *inp, unsigned long *outp, unsigned long *exp,
		      long timeout)
{
	unsigned long words = BITS_TO_LONGS(n), *sets;
	struct pollfd *fds;
	long ret = -ENOMEM;
	int i, nfds = 0;

	if (n < 0 || n > POLLFD_MAX)
		return -EINVAL;
	sets = kcalloc(3 * words + 1, sizeof(long), GFP_KERNEL);
	fds = kcalloc(n + 1, sizeof(*fds), GFP_KERNEL);
	if (!sets || !fds)
		goto out;
	ret = -EFAULT;
	if ((inp && copy_from_user(sets, inp, words * sizeof(long))) ||
	    (outp && copy_from_user(sets + words, outp, words * sizeof(long))) ||
	    (exp && copy_from_user(sets + 2 * words, exp, words * sizeof(long))))
		goto out;
	for (i = 0; i < n; i++) {
		short ev = (test_bit(i, sets) ? POLLIN : 0) | (test_bit(i, sets + words) ? POLLOUT : 0) |
			   (test_bit(i, sets + 2 * words) ? POLLPRI : 0);

		if (!ev)
			continue;
		fds[nfds].fd = i;
		fds[nfds++].events = ev;
	}
	ret = do_poll(fds, nfds, timeout);
	for (i = 0; ret >= 0 && i < nfds; i++)
		if (fds[i].revents & POLLNVAL)
			ret = -EBADF;
	if (ret < 0)
		goto out;
	memset(sets, 0, 3 * words * sizeof(long));
	for (ret = 0, i = 0; i < nfds; i++) {
		short r = fds[i].revents;

		if (r & (POLLIN | POLLHUP | POLLERR) && (fds[i].events & POLLIN))
			set_bit(fds[i].fd, sets), ret++;
		if (r & (POLLOUT | POLLERR) && (fds[i].events & POLLOUT))
			set_bit(fds[i].fd, sets + words), ret++;
		if (r & POLLPRI && (fds[i].events & POLLPRI))
			set_bit(fds[i].fd, sets + 2 * words), ret++;
	}
	if ((inp && copy_to_user(inp, sets, words * sizeof(long))) ||
	    (outp && copy_to_user(outp, sets + words, words * sizeof(long))) ||
	    (exp && copy_to_user(exp, sets + 2 * words, words * sizeof(long))))
		ret = -EFAULT;
out:
	kfree(sets);
	kfree(fds);
	return ret;
}

struct timeval_user {
	long tv_sec, tv_usec;
};

SYSCALL_DEFINE5(select, int, n, unsigned long *, inp, unsigned long *, outp,
		unsigned long *, exp, struct timeval_user *, tvp)
{
	struct timeval_user tv;
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= USEC_PER_SEC)
			return -EINVAL;
		timeout = nsecs_to_jiffies((u64)tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000);
	}
	return do_select(n, inp, outp, exp, timeout);
}

struct sigset_argpack {
	sigset_t *p;
	size_t size;
};

SYSCALL_DEFINE6(pselect6, int, n, unsigned long *, inp, unsigned long *, outp,
		unsigned long *, exp, const struct timespec64 *, tsp, void *, sig)
{
	struct sigset_argpack pack = { NULL, 0 };
	sigset_t old;
	long timeout, ret, changed;

	ret = poll_select_set_timeout(tsp, &timeout);
	if (ret)
		return ret;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	changed = set_user_sigmask(pack.p, pack.size, &old);
	if (changed < 0)
		return changed;
	ret = do_select(n, inp, outp, exp, timeout);
	restore_saved_sigmask_unless(changed, &old, ret == -ERESTARTNOHAND);
	return ret;
}
