/*
 * kernel/time_syscalls.c: the clocks and sleeping, as user space sees them.
 *
 * CLOCK_MONOTONIC (and its BOOTTIME/RAW twins) count from power-on;
 * CLOCK_REALTIME adds the CMOS time read at boot; the CPU-time clocks
 * read the scheduler's runtime, to the nanosecond, and times(2) its
 * user/system split (kernel/sched/cputime.c).  nanosleep sleeps on a
 * jiffies timer, so it may sleep up to one tick (4 ms) longer than asked,
 * never shorter.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/futex.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/sched/cputime.h>
#include <linux/posix-timers.h>

/*
 * The time of clock @which.  A negative id is a CPU clock of a thread or
 * process (posix_cpu_timers.c); the two CPUTIME ids are the caller's.
 */
static int clock_now(clockid_t which, u64 *ns)
{
	if (which < 0)
		return (which & CLOCKFD_MASK) == CLOCKFD ? -EINVAL : posix_cpu_clock_get(which, ns);
	switch (which) {
	case CLOCK_REALTIME:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_coarse_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = ktime_get_coarse_ns();
		return 0;
	case CLOCK_TAI:
		*ns = ktime_get_clocktai_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		return posix_cpu_clock_get(MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED), ns);
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = task_sched_runtime(current);
		return 0;
	}
	return -EINVAL;
}

static int put_timespec(u64 ns, struct timespec64 *uts)
{
	struct timespec64 ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

static int get_timespec(const struct timespec64 *uts, u64 *ns)
{
	struct timespec64 ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE2(clock_gettime, clockid_t, which, struct timespec64 *, tp)
{
	u64 ns;
	int err = clock_now(which, &ns);

	return err ? err : put_timespec(ns, tp);
}

SYSCALL_DEFINE2(clock_getres, clockid_t, which, struct timespec64 *, tp)
{
	u64 ns;
	int err;

	if (which < 0 && (which & CLOCKFD_MASK) != CLOCKFD) {
		err = posix_cpu_clock_getres(which, &ns);
		return err || !tp ? err : put_timespec(ns, tp);
	}
	err = clock_now(which, &ns);
	if (err || !tp)
		return err;
	return put_timespec(which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE ?
			    TICK_NSEC : 1, tp);
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval *, tv, void *, tz)
{
	struct __kernel_old_timeval k = ns_to_kernel_old_timeval(ktime_get_real_ns());

	if (tv && copy_to_user(tv, &k, sizeof(k)))
		return -EFAULT;
	if (tz && clear_user(tz, 8))	/* struct timezone: no zone here */
		return -EFAULT;
	return 0;
}

/* The seconds of the last tick's CLOCK_REALTIME, as Linux's (and the vDSO's) time. */
SYSCALL_DEFINE1(time, long *, tloc)
{
	long t = ktime_get_coarse_real_ns() / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* Sleeps until CLOCK_MONOTONIC reaches @end; 0, or -ERESTART_RESTARTBLOCK if a signal came. */
static long sleep_until(u64 end)
{
	u64 now;

	for (;;) {
		now = ktime_get_ns();
		if (now >= end)
			return 0;
		__set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(nsecs_to_jiffies(end - now) + 1);
		if (signal_pending(current))
			return -ERESTART_RESTARTBLOCK;
	}
}

/* After a signal: tell the caller what was left, or resume later (restart_syscall). */
static long nanosleep_interrupted(u64 end, struct timespec64 *rmtp)
{
	struct restart_block *rb = &current->restart_block;
	u64 now = ktime_get_ns();

	if (rmtp && put_timespec(end > now ? end - now : 0, rmtp))
		return -EFAULT;
	rb->expires = end;
	rb->rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	long ret = sleep_until(rb->expires);

	return ret ? nanosleep_interrupted(rb->expires, rb->rmtp) : 0;
}

static long do_nanosleep(u64 end, struct timespec64 *rmtp)
{
	long ret = sleep_until(end);

	if (!ret)
		return 0;
	current->restart_block.fn = nanosleep_restart;
	return nanosleep_interrupted(end, rmtp);
}

SYSCALL_DEFINE2(nanosleep, struct timespec64 *, rqtp, struct timespec64 *, rmtp)
{
	u64 ns;
	int err = get_timespec(rqtp, &ns);

	if (err)
		return err;
	return do_nanosleep(ktime_get_ns() + ns, rmtp);
}

/*
 * Can clock_nanosleep sleep on @which?  EINVAL for no such clock,
 * EOPNOTSUPP for one that cannot (Linux's k_clock without nsleep: the
 * thread's own CPU clock, the raw and coarse clocks, the alarm clocks).
 */
static int clock_can_sleep(clockid_t which)
{
	if (which < 0)
		return (which & CLOCKFD_MASK) == CLOCKFD ? -EOPNOTSUPP : 0;
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
	case CLOCK_PROCESS_CPUTIME_ID:
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		return -EOPNOTSUPP;
	}
	return -EINVAL;
}

SYSCALL_DEFINE4(clock_nanosleep, clockid_t, which, int, flags, struct timespec64 *, rqtp,
		struct timespec64 *, rmtp)
{
	u64 ns, now;
	int err;

	err = clock_can_sleep(which);
	if (!err)
		err = get_timespec(rqtp, &ns);
	if (err)
		return err;
	if (which < 0 || which == CLOCK_PROCESS_CPUTIME_ID)
		return posix_cpu_nsleep(which < 0 ? which : MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED),
					flags, ns, (flags & TIMER_ABSTIME) ? NULL : rmtp);
	if (!(flags & TIMER_ABSTIME))
		return do_nanosleep(ktime_get_ns() + ns, rmtp);
	err = clock_now(which, &now);
	if (err)
		return err;
	/* an absolute deadline is not resumed with a remaining time */
	ns = ns > now ? ktime_get_ns() + (ns - now) : ktime_get_ns();
	err = sleep_until(ns);
	return err ? -ERESTARTNOHAND : 0;
}

struct tms_user {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/*
 * times(2): the process's user and system time and its reaped children's,
 * in clock ticks of 10 ms (USER_HZ), as Linux reports them.
 */
SYSCALL_DEFINE1(times, struct tms_user *, tbuf)
{
	struct signal_struct *sig = current->signal;
	u64 utime, stime, cutime, cstime;
	struct tms_user t;

	spin_lock_irq(&tasklist_lock);
	thread_group_cputime_adjusted(current, &utime, &stime);
	cutime = sig->cutime;
	cstime = sig->cstime;
	spin_unlock_irq(&tasklist_lock);
	t.tms_utime = nsec_to_clock_t(utime);
	t.tms_stime = nsec_to_clock_t(stime);
	t.tms_cutime = nsec_to_clock_t(cutime);
	t.tms_cstime = nsec_to_clock_t(cstime);
	if (tbuf && copy_to_user(tbuf, &t, sizeof(t)))
		return -EFAULT;
	return nsec_to_clock_t(ktime_get_ns());
}
