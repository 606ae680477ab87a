/*
 * kernel/itimer.c: getitimer, setitimer and alarm (Linux's kernel/time/itimer.c).
 *
 * A process has three interval timers.  ITIMER_REAL counts real time on an
 * hrtimer and sends SIGALRM; a periodic one is queued again when its
 * SIGALRM is dequeued, not when it fires, so a process that blocks the
 * signal gets one SIGALRM, not a flood.  ITIMER_VIRTUAL (user time,
 * SIGVTALRM) and ITIMER_PROF (user and system time, SIGPROF) count the
 * process's CPU time and are checked at the tick (posix_cpu_timers.c).
 * fork gives the child none; exec keeps them all (signal_struct stays).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/printk.h>

/* struct itimerval: the times are struct timeval */
struct itimerval_user {
	struct __kernel_old_timeval it_interval;
	struct __kernel_old_timeval it_value;
};

/* The hrtimer fired: SIGALRM to the process, from the kernel (si_code SI_KERNEL). */
enum hrtimer_restart it_real_fn(struct hrtimer *timer)
{
	struct signal_struct *sig = container_of(timer, struct signal_struct, real_timer);
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	kill_pid_info(SIGALRM, SEND_SIG_PRIV, sig->leader_pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return HRTIMER_NORESTART;
}

/*
 * SIGALRM was dequeued (dequeue_signal, under siglock): a periodic
 * ITIMER_REAL starts its next period, skipping the ones already past.
 */
void itimer_real_rearm(struct signal_struct *sig)
{
	struct hrtimer *tmr = &sig->real_timer;

	if (hrtimer_is_queued(tmr) || !sig->it_real_incr)
		return;
	hrtimer_forward(tmr, hrtimer_cb_get_time(tmr), sig->it_real_incr);
	hrtimer_restart(tmr);
}

/* What is left of ITIMER_REAL: 0 when disarmed, at least 1 us while armed. */
static struct timespec64 itimer_get_remtime(struct hrtimer *timer)
{
	s64 rem = hrtimer_expires_remaining(timer);

	if (!hrtimer_active(timer))
		rem = 0;
	else if (rem <= 0)
		rem = NSEC_PER_USEC;
	return ns_to_timespec64(rem);
}

/*
 * The process's CPU time on clock @clkid (PROF or VIRT) until the itimer
 * expires.  The CPU itimers are under tasklist_lock, as the tick that
 * checks them holds it to sum the threads' times.
 */
static void get_cpu_itimer(struct task_struct *tsk, int clkid, struct itimerspec64 *value)
{
	struct cpu_itimer *it = &tsk->signal->it[clkid];
	u64 val, interval, now;

	spin_lock_irq(&tasklist_lock);
	val = it->expires;
	interval = it->incr;
	if (val) {
		now = cpu_clock_sample_group(clkid, tsk);
		val = val < now ? TICK_NSEC : val - now;	/* about to fire */
	}
	spin_unlock_irq(&tasklist_lock);
	value->it_value = ns_to_timespec64(val);
	value->it_interval = ns_to_timespec64(interval);
}

static int do_getitimer(int which, struct itimerspec64 *value)
{
	struct task_struct *tsk = current;

	switch (which) {
	case ITIMER_REAL:
		spin_lock_irq(&tsk->sighand->siglock);
		value->it_value = itimer_get_remtime(&tsk->signal->real_timer);
		value->it_interval = ns_to_timespec64(tsk->signal->it_real_incr);
		spin_unlock_irq(&tsk->sighand->siglock);
		return 0;
	case ITIMER_VIRTUAL:
		get_cpu_itimer(tsk, CPUCLOCK_VIRT, value);
		return 0;
	case ITIMER_PROF:
		get_cpu_itimer(tsk, CPUCLOCK_PROF, value);
		return 0;
	}
	return -EINVAL;
}

/*
 * A CPU itimer runs from the next tick on (the TICK_NSEC Linux adds), so
 * that it never expires before the process used the time asked for.
 */
static void set_cpu_itimer(struct task_struct *tsk, int clkid, const struct itimerspec64 *value,
			   struct itimerspec64 *ovalue)
{
	struct cpu_itimer *it = &tsk->signal->it[clkid];
	u64 nval = timespec64_to_ktime(&value->it_value), oval, ointerval;

	spin_lock_irq(&tasklist_lock);
	oval = it->expires;
	ointerval = it->incr;
	if (oval || nval) {
		if (nval)
			nval += TICK_NSEC;
		set_process_cpu_timer(tsk, clkid, &nval, &oval);
	}
	it->expires = nval;
	it->incr = timespec64_to_ktime(&value->it_interval);
	spin_unlock_irq(&tasklist_lock);
	if (ovalue) {
		ovalue->it_value = ns_to_timespec64(oval);
		ovalue->it_interval = ns_to_timespec64(ointerval);
	}
}

/* ITIMER_REAL: the old setting out, the new one in; a zero value disarms. */
static void set_real_itimer(struct task_struct *tsk, const struct itimerspec64 *value,
			    struct itimerspec64 *ovalue)
{
	struct signal_struct *sig = tsk->signal;
	s64 expires = timespec64_to_ktime(&value->it_value);

	/* it_real_fn signals under siglock: wait for it outside (Linux's do_setitimer) */
	for (;;) {
		spin_lock_irq(&tsk->sighand->siglock);
		if (ovalue) {
			ovalue->it_value = itimer_get_remtime(&sig->real_timer);
			ovalue->it_interval = ns_to_timespec64(sig->it_real_incr);
		}
		if (hrtimer_try_to_cancel(&sig->real_timer) >= 0)
			break;
		spin_unlock_irq(&tsk->sighand->siglock);
		cpu_relax();
	}
	sig->it_real_incr = 0;
	if (expires) {
		sig->it_real_incr = timespec64_to_ktime(&value->it_interval);
		hrtimer_start(&sig->real_timer, expires, HRTIMER_MODE_REL);
	}
	spin_unlock_irq(&tsk->sighand->siglock);
}

static int do_setitimer(int which, const struct itimerspec64 *value, struct itimerspec64 *ovalue)
{
	switch (which) {
	case ITIMER_REAL:
		set_real_itimer(current, value, ovalue);
		return 0;
	case ITIMER_VIRTUAL:
		set_cpu_itimer(current, CPUCLOCK_VIRT, value, ovalue);
		return 0;
	case ITIMER_PROF:
		set_cpu_itimer(current, CPUCLOCK_PROF, value, ovalue);
		return 0;
	}
	return -EINVAL;
}

static int put_itimerval(struct itimerval_user *o, const struct itimerspec64 *i)
{
	struct itimerval_user v = {
		{ i->it_interval.tv_sec, i->it_interval.tv_nsec / NSEC_PER_USEC },
		{ i->it_value.tv_sec, i->it_value.tv_nsec / NSEC_PER_USEC },
	};

	return copy_to_user(o, &v, sizeof(v)) ? -EFAULT : 0;
}

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && (unsigned long)tv->tv_usec < USEC_PER_SEC;
}

static int get_itimerval(struct itimerspec64 *o, const struct itimerval_user *i)
{
	struct itimerval_user v;

	if (copy_from_user(&v, i, sizeof(v)))
		return -EFAULT;
	if (!timeval_valid(&v.it_value) || !timeval_valid(&v.it_interval))
		return -EINVAL;
	o->it_interval = (struct timespec64){ v.it_interval.tv_sec,
					      v.it_interval.tv_usec * NSEC_PER_USEC };
	o->it_value = (struct timespec64){ v.it_value.tv_sec, v.it_value.tv_usec * NSEC_PER_USEC };
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval_user *, value)
{
	struct itimerspec64 get;
	int error = do_getitimer(which, &get);

	return error ? error : put_itimerval(value, &get);
}

/* A NULL new value disarms, with Linux's warning that this will go. */
SYSCALL_DEFINE3(setitimer, int, which, struct itimerval_user *, value,
		struct itimerval_user *, ovalue)
{
	struct itimerspec64 set = {}, get;
	static bool warned;
	int error;

	if (value) {
		error = get_itimerval(&set, value);
		if (error)
			return error;
	} else if (!warned) {
		warned = true;
		pr_warn("%s calls setitimer() with new_value NULL pointer. Misfeature support will be removed\n",
			current->comm);
	}
	error = do_setitimer(which, &set, ovalue ? &get : NULL);
	if (error || !ovalue)
		return error;
	return put_itimerval(ovalue, &get);
}

/*
 * alarm(2): ITIMER_REAL in whole seconds.  The old one's remaining time
 * comes back rounded to the nearest second, but never 0 while it was
 * pending (Linux's alarm_setitimer).
 */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerspec64 it_new = { .it_value = { seconds, 0 } }, it_old;

	do_setitimer(ITIMER_REAL, &it_new, &it_old);
	if ((!it_old.it_value.tv_sec && it_old.it_value.tv_nsec) ||
	    it_old.it_value.tv_nsec >= NSEC_PER_SEC / 2)
		it_old.it_value.tv_sec++;
	return it_old.it_value.tv_sec;
}
