/*
 * kernel/sys_signal.c: the signal system calls.
 *
 * kill, tkill and tgkill send (see signal.c for how); rt_sigaction,
 * rt_sigprocmask, sigaltstack and friends read and change what a task
 * does with signals.  SIGKILL and SIGSTOP can be neither caught, nor
 * blocked, nor ignored, which every one of these calls enforces.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/cred.h>
#include <linux/time.h>
#include <linux/futex.h>

int kill_something_info(int sig, kernel_siginfo_t *info, pid_t pid);
int do_send_specific(pid_t tgid, pid_t pid, int sig, kernel_siginfo_t *info);
void discard_pending(int sig);

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

void set_current_blocked(sigset_t *newset)
{
	struct task_struct *t = current;

	spin_lock_irq(&t->sighand->siglock);
	t->blocked.sig[0] = newset->sig[0] & ~UNBLOCKABLE;
	recalc_sigpending();
	spin_unlock_irq(&t->sighand->siglock);
}

int sigprocmask(int how, sigset_t *set, sigset_t *oldset)
{
	sigset_t newset = current->blocked;

	if (oldset)
		*oldset = current->blocked;
	switch (how) {
	case SIG_BLOCK:
		newset.sig[0] |= set->sig[0];
		break;
	case SIG_UNBLOCK:
		newset.sig[0] &= ~set->sig[0];
		break;
	case SIG_SETMASK:
		newset = *set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(&newset);
	return 0;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	kernel_siginfo_t info;

	prepare_kill_siginfo(sig, &info, SI_USER);
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	return kill_something_info(sig, &info, pid);
}

/* tkill/tgkill: the siginfo says SI_TKILL and who sent it (Linux's do_tkill). */
static int do_tkill(pid_t tgid, pid_t pid, int sig)
{
	kernel_siginfo_t info;

	prepare_kill_siginfo(sig, &info, SI_TKILL);
	return do_send_specific(tgid, pid, sig, &info);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction *, act,
		struct sigaction *, oact, size_t, sigsetsize)
{
	struct k_sigaction new, old;
	struct k_sigaction *k;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	if (act && copy_from_user(&new.sa, act, sizeof(new.sa)))
		return -EFAULT;
	k = &current->sighand->action[sig - 1];
	spin_lock_irq(&current->sighand->siglock);
	old = *k;
	if (act) {
		new.sa.sa_mask.sig[0] &= ~UNBLOCKABLE;
		*k = new;
		/* POSIX: setting SIG_IGN (or SIG_DFL for an ignore-default) discards pending ones */
		if (new.sa.sa_handler == SIG_IGN ||
		    (new.sa.sa_handler == SIG_DFL && (sig == SIGCHLD || sig == SIGCONT ||
						       sig == SIGURG || sig == SIGWINCH)))
			discard_pending(sig);
	}
	spin_unlock_irq(&current->sighand->siglock);
	if (oact && copy_to_user(oact, &old.sa, sizeof(old.sa)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, sigset_t *, nset, sigset_t *, oset,
		size_t, sigsetsize)
{
	sigset_t old = current->blocked, new;
	int err;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		err = sigprocmask(how, &new, NULL);
		if (err)
			return err;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t *, uset, size_t, sigsetsize)
{
	sigset_t pending;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	spin_lock_irq(&current->sighand->siglock);
	pending.sig[0] = (current->pending.signal.sig[0] |
			  current->signal->shared_pending.signal.sig[0]) & current->blocked.sig[0];
	spin_unlock_irq(&current->sighand->siglock);
	return copy_to_user(uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/*
 * ppoll, pselect6, epoll_pwait: @usigmask is the blocked set while the
 * call waits.  1 if it was set (the old one in *@old), 0 without one,
 * EINVAL for a wrong size, EFAULT (Linux's set_user_sigmask).
 */
long set_user_sigmask(const sigset_t *usigmask, size_t sigsetsize, sigset_t *old)
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

/*
 * The call is over: the old mask comes back now, or, if a signal
 * @interrupted it, once that signal's handler is set up, as sigsuspend
 * (Linux's restore_saved_sigmask_unless).
 */
void restore_saved_sigmask_unless(long changed, sigset_t *old, bool interrupted)
{
	if (changed <= 0)
		return;
	if (interrupted) {
		current->saved_sigmask = *old;
		set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	} else {
		set_current_blocked(old);
	}
}

/* Sleeps until a signal is delivered; the handler then returns -EINTR to us. */
static long sigsuspend(sigset_t *set)
{
	current->saved_sigmask = current->blocked;
	set_current_blocked(set);
	while (!signal_pending(current)) {
		__set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	set_tsk_thread_flag(current, TIF_RESTORE_SIGMASK);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, sigset_t *, unewset, size_t, sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	return sigsuspend(&newset);
}

SYSCALL_DEFINE0(pause)
{
	while (!signal_pending(current)) {
		__set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* Linux's do_sigaltstack: no change while running on it; SS_ONSTACK is taken as 0. */
static int do_sigaltstack(const struct user_stack *ss, struct user_stack *oss, unsigned long sp)
{
	struct task_struct *t = current;
	unsigned int mode;

	if (oss) {
		memset(oss, 0, sizeof(*oss));	/* the padding after ss_flags goes to user space */
		oss->ss_sp = (void *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;		/* cannot change the stack we are running on */
	mode = ss->ss_flags & ~SS_FLAG_BITS;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
	} else {
		if (ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		t->sas_ss_sp = (unsigned long)ss->ss_sp;
		t->sas_ss_size = ss->ss_size;
	}
	t->sas_ss_flags = ss->ss_flags;
	return 0;
}

/* rt_sigreturn puts back the alternate stack the frame recorded (errors ignored). */
void restore_altstack(const struct user_stack *uss)
{
	do_sigaltstack(uss, NULL, task_pt_regs(current)->sp);
}

SYSCALL_DEFINE2(sigaltstack, const struct user_stack *, uss, struct user_stack *, uoss)
{
	struct user_stack new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, &old, task_pt_regs(current)->sp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* Resumes a call interrupted by a signal that had no handler (nanosleep, ...). */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &current->restart_block;

	return rb->fn ? rb->fn(rb) : -EINTR;
}

/*
 * rt_sigtimedwait(2) (sigwaitinfo, sigtimedwait): take one of @these
 * synchronously.  While waiting, they are unblocked so their arrival
 * wakes us, and real_blocked remembers the mask to go back to, as
 * Linux's do_sigtimedwait.
 */
static long do_sigtimedwait(const sigset_t *which, kernel_siginfo_t *info, long timeout)
{
	struct task_struct *tsk = current;
	sigset_t mask;
	int sig;

	mask.sig[0] = ~(which->sig[0] & ~UNBLOCKABLE);
	spin_lock_irq(&tsk->sighand->siglock);
	sig = dequeue_signal(tsk, &mask, info);
	if (!sig && timeout) {
		tsk->real_blocked = tsk->blocked;
		tsk->blocked.sig[0] &= mask.sig[0];
		recalc_sigpending();
		spin_unlock_irq(&tsk->sighand->siglock);
		__set_current_state(TASK_INTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
		spin_lock_irq(&tsk->sighand->siglock);
		tsk->blocked = tsk->real_blocked;
		sigemptyset(&tsk->real_blocked);
		sig = dequeue_signal(tsk, &mask, info);
	}
	spin_unlock_irq(&tsk->sighand->siglock);
	if (sig)
		return sig;
	return timeout ? -EINTR : -EAGAIN;
}

SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t *, uthese, kernel_siginfo_t *, uinfo,
		const struct timespec64 *, uts, size_t, sigsetsize)
{
	struct timespec64 ts;
	kernel_siginfo_t info;
	long timeout = MAX_SCHEDULE_TIMEOUT, ret;
	sigset_t these;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		timeout = nsecs_to_jiffies((u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec);
	}
	ret = do_sigtimedwait(&these, &info, timeout);
	if (ret > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		ret = -EFAULT;
	return ret;
}

/*
 * The caller's own siginfo for @sig (Linux's __copy_siginfo_from_user:
 * si_signo is @sig whatever the caller wrote there).  A process may not
 * pretend to be the kernel (si_code >= 0) or a tkill (SI_TKILL) except
 * to itself (may_queue_siginfo: do_rt_sigqueueinfo's EPERM).
 */
static int copy_user_siginfo(int sig, kernel_siginfo_t *info, const kernel_siginfo_t *uinfo)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	info->si_signo = sig;
	return 0;
}

static bool may_queue_siginfo(const kernel_siginfo_t *info, pid_t pid)
{
	return (info->si_code < 0 && info->si_code != SI_TKILL) || task_pid_vnr(current) == pid;
}

/*
 * rt_sigqueueinfo(2): kill() of one process with the caller's own siginfo.
 * Unlike kill(), only a process id: 0 and negative numbers name no process
 * (ESRCH), as Linux's kill_proc_info; signal 0 checks that it may be sent.
 */
SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, kernel_siginfo_t *, uinfo)
{
	kernel_siginfo_t info;
	int ret = copy_user_siginfo(sig, &info, uinfo);

	if (ret)
		return ret;
	if (!may_queue_siginfo(&info, pid))
		return -EPERM;
	spin_lock_irq(&tasklist_lock);
	ret = kill_pid_info(sig, &info, pid > 0 ? find_vpid(pid) : NULL);
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

/* rt_tgsigqueueinfo(2): the same for one thread of @tgid (pthread_sigqueue). */
SYSCALL_DEFINE4(rt_tgsigqueueinfo, pid_t, tgid, pid_t, pid, int, sig, kernel_siginfo_t *, uinfo)
{
	kernel_siginfo_t info;
	int ret = copy_user_siginfo(sig, &info, uinfo);

	if (ret)
		return ret;
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	if (!may_queue_siginfo(&info, pid))
		return -EPERM;
	return do_send_specific(tgid, pid, sig, &info);
}
