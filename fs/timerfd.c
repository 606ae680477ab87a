/*
 * fs/timerfd.c: timerfd_create, timerfd_settime, timerfd_gettime: a timer
 * whose expirations are read from a file (Linux's fs/timerfd.c).
 *
 * The timer is an hrtimer (kernel/hrtimer.c) on CLOCK_REALTIME,
 * CLOCK_MONOTONIC or CLOCK_BOOTTIME; the _ALARM clocks (CAP_WAKE_ALARM)
 * are Linux's alarm timers, which differ from the plain ones only in
 * waking a suspended machine, so here they run on the hrtimer of their
 * clock.  Each expiry counts a tick and wakes readers; a read returns the
 * ticks since the last one (8 bytes) and restarts a periodic timer, only
 * then, adding the periods that went by meanwhile: a slow reader costs no
 * work per period, as in Linux.  TFD_TIMER_CANCEL_ON_SET makes reads fail
 * with ECANCELED once CLOCK_REALTIME is set (timerfd_clock_was_set).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/anon_inodes.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>
#include <linux/capability.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/err.h>

#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK
#define TFD_SHARED_FCNTL_FLAGS	(TFD_CLOEXEC | TFD_NONBLOCK)
#define TFD_CREATE_FLAGS	TFD_SHARED_FCNTL_FLAGS
#define TFD_SETTIME_FLAGS	(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)
#define TFD_IOC_SET_TICKS	0x40085400	/* _IOW('T', 0, u64) */

struct timerfd_ctx {
	struct hrtimer tmr;
	s64 tintv;			/* the period, ns; 0: one shot */
	s64 moffs;			/* CLOCK_REALTIME's offset when armed; KTIME_MAX: it was set */
	wait_queue_head_t wqh;		/* its lock protects what follows and the timer's arming */
	u64 ticks;			/* expirations not read yet */
	int clockid;			/* as created: fdinfo shows it */
	unsigned short expired;		/* the timer fired and was not restarted yet */
	unsigned short settime_flags;	/* the last settime's, for fdinfo */
	struct list_head clist;		/* on cancel_list, if might_cancel */
	bool might_cancel;		/* TFD_TIMER_CANCEL_ON_SET on an absolute real-time timer */
};

static LIST_HEAD(cancel_list);		/* timers that CLOCK_REALTIME being set cancels */
static DEFINE_SPINLOCK(cancel_lock);	/* protects cancel_list and each ctx->might_cancel */

static bool isalarm(const struct timerfd_ctx *ctx)
{
	return ctx->clockid == CLOCK_REALTIME_ALARM || ctx->clockid == CLOCK_BOOTTIME_ALARM;
}

/* The hrtimer clock the timer runs on. */
static clockid_t timerfd_base_clock(int clockid)
{
	if (clockid == CLOCK_REALTIME_ALARM)
		return CLOCK_REALTIME;
	if (clockid == CLOCK_BOOTTIME_ALARM)
		return CLOCK_BOOTTIME;
	return clockid;
}

/* The timer expired (from the tick): one more tick, readers woken. */
static enum hrtimer_restart timerfd_tmrproc(struct hrtimer *htmr)
{
	struct timerfd_ctx *ctx = container_of(htmr, struct timerfd_ctx, tmr);
	unsigned long flags;

	spin_lock_irqsave(&ctx->wqh.lock, flags);
	ctx->expired = 1;
	ctx->ticks++;
	wake_up_locked_poll(&ctx->wqh, EPOLLIN);
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return HRTIMER_NORESTART;
}

/*
 * CLOCK_REALTIME was set: every TFD_TIMER_CANCEL_ON_SET timer armed
 * before sees its reads fail with ECANCELED, and is woken to find out
 * (Linux's timerfd_clock_was_set, for clock_settime and settimeofday).
 */
void timerfd_clock_was_set(void)
{
	s64 moffs = ktime_mono_to_real(0);
	struct timerfd_ctx *ctx;
	unsigned long flags;

	spin_lock_irqsave(&cancel_lock, flags);
	list_for_each_entry(ctx, &cancel_list, clist) {
		spin_lock(&ctx->wqh.lock);
		if (ctx->moffs != moffs) {
			ctx->moffs = KTIME_MAX;
			ctx->ticks++;
			wake_up_locked_poll(&ctx->wqh, EPOLLIN);
		}
		spin_unlock(&ctx->wqh.lock);
	}
	spin_unlock_irqrestore(&cancel_lock, flags);
}

static void timerfd_remove_cancel(struct timerfd_ctx *ctx)
{
	unsigned long flags;

	spin_lock_irqsave(&cancel_lock, flags);
	if (ctx->might_cancel) {
		ctx->might_cancel = false;
		list_del_init(&ctx->clist);
	}
	spin_unlock_irqrestore(&cancel_lock, flags);
}

/* Was the clock set since the timer was armed?  Then it is re-armed on the new offset. */
static bool timerfd_canceled(struct timerfd_ctx *ctx)
{
	if (!ctx->might_cancel || ctx->moffs != KTIME_MAX)
		return false;
	ctx->moffs = ktime_mono_to_real(0);
	return true;
}

/* Only an absolute CLOCK_REALTIME(_ALARM) timer with the flag may be cancelled. */
static void timerfd_setup_cancel(struct timerfd_ctx *ctx, int flags)
{
	unsigned long irqflags;

	if ((ctx->clockid == CLOCK_REALTIME || ctx->clockid == CLOCK_REALTIME_ALARM) &&
	    (flags & TFD_TIMER_ABSTIME) && (flags & TFD_TIMER_CANCEL_ON_SET)) {
		spin_lock_irqsave(&cancel_lock, irqflags);
		if (!ctx->might_cancel) {
			ctx->might_cancel = true;
			list_add(&ctx->clist, &cancel_list);
		}
		spin_unlock_irqrestore(&cancel_lock, irqflags);
	} else {
		timerfd_remove_cancel(ctx);
	}
}

/* Time to the expiry it was last given; 0 once past (and when disarmed: expiry 0). */
static s64 timerfd_get_remaining(struct timerfd_ctx *ctx)
{
	s64 remaining = hrtimer_expires_remaining(&ctx->tmr);

	return remaining < 0 ? 0 : remaining;
}

/* A periodic timer that fired starts its next period: the periods missed count as ticks. */
static u64 timerfd_restart_periodic(struct timerfd_ctx *ctx)
{
	u64 orun = hrtimer_forward(&ctx->tmr, hrtimer_cb_get_time(&ctx->tmr), ctx->tintv);

	hrtimer_restart(&ctx->tmr);
	return orun - 1;
}

/* Arms the timer with @ktmr (Linux's timerfd_setup).  Queue lock held. */
static int timerfd_setup(struct timerfd_ctx *ctx, int flags, const struct itimerspec64 *ktmr)
{
	s64 texp = timespec64_to_ktime(&ktmr->it_value);

	ctx->expired = 0;
	ctx->ticks = 0;
	ctx->tintv = timespec64_to_ktime(&ktmr->it_interval);
	ctx->tmr.expires = 0;		/* disarmed, unless started below */
	if (texp) {
		hrtimer_start(&ctx->tmr, texp, (flags & TFD_TIMER_ABSTIME) ? HRTIMER_MODE_ABS :
									 HRTIMER_MODE_REL);
		if (timerfd_canceled(ctx))
			return -ECANCELED;
	}
	ctx->settime_flags = flags & TFD_SETTIME_FLAGS;
	return 0;
}

static int timerfd_release(struct inode *inode, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;

	(void)inode;
	timerfd_remove_cancel(ctx);
	hrtimer_cancel(&ctx->tmr);
	kfree(ctx);
	return 0;
}

static __poll_t timerfd_poll(struct file *file, poll_table *wait)
{
	struct timerfd_ctx *ctx = file->private_data;
	__poll_t events = 0;
	unsigned long flags;

	poll_wait(file, &ctx->wqh, wait);
	spin_lock_irqsave(&ctx->wqh.lock, flags);
	if (ctx->ticks)
		events |= EPOLLIN;
	spin_unlock_irqrestore(&ctx->wqh.lock, flags);
	return events;
}

/*
 * The expirations since the last read, as a u64: waits for one unless
 * O_NONBLOCK (EAGAIN); EINVAL for fewer than 8 bytes; ECANCELED once
 * the real-time clock was set under a TFD_TIMER_CANCEL_ON_SET timer.
 */
static ssize_t timerfd_read(struct file *file, char *buf, size_t count, loff_t *ppos)
{
	struct timerfd_ctx *ctx = file->private_data;
	ssize_t res = 0;
	u64 ticks = 0;

	(void)ppos;
	if (count < sizeof(ticks))
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	if (file->f_flags & O_NONBLOCK)
		res = -EAGAIN;
	else
		res = wait_event_interruptible_locked_irq(ctx->wqh, ctx->ticks);
	if (timerfd_canceled(ctx)) {
		ctx->ticks = 0;
		ctx->expired = 0;
		res = -ECANCELED;
	}
	if (ctx->ticks) {
		ticks = ctx->ticks;
		if (ctx->expired && ctx->tintv)
			ticks += timerfd_restart_periodic(ctx);
		ctx->expired = 0;
		ctx->ticks = 0;
	}
	spin_unlock_irq(&ctx->wqh.lock);
	if (ticks)
		res = put_user(ticks, (u64 *)buf) ? -EFAULT : (ssize_t)sizeof(ticks);
	return res;
}

static void timerfd_show(struct seq_file *m, struct file *file)
{
	struct timerfd_ctx *ctx = file->private_data;
	struct timespec64 value, interval;

	spin_lock_irq(&ctx->wqh.lock);
	value = ns_to_timespec64(timerfd_get_remaining(ctx));
	interval = ns_to_timespec64(ctx->tintv);
	spin_unlock_irq(&ctx->wqh.lock);
	seq_printf(m, "clockid: %d\nticks: %llu\nsettime flags: 0%o\n"
		   "it_value: (%llu, %llu)\nit_interval: (%llu, %llu)\n",
		   ctx->clockid, (unsigned long long)ctx->ticks, ctx->settime_flags,
		   (unsigned long long)value.tv_sec, (unsigned long long)value.tv_nsec,
		   (unsigned long long)interval.tv_sec, (unsigned long long)interval.tv_nsec);
}

/* TFD_IOC_SET_TICKS (checkpoint/restore): sets the count of expirations to read. */
static long timerfd_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct timerfd_ctx *ctx = file->private_data;
	u64 ticks;
	int ret = 0;

	if (cmd != TFD_IOC_SET_TICKS)
		return -ENOTTY;
	if (copy_from_user(&ticks, (u64 *)arg, sizeof(ticks)))
		return -EFAULT;
	if (!ticks)
		return -EINVAL;
	spin_lock_irq(&ctx->wqh.lock);
	if (!timerfd_canceled(ctx)) {
		ctx->ticks = ticks;
		wake_up_locked_poll(&ctx->wqh, EPOLLIN);
	} else {
		ret = -ECANCELED;
	}
	spin_unlock_irq(&ctx->wqh.lock);
	return ret;
}

static const struct file_operations timerfd_fops = {
	.release	= timerfd_release,
	.poll		= timerfd_poll,
	.read		= timerfd_read,
	.llseek		= noop_llseek,
	.show_fdinfo	= timerfd_show,
	.ioctl		= timerfd_ioctl,
};

/* The timerfd at @ufd, with a reference: EBADF, or EINVAL for another file. */
static struct file *timerfd_fget(int ufd)
{
	struct file *f = fget(ufd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &timerfd_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	return f;
}

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd_ctx *ctx;
	int ufd;

	if ((flags & ~TFD_CREATE_FLAGS) ||
	    (clockid != CLOCK_MONOTONIC && clockid != CLOCK_REALTIME &&
	     clockid != CLOCK_REALTIME_ALARM && clockid != CLOCK_BOOTTIME &&
	     clockid != CLOCK_BOOTTIME_ALARM))
		return -EINVAL;
	if ((clockid == CLOCK_REALTIME_ALARM || clockid == CLOCK_BOOTTIME_ALARM) &&
	    !capable(CAP_WAKE_ALARM))
		return -EPERM;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	init_waitqueue_head(&ctx->wqh);
	INIT_LIST_HEAD(&ctx->clist);
	ctx->clockid = clockid;
	hrtimer_init(&ctx->tmr, timerfd_base_clock(clockid));
	ctx->tmr.function = timerfd_tmrproc;
	ctx->moffs = ktime_mono_to_real(0);
	ufd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx,
			       O_RDWR | (flags & TFD_SHARED_FCNTL_FLAGS));
	if (ufd < 0)
		kfree(ctx);
	return ufd;
}

/*
 * Disarms the timer, reports what it had left (a periodic one that
 * fired is moved on first, so the remaining time is that of its next
 * period), and arms it anew (Linux's do_timerfd_settime).
 */
static int do_timerfd_settime(int ufd, int flags, const struct itimerspec64 *new,
			      struct itimerspec64 *old)
{
	struct timerfd_ctx *ctx;
	struct file *f;
	int ret;

	if ((flags & ~TFD_SETTIME_FLAGS) || !timespec64_valid(&new->it_value) ||
	    !timespec64_valid(&new->it_interval))
		return -EINVAL;
	f = timerfd_fget(ufd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ctx = f->private_data;
	ret = -EPERM;
	if (isalarm(ctx) && !capable(CAP_WAKE_ALARM))
		goto out;
	timerfd_setup_cancel(ctx, flags);
	/*
	 * Its function takes wqh.lock: waiting for it to end with the lock
	 * held would deadlock against another CPU, so wait outside (Linux's
	 * timerfd_settime loop).
	 */
	for (;;) {
		spin_lock_irq(&ctx->wqh.lock);
		if (hrtimer_try_to_cancel(&ctx->tmr) >= 0)
			break;
		spin_unlock_irq(&ctx->wqh.lock);
		cpu_relax();
	}
	if (ctx->expired && ctx->tintv)
		hrtimer_forward(&ctx->tmr, hrtimer_cb_get_time(&ctx->tmr), ctx->tintv);
	old->it_value = ns_to_timespec64(timerfd_get_remaining(ctx));
	old->it_interval = ns_to_timespec64(ctx->tintv);
	ret = timerfd_setup(ctx, flags, new);
	spin_unlock_irq(&ctx->wqh.lock);
out:
	fput(f);
	return ret;
}

static int do_timerfd_gettime(int ufd, struct itimerspec64 *t)
{
	struct timerfd_ctx *ctx;
	struct file *f = timerfd_fget(ufd);

	if (IS_ERR(f))
		return PTR_ERR(f);
	ctx = f->private_data;
	spin_lock_irq(&ctx->wqh.lock);
	if (ctx->expired && ctx->tintv) {
		ctx->expired = 0;
		ctx->ticks += timerfd_restart_periodic(ctx);
	}
	t->it_value = ns_to_timespec64(timerfd_get_remaining(ctx));
	t->it_interval = ns_to_timespec64(ctx->tintv);
	spin_unlock_irq(&ctx->wqh.lock);
	fput(f);
	return 0;
}

SYSCALL_DEFINE4(timerfd_settime, int, ufd, int, flags, const struct itimerspec64 *, utmr,
		struct itimerspec64 *, otmr)
{
	struct itimerspec64 new, old;
	int ret;

	if (copy_from_user(&new, utmr, sizeof(new)))
		return -EFAULT;
	ret = do_timerfd_settime(ufd, flags, &new, &old);
	if (ret)
		return ret;
	if (otmr && copy_to_user(otmr, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, ufd, struct itimerspec64 *, otmr)
{
	struct itimerspec64 kotmr;
	int ret = do_timerfd_gettime(ufd, &kotmr);

	if (ret)
		return ret;
	return copy_to_user(otmr, &kotmr, sizeof(kotmr)) ? -EFAULT : 0;
}
