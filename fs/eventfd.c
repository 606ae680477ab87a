/*
 * fs/eventfd.c: eventfd(2) and eventfd2(2), a 64-bit counter as a file
 * (Linux's fs/eventfd.c).
 *
 * A write of an 8-byte value adds it to the counter; a read returns the
 * counter and sets it to 0, or, with EFD_SEMAPHORE, returns 1 and takes 1
 * off.  The counter never reaches 2^64 - 1: a write that would take it
 * there waits (EAGAIN with O_NONBLOCK), as a read of 0 does.  The file is
 * readable when the counter is not 0, writable while 1 more fits, and in
 * error (POLLERR) at 2^64 - 1, which only the kernel's eventfd_signal can
 * reach.  The counter and its waiters are under the wait queue's lock,
 * which every wake-up of the queue already holds.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/anon_inodes.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/ida.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/err.h>

#define EFD_SEMAPHORE	(1 << 0)
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK
#define EFD_SHARED_FCNTL_FLAGS	(O_CLOEXEC | O_NONBLOCK)
#define EFD_FLAGS_SET	(EFD_SHARED_FCNTL_FLAGS | EFD_SEMAPHORE)

static DEFINE_IDA(eventfd_ida);		/* the ids fdinfo shows */

struct eventfd_ctx {
	wait_queue_head_t wqh;		/* its lock protects count */
	u64 count;
	unsigned int flags;		/* EFD_SEMAPHORE ... as created */
	int id;				/* eventfd-id in fdinfo, or -1 */
};

static void eventfd_free_ctx(struct eventfd_ctx *ctx)
{
	if (ctx->id >= 0)
		ida_free(&eventfd_ida, ctx->id);
	kfree(ctx);
}

/* The last close: pollers and epoll sets see POLLHUP (Linux's eventfd_release). */
static int eventfd_release(struct inode *inode, struct file *file)
{
	struct eventfd_ctx *ctx = file->private_data;

	(void)inode;
	wake_up_poll(&ctx->wqh, EPOLLHUP);
	eventfd_free_ctx(ctx);
	return 0;
}

/*
 * Readable with a count, writable while 1 more fits, in error at the
 * maximum.  Reading the count after poll_wait queued us (taking the
 * queue's lock) is what keeps a write in between from being missed.
 */
static __poll_t eventfd_poll(struct file *file, poll_table *wait)
{
	struct eventfd_ctx *ctx = file->private_data;
	__poll_t events = 0;
	u64 count;

	poll_wait(file, &ctx->wqh, wait);
	count = READ_ONCE(ctx->count);
	if (count > 0)
		events |= EPOLLIN;
	if (count == ULLONG_MAX)
		events |= EPOLLERR;
	if (ULLONG_MAX - 1 > count)
		events |= EPOLLOUT;
	return events;
}

/* Does @ucnt fit in the count?  It never reaches ULLONG_MAX. */
static bool eventfd_room_for(struct eventfd_ctx *ctx, u64 ucnt)
{
	return ULLONG_MAX - ctx->count > ucnt;
}

/*
 * The count, or 1 of it with EFD_SEMAPHORE; waits for one unless
 * O_NONBLOCK (EAGAIN).  EINVAL for fewer than 8 bytes.  As Linux's, a
 * fault copying the value out comes after the count was taken.
 */
static ssize_t eventfd_read(struct file *file, char *buf, size_t n, loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	u64 ucnt;
	int res = 0;

	(void)ppos;
	if (n < sizeof(ucnt))
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	if (!ctx->count) {
		res = (file->f_flags & O_NONBLOCK) ? -EAGAIN :
						      wait_event_interruptible_locked_irq(ctx->wqh, ctx->count);
		if (res) {
			spin_unlock_irq(&ctx->wqh.lock);
			return res;
		}
	}
	ucnt = (ctx->flags & EFD_SEMAPHORE) ? 1 : ctx->count;
	ctx->count -= ucnt;
	if (waitqueue_active(&ctx->wqh))
		wake_up_locked_poll(&ctx->wqh, EPOLLOUT);
	spin_unlock_irq(&ctx->wqh.lock);
	if (copy_to_user(buf, &ucnt, sizeof(ucnt)))
		return -EFAULT;
	return sizeof(ucnt);
}

/*
 * Adds an 8-byte value: EINVAL for fewer bytes or 2^64 - 1; waits while
 * it does not fit (EAGAIN with O_NONBLOCK).
 */
static ssize_t eventfd_write(struct file *file, const char *buf, size_t n, loff_t *ppos)
{
	struct eventfd_ctx *ctx = file->private_data;
	ssize_t res;
	u64 ucnt;

	(void)ppos;
	if (n < sizeof(ucnt))
		return -EINVAL;
	if (copy_from_user(&ucnt, buf, sizeof(ucnt)))
		return -EFAULT;
	if (ucnt == ULLONG_MAX)
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	res = sizeof(ucnt);
	if (!eventfd_room_for(ctx, ucnt))
		res = (file->f_flags & O_NONBLOCK) ? -EAGAIN :
			wait_event_interruptible_locked_irq(ctx->wqh, eventfd_room_for(ctx, ucnt)) ?:
			(ssize_t)sizeof(ucnt);
	if (res > 0) {
		ctx->count += ucnt;
		if (waitqueue_active(&ctx->wqh))
			wake_up_locked_poll(&ctx->wqh, EPOLLIN);
	}
	spin_unlock_irq(&ctx->wqh.lock);
	return res;
}

static void eventfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct eventfd_ctx *ctx = f->private_data;
	u64 count;

	spin_lock_irq(&ctx->wqh.lock);
	count = ctx->count;
	spin_unlock_irq(&ctx->wqh.lock);
	seq_printf(m, "eventfd-count: %16llx\n", (unsigned long long)count);
	seq_printf(m, "eventfd-id: %d\n", ctx->id);
}

static const struct file_operations eventfd_fops = {
	.show_fdinfo	= eventfd_show_fdinfo,
	.release	= eventfd_release,
	.poll		= eventfd_poll,
	.read		= eventfd_read,
	.write		= eventfd_write,
	.llseek		= noop_llseek,
	.fop_flags	= FOP_ITER_READ,	/* Linux's eventfd has ->read_iter, a plain ->write */
};

static int do_eventfd(unsigned int count, int flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~EFD_FLAGS_SET)
		return -EINVAL;
	ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	ctx->count = count;
	ctx->flags = flags;
	ctx->id = ida_alloc_range(&eventfd_ida, 0, INT_MAX);
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx,
			      O_RDWR | (flags & EFD_SHARED_FCNTL_FLAGS));
	if (fd < 0)
		eventfd_free_ctx(ctx);
	return fd;
}

SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	return do_eventfd(count, flags);
}

SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return do_eventfd(count, 0);
}
