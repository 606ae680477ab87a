/*
 * kernel/posix_timers.c: POSIX timers, timer_create(2) and its friends
 * (Linux's kernel/time/posix-timers.c).
 *
 * A timer belongs to its process (signal_struct.posix_timers), which
 * names it by a small id: 0, 1, 2, ... in creation order, never reused
 * until the count wraps.  Each expiry queues the timer's own sigqueue
 * (si_code SI_TIMER, si_timerid, si_value); if that is still pending
 * from the last expiry, the expiry is counted as an overrun instead.  A
 * periodic timer is armed again only when its signal is dequeued
 * (posixtimer_rearm), which counts the periods that passed meanwhile
 * (si_overrun, timer_getoverrun): a process that blocks the signal costs
 * nothing.  Timers go at exec and when the process exits.
 *
 * The wall and monotonic clocks run on hrtimers (this file); the
 * CPU-time clocks on the tick (posix_cpu_timers.c).  A timer's function
 * takes it_lock, so a set or delete that finds it running on another CPU
 * unlocks and tries again (TIMER_RETRY), as Linux's.
 *
 * Finding a timer by id and locking it (lock_timer) cannot be one step:
 * the list is under siglock, and the timer's function takes it_lock and
 * then siglock (to queue its signal), so it_lock may not be taken inside
 * siglock.  Between the two, a timer_delete by another thread on another
 * CPU could free the timer.  Linux looks it up under RCU, locks it and
 * checks it_signal is still the caller's; here the lookup takes a
 * reference instead (it_refs), which keeps the memory, and it_signal
 * says whether the timer is still there: timer_delete and exit_itimers
 * clear it under it_lock before they drop the list's reference.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/hrtimer.h>
#include <linux/posix-timers.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/init.h>

static struct kmem_cache *posix_timers_cache;

static void release_posix_timer(struct k_itimer *tmr);

static const struct k_clock clock_hrtimer;
static const struct k_clock clock_without_timers;	/* no timer_create: EOPNOTSUPP */

/* The kind of clock @id is, and the id the timer keeps; NULL for no clock (EINVAL). */
static const struct k_clock *clockid_to_kclock(clockid_t *id)
{
	if (*id < 0)
		return (*id & CLOCKFD_MASK) == CLOCKFD ? &clock_without_timers : &clock_posix_cpu;
	switch (*id) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return &clock_hrtimer;
	case CLOCK_PROCESS_CPUTIME_ID:
		*id = MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED);
		return &clock_posix_cpu;
	case CLOCK_THREAD_CPUTIME_ID:
		*id = MAKE_THREAD_CPUCLOCK(0, CPUCLOCK_SCHED);
		return &clock_posix_cpu;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM:	/* as Linux without an RTC for the alarm timers */
	case CLOCK_BOOTTIME_ALARM:
		return &clock_without_timers;
	}
	return NULL;
}

/* A clamped overrun count for user space (Linux's timer_overrun_to_int). */
static int timer_overrun_to_int(struct k_itimer *timr, int baseval)
{
	s64 sum = timr->it_overrun_last + (s64)baseval;

	return sum > INT_MAX ? INT_MAX : (int)sum;
}

/*
 * Queues the timer's signal.  @si_private marks which arming queued it,
 * so that a dequeue after timer_settime does not rearm the new setting.
 * Returns true if the signal was ignored (and nothing will rearm it).
 */
int posix_timer_event(struct k_itimer *timr, int si_private)
{
	timr->sigq->info.si_sys_private = si_private;
	return send_sigqueue(timr->sigq, timr->it_pid,
			     !(timr->it_sigev_notify & SIGEV_THREAD_ID)) > 0;
}

/* Drops a reference; the last one frees the timer (its function can no longer run). */
static void put_posix_timer(struct k_itimer *tmr)
{
	if (atomic_dec_and_test(&tmr->it_refs))
		release_posix_timer(tmr);
}

/*
 * The timer of @id of the calling process, locked (interrupts off), or
 * NULL (Linux's __lock_timer).  The reference taken under siglock keeps
 * the timer's memory while we wait for it_lock; once we hold it_lock
 * and it_signal is still ours, the list's reference cannot go, so ours
 * is dropped at once and can never be the last.
 */
static struct k_itimer *lock_timer(int id, unsigned long *flags)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *timr, *found = NULL;

	if (id < 0)
		return NULL;
	spin_lock_irqsave(&current->sighand->siglock, *flags);
	list_for_each_entry(timr, &sig->posix_timers, list)
		if (timr->it_id == id) {
			found = timr;
			atomic_inc(&found->it_refs);
			break;
		}
	spin_unlock(&current->sighand->siglock);
	if (!found) {
		local_irq_restore(*flags);
		return NULL;
	}
	spin_lock(&found->it_lock);
	if (found->it_signal == sig) {
		atomic_dec(&found->it_refs);
		return found;
	}
	spin_unlock_irqrestore(&found->it_lock, *flags);	/* deleted meanwhile */
	put_posix_timer(found);
	return NULL;
}

static void unlock_timer(struct k_itimer *timr, unsigned long flags)
{
	spin_unlock_irqrestore(&timr->it_lock, flags);
}

/* ---- timers on hrtimers: the wall and monotonic clocks -------------------- */

/*
 * The timer expired (from the tick).  A periodic timer whose signal was
 * ignored is not dequeued, so it is moved on here, its missed periods
 * counted (Linux's posix_timer_fn).
 */
static enum hrtimer_restart posix_timer_fn(struct hrtimer *timer)
{
	struct k_itimer *timr = container_of(timer, struct k_itimer, it.real);
	enum hrtimer_restart ret = HRTIMER_NORESTART;
	int si_private = 0;

	spin_lock(&timr->it_lock);
	timr->it_active = 0;
	if (timr->it_interval)
		si_private = ++timr->it_requeue_pending;
	if (posix_timer_event(timr, si_private) && timr->it_interval) {
		timr->it_overrun += hrtimer_forward(timer, hrtimer_cb_get_time(timer),
						    timr->it_interval);
		ret = HRTIMER_RESTART;
		++timr->it_requeue_pending;
		timr->it_active = 1;
	}
	spin_unlock(&timr->it_lock);
	return ret;
}

static int common_timer_create(struct k_itimer *timr)
{
	hrtimer_init(&timr->it.real, timr->it_clock);
	timr->it.real.function = posix_timer_fn;
	return 0;
}

/*
 * The current setting: the interval, and the time left (1 ns if it is
 * due but not yet delivered, 0 once a one-shot fired).  A periodic timer
 * waiting for its signal to be dequeued, or one without a signal
 * (SIGEV_NONE, never queued), is first moved past now.
 */
static void common_timer_get(struct k_itimer *timr, struct itimerspec64 *cur)
{
	struct hrtimer *timer = &timr->it.real;
	bool sig_none = timr->it_sigev_notify == SIGEV_NONE;
	s64 now, remaining;

	if (timr->it_interval)
		cur->it_interval = ns_to_timespec64(timr->it_interval);
	else if (!timr->it_active && !sig_none)
		return;
	now = hrtimer_cb_get_time(timer);
	if (timr->it_interval && ((timr->it_requeue_pending & REQUEUE_PENDING) || sig_none))
		timr->it_overrun += hrtimer_forward(timer, now, timr->it_interval);
	remaining = timer->expires - now;
	if (remaining > 0)
		cur->it_value = ns_to_timespec64(remaining);
	else if (!sig_none)
		cur->it_value.tv_nsec = 1;
}

/*
 * Arms for @expires (absolute with TIMER_ABSTIME).  A relative
 * CLOCK_REALTIME timer runs on CLOCK_MONOTONIC, as POSIX wants it
 * untouched by clock changes; a SIGEV_NONE timer is never queued.
 */
static void common_hrtimer_arm(struct k_itimer *timr, s64 expires, bool absolute,
			       bool sigev_none)
{
	struct hrtimer *timer = &timr->it.real;
	clockid_t clock = timr->it_clock;

	if (clock == CLOCK_REALTIME && !absolute)
		clock = CLOCK_MONOTONIC;
	hrtimer_init(timer, clock);
	timer->function = posix_timer_fn;
	if (!absolute)
		expires = ktime_add_safe(expires, hrtimer_cb_get_time(timer));
	timer->expires = expires;
	if (!sigev_none)
		hrtimer_restart(timer);
}

/* Linux's common_timer_set: the old setting, then disarm, then arm anew unless zero. */
static int common_timer_set(struct k_itimer *timr, int flags, struct itimerspec64 *new,
			    struct itimerspec64 *old)
{
	bool sigev_none = timr->it_sigev_notify == SIGEV_NONE;

	if (old)
		common_timer_get(timr, old);
	/* its function takes it_lock, which we hold: the caller waits outside */
	if (hrtimer_try_to_cancel(&timr->it.real) < 0)
		return TIMER_RETRY;
	timr->it_interval = 0;
	timr->it_active = 0;
	timr->it_requeue_pending = (timr->it_requeue_pending + 2) & ~REQUEUE_PENDING;
	timr->it_overrun_last = 0;
	if (!new->it_value.tv_sec && !new->it_value.tv_nsec)
		return 0;
	timr->it_interval = timespec64_to_ktime(&new->it_interval);
	common_hrtimer_arm(timr, timespec64_to_ktime(&new->it_value), flags & TIMER_ABSTIME,
			   sigev_none);
	timr->it_active = !sigev_none;
	return 0;
}

static int common_timer_del(struct k_itimer *timr)
{
	timr->it_interval = 0;
	if (hrtimer_try_to_cancel(&timr->it.real) < 0)
		return TIMER_RETRY;	/* running on another CPU: as common_timer_set */
	timr->it_active = 0;
	return 0;
}

static void common_hrtimer_rearm(struct k_itimer *timr)
{
	struct hrtimer *timer = &timr->it.real;

	timr->it_overrun += hrtimer_forward(timer, hrtimer_cb_get_time(timer), timr->it_interval);
	hrtimer_restart(timer);
}

static const struct k_clock clock_hrtimer = {
	.timer_create	= common_timer_create,
	.timer_set	= common_timer_set,
	.timer_get	= common_timer_get,
	.timer_del	= common_timer_del,
	.timer_rearm	= common_hrtimer_rearm,
};

static const struct k_clock clock_without_timers = { };

/* ---- rearming at dequeue, and the timers' life ----------------------------- */

/*
 * A timer's signal was dequeued (dequeue_signal, siglock dropped): a
 * periodic timer that queued it, and was not set anew since, starts its
 * next period; the signal reports the periods missed (Linux's
 * posixtimer_rearm).
 */
void posixtimer_rearm(struct kernel_siginfo *info)
{
	struct k_itimer *timr;
	unsigned long flags;

	timr = lock_timer(info->si_tid, &flags);
	if (!timr)
		return;
	if (timr->it_interval && timr->it_requeue_pending == info->si_sys_private) {
		timr->kclock->timer_rearm(timr);
		timr->it_active = 1;
		timr->it_overrun_last = timr->it_overrun;
		timr->it_overrun = -1;
		++timr->it_requeue_pending;
		info->si_overrun = timer_overrun_to_int(timr, info->si_overrun);
	}
	unlock_timer(timr, flags);
}

static void release_posix_timer(struct k_itimer *tmr)
{
	put_pid(tmr->it_pid);
	sigqueue_free(tmr->sigq);
	kmem_cache_free(posix_timers_cache, tmr);
}

static struct k_itimer *alloc_posix_timer(void)
{
	struct k_itimer *tmr = kmem_cache_zalloc(posix_timers_cache, GFP_KERNEL);

	if (!tmr)
		return NULL;
	tmr->sigq = sigqueue_alloc();
	if (!tmr->sigq) {
		kmem_cache_free(posix_timers_cache, tmr);
		return NULL;
	}
	spin_lock_init(&tmr->it_lock);
	INIT_LIST_HEAD(&tmr->list);
	atomic_set(&tmr->it_refs, 1);	/* the process's list's, once added */
	return tmr;
}

/*
 * Who the signal goes to, or NULL for a bad sigevent (EINVAL): the
 * process, or with SIGEV_THREAD_ID one of its threads; the signal must
 * be valid unless there is none (Linux's good_sigevent).
 */
static struct pid *good_sigevent(const struct sigevent *event)
{
	struct pid *pid = task_tgid(current);
	struct task_struct *rtn;

	switch (event->sigev_notify) {
	case SIGEV_SIGNAL | SIGEV_THREAD_ID:
		pid = find_vpid(event->sigev_notify_thread_id);
		rtn = pid_task(pid, PIDTYPE_PID);
		if (!rtn || !same_thread_group(rtn, current))
			return NULL;
		fallthrough;
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		if (event->sigev_signo <= 0 || event->sigev_signo > SIGRTMAX)
			return NULL;
		fallthrough;
	case SIGEV_NONE:
		return pid;
	}
	return NULL;
}

/* Sets who is told and how: @event, or without one SIGALRM with the id as value. */
static int timer_set_notify(struct k_itimer *timr, const struct sigevent *event)
{
	kernel_siginfo_t *info = &timr->sigq->info;
	struct pid *pid;

	if (event) {
		spin_lock_irq(&tasklist_lock);
		pid = get_pid(good_sigevent(event));
		spin_unlock_irq(&tasklist_lock);
		if (!pid)
			return -EINVAL;
		timr->it_pid = pid;
		timr->it_sigev_notify = event->sigev_notify;
		info->si_signo = event->sigev_signo;
		info->u.timer.value = event->sigev_value;
	} else {
		timr->it_pid = get_pid(task_tgid(current));
		timr->it_sigev_notify = SIGEV_SIGNAL;
		info->si_signo = SIGALRM;
		info->u.timer.value.sival_ptr = NULL;
		info->u.timer.value.sival_int = timr->it_id;
	}
	info->si_tid = timr->it_id;
	info->si_code = SI_TIMER;
	return 0;
}

/* The next free id of the process; EAGAIN when all INT_MAX are taken. */
static int posix_timer_add(struct k_itimer *timr)
{
	struct signal_struct *sig = current->signal;
	struct k_itimer *t;
	unsigned int cnt;
	int id;

	spin_lock_irq(&current->sighand->siglock);
	for (cnt = 0; cnt <= INT_MAX; cnt++) {
		id = sig->next_posix_timer_id;
		sig->next_posix_timer_id = (id + 1) & INT_MAX;
		list_for_each_entry(t, &sig->posix_timers, list)
			if (t->it_id == id)
				break;
		if (&t->list == &sig->posix_timers) {
			timr->it_id = id;
			spin_unlock_irq(&current->sighand->siglock);
			return 0;
		}
	}
	spin_unlock_irq(&current->sighand->siglock);
	return -EAGAIN;
}

/*
 * As Linux's do_timer_create: the id is taken (and written out) before
 * the clock makes the timer, so a failure after it still used one.
 */
static int do_timer_create(clockid_t which_clock, const struct sigevent *event, int *uid)
{
	const struct k_clock *kc = clockid_to_kclock(&which_clock);
	struct k_itimer *timr;
	int error;

	if (!kc)
		return -EINVAL;
	if (!kc->timer_create)
		return -EOPNOTSUPP;
	timr = alloc_posix_timer();
	if (!timr)
		return -EAGAIN;
	error = posix_timer_add(timr);
	if (error)
		goto out;
	timr->it_clock = which_clock;
	timr->kclock = kc;
	timr->it_overrun = -1;
	error = timer_set_notify(timr, event);
	if (!error && put_user(timr->it_id, uid))
		error = -EFAULT;
	if (!error)
		error = kc->timer_create(timr);
	if (error)
		goto out;
	spin_lock_irq(&current->sighand->siglock);
	timr->it_signal = current->signal;
	list_add(&timr->list, &current->signal->posix_timers);
	spin_unlock_irq(&current->sighand->siglock);
	return 0;
out:
	release_posix_timer(timr);
	return error;
}

SYSCALL_DEFINE3(timer_create, clockid_t, which_clock, struct sigevent *, timer_event_spec,
		int *, created_timer_id)
{
	struct sigevent event;

	if (!timer_event_spec)
		return do_timer_create(which_clock, NULL, created_timer_id);
	if (copy_from_user(&event, timer_event_spec, sizeof(event)))
		return -EFAULT;
	return do_timer_create(which_clock, &event, created_timer_id);
}

SYSCALL_DEFINE2(timer_gettime, int, timer_id, struct itimerspec64 *, setting)
{
	struct itimerspec64 cur = {};
	struct k_itimer *timr;
	unsigned long flags;

	timr = lock_timer(timer_id, &flags);
	if (!timr)
		return -EINVAL;
	timr->kclock->timer_get(timr, &cur);
	unlock_timer(timr, flags);
	return copy_to_user(setting, &cur, sizeof(cur)) ? -EFAULT : 0;
}

/* The overruns the last delivered signal of the timer counted. */
SYSCALL_DEFINE1(timer_getoverrun, int, timer_id)
{
	struct k_itimer *timr;
	unsigned long flags;
	int overrun;

	timr = lock_timer(timer_id, &flags);
	if (!timr)
		return -EINVAL;
	overrun = timer_overrun_to_int(timr, 0);
	unlock_timer(timr, flags);
	return overrun;
}

SYSCALL_DEFINE4(timer_settime, int, timer_id, int, flags, const struct itimerspec64 *, new_setting,
		struct itimerspec64 *, old_setting)
{
	struct itimerspec64 new, old = {};
	struct k_itimer *timr;
	unsigned long lflags;
	int error;

	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(&new, new_setting, sizeof(new)))
		return -EFAULT;
	if (!timespec64_valid(&new.it_interval) || !timespec64_valid(&new.it_value))
		return -EINVAL;
	for (;;) {	/* Linux's do_timer_settime retry */
		timr = lock_timer(timer_id, &lflags);
		if (!timr)
			return -EINVAL;
		error = timr->kclock->timer_set(timr, flags, &new, old_setting ? &old : NULL);
		unlock_timer(timr, lflags);
		if (error != TIMER_RETRY)
			break;
		cpu_relax();
	}
	if (!error && old_setting && copy_to_user(old_setting, &old, sizeof(old)))
		error = -EFAULT;
	return error;
}

SYSCALL_DEFINE1(timer_delete, int, timer_id)
{
	struct k_itimer *timr;
	unsigned long flags;

	for (;;) {
		timr = lock_timer(timer_id, &flags);
		if (!timr)
			return -EINVAL;
		if (timr->kclock->timer_del(timr) != TIMER_RETRY)
			break;
		unlock_timer(timr, flags);
		cpu_relax();
	}
	spin_lock(&current->sighand->siglock);
	list_del(&timr->list);
	timr->it_signal = NULL;		/* a lock_timer waiting for it_lock gives up */
	spin_unlock(&current->sighand->siglock);
	unlock_timer(timr, flags);
	put_posix_timer(timr);
	return 0;
}

/*
 * Every timer of the process goes: at exec, and when its last thread
 * exits (Linux's exit_itimers).  A signal one of them left queued stays
 * pending (exec flushes it: flush_itimer_signals).
 */
void exit_itimers(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct k_itimer *timr, *n;
	unsigned long flags;
	LIST_HEAD(timers);

	if (list_empty(&sig->posix_timers))
		return;		/* as Linux: most processes never made one */
	spin_lock_irq(&tsk->sighand->siglock);
	list_splice_init(&sig->posix_timers, &timers);
	spin_unlock_irq(&tsk->sighand->siglock);
	list_for_each_entry_safe(timr, n, &timers, list) {
		for (;;) {
			spin_lock_irqsave(&timr->it_lock, flags);
			if (timr->kclock->timer_del(timr) != TIMER_RETRY)
				break;
			spin_unlock_irqrestore(&timr->it_lock, flags);
			cpu_relax();
		}
		list_del(&timr->list);
		timr->it_signal = NULL;	/* off the list: no lookup finds it now */
		spin_unlock_irqrestore(&timr->it_lock, flags);
		put_posix_timer(timr);
	}
}

static int __init init_posix_timers(void)
{
	posix_timers_cache = kmem_cache_create("posix_timers_cache", sizeof(struct k_itimer), 0,
					       SLAB_PANIC, NULL);
	return 0;
}
core_initcall(init_posix_timers);
