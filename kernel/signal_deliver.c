/*
 * kernel/signal_deliver.c: acting on signals, and telling parents.
 *
 * get_signal() runs on the way back to user mode: it takes the next
 * unblocked signal and either returns it for a user handler, or carries
 * out the default action here (ignore, stop the group, kill the group).
 * do_notify_parent() sends SIGCHLD at exit and wakes wait4() sleepers;
 * do_notify_parent_cldstop() does the same for stops and continues.
 */
#include <linux/kernel.h>
#include <linux/coredump.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/pidfd.h>
#include <linux/slab.h>
#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/sched/cputime.h>

bool sig_kernel_only(int sig);
bool sig_kernel_stop(int sig);
bool sig_kernel_ignore(int sig);
bool sig_kernel_coredump(int sig);
int __send_signal(int sig, kernel_siginfo_t *info, struct task_struct *t, bool group,
		  bool force);
void __sigqueue_free(struct sigqueue *q);
void wake_up_threads_for_stop(struct task_struct *p);
int __kill_pgrp_info(int sig, kernel_siginfo_t *info, struct pid *pgrp);

/*
 * Takes the lowest pending signal of @pending not in @mask; 0 if none.
 * @resched_timer: it was a periodic POSIX timer's, which must be rearmed.
 */
static int dequeue_from(struct sigpending *pending, sigset_t *mask, kernel_siginfo_t *info,
			bool *resched_timer)
{
	unsigned long ready = pending->signal.sig[0] & ~mask->sig[0];
	struct sigqueue *q, *found = NULL;
	bool more = false;
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzl(ready) + 1;
	list_for_each_entry(q, &pending->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		found = q;
	}
	if (!more)
		sigdelset(&pending->signal, sig);
	if (found) {
		list_del_init(&found->list);
		*info = found->info;
		*resched_timer = (found->flags & SIGQUEUE_PREALLOC) && info->si_code == SI_TIMER &&
				 info->si_sys_private;
		__sigqueue_free(found);
	} else {
		memset(info, 0, sizeof(*info));	/* queued without room for its info */
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	return sig;
}

/*
 * The next signal for @t (current) not in @mask, its own before its
 * process's.  Called with siglock held.  A periodic timer starts its next
 * period here, when its signal is taken, not when it fired: ITIMER_REAL
 * at SIGALRM, a POSIX timer at its own signal, for which siglock is let
 * go a moment, as Linux's dequeue_signal.
 */
int dequeue_signal(struct task_struct *t, sigset_t *mask, kernel_siginfo_t *info)
{
	bool resched_timer = false;
	int sig = dequeue_from(&t->pending, mask, info, &resched_timer);

	if (!sig) {
		sig = dequeue_from(&t->signal->shared_pending, mask, info, &resched_timer);
		if (sig == SIGALRM)
			itimer_real_rearm(t->signal);
	}
	recalc_sigpending();
	if (resched_timer) {
		spin_unlock(&t->sighand->siglock);
		posixtimer_rearm(info);
		spin_lock(&t->sighand->siglock);
		info->si_sys_private = 0;	/* the kernel's, not user space's */
	}
	return sig;
}

/*
 * The status a parent reads for @tsk: exit code or the killing signal,
 * and the CPU time given, in clock ticks (the sampled ticks, as Linux
 * gives them here, not the adjusted split).
 */
static void fill_chld_info(kernel_siginfo_t *info, struct task_struct *tsk, int why, int status,
			   u64 utime, u64 stime)
{
	struct pid_namespace *ns = task_active_pid_ns(tsk->parent);

	memset(info, 0, sizeof(*info));
	info->si_signo = SIGCHLD;
	info->si_code = why;
	info->u.chld.pid = task_tgid_nr_ns(tsk, ns);
	info->u.chld.uid = from_kuid_munged(tsk->parent->cred->user_ns, tsk->real_cred->uid);
	info->u.chld.status = status;
	info->u.chld.utime = nsec_to_clock_t(utime);
	info->u.chld.stime = nsec_to_clock_t(stime);
}

/*
 * Tells @tsk's parent that @tsk died.  Returns true if the parent does
 * not want to wait for it (SIGCHLD ignored or SA_NOCLDWAIT, or no exit
 * signal at all for a kernel thread's child): then it is reaped at once.
 * Called with tasklist_lock held.
 */
bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct sighand_struct *psig = tsk->parent->sighand;
	kernel_siginfo_t info;
	bool autoreap = false;
	int code = tsk->exit_code;
	u64 utime, stime;

	/* the last thread's times, and the released threads' (signal_struct) */
	task_cputime(tsk, &utime, &stime);
	utime += tsk->signal->utime;
	stime += tsk->signal->stime;
	if (code & 0x7f)
		fill_chld_info(&info, tsk, (code & 0x80) ? CLD_DUMPED : CLD_KILLED, code & 0x7f,
			       utime, stime);
	else
		fill_chld_info(&info, tsk, CLD_EXITED, code >> 8, utime, stime);
	spin_lock(&psig->siglock);
	if (sig == SIGCHLD && (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN ||
			       (psig->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDWAIT))) {
		autoreap = true;
		if (psig->action[SIGCHLD - 1].sa.sa_handler == SIG_IGN)
			sig = 0;
	}
	if (sig > 0 && sig <= _NSIG)
		__send_signal(sig, &info, tsk->parent, true, false);
	spin_unlock(&psig->siglock);
	wake_up_interruptible(&tsk->parent->signal->wait_chldexit);
	do_notify_pidfd(tsk);		/* pollers of its pidfds: the process has exited */
	return autoreap;
}

/* A stop or continue of @tsk's group, for its parent (CLD_STOPPED / CLD_CONTINUED). */
static void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	struct task_struct *parent = tsk->group_leader->real_parent;
	struct sighand_struct *psig = parent->sighand;
	kernel_siginfo_t info;
	unsigned long flags;
	u64 utime, stime;

	task_cputime(tsk->group_leader, &utime, &stime);	/* the leader's own, as Linux */
	fill_chld_info(&info, tsk->group_leader, why,
		       why == CLD_STOPPED ? tsk->signal->group_exit_code : SIGCONT, utime, stime);
	spin_lock_irqsave(&psig->siglock, flags);
	if (psig->action[SIGCHLD - 1].sa.sa_handler != SIG_IGN &&
	    !(psig->action[SIGCHLD - 1].sa.sa_flags & SA_NOCLDSTOP))
		__send_signal(SIGCHLD, &info, parent, true, false);
	spin_unlock_irqrestore(&psig->siglock, flags);
	wake_up_interruptible(&parent->signal->wait_chldexit);
}

/*
 * Is @pgrp orphaned (no member has a parent in another group of the same
 * session)?  Stop signals from the tty to an orphaned group are dropped,
 * and a group that becomes orphaned while stopped gets SIGHUP+SIGCONT.
 */
static bool will_become_orphaned_pgrp(struct pid *pgrp, struct task_struct *ignored)
{
	struct task_struct *p;

	do_each_pid_task(pgrp, PIDTYPE_PGID, p) {
		if (p == ignored || p->exit_state ||
		    p->real_parent->group_leader->pids[PIDTYPE_PID].pid == NULL)
			continue;
		if (task_pgrp(p->real_parent) != pgrp &&
		    task_session(p->real_parent) == task_session(p))
			return false;
	} while_each_pid_task(pgrp, PIDTYPE_PGID, p);
	return true;
}

bool is_current_pgrp_orphaned(void)
{
	return will_become_orphaned_pgrp(task_pgrp(current), NULL);
}

static bool has_stopped_jobs(struct pid *pgrp)
{
	struct task_struct *p;

	do_each_pid_task(pgrp, PIDTYPE_PGID, p) {
		if (p->signal->flags & SIGNAL_STOP_STOPPED)
			return true;
	} while_each_pid_task(pgrp, PIDTYPE_PGID, p);
	return false;
}

/* POSIX: a group orphaned by @tsk's exit with stopped members gets SIGHUP then SIGCONT. */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	struct pid *pgrp = task_pgrp(tsk);
	struct task_struct *ignored_task = tsk;

	if (!parent) {
		parent = tsk->real_parent;	/* our own exit */
	} else {
		ignored_task = NULL;		/* our parent's exit */
	}
	if (task_pgrp(parent) != pgrp && task_session(parent) == task_session(tsk) &&
	    will_become_orphaned_pgrp(pgrp, ignored_task) && has_stopped_jobs(pgrp)) {
		__kill_pgrp_info(SIGHUP, SEND_SIG_PRIV, pgrp);
		__kill_pgrp_info(SIGCONT, SEND_SIG_PRIV, pgrp);
	}
}

/* Stops this thread for a group stop; the last thread to stop tells the parent. */
static void do_signal_stop(int signr)
{
	struct signal_struct *sig = current->signal;
	bool notify = false;

	spin_lock_irq(&current->sighand->siglock);
	if (signr && !sig->group_stop_count && !(sig->flags & SIGNAL_STOP_STOPPED)) {
		sig->group_exit_code = signr;
		sig->group_stop_count = sig->nr_threads;
		wake_up_threads_for_stop(current);
	}
	if (sig->group_stop_count && --sig->group_stop_count == 0) {
		sig->flags = SIGNAL_STOP_STOPPED | (sig->flags & SIGNAL_UNKILLABLE);
		notify = true;
	}
	set_special_state(TASK_STOPPED);
	spin_unlock_irq(&current->sighand->siglock);
	if (notify) {
		spin_lock_irq(&tasklist_lock);
		do_notify_parent_cldstop(current, CLD_STOPPED);
		spin_unlock_irq(&tasklist_lock);
	}
	schedule();			/* until SIGCONT or SIGKILL */
}

/*
 * The next signal to act on.  Returns it with its handler in @ka, or
 * carries out a default action itself; returns 0 when nothing is left.
 */
int get_signal(struct k_sigaction *ka, kernel_siginfo_t *info)
{
	struct sighand_struct *sighand = current->sighand;
	struct signal_struct *signal = current->signal;
	int signr;

	for (;;) {
		spin_lock_irq(&sighand->siglock);
		if (signal->flags & SIGNAL_CLD_CONTINUED) {
			signal->flags &= ~SIGNAL_CLD_CONTINUED;
			spin_unlock_irq(&sighand->siglock);
			spin_lock_irq(&tasklist_lock);
			do_notify_parent_cldstop(current, CLD_CONTINUED);
			spin_unlock_irq(&tasklist_lock);
			continue;
		}
		if (signal->group_stop_count && !(signal->flags & SIGNAL_GROUP_EXIT)) {
			spin_unlock_irq(&sighand->siglock);
			do_signal_stop(0);
			continue;
		}
		if (signal->flags & SIGNAL_GROUP_EXIT) {
			signr = SIGKILL;
			sigdelset(&current->pending.signal, SIGKILL);
			recalc_sigpending();
			spin_unlock_irq(&sighand->siglock);
			do_group_exit(signal->group_exit_code);
		}
		signr = dequeue_signal(current, &current->blocked, info);
		if (!signr) {
			spin_unlock_irq(&sighand->siglock);
			return 0;
		}
		*ka = sighand->action[signr - 1];
		if (ka->sa.sa_handler == SIG_IGN) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (ka->sa.sa_handler != SIG_DFL) {
			if (ka->sa.sa_flags & SA_RESETHAND)
				sighand->action[signr - 1].sa.sa_handler = SIG_DFL;
			spin_unlock_irq(&sighand->siglock);
			return signr;
		}
		spin_unlock_irq(&sighand->siglock);
		if (sig_kernel_ignore(signr))
			continue;
		/* an init sees here only what it must take: see sig_task_ignored */
		if ((signal->flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(signr))
			continue;
		if (sig_kernel_stop(signr)) {
			if (signr != SIGSTOP && is_current_pgrp_orphaned())
				continue;	/* POSIX: no tty stops for orphaned groups */
			do_signal_stop(signr);
			continue;
		}
		current->flags |= PF_SIGNALED;
		if (sig_kernel_coredump(signr) && do_coredump(info))
			signr |= 0x80;		/* WCOREDUMP */
		do_group_exit(signr);
	}
}

/* Exit: this thread takes no more signals; pending group ones go to a sibling. */
void exit_signals(struct task_struct *tsk)
{
	spin_lock_irq(&tsk->sighand->siglock);
	tsk->flags |= PF_EXITING;
	if (tsk->signal->group_stop_count && --tsk->signal->group_stop_count == 0 &&
	    !(tsk->signal->flags & SIGNAL_GROUP_EXIT))
		tsk->signal->flags = SIGNAL_STOP_STOPPED | (tsk->signal->flags & SIGNAL_UNKILLABLE);
	spin_unlock_irq(&tsk->sighand->siglock);
}

/* execve: handlers reset to default; ignored signals stay ignored (POSIX). */
void flush_signal_handlers(struct task_struct *t, int force_default)
{
	int i;

	for (i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &t->sighand->action[i];

		if (force_default || ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}
