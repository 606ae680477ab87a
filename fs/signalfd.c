/*
 * fs/signalfd.c: signalfd(2) and signalfd4(2), signals read from a file
 * (Linux's fs/signalfd.c).
 *
 * The file holds only a mask; what it reads is the reader's own pending
 * signals in that mask, taken as sigwaitinfo would take them (its own
 * first, then its process's), each as a 128-byte struct signalfd_siginfo.
 * Such signals are normally blocked, so that they wait for the read
 * instead of being delivered.  Sending a signal wakes the readers and
 * pollers on the process's sighand (signalfd_notify), whose queue is
 * where every signalfd of the process waits; a sighand freed while an
 * epoll set still watches it tells the set with POLLFREE.  Calling
 * signalfd again on an existing descriptor changes its mask.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/anon_inodes.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/signalfd.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

/* What a read returns per signal (uapi/linux/signalfd.h). */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};

struct signalfd_ctx {
	sigset_t sigmask;		/* the signals NOT read: the complement of the user's mask */
};

/* The fields of @kinfo that its layout has, the rest zero (Linux's signalfd_copyinfo). */
static int signalfd_copyinfo(struct signalfd_siginfo *uinfo, const kernel_siginfo_t *kinfo)
{
	struct signalfd_siginfo new;

	memset(&new, 0, sizeof(new));
	new.ssi_signo = kinfo->si_signo;
	new.ssi_errno = kinfo->si_errno;
	new.ssi_code = kinfo->si_code;
	switch (siginfo_layout(kinfo->si_signo, kinfo->si_code)) {
	case SIL_KILL:
		new.ssi_pid = kinfo->si_pid;
		new.ssi_uid = kinfo->si_uid;
		break;
	case SIL_TIMER:
		new.ssi_tid = kinfo->si_tid;
		new.ssi_overrun = kinfo->si_overrun;
		new.ssi_ptr = (long)kinfo->u.timer.value.sival_ptr;
		new.ssi_int = kinfo->u.timer.value.sival_int;
		break;
	case SIL_POLL:
		new.ssi_band = kinfo->u.sigpoll.band;
		new.ssi_fd = kinfo->u.sigpoll.fd;
		break;
	case SIL_FAULT:
		new.ssi_addr = (long)kinfo->u.fault.addr;
		break;
	case SIL_CHLD:
		new.ssi_pid = kinfo->u.chld.pid;
		new.ssi_uid = kinfo->u.chld.uid;
		new.ssi_status = kinfo->u.chld.status;
		new.ssi_utime = kinfo->u.chld.utime;
		new.ssi_stime = kinfo->u.chld.stime;
		break;
	case SIL_RT:			/* sigqueue, and everything with a negative code */
		new.ssi_pid = kinfo->si_pid;
		new.ssi_uid = kinfo->si_uid;
		new.ssi_ptr = (long)kinfo->u.kill.value.sival_ptr;
		new.ssi_int = kinfo->u.kill.value.sival_int;
		break;
	case SIL_SYS:			/* call_addr, syscall, arch sit where a fault's addr is */
		memcpy(&new.ssi_call_addr, &kinfo->u, sizeof(new.ssi_call_addr));
		memcpy(&new.ssi_syscall, (const char *)&kinfo->u + 8, sizeof(new.ssi_syscall));
		memcpy(&new.ssi_arch, (const char *)&kinfo->u + 12, sizeof(new.ssi_arch));
		break;
	}
	if (copy_to_user(uinfo, &new, sizeof(new)))
		return -EFAULT;
	return sizeof(*uinfo);
}

static int signalfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
	return 0;
}

/* The lowest signal of @pending outside @mask, or 0 (Linux's next_signal). */
static int next_signal(struct sigpending *pending, sigset_t *mask)
{
	unsigned long ready = pending->signal.sig[0] & ~mask->sig[0];

	return ready ? __builtin_ctzl(ready) + 1 : 0;
}

/* Readable when the caller has a pending signal of the mask. */
static __poll_t signalfd_poll(struct file *file, poll_table *wait)
{
	struct signalfd_ctx *ctx = file->private_data;
	__poll_t events = 0;

	poll_wait(file, &current->sighand->signalfd_wqh, wait);
	spin_lock_irq(&current->sighand->siglock);
	if (next_signal(&current->pending, &ctx->sigmask) ||
	    next_signal(&current->signal->shared_pending, &ctx->sigmask))
		events |= EPOLLIN;
	spin_unlock_irq(&current->sighand->siglock);
	return events;
}

/*
 * Takes one signal of the mask: the signal, -EAGAIN if none and
 * @nonblock, else waits for one (-ERESTARTSYS on another signal).
 */
static ssize_t signalfd_dequeue(struct signalfd_ctx *ctx, kernel_siginfo_t *info, int nonblock)
{
	struct sighand_struct *sighand = current->sighand;
	DECLARE_WAITQUEUE(wait, current);
	ssize_t ret;

	spin_lock_irq(&sighand->siglock);
	ret = dequeue_signal(current, &ctx->sigmask, info);
	if (ret || nonblock) {
		spin_unlock_irq(&sighand->siglock);
		return ret ? ret : -EAGAIN;
	}
	add_wait_queue(&sighand->signalfd_wqh, &wait);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		ret = dequeue_signal(current, &ctx->sigmask, info);
		if (ret)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		spin_unlock_irq(&sighand->siglock);
		schedule();
		spin_lock_irq(&sighand->siglock);
	}
	spin_unlock_irq(&sighand->siglock);
	remove_wait_queue(&sighand->signalfd_wqh, &wait);
	__set_current_state(TASK_RUNNING);
	return ret;
}

/*
 * As many signals as fit in @count (at least one struct: else EINVAL),
 * waiting only for the first.  A signal taken and not copied out (a bad
 * buffer) is lost, as in Linux.
 */
static ssize_t signalfd_read(struct file *file, char *buf, size_t count, loff_t *ppos)
{
	struct signalfd_ctx *ctx = file->private_data;
	struct signalfd_siginfo *siginfo = (struct signalfd_siginfo *)buf;
	int nonblock = file->f_flags & O_NONBLOCK;
	ssize_t ret, total = 0;
	kernel_siginfo_t info;

	(void)ppos;
	count /= sizeof(struct signalfd_siginfo);
	if (!count)
		return -EINVAL;
	do {
		ret = signalfd_dequeue(ctx, &info, nonblock);
		if (ret <= 0)
			break;
		ret = signalfd_copyinfo(siginfo, &info);
		if (ret < 0)
			break;
		siginfo++;
		total += ret;
		nonblock = 1;
	} while (--count);
	return total ? total : ret;
}

/* "sigmask:" with the signals it reads, as 16 hex digits (render_sigset_t). */
static void signalfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct signalfd_ctx *ctx = f->private_data;

	seq_printf(m, "sigmask:\t%016lx\n", ~ctx->sigmask.sig[0]);
}

static const struct file_operations signalfd_fops = {
	.show_fdinfo	= signalfd_show_fdinfo,
	.release	= signalfd_release,
	.poll		= signalfd_poll,
	.read		= signalfd_read,
	.llseek		= noop_llseek,
};

/*
 * A new signalfd (@ufd -1) reading @mask, or a new mask for the signalfd
 * at @ufd (EBADF, EINVAL for another file), whose waiters look again.
 * SIGKILL and SIGSTOP are never read.
 */
static int do_signalfd4(int ufd, sigset_t *mask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	mask->sig[0] &= ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	mask->sig[0] = ~mask->sig[0];
	if (ufd == -1) {
		ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);
		if (!ctx)
			return -ENOMEM;
		ctx->sigmask = *mask;
		ufd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx,
				       O_RDWR | (flags & (O_CLOEXEC | O_NONBLOCK)));
		if (ufd < 0)
			kfree(ctx);
		return ufd;
	}
	f = fget(ufd);
	if (!f)
		return -EBADF;
	if (f->f_op != &signalfd_fops) {
		fput(f);
		return -EINVAL;
	}
	ctx = f->private_data;
	spin_lock_irq(&current->sighand->siglock);
	ctx->sigmask = *mask;
	spin_unlock_irq(&current->sighand->siglock);
	wake_up(&current->sighand->signalfd_wqh);
	fput(f);
	return ufd;
}

SYSCALL_DEFINE4(signalfd4, int, ufd, sigset_t *, user_mask, size_t, sizemask, int, flags)
{
	sigset_t mask;

	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	return do_signalfd4(ufd, &mask, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, sigset_t *, user_mask, size_t, sizemask)
{
	sigset_t mask;

	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	return do_signalfd4(ufd, &mask, 0);
}
