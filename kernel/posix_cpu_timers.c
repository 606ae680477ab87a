/*
 * kernel/posix_cpu_timers.c: the CPU-time clocks and their timers (Linux's
 * kernel/time/posix-cpu-timers.c).
 *
 * A CPU clock is a thread's or a process's user time (VIRT), user plus
 * system time (PROF, both sampled by the tick), or scheduler runtime
 * (SCHED, to the nanosecond).  Its id carries a pid: 0 for the caller, or
 * another thread of the process, or any process (clock_getcpuclockid).
 *
 * Time only passes on such a clock while the thread or process runs, so
 * the timers are checked where it runs: at each tick, for the task the
 * tick interrupted (run_posix_cpu_timers).  That is also where
 * ITIMER_VIRTUAL, ITIMER_PROF and RLIMIT_CPU are checked.  An armed timer
 * sits on its target's cpu_timers list (the thread's, or the process's
 * signal_struct's).  tasklist_lock protects those lists, the timers'
 * expiry times and the CPU itimers, and keeps the thread list still while
 * a process's time is summed; the tick takes it too.
 *
 * The tick fires the timers it found due after dropping tasklist_lock,
 * each under its it_lock, so another CPU may meanwhile lock the timer
 * to set or delete it.  As in Linux, the tick marks each timer it takes
 * off its list (cpu.firing, under tasklist_lock) and clears the mark
 * under it_lock as it fires it; set and delete find the mark and return
 * TIMER_RETRY, so their callers let go of it_lock and wait for the tick,
 * and nothing frees or moves a timer the tick still holds.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/time.h>
#include <linux/posix-timers.h>
#include <linux/sched/cputime.h>
#include <linux/uaccess.h>

/*
 * The pid a CPU clock id names, or NULL (EINVAL): a thread of the
 * caller's process, or a process; clock_gettime may name the process by
 * the caller's own thread id (Linux's pid_for_clock).  Hold tasklist_lock.
 */
static struct pid *pid_for_clock(clockid_t clock, bool gettime)
{
	bool thread = CPUCLOCK_PERTHREAD(clock);
	pid_t upid = CPUCLOCK_PID(clock);
	struct task_struct *tsk;
	struct pid *pid;

	if (CPUCLOCK_WHICH(clock) >= CPUCLOCK_MAX)
		return NULL;
	if (upid == 0)
		return thread ? task_pid(current) : task_tgid(current);
	pid = find_vpid(upid);
	if (!pid)
		return NULL;
	tsk = pid_task(pid, PIDTYPE_PID);
	if (thread)
		return tsk && same_thread_group(tsk, current) ? pid : NULL;
	if (gettime && pid == task_pid(current))
		return task_tgid(current);
	return tsk && thread_group_leader(tsk) ? pid : NULL;	/* a process id */
}

/* One thread's time on clock @clkid. */
static u64 cpu_clock_sample(int clkid, struct task_struct *p)
{
	if (clkid == CPUCLOCK_SCHED)
		return task_sched_runtime(p);
	return clkid == CPUCLOCK_VIRT ? p->utime : p->utime + p->stime;
}

/* The whole process's time on clock @clkid.  Hold tasklist_lock. */
u64 cpu_clock_sample_group(int clkid, struct task_struct *p)
{
	struct task_cputime ct;

	thread_group_cputime(p, &ct);
	if (clkid == CPUCLOCK_SCHED)
		return ct.sum_exec_runtime;
	return clkid == CPUCLOCK_VIRT ? ct.utime : ct.utime + ct.stime;
}

/* clock_gettime of a CPU clock id. */
int posix_cpu_clock_get(clockid_t clock, u64 *ns)
{
	int clkid = CPUCLOCK_WHICH(clock);
	struct task_struct *p = NULL;
	struct pid *pid;

	spin_lock_irq(&tasklist_lock);
	pid = pid_for_clock(clock, true);
	if (pid)
		p = pid_task(pid, PIDTYPE_PID);
	if (p)
		*ns = CPUCLOCK_PERTHREAD(clock) ? cpu_clock_sample(clkid, p) :
						  cpu_clock_sample_group(clkid, p);
	spin_unlock_irq(&tasklist_lock);
	return p ? 0 : -EINVAL;
}

/* clock_getres: 1 ns for the runtime clock, a tick for the sampled ones. */
int posix_cpu_clock_getres(clockid_t clock, u64 *ns)
{
	struct pid *pid;

	spin_lock_irq(&tasklist_lock);
	pid = pid_for_clock(clock, false);
	spin_unlock_irq(&tasklist_lock);
	if (!pid)
		return -EINVAL;
	*ns = CPUCLOCK_WHICH(clock) == CPUCLOCK_SCHED ? 1 : (NSEC_PER_SEC + HZ - 1) / HZ;
	return 0;
}

/*
 * For setitimer: @newval from now to absolute, @oldval from absolute to
 * what is left (a tick if it is due).  Hold tasklist_lock.
 */
void set_process_cpu_timer(struct task_struct *tsk, int clkid, u64 *newval, u64 *oldval)
{
	u64 now = cpu_clock_sample_group(clkid, tsk);

	if (*oldval)
		*oldval = *oldval <= now ? TICK_NSEC : *oldval - now;
	if (*newval)
		*newval += now;
}

/* ---- the timers ------------------------------------------------------------ */

/* The thread or process whose time @timer counts, or NULL once reaped.  Hold tasklist_lock. */
static struct task_struct *cpu_timer_task(struct k_itimer *timer)
{
	struct task_struct *p = pid_task(timer->it.cpu.pid, PIDTYPE_PID);

	if (p && !CPUCLOCK_PERTHREAD(timer->it_clock) && !thread_group_leader(p))
		return NULL;
	return p;
}

static u64 cpu_timer_sample(struct k_itimer *timer, struct task_struct *p)
{
	int clkid = CPUCLOCK_WHICH(timer->it_clock);

	return CPUCLOCK_PERTHREAD(timer->it_clock) ? cpu_clock_sample(clkid, p) :
						     cpu_clock_sample_group(clkid, p);
}

/* Puts @timer on its target's list of armed timers.  Hold tasklist_lock. */
static void arm_timer(struct k_itimer *timer, struct task_struct *p)
{
	struct list_head *head = CPUCLOCK_PERTHREAD(timer->it_clock) ? &p->cpu_timers :
								       &p->signal->cpu_timers;

	list_del_init(&timer->it.cpu.entry);
	list_add_tail(&timer->it.cpu.entry, head);
}

/*
 * Moves a periodic timer's expiry past @now by whole intervals, counting
 * each as an overrun (Linux's bump_cpu_timer).
 */
static u64 bump_cpu_timer(struct k_itimer *timer, u64 now)
{
	struct cpu_timer *ctmr = &timer->it.cpu;
	u64 n;

	if (!timer->it_interval || now < ctmr->expires)
		return ctmr->expires;
	n = (now - ctmr->expires) / timer->it_interval + 1;
	ctmr->expires += n * timer->it_interval;
	timer->it_overrun += n;
	return ctmr->expires;
}

static int posix_cpu_timer_create(struct k_itimer *timer)
{
	struct pid *pid;

	spin_lock_irq(&tasklist_lock);
	pid = get_pid(pid_for_clock(timer->it_clock, false));
	spin_unlock_irq(&tasklist_lock);
	if (!pid)
		return -EINVAL;
	INIT_LIST_HEAD(&timer->it.cpu.entry);
	timer->it.cpu.pid = pid;
	return 0;
}

/* Starts the next period after the signal was dequeued (or ignored). */
static void posix_cpu_timer_rearm(struct k_itimer *timer)
{
	unsigned long flags;
	struct task_struct *p;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = cpu_timer_task(timer);
	if (p && !timer->it.cpu.firing) {	/* firing: the tick deals with it */
		bump_cpu_timer(timer, cpu_timer_sample(timer, p));
		arm_timer(timer, p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * The timer expired; it is locked and off its list.  A one-shot is done;
 * a periodic one waits for its signal to be dequeued, unless the signal
 * was ignored; SIGEV_NONE just stops (Linux's cpu_timer_fire).
 */
static void cpu_timer_fire(struct k_itimer *timer)
{
	struct cpu_timer *ctmr = &timer->it.cpu;

	if ((timer->it_sigev_notify & ~SIGEV_THREAD_ID) == SIGEV_NONE) {
		ctmr->expires = 0;
	} else if (!timer->sigq) {	/* clock_nanosleep's: the time has come */
		wake_up_process(timer->it_process);
		ctmr->expires = 0;
	} else if (!timer->it_interval) {
		posix_timer_event(timer, 0);
		ctmr->expires = 0;
	} else if (posix_timer_event(timer, ++timer->it_requeue_pending)) {
		posix_cpu_timer_rearm(timer);
		++timer->it_requeue_pending;
	}
}

/* timer_settime on a CPU clock: ESRCH once the target is reaped (Linux's posix_cpu_timer_set). */
static int posix_cpu_timer_set(struct k_itimer *timer, int timer_flags, struct itimerspec64 *new,
			       struct itimerspec64 *old)
{
	struct cpu_timer *ctmr = &timer->it.cpu;
	u64 old_expires, new_expires, val, exp;
	struct task_struct *p;
	s64 old_incr = timer->it_interval;

	spin_lock(&tasklist_lock);
	if (ctmr->firing) {
		spin_unlock(&tasklist_lock);
		return TIMER_RETRY;
	}
	p = cpu_timer_task(timer);
	if (!p) {
		spin_unlock(&tasklist_lock);
		return -ESRCH;
	}
	new_expires = timespec64_to_ktime(&new->it_value);
	old_expires = ctmr->expires;
	list_del_init(&ctmr->entry);
	val = cpu_timer_sample(timer, p);
	if (old) {
		if (old_expires) {
			exp = bump_cpu_timer(timer, val);
			old->it_value = val < exp ? ns_to_timespec64(exp - val) :
						    (struct timespec64){ 0, 1 };
		}
		old->it_interval = ns_to_timespec64(old_incr);
	}
	if (new_expires && !(timer_flags & TIMER_ABSTIME))
		new_expires += val;
	ctmr->expires = new_expires;
	if (new_expires && val < new_expires)
		arm_timer(timer, p);
	timer->it_interval = timespec64_to_ktime(&new->it_interval);
	timer->it_requeue_pending = (timer->it_requeue_pending + 2) & ~REQUEUE_PENDING;
	timer->it_overrun_last = 0;
	timer->it_overrun = -1;
	spin_unlock(&tasklist_lock);
	if (new_expires && val >= new_expires)
		cpu_timer_fire(timer);	/* already past: it never has to run to fire */
	return 0;
}

static void posix_cpu_timer_get(struct k_itimer *timer, struct itimerspec64 *itp)
{
	u64 now, expires = timer->it.cpu.expires;
	struct task_struct *p;

	spin_lock(&tasklist_lock);
	p = cpu_timer_task(timer);
	if (p) {
		itp->it_interval = ns_to_timespec64(timer->it_interval);
		if (expires) {
			now = cpu_timer_sample(timer, p);
			itp->it_value = now < expires ? ns_to_timespec64(expires - now) :
							(struct timespec64){ 0, 1 };
		}
	}
	spin_unlock(&tasklist_lock);
}

/* Disarms for good; TIMER_RETRY while the tick is firing it on another CPU. */
static int posix_cpu_timer_del(struct k_itimer *timer)
{
	spin_lock(&tasklist_lock);
	if (timer->it.cpu.firing) {
		spin_unlock(&tasklist_lock);
		return TIMER_RETRY;
	}
	list_del_init(&timer->it.cpu.entry);
	spin_unlock(&tasklist_lock);
	put_pid(timer->it.cpu.pid);
	timer->it.cpu.pid = NULL;
	return 0;
}

const struct k_clock clock_posix_cpu = {
	.timer_create	= posix_cpu_timer_create,
	.timer_set	= posix_cpu_timer_set,
	.timer_get	= posix_cpu_timer_get,
	.timer_del	= posix_cpu_timer_del,
	.timer_rearm	= posix_cpu_timer_rearm,
};

/* ---- clock_nanosleep on a CPU clock ------------------------------------------ */

/*
 * Sleeps until @clock reaches @ns (from now, or absolute): a timer
 * without a signal wakes us.  Only other threads or processes can move
 * that clock on, so sleeping on one's own thread clock is EINVAL.  After
 * a signal, what is left goes to @rmtp and the sleep can be resumed at
 * the same end (Linux's do_cpu_nanosleep).
 */
static long do_cpu_nanosleep(clockid_t clock, int flags, u64 ns, struct timespec64 *rmtp)
{
	struct itimerspec64 it = { .it_value = ns_to_timespec64(ns) }, zero = {}, left = {};
	struct k_itimer timer = { .it_clock = clock, .it_process = current };
	struct restart_block *rb = &current->restart_block;
	u64 expires;
	int err;

	spin_lock_init(&timer.it_lock);
	err = posix_cpu_timer_create(&timer);
	if (err)
		return err;
	spin_lock_irq(&timer.it_lock);
	err = posix_cpu_timer_set(&timer, flags, &it, NULL);
	while (!err && timer.it.cpu.expires && !signal_pending(current)) {
		__set_current_state(TASK_INTERRUPTIBLE);
		spin_unlock_irq(&timer.it_lock);
		schedule();
		spin_lock_irq(&timer.it_lock);
	}
	__set_current_state(TASK_RUNNING);
	expires = timer.it.cpu.expires;
	/* the timer is on our stack: wait until no tick on another CPU holds it */
	while ((!err && expires && posix_cpu_timer_set(&timer, 0, &zero, &left) == TIMER_RETRY) ||
	       posix_cpu_timer_del(&timer) == TIMER_RETRY) {
		spin_unlock_irq(&timer.it_lock);
		cpu_relax();
		spin_lock_irq(&timer.it_lock);
	}
	spin_unlock_irq(&timer.it_lock);
	if (err || !expires || (!left.it_value.tv_sec && !left.it_value.tv_nsec))
		return err;		/* it fired */
	if (flags & TIMER_ABSTIME)
		return -ERESTARTNOHAND;
	if (rmtp && copy_to_user(rmtp, &left.it_value, sizeof(left.it_value)))
		return -EFAULT;
	rb->clock = clock;
	rb->expires = expires;
	rb->rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

static long posix_cpu_nsleep_restart(struct restart_block *rb)
{
	return do_cpu_nanosleep(rb->clock, TIMER_ABSTIME, rb->expires, NULL);
}

long posix_cpu_nsleep(clockid_t clock, int flags, u64 ns, struct timespec64 *rmtp)
{
	long err;

	if (CPUCLOCK_PERTHREAD(clock) &&
	    (CPUCLOCK_PID(clock) == 0 || CPUCLOCK_PID(clock) == task_pid_vnr(current)))
		return -EINVAL;
	err = do_cpu_nanosleep(clock, flags, ns, rmtp);
	if (err == -ERESTART_RESTARTBLOCK)
		current->restart_block.fn = posix_cpu_nsleep_restart;
	return err;
}

/* A thread is reaped: its timers stop, left to their owners (Linux's posix_cpu_timers_exit). */
void posix_cpu_timers_exit(struct task_struct *tsk)
{
	struct cpu_timer *ctmr, *n;

	list_for_each_entry_safe(ctmr, n, &tsk->cpu_timers, entry)
		list_del_init(&ctmr->entry);
}

/* The process is gone: other processes' timers on its time stop.  Hold tasklist_lock. */
void posix_cpu_timers_exit_group(struct signal_struct *sig)
{
	struct cpu_timer *ctmr, *n;

	list_for_each_entry_safe(ctmr, n, &sig->cpu_timers, entry)
		list_del_init(&ctmr->entry);
}

/* ---- at the tick --------------------------------------------------------------- */

/* Moves the timers on @head that @samples reached to @firing. */
static void collect_timers(struct list_head *head, const u64 *samples, struct list_head *firing)
{
	struct cpu_timer *ctmr, *n;
	struct k_itimer *timer;

	list_for_each_entry_safe(ctmr, n, head, entry) {
		timer = container_of(ctmr, struct k_itimer, it.cpu);
		if (samples[CPUCLOCK_WHICH(timer->it_clock)] >= ctmr->expires) {
			list_move_tail(&ctmr->entry, firing);
			ctmr->firing = 1;
		}
	}
}

/* ITIMER_PROF or ITIMER_VIRTUAL reached: its signal, and its next period. */
static void check_cpu_itimer(struct task_struct *tsk, struct cpu_itimer *it, u64 now, int signo)
{
	if (!it->expires || now < it->expires)
		return;
	it->expires = it->incr ? it->expires + it->incr : 0;
	do_send_sig_info(signo, SEND_SIG_PRIV, tsk, true);
}

/*
 * RLIMIT_CPU, in seconds of user and system time: SIGKILL at the hard
 * limit; SIGXCPU at the soft one, which then moves one second on, so the
 * signal comes again each second (Linux's check_process_timers).
 */
static void check_rlimit_cpu(struct task_struct *tsk, u64 ptime)
{
	struct rlimit *rlim = &tsk->signal->rlim[RLIMIT_CPU];

	if (rlim->rlim_cur == RLIM_INFINITY)
		return;
	if (rlim->rlim_max != RLIM_INFINITY && ptime >= (u64)rlim->rlim_max * NSEC_PER_SEC) {
		do_send_sig_info(SIGKILL, SEND_SIG_PRIV, tsk, true);
		return;
	}
	if (ptime >= (u64)rlim->rlim_cur * NSEC_PER_SEC) {
		do_send_sig_info(SIGXCPU, SEND_SIG_PRIV, tsk, true);
		rlim->rlim_cur++;
	}
}

static void check_process_timers(struct task_struct *tsk, struct list_head *firing)
{
	struct signal_struct *sig = tsk->signal;
	struct task_cputime ct;
	u64 samples[CPUCLOCK_MAX];

	thread_group_cputime(tsk, &ct);
	samples[CPUCLOCK_PROF] = ct.utime + ct.stime;
	samples[CPUCLOCK_VIRT] = ct.utime;
	samples[CPUCLOCK_SCHED] = ct.sum_exec_runtime;
	collect_timers(&sig->cpu_timers, samples, firing);
	check_cpu_itimer(tsk, &sig->it[CPUCLOCK_PROF], samples[CPUCLOCK_PROF], SIGPROF);
	check_cpu_itimer(tsk, &sig->it[CPUCLOCK_VIRT], samples[CPUCLOCK_VIRT], SIGVTALRM);
	check_rlimit_cpu(tsk, samples[CPUCLOCK_PROF]);
}

static bool has_cpu_timers(struct task_struct *tsk, struct signal_struct *sig)
{
	return !list_empty(&tsk->cpu_timers) || !list_empty(&sig->cpu_timers) ||
	       sig->it[CPUCLOCK_PROF].expires || sig->it[CPUCLOCK_VIRT].expires ||
	       sig->rlim[RLIMIT_CPU].rlim_cur != RLIM_INFINITY;
}

/*
 * From the tick, interrupts off: the timers of the interrupted task and
 * of its process that its time reached, then their signals (Linux's
 * run_posix_cpu_timers).  Nothing to look at is the common case.
 */
void run_posix_cpu_timers(void)
{
	struct task_struct *tsk = current;
	struct signal_struct *sig = tsk->signal;
	struct cpu_timer *ctmr, *n;
	struct k_itimer *timer;
	u64 samples[CPUCLOCK_MAX];
	LIST_HEAD(firing);

	if (!sig || (tsk->flags & PF_EXITING) || !has_cpu_timers(tsk, sig))
		return;
	spin_lock(&tasklist_lock);
	samples[CPUCLOCK_PROF] = tsk->utime + tsk->stime;
	samples[CPUCLOCK_VIRT] = tsk->utime;
	samples[CPUCLOCK_SCHED] = tsk->se.sum_exec_runtime;
	collect_timers(&tsk->cpu_timers, samples, &firing);
	check_process_timers(tsk, &firing);
	spin_unlock(&tasklist_lock);
	list_for_each_entry_safe(ctmr, n, &firing, entry) {
		timer = container_of(ctmr, struct k_itimer, it.cpu);
		list_del_init(&ctmr->entry);	/* our private list: no lock */
		spin_lock(&timer->it_lock);
		ctmr->firing = 0;
		cpu_timer_fire(timer);
		spin_unlock(&timer->it_lock);
	}
}
