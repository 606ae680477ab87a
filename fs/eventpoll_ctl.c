/*
 * fs/eventpoll_ctl.c: epoll's system calls, epoll_create[1], epoll_ctl,
 * epoll_wait, epoll_pwait and epoll_pwait2, with Linux's checks and
 * errno order, and the checks that keep nests of sets sane: no set may
 * end up inside itself (ELOOP), nor more than EP_MAX_NESTS deep (ELOOP),
 * nor may one file wake more sets through long paths than Linux allows
 * (reverse_path_check, EINVAL).  Both run under epmutex, only when the
 * set or the new item is part of a nest (full_check).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/anon_inodes.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/eventpoll.h>
#include "eventpoll.h"

static u64 loop_check_gen;		/* one number per full check; under epmutex */
static struct eventpoll *inserting_into;	/* the set the checked ADD goes to */

/*
 * How deep the sets below @ep go (Linux's ep_loop_check_proc); more than
 * EP_MAX_NESTS if one of them is the set being added to.  Each set is
 * visited once per check (ep->gen).
 */
static int ep_loop_check_proc(struct eventpoll *ep, int depth)
{
	struct eventpoll *to;
	struct rb_node *rbp;
	struct epitem *epi;
	int result = 0;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;
	mutex_lock_nested(&ep->mtx, depth + 1);	/* one subclass per level, as Linux's */
	ep->gen = loop_check_gen;
	for (rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		epi = rb_entry(rbp, struct epitem, rbn);
		if (!is_file_epoll(epi->ffd.file))
			continue;
		to = epi->ffd.file->private_data;
		if (to == inserting_into || depth > EP_MAX_NESTS)
			result = EP_MAX_NESTS + 1;
		else
			result = max(result, ep_loop_check_proc(to, depth + 1) + 1);
		if (result > EP_MAX_NESTS)
			break;
	}
	ep->loop_check_depth = result;
	mutex_unlock(&ep->mtx);
	return result;
}

/* How many sets above @ep watch it, one inside the other (ep_get_upwards_depth_proc). */
static int ep_get_upwards_depth_proc(struct eventpoll *ep, int depth)
{
	struct file *file = ep->file;
	struct epitem *epi;
	int result = 0;

	if (ep->gen == loop_check_gen)
		return ep->loop_check_depth;
	spin_lock_nested(&file->f_lock, depth);	/* a set's file, then the sets above it */
	list_for_each_entry(epi, &file->f_ep_links, fllink)
		result = max(result, ep_get_upwards_depth_proc(epi->ep, depth + 1) + 1);
	spin_unlock(&file->f_lock);
	ep->gen = loop_check_gen;
	ep->loop_check_depth = result;
	return result;
}

/* May the set @to go into @ep?  0, or -1: a loop, or a nest too deep (Linux's ep_loop_check). */
static int ep_loop_check(struct eventpoll *ep, struct eventpoll *to)
{
	int depth;

	inserting_into = ep;
	depth = ep_loop_check_proc(to, 0);
	if (depth > EP_MAX_NESTS)
		return -1;
	return depth + 1 + ep_get_upwards_depth_proc(ep, 0) > EP_MAX_NESTS ? -1 : 0;
}

/* How many wake-up paths of each length one file may have (Linux's path_limits). */
#define PATH_ARR_SIZE	5
static const int path_limits[PATH_ARR_SIZE] = { 1000, 500, 100, 50, 10 };
static int path_count[PATH_ARR_SIZE];	/* under epmutex */

static int path_count_inc(int nests)
{
	if (nests == 0)
		return 0;		/* direct watchers: any number */
	return ++path_count[nests] > path_limits[nests] ? -1 : 0;
}

/* Counts the paths from @file up through the sets that watch it (reverse_path_check_proc). */
static int reverse_path_check_proc(struct file *file, int depth)
{
	struct epitem *epi;
	struct file *up;
	int error = 0;

	if (depth > EP_MAX_NESTS)
		return -1;
	spin_lock_nested(&file->f_lock, depth);	/* a file, then the sets above it */
	list_for_each_entry(epi, &file->f_ep_links, fllink) {
		up = epi->ep->file;
		if (list_empty(&up->f_ep_links))
			error = path_count_inc(depth);
		else
			error = reverse_path_check_proc(up, depth + 1);
		if (error)
			break;
	}
	spin_unlock(&file->f_lock);
	return error;
}

static int reverse_path_check_file(struct file *file)
{
	memset(path_count, 0, sizeof(path_count));
	return reverse_path_check_proc(file, 0);
}

/* The same for every file (not set) under @ep, nested sets included. */
static int reverse_path_check_set(struct eventpoll *ep, int depth)
{
	struct rb_node *rbp;
	struct epitem *epi;
	int error = 0;

	if (depth > EP_MAX_NESTS)
		return 0;
	mutex_lock_nested(&ep->mtx, depth + 1);
	for (rbp = rb_first(&ep->rbr); rbp && !error; rbp = rb_next(rbp)) {
		epi = rb_entry(rbp, struct epitem, rbn);
		if (is_file_epoll(epi->ffd.file))
			error = reverse_path_check_set(epi->ffd.file->private_data, depth + 1);
		else
			error = reverse_path_check_file(epi->ffd.file);
	}
	mutex_unlock(&ep->mtx);
	return error;
}

/*
 * An item for @tfile (the set @tep, if it is one) was just linked: do
 * the files it leads to stay within the path limits?  0 or -1 (Linux's
 * reverse_path_check over tfile_check_list).  Under epmutex.
 */
int reverse_path_check(struct file *tfile, struct eventpoll *tep)
{
	return tep ? reverse_path_check_set(tep, 0) : reverse_path_check_file(tfile);
}

/* ---- the system calls -------------------------------------------------------------- */

static int do_epoll_create(int flags)
{
	struct eventpoll *ep;
	struct file *file;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = ep_alloc();
	if (!ep)
		return -ENOMEM;
	fd = get_unused_fd_flags(O_RDWR | (flags & O_CLOEXEC));
	if (fd < 0)
		goto out_free_ep;
	file = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, O_RDWR | (flags & O_CLOEXEC));
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		fd = PTR_ERR(file);
		goto out_free_ep;
	}
	ep->file = file;
	fd_install(fd, file);
	return fd;
out_free_ep:
	ep_free(ep);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/*
 * EPOLLWAKEUP keeps a system from suspending while the event is handled
 * (for a holder of CAP_BLOCK_SUSPEND).  This kernel never suspends: it
 * drops the flag, as Linux built without CONFIG_PM_SLEEP.
 */
static void ep_take_care_of_epollwakeup(struct epoll_event *epev)
{
	epev->events &= ~EPOLLWAKEUP;
}

/* EINVAL for what EPOLLEXCLUSIVE may not go with: a modification, a set, other flags. */
static bool ep_exclusive_ok(int op, const struct epoll_event *epds, struct file *tf)
{
	if (op == EPOLL_CTL_DEL || !(epds->events & EPOLLEXCLUSIVE))
		return true;
	if (op == EPOLL_CTL_MOD)
		return false;
	return !(op == EPOLL_CTL_ADD &&
		 (is_file_epoll(tf) || (epds->events & ~EPOLLEXCLUSIVE_OK_BITS)));
}

/* The ADD, DEL or MOD itself, under ep->mtx. */
static int ep_ctl_op(struct eventpoll *ep, int op, struct file *tf, int fd,
		     struct epoll_event *epds, bool full_check)
{
	struct epitem *epi = ep_find(ep, tf, fd);

	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		epds->events |= EPOLLERR | EPOLLHUP;
		return ep_insert(ep, epds, tf, fd, full_check);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(ep, epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->event.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		epds->events |= EPOLLERR | EPOLLHUP;
		return ep_modify(ep, epi, epds);
	}
	return -EINVAL;
}

/*
 * epoll_ctl(2) (Linux's do_epoll_ctl): EBADF, then EPERM for a file
 * that cannot be polled, EINVAL for a set added to itself or a non-epoll
 * @epfd or a bad EPOLLEXCLUSIVE, ELOOP, then EEXIST, ENOENT, EINVAL for
 * an unknown op.  An ADD into a nest of sets takes epmutex and checks
 * for loops and wake-up paths first.
 */
static int do_epoll_ctl(int epfd, int op, int fd, struct epoll_event *epds)
{
	struct file *f, *tf = NULL;
	bool full_check = false;
	struct eventpoll *ep;
	int error = -EBADF;

	f = fget(epfd);
	if (!f)
		return -EBADF;
	tf = fget(fd);
	if (!tf)
		goto out_fput;
	error = -EPERM;
	if (!file_can_poll(tf))
		goto out_fput;
	if (op != EPOLL_CTL_DEL)
		ep_take_care_of_epollwakeup(epds);
	error = -EINVAL;
	if (f == tf || !is_file_epoll(f) || !ep_exclusive_ok(op, epds, tf))
		goto out_fput;
	ep = f->private_data;
	mutex_lock(&ep->mtx);
	if (op == EPOLL_CTL_ADD && (!list_empty(&f->f_ep_links) || ep->gen == loop_check_gen ||
				    is_file_epoll(tf))) {
		mutex_unlock(&ep->mtx);
		mutex_lock(&epmutex);
		loop_check_gen++;
		full_check = true;
		error = -ELOOP;
		if (is_file_epoll(tf) && ep_loop_check(ep, tf->private_data))
			goto out_unlock_epmutex;
		mutex_lock(&ep->mtx);
	}
	error = ep_ctl_op(ep, op, tf, fd, epds, full_check);
	mutex_unlock(&ep->mtx);
out_unlock_epmutex:
	if (full_check) {
		loop_check_gen++;
		mutex_unlock(&epmutex);
	}
out_fput:
	if (tf)
		fput(tf);
	fput(f);
	return error;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event *, event)
{
	struct epoll_event epds;

	if (op != EPOLL_CTL_DEL && copy_from_user(&epds, event, sizeof(epds)))
		return -EFAULT;
	return do_epoll_ctl(epfd, op, fd, &epds);
}

/* EINVAL for a bad count, EFAULT for a bad buffer, EBADF, EINVAL for a file not a set. */
static int do_epoll_wait(int epfd, struct epoll_event *events, int maxevents, long timeout)
{
	struct file *f;
	int error;

	if (maxevents <= 0 || (unsigned long)maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(events, (unsigned long)maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	error = -EINVAL;
	if (is_file_epoll(f))
		error = ep_poll(f->private_data, events, maxevents, timeout);
	fput(f);
	return error;
}

/* A timeout in milliseconds: negative waits for ever, 0 only looks. */
static long ep_timeout_to_jiffies(int ms)
{
	return ms < 0 ? MAX_SCHEDULE_TIMEOUT : (long)msecs_to_jiffies(ms);
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event *, events, int, maxevents,
		int, timeout)
{
	return do_epoll_wait(epfd, events, maxevents, ep_timeout_to_jiffies(timeout));
}

/* The wait with @sigmask as the blocked set meanwhile (Linux's do_epoll_pwait). */
static int do_epoll_pwait(int epfd, struct epoll_event *events, int maxevents, long timeout,
			  const sigset_t *sigmask, size_t sigsetsize)
{
	sigset_t old;
	long changed = set_user_sigmask(sigmask, sigsetsize, &old);
	int error;

	if (changed < 0)
		return changed;
	error = do_epoll_wait(epfd, events, maxevents, timeout);
	restore_saved_sigmask_unless(changed, &old, error == -EINTR);
	return error;
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event *, events, int, maxevents,
		int, timeout, const sigset_t *, sigmask, size_t, sigsetsize)
{
	return do_epoll_pwait(epfd, events, maxevents, ep_timeout_to_jiffies(timeout), sigmask,
			      sigsetsize);
}

/* epoll_pwait with a timespec: NULL waits for ever, EINVAL for a bad one, EFAULT. */
SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event *, events, int, maxevents,
		const struct timespec64 *, timeout, const sigset_t *, sigmask, size_t, sigsetsize)
{
	long jiffies_left;
	long err = poll_select_set_timeout(timeout, &jiffies_left);

	if (err)
		return err;
	return do_epoll_pwait(epfd, events, maxevents, jiffies_left, sigmask, sigsetsize);
}

/* fs.epoll.max_user_watches (a long in Linux, an int here: the same values in practice). */
static const struct int_sysctl max_user_watches_sysctl = {
	.value = &max_user_watches, .min = 0, .max = INT_MAX,
};

static int __init epoll_sysctls_init(void)
{
	proc_mkdir("sys/fs/epoll");
	proc_create_int("sys/fs/epoll/max_user_watches", 0644, &max_user_watches_sysctl);
	return 0;
}
device_initcall(epoll_sysctls_init);

/*
 * kcmp(KCMP_EPOLL_TFD)'s question (Linux's get_epoll_tfile_raw_ptr):
 * the file that epoll set @file watches under descriptor @tfd, the
 * @toff-th if it watches several files under that number (a descriptor
 * closed and reused), in the set's order.  The pointer is only compared,
 * never followed: no reference.  EINVAL if @file is no epoll set, ENOENT
 * if it watches nothing under @tfd.
 */
struct file *get_epoll_tfile_raw_ptr(struct file *file, int tfd, unsigned long toff)
{
	struct eventpoll *ep;
	struct rb_node *rbp;
	struct file *found = ERR_PTR(-ENOENT);

	if (!is_file_epoll(file))
		return ERR_PTR(-EINVAL);
	ep = file->private_data;
	mutex_lock(&ep->mtx);
	for (rbp = rb_first(&ep->rbr); rbp; rbp = rb_next(rbp)) {
		struct epitem *epi = rb_entry(rbp, struct epitem, rbn);

		if (epi->ffd.fd == tfd && toff-- == 0) {
			found = epi->ffd.file;
			break;
		}
	}
	mutex_unlock(&ep->mtx);
	return found;
}
