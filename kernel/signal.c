/*
 * kernel/signal.c: generating, queueing and dequeueing signals.
 *
 * A signal is pending on a thread (tkill, faults) or on the whole thread
 * group (kill).  Sending decides at once whether it is ignored
 * (prepare_signal), queues it, and picks a thread to wake
 * (complete_signal); a fatal one starts the group's exit right there.
 * The receiver acts on it when it next returns to user mode (get_signal,
 * called from the x86 code in signal_frame.c).
 *
 * Namespace inits (SIGNAL_UNKILLABLE) only get the signals they asked for
 * (part B10): a default-action signal is dropped unless it is SIGKILL or
 * SIGSTOP sent from an ancestor namespace or by the kernel.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/signal.h>
#include <linux/signalfd.h>
#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>

struct sigqueue *__sigqueue_alloc(struct task_struct *t, gfp_t gfp, bool override_rlimit);
void __sigqueue_free(struct sigqueue *q);

#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | \
				 sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define SIG_KERNEL_IGNORE_MASK	(sigmask(SIGCONT) | sigmask(SIGCHLD) | \
				 sigmask(SIGWINCH) | sigmask(SIGURG))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
				  sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) | \
				  sigmask(SIGBUS) | sigmask(SIGSYS) | sigmask(SIGXCPU) | \
				  sigmask(SIGXFSZ))

static bool sig_in(int sig, unsigned long mask)
{
	return sig < SIGRTMIN && (sigmask(sig) & mask);
}

bool sig_kernel_only(int sig) { return sig_in(sig, SIG_KERNEL_ONLY_MASK); }
bool sig_kernel_stop(int sig) { return sig_in(sig, SIG_KERNEL_STOP_MASK); }
bool sig_kernel_ignore(int sig) { return sig_in(sig, SIG_KERNEL_IGNORE_MASK); }
bool sig_kernel_coredump(int sig) { return sig_in(sig, SIG_KERNEL_COREDUMP_MASK); }

static void *sig_handler(struct task_struct *t, int sig)
{
	return t->sighand->action[sig - 1].sa.sa_handler;
}

static bool sig_handler_ignored(void *handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* Would @t ignore @sig?  @force: from the kernel or an ancestor namespace. */
static bool sig_task_ignored(struct task_struct *t, int sig, bool force)
{
	void *handler = sig_handler(t, sig);

	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_kernel_only(sig)))
		return true;
	if ((t->flags & PF_KTHREAD) && handler == SIG_DFL && !force)
		return true;		/* kernel threads take no user signals by default */
	return sig_handler_ignored(handler, sig);
}

static bool sig_ignored(struct task_struct *t, int sig, bool force)
{
	/* a blocked signal is kept: the handler may change before it is unblocked */
	if (sigismember(&t->blocked, sig) || sigismember(&t->real_blocked, sig))
		return false;
	return sig_task_ignored(t, sig, force);
}

static bool has_pending(sigset_t *signal, sigset_t *blocked)
{
	return (signal->sig[0] & ~blocked->sig[0]) != 0;
}

static bool recalc_sigpending_tsk(struct task_struct *t)
{
	if ((t->signal->flags & SIGNAL_GROUP_EXIT) || t->signal->group_stop_count ||
	    has_pending(&t->pending.signal, &t->blocked) ||
	    has_pending(&t->signal->shared_pending.signal, &t->blocked)) {
		set_tsk_thread_flag(t, TIF_SIGPENDING);
		return true;
	}
	return false;
}

void recalc_sigpending(void)
{
	if (!recalc_sigpending_tsk(current))
		clear_tsk_thread_flag(current, TIF_SIGPENDING);
}

/* Tells @t a signal is there; @resume also wakes it from a stop or a killable sleep. */
void signal_wake_up(struct task_struct *t, bool resume)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	wake_up_state(t, resume ? TASK_INTERRUPTIBLE | TASK_WAKEKILL : TASK_INTERRUPTIBLE);
}

void flush_signals(struct task_struct *t)
{
	flush_sigqueue(&t->pending);
	flush_sigqueue(&t->signal->shared_pending);
	clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

/* Removes every queued @mask signal from @s. */
static void flush_sigqueue_mask(unsigned long mask, struct sigpending *s)
{
	struct sigqueue *q, *n;

	if (!(s->signal.sig[0] & mask))
		return;
	s->signal.sig[0] &= ~mask;
	list_for_each_entry_safe(q, n, &s->list, list) {
		if (sigmask(q->info.si_signo) & mask) {
			list_del_init(&q->list);
			__sigqueue_free(q);
		}
	}
}

/*
 * The side effects of a signal at the time it is sent: SIGCONT cancels
 * pending stops and resumes a stopped group, a stop cancels a pending
 * SIGCONT.  Returns false if the signal is to be ignored.
 */
bool prepare_signal(int sig, struct task_struct *p, bool force)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return sig == SIGKILL;	/* the group is dying anyway */
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(sigmask(SIGCONT), &signal->shared_pending);
		for_each_thread(p, t)
			flush_sigqueue_mask(sigmask(SIGCONT), &t->pending);
	} else if (sig == SIGCONT) {
		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &signal->shared_pending);
		for_each_thread(p, t) {
			flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &t->pending);
			wake_up_state(t, __TASK_STOPPED);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED) {
			signal->flags = SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED |
					(signal->flags & SIGNAL_UNKILLABLE);
			signal->group_exit_code = 0;
		}
		signal->group_stop_count = 0;
	}
	return !sig_ignored(p, sig, force);
}

static bool wants_signal(int sig, struct task_struct *p)
{
	return !sigismember(&p->blocked, sig) && !(p->flags & PF_EXITING);
}

/*
 * No SIGNAL_UNKILLABLE test here, as in Linux: sig_task_ignored already
 * dropped what a namespace init must not get, so a signal that reaches
 * complete_signal kills even an init, and sets the group's exit code that
 * zap_pid_ns_processes may replace with the reboot signal.
 */
static bool sig_fatal(struct task_struct *p, int sig)
{
	return sig_handler(p, sig) == SIG_DFL && !sig_kernel_ignore(sig) &&
	       !sig_kernel_stop(sig);
}

/*
 * Picks the thread to handle @sig and wakes it; a fatal signal kills the
 * group now, unless it dumps core: that one is taken by the thread
 * through get_signal, which writes the core first (Linux's complete_signal).
 */
void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (!wants_signal(sig, p)) {
		if (!group)
			return;		/* blocked on this thread: it waits */
		for_each_thread(p, t)
			if (wants_signal(sig, t))
				break;
		if (!t)
			return;		/* every thread blocks it */
	}
	if (sig_fatal(p, sig) && !sig_kernel_coredump(sig) && !(signal->flags & SIGNAL_GROUP_EXIT) &&
	    !sigismember(&t->real_blocked, sig) &&
	    (sig == SIGKILL || !(t->flags & PF_KTHREAD))) {
		signal->flags = SIGNAL_GROUP_EXIT | (signal->flags & SIGNAL_UNKILLABLE);
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		for_each_thread(p, t) {
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* Fills the siginfo a plain kill() carries, as @t's namespaces see the sender. */
/*
 * The siginfo a kill() (SI_USER) or, to one thread, a tkill() (SI_TKILL)
 * carries: the sender as its own namespaces name it (Linux's
 * prepare_kill_siginfo); kill, tkill, tgkill and pidfd_send_signal.
 */
void prepare_kill_siginfo(int sig, kernel_siginfo_t *info, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->si_pid = task_tgid_vnr(current);
	info->si_uid = from_kuid_munged(current_user_ns(), current_uid());
}

static void fill_user_info(kernel_siginfo_t *info, int sig, struct task_struct *t, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->si_pid = task_tgid_nr_ns(current, task_active_pid_ns(t));
	info->si_uid = from_kuid_munged(t->cred->user_ns, current_uid());
}

enum siginfo_layout siginfo_layout(int sig, int si_code)
{
	static const struct { int limit; enum siginfo_layout layout; } filter[] = {
		[SIGILL] = { 11, SIL_FAULT }, [SIGFPE] = { 15, SIL_FAULT },
		[SIGSEGV] = { 10, SIL_FAULT }, [SIGBUS] = { 5, SIL_FAULT },
		[SIGTRAP] = { 6, SIL_FAULT }, [SIGCHLD] = { 6, SIL_CHLD },
		[SIGSYS] = { 2, SIL_SYS },
	};

	if (si_code > SI_USER && si_code < SI_KERNEL) {
		if (sig < (int)ARRAY_SIZE(filter) && si_code <= filter[sig].limit)
			return filter[sig].layout;
		return si_code <= NSIGPOLL ? SIL_POLL : SIL_KILL;
	}
	if (si_code == SI_TIMER)
		return SIL_TIMER;
	if (si_code == SI_SIGIO)
		return SIL_POLL;
	return si_code < 0 ? SIL_RT : SIL_KILL;
}

/* Does @info name its sender (si_pid and si_uid): kill's, sigqueue's, SIGCHLD's? */
static bool has_si_pid_and_uid(const kernel_siginfo_t *info)
{
	enum siginfo_layout layout = siginfo_layout(info->si_signo, info->si_code);

	return layout == SIL_KILL || layout == SIL_CHLD || layout == SIL_RT;
}

static bool is_si_special(const kernel_siginfo_t *info)
{
	return info == SEND_SIG_NOINFO || info == SEND_SIG_PRIV;
}

/*
 * Queues @sig with its siginfo.  A classic signal from the kernel or
 * kill() goes past RLIMIT_SIGPENDING; any other is queued without its
 * siginfo when it cannot be charged, except a real-time one sent with a
 * siginfo of the sender's (sigqueue, timers' and SIGIO's), which is
 * refused: EAGAIN (Linux's __send_signal).
 */
int __send_signal(int sig, kernel_siginfo_t *info, struct task_struct *t, bool group,
		  bool force)
{
	struct sigpending *pending = group ? &t->signal->shared_pending : &t->pending;
	bool override_rlimit = false;
	struct sigqueue *q;

	if (!prepare_signal(sig, t, force))
		return 0;
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;		/* classic signals do not queue twice */
	if (sig < SIGRTMIN)
		override_rlimit = is_si_special(info) || info->si_code >= 0;
	q = __sigqueue_alloc(t, GFP_ATOMIC, override_rlimit);
	if (q) {
		if (info == SEND_SIG_NOINFO) {
			fill_user_info(&q->info, sig, t, SI_USER);
		} else if (info == SEND_SIG_PRIV) {
			memset(&q->info, 0, sizeof(q->info));
			q->info.si_signo = sig;
			q->info.si_code = SI_KERNEL;
		} else {
			q->info = *info;
		}
		list_add_tail(&q->list, &pending->list);
	} else if (!is_si_special(info) && sig >= SIGRTMIN && info->si_code != SI_USER) {
		return -EAGAIN;		/* the queue is full: refused */
	}			/* else sent, its siginfo lost */
	signalfd_notify(t, sig);
	sigaddset(&pending->signal, sig);
	complete_signal(sig, t, group);
	return 0;
}

/*
 * As Linux's send_signal_locked(): a siginfo that names its sender (kill,
 * sigqueue, SIGCHLD) gets, in a copy, the sender's uid told in the
 * target's user namespace (it was in the sender's), and si_pid 0 if the
 * sender has no pid in the target's pid namespace (an ancestor's); such
 * a signal, like a kernel's own, is "forced" past a namespace init's
 * protection.
 */
static int send_signal(int sig, kernel_siginfo_t *info, struct task_struct *t, bool group)
{
	kernel_siginfo_t rewritten;
	struct user_namespace *t_user_ns;
	bool force = false;

	if (info == SEND_SIG_NOINFO) {
		force = !task_pid_nr_ns(current, task_active_pid_ns(t));
	} else if (info == SEND_SIG_PRIV) {
		force = true;
	} else if (has_si_pid_and_uid(info)) {
		rewritten = *info;
		info = &rewritten;
		t_user_ns = t->cred->user_ns;
		if (current_user_ns() != t_user_ns)
			info->si_uid = from_kuid_munged(t_user_ns,
							make_kuid(current_user_ns(), info->si_uid));
		force = info->si_code == SI_KERNEL;
		if (!task_pid_nr_ns(current, task_active_pid_ns(t))) {
			info->si_pid = 0;
			force = true;
		}
	}
	return __send_signal(sig, info, t, group, force);
}

int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, bool group)
{
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&p->sighand->siglock, flags);
	if (p->sighand && !(p->exit_state))
		ret = send_signal(sig, info, p, group);
	else if (p->sighand)
		ret = 0;		/* a zombie: the signal has nowhere to go */
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	return do_send_sig_info(sig, info, p, false);
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	return send_sig_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, p);
}

/* kill(2)'s permission rule (Linux's kill_ok_by_cred). */
static bool kill_ok_by_cred(struct task_struct *t)
{
	const struct cred *cred = current_cred(), *tcred = t->cred;

	return uid_eq(cred->euid, tcred->suid) || uid_eq(cred->euid, tcred->uid) ||
	       uid_eq(cred->uid, tcred->suid) || uid_eq(cred->uid, tcred->uid) ||
	       ns_capable(tcred->user_ns, CAP_KILL);
}

static int check_kill_permission(int sig, kernel_siginfo_t *info, struct task_struct *t)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (info == SEND_SIG_PRIV || (info != SEND_SIG_NOINFO && info->si_code > 0))
		return 0;		/* from the kernel (Linux's !si_fromuser): no sender to check */
	if (t->group_leader == current->group_leader || kill_ok_by_cred(t))
		return 0;
	if (sig == SIGCONT && task_session(t) == task_session(current))
		return 0;		/* job control within a session */
	return -EPERM;
}

int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, info, p);

	if (!ret && sig)
		ret = do_send_sig_info(sig, info, p, true);
	return ret;
}

int kill_pid_info(int sig, kernel_siginfo_t *info, struct pid *pid)
{
	struct task_struct *p = pid_task(pid, PIDTYPE_PID);

	if (!p)
		return -ESRCH;
	return group_send_sig_info(sig, info, p);
}

/* One thread, not its group (tkill, pidfd_send_signal to a thread). */
static int thread_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, info, p);

	if (!ret && sig)
		ret = do_send_sig_info(sig, info, p, false);
	return ret;
}

/* kill_pid_info for the thread @pid names alone.  Under tasklist_lock. */
int kill_pid_thread_info(int sig, kernel_siginfo_t *info, struct pid *pid)
{
	struct task_struct *p = pid_task(pid, PIDTYPE_PID);

	return p ? thread_send_sig_info(sig, info, p) : -ESRCH;
}

int kill_pid(struct pid *pid, int sig, int priv)
{
	return kill_pid_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, pid);
}

/* Every process of the group: success if any got it, else the last error. */
int __kill_pgrp_info(int sig, kernel_siginfo_t *info, struct pid *pgrp)
{
	struct task_struct *p;
	int ret = -ESRCH, err;
	bool success = false;

	do_each_pid_task(pgrp, PIDTYPE_PGID, p) {
		err = group_send_sig_info(sig, info, p);
		success |= !err;
		ret = err;
	} while_each_pid_task(pgrp, PIDTYPE_PGID, p);
	return success ? 0 : ret;
}

/* May be called from an interrupt (the tty's ^C). */
int kill_pgrp(struct pid *pid, int sig, int priv)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = __kill_pgrp_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* kill(-1): every process we can see except ourselves and our init (B9). */
static int kill_every_process(int sig, kernel_siginfo_t *info)
{
	struct task_struct *p;
	int ret, count = 0, retval = 0;

	for_each_process(p) {
		if (p->group_leader != p || task_pid_vnr(p) <= 1 ||
		    p->group_leader == current->group_leader || (p->flags & PF_KTHREAD))
			continue;
		ret = group_send_sig_info(sig, info, p);
		++count;
		if (ret != -EPERM)
			retval = ret;
	}
	return count ? retval : -ESRCH;
}

/* kill(2): pid > 0 one process, 0 our group, -1 everyone visible, < -1 a group. */
int kill_something_info(int sig, kernel_siginfo_t *info, pid_t pid)
{
	int ret;

	if (pid > 0) {
		spin_lock_irq(&tasklist_lock);
		ret = kill_pid_info(sig, info, find_vpid(pid));
		spin_unlock_irq(&tasklist_lock);
		return ret;
	}
	if (pid == INT_MIN)
		return -ESRCH;		/* -INT_MIN overflows */
	spin_lock_irq(&tasklist_lock);
	if (pid != -1)
		ret = __kill_pgrp_info(sig, info, pid ? find_vpid(-pid) : task_pgrp(current));
	else
		ret = kill_every_process(sig, info);
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

/*
 * One thread, which must belong to @tgid when that is given (tkill,
 * tgkill, rt_tgsigqueueinfo), as Linux's do_send_specific.
 */
int do_send_specific(pid_t tgid, pid_t pid, int sig, kernel_siginfo_t *info)
{
	struct task_struct *p;
	int error = -ESRCH;

	spin_lock_irq(&tasklist_lock);
	p = find_task_by_vpid(pid);
	if (p && (tgid <= 0 || task_tgid_vnr(p) == tgid)) {
		error = thread_send_sig_info(sig, info, p);
		if (error == -ESRCH)
			error = 0;	/* it died as the signal arrived */
	}
	spin_unlock_irq(&tasklist_lock);
	return error;
}

/* rt_sigaction setting SIG_IGN: pending instances of @sig are discarded (POSIX). */
void discard_pending(int sig)
{
	struct task_struct *t;

	flush_sigqueue_mask(sigmask(sig), &current->signal->shared_pending);
	for_each_thread(current, t)
		flush_sigqueue_mask(sigmask(sig), &t->pending);
}

/*
 * Linux's force_sig_info_to_task: a synchronous signal for current (a
 * fault, a broken signal frame).  It cannot wait: blocked or ignored, it
 * is unblocked and its handler reset to SIG_DFL, so it kills.  @dfl
 * resets the handler whatever it is (HANDLER_SIG_DFL: force_fatal_sig).
 */
static int force_sig_info_to_task(kernel_siginfo_t *info, bool dfl)
{
	struct task_struct *t = current;
	struct k_sigaction *action = &t->sighand->action[info->si_signo - 1];
	int sig = info->si_signo;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (dfl || action->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		action->sa.sa_handler = SIG_DFL;
		if (sigismember(&t->blocked, sig)) {
			sigdelset(&t->blocked, sig);
			recalc_sigpending_tsk(t);
		}
	}
	if (action->sa.sa_handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;	/* even an init dies of its own faults */
	ret = __send_signal(sig, info, t, false, true);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
	return ret;
}

int force_sig_info(kernel_siginfo_t *info)
{
	return force_sig_info_to_task(info, false);
}

static void kernel_siginfo(kernel_siginfo_t *info, int sig)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_KERNEL;
}

/* @sig kills current whatever its handler: a handler that cannot be run (Linux's). */
void force_fatal_sig(int sig)
{
	kernel_siginfo_t info;

	kernel_siginfo(&info, sig);
	force_sig_info_to_task(&info, true);
}

/*
 * A signal frame for @sig could not be written (Linux's force_sigsegv):
 * SIGSEGV, and if it was SIGSEGV's own handler that could not run, a
 * fatal one, or the same frame would fail again forever.
 */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		force_fatal_sig(SIGSEGV);
	else
		force_sig(SIGSEGV);
}

int force_sig(int sig)
{
	kernel_siginfo_t info;

	kernel_siginfo(&info, sig);
	return force_sig_info(&info);
}

/*
 * Will @sig kill @tsk rather than run a handler?  Mirrors Linux's
 * unhandled_signal: the fault log lines are printed only for those, so
 * a program that catches its own faults (trinity's children, a garbage
 * collector) does not fill the console.  Init's are always shown.
 */
bool unhandled_signal(struct task_struct *tsk, int sig)
{
	void *handler = tsk->sighand->action[sig - 1].sa.sa_handler;

	if (is_global_init(tsk))
		return true;
	return handler == SIG_IGN || handler == SIG_DFL;
}

void force_sig_fault(int sig, int code, void *addr)
{
	kernel_siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.u.fault.addr = addr;
	force_sig_info(&info);
}

/* A group stop: every other thread must notice it and stop too. */
void wake_up_threads_for_stop(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (t != p && !(t->flags & PF_EXITING))
			signal_wake_up(t, false);
}

/* Sends SIGKILL to every other thread of @p's group (exit_group, exec). */
void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;

	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		if (t == p || t->exit_state)
			continue;
		sigaddset(&t->pending.signal, SIGKILL);
		signal_wake_up(t, true);
	}
}
