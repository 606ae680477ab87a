/*
 * fs/select.c: poll, ppoll, select and pselect6.
 *
 * One pass asks every file for its ready events while queueing us on
 * the wait queues it names; if nothing is ready we sleep until a queue
 * wakes us or the timeout passes, then ask again (without re-queueing).
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

#define DEFAULT_POLLMASK	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLLFD_MAX		4096

struct pollfd {
	int fd;
	short events;
	short revents;
};

void poll_wait(struct file *f, wait_queue_head_t *wq, poll_table *pt)
{
	struct poll_table_entry *e;

	if (!pt || !pt->want_queue || !wq)
		return;
	if (pt->nr == POLL_TABLE_MAX) {
		pt->error = true;
		return;
	}
	e = &pt->entries[pt->nr++];
	e->filp = f ? get_file(f) : NULL;	/* a close meanwhile must not free @wq */
	e->wq = wq;
	init_waitqueue_entry_task(&e->wait, current);
	add_wait_queue(wq, &e->wait);
}

static void poll_freewait(poll_table *pt)
{
	int i;

	for (i = 0; i < pt->nr; i++) {
		remove_wait_queue(pt->entries[i].wq, &pt->entries[i].wait);
		if (pt->entries[i].filp)
			fput(pt->entries[i].filp);
	}
	pt->nr = 0;
}

static unsigned int file_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;	/* regular files are always ready */
	return f->f_op->poll(f, pt);
}

static unsigned int poll_one(struct pollfd *p, poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (p->fd < 0)
		return p->revents = 0;
	f = fget(p->fd);
	if (!f)
		return p->revents = POLLNVAL;
	mask = file_poll(f, pt);
	fput(f);
	mask &= p->events | POLLERR | POLLHUP;
	p->revents = mask;
	return mask;
}

/* @timeout in jiffies, MAX_SCHEDULE_TIMEOUT for none; returns the count ready. */
static long do_poll(struct pollfd *fds, unsigned int nfds, long timeout)
{
	poll_table *pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	unsigned int i;
	long count;

	if (!pt)
		return -ENOMEM;
	pt->want_queue = true;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		for (count = 0, i = 0; i < nfds; i++)
			count += poll_one(&fds[i], pt) != 0;
		pt->want_queue = false;
		if (count || !timeout)
			break;
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		timeout = schedule_timeout(timeout);
	}
	__set_current_state(TASK_RUNNING);
	poll_freewait(pt);
	kfree(pt);
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

/* Converts a user timespec to jiffies; -EINVAL for a bad one. */
static long timespec_to_timeout(const struct timespec64 *uts, long *timeout)
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

/* ppoll/pselect: the mask applies only while waiting. */
static long with_sigmask(const sigset_t *usigmask, size_t sigsetsize, sigset_t *old)
{
	sigset_t mask;

	if (!usigmask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, usigmask, sizeof(mask)))
		return -EFAULT;
	*old = current->blocked;
	set_current_blocked(&mask);
	return 1;
}

static void restore_sigmask(long changed, sigset_t *old, long ret)
{
	if (changed <= 0)
		return;
	if (ret == -ERESTARTNOHAND) {	/* restore after the handler, as sigsuspend */
		current->saved_sigmask = *old;
		set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	} else {
		set_current_blocked(old);
	}
}

SYSCALL_DEFINE5(ppoll, struct pollfd *, ufds, unsigned int, nfds,
		const struct timespec64 *, tsp, const sigset_t *, sigmask, size_t, sigsetsize)
{
	sigset_t old;
	long timeout, ret, changed;

	ret = timespec_to_timeout(tsp, &timeout);
	if (ret)
		return ret;
	changed = with_sigmask(sigmask, sigsetsize, &old);
	if (changed < 0)
		return changed;
	ret = poll_copy(ufds, nfds, timeout);
	restore_sigmask(changed, &old, ret);
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

	ret = timespec_to_timeout(tsp, &timeout);
	if (ret)
		return ret;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	changed = with_sigmask(pack.p, pack.size, &old);
	if (changed < 0)
		return changed;
	ret = do_select(n, inp, outp, exp, timeout);
	restore_sigmask(changed, &old, ret);
	return ret;
}
