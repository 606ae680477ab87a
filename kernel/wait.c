/*
 * kernel/wait.c: exit(2), exit_group(2), wait4(2) and waitid(2).
 *
 * do_wait() looks at the caller's children (and its other threads'
 * children, since a process is the unit of parenthood) for one that
 * matches the pid selector and the options, collects its state, and
 * sleeps on the thread group's wait_chldexit queue otherwise; exiting,
 * stopping and continuing children wake it (do_notify_parent).  waitid
 * may name the child by a pidfd (P_PIDFD, kernel/pidfd.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/cred.h>
#include <linux/string.h>
#include <linux/wait_api.h>
#include <linux/pidfd.h>
#include <linux/err.h>
#include <linux/resource.h>
#include <linux/sched/cputime.h>

struct wait_opts {
	enum pid_type wo_type;		/* PIDTYPE_PID, PIDTYPE_PGID, or PIDTYPE_MAX for any */
	struct pid *wo_pid;
	int wo_flags;
	int wo_stat;			/* the status word wait4 reports */
	kernel_siginfo_t *wo_info;	/* waitid's */
	struct rusage *wo_rusage;	/* the child's usage, for wait4's and waitid's last argument */
	pid_t wo_result;
};

static bool eligible_pid(struct wait_opts *wo, struct task_struct *p)
{
	return wo->wo_type == PIDTYPE_MAX ||
	       (wo->wo_type == PIDTYPE_PID ? task_pid(p) : task_pgrp(p)) == wo->wo_pid;
}

/* __WCLONE picks children whose exit signal is not SIGCHLD; __WALL picks all. */
static bool eligible_child(struct wait_opts *wo, struct task_struct *p)
{
	if (!eligible_pid(wo, p))
		return false;
	if (wo->wo_flags & __WALL)
		return true;
	return (p->exit_signal != SIGCHLD) == !!(wo->wo_flags & __WCLONE);
}

static void fill_wait_info(struct wait_opts *wo, struct task_struct *p, int code, int status)
{
	kernel_siginfo_t *info = wo->wo_info;

	if (!info)
		return;
	memset(info, 0, sizeof(*info));
	info->si_signo = SIGCHLD;
	info->si_code = code;
	info->u.chld.pid = task_tgid_vnr(p);
	info->u.chld.uid = from_kuid_munged(current_user_ns(), p->real_cred->uid);
	info->u.chld.status = status;
}

/* What the child used, itself and its reaped children (getrusage's RUSAGE_BOTH). */
static void fill_wait_rusage(struct wait_opts *wo, struct task_struct *p)
{
	if (wo->wo_rusage)
		getrusage(p, RUSAGE_BOTH, wo->wo_rusage);
}

/*
 * The reaped child's CPU time, and what its own reaped children used,
 * becomes its parent process's cutime and cstime; wait4's rusage is the
 * same sum.  It is sampled once for both: on SMP the zombie may still be
 * on another CPU, in its last switch, which charges it the time since its
 * last tick, and two samples could then differ by that much.
 */
static void account_reaped_child(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *psig = current->signal, *sig = p->signal;
	u64 tgutime, tgstime, utime, stime;

	thread_group_cputime_adjusted(p, &tgutime, &tgstime);
	utime = tgutime + sig->cutime;
	stime = tgstime + sig->cstime;
	psig->cutime += utime;
	psig->cstime += stime;
	if (wo->wo_rusage)
		rusage_set_times(wo->wo_rusage, utime, stime);
}

/* Collects a zombie: its status, then its removal.  Returns its pid. */
static int wait_task_zombie(struct wait_opts *wo, struct task_struct *p)
{
	int status = (p->signal->flags & SIGNAL_GROUP_EXIT) ? p->signal->group_exit_code
							     : p->exit_code;
	pid_t pid = task_tgid_vnr(p);

	if (wo->wo_flags & WNOWAIT) {
		wo->wo_stat = status;
		fill_wait_info(wo, p, (status & 0x7f) ? CLD_KILLED : CLD_EXITED,
			       (status & 0x7f) ? status & 0x7f : status >> 8);
		fill_wait_rusage(wo, p);
		return pid;
	}
	p->exit_state = EXIT_DEAD;
	account_reaped_child(wo, p);
	wo->wo_stat = status;
	fill_wait_info(wo, p, (status & 0x7f) ? ((status & 0x80) ? CLD_DUMPED : CLD_KILLED)
					      : CLD_EXITED,
		       (status & 0x7f) ? status & 0x7f : status >> 8);
	spin_unlock_irq(&tasklist_lock);
	release_task(p);
	spin_lock_irq(&tasklist_lock);
	return pid;
}

/* A stopped child, reported once (WUNTRACED / WSTOPPED). */
static int wait_task_stopped(struct wait_opts *wo, struct task_struct *p)
{
	int code = p->signal->group_exit_code;

	if (!(wo->wo_flags & WUNTRACED) || !(p->signal->flags & SIGNAL_STOP_STOPPED) || !code)
		return 0;
	if (!(wo->wo_flags & WNOWAIT))
		p->signal->group_exit_code = 0;
	wo->wo_stat = (code << 8) | 0x7f;
	fill_wait_info(wo, p, CLD_STOPPED, code);
	fill_wait_rusage(wo, p);
	return task_tgid_vnr(p);
}

static int wait_task_continued(struct wait_opts *wo, struct task_struct *p)
{
	if (!(wo->wo_flags & WCONTINUED) || !(p->signal->flags & SIGNAL_STOP_CONTINUED))
		return 0;
	if (!(wo->wo_flags & WNOWAIT))
		p->signal->flags &= ~SIGNAL_STOP_CONTINUED;
	wo->wo_stat = 0xffff;
	fill_wait_info(wo, p, CLD_CONTINUED, SIGCONT);
	fill_wait_rusage(wo, p);
	return task_tgid_vnr(p);
}

/* 0: not ready; > 0: collected; -1: eligible but nothing to report yet. */
static int wait_consider_task(struct wait_opts *wo, struct task_struct *p)
{
	int ret;

	if (!eligible_child(wo, p) || p->exit_state == EXIT_DEAD)
		return 0;
	if (p->exit_state == EXIT_ZOMBIE) {
		if (!(wo->wo_flags & WEXITED))
			return -1;
		if (p->group_leader == p && !list_empty(&p->thread_group))
			return -1;	/* a leader waits for its threads */
		return wait_task_zombie(wo, p);
	}
	ret = wait_task_stopped(wo, p);
	if (!ret)
		ret = wait_task_continued(wo, p);
	return ret ? ret : -1;
}

/* Looks at every child of every thread of ours; with tasklist_lock held. */
static int do_wait_thread(struct wait_opts *wo, bool *any)
{
	struct task_struct *t, *p;
	int ret;

	for_each_thread(current, t) {
		list_for_each_entry(p, &t->children, sibling) {
			ret = wait_consider_task(wo, p);
			if (ret > 0)
				return ret;
			if (ret < 0)
				*any = true;
		}
	}
	return 0;
}

/*
 * A process of one thread with no child: the scan would find nothing,
 * so the answer is ECHILD without queueing on wait_chldexit (a dying
 * namespace init's wait, zap_pid_ns_processes, is one).  Read without
 * tasklist_lock: only this thread adds to its lists (fork, clone), and
 * a child reparented to it a moment later is one a scan at this moment
 * would not have seen either.
 */
static inline bool childless(void)
{
	return list_empty(&current->children) && thread_group_empty(current);
}

static long do_wait(struct wait_opts *wo)
{
	DECLARE_WAITQUEUE(wait, current);
	long ret;
	bool any;

	add_wait_queue(&current->signal->wait_chldexit, &wait);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		any = false;
		spin_lock_irq(&tasklist_lock);
		ret = do_wait_thread(wo, &any);
		spin_unlock_irq(&tasklist_lock);
		if (ret > 0)
			break;
		ret = -ECHILD;
		if (!any)
			break;
		ret = 0;
		if (wo->wo_flags & WNOHANG)
			break;
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&current->signal->wait_chldexit, &wait);
	return ret;
}

long kernel_wait4(pid_t upid, int *stat_addr, int options, struct rusage *ru)
{
	struct wait_opts wo = { .wo_flags = options | WEXITED, .wo_rusage = ru };
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (upid == INT_MIN)
		return -ESRCH;		/* -INT_MIN overflows */
	if (childless())
		return -ECHILD;
	if (upid == -1) {
		wo.wo_type = PIDTYPE_MAX;
	} else if (upid < 0) {
		wo.wo_type = PIDTYPE_PGID;
		wo.wo_pid = find_get_pid(-upid);
	} else if (upid == 0) {
		wo.wo_type = PIDTYPE_PGID;
		wo.wo_pid = get_pid(task_pgrp(current));
	} else {
		wo.wo_type = PIDTYPE_PID;
		wo.wo_pid = find_get_pid(upid);
	}
	if (wo.wo_type != PIDTYPE_MAX && !wo.wo_pid)
		return -ECHILD;
	ret = do_wait(&wo);
	put_pid(wo.wo_pid);
	if (ret > 0 && stat_addr && put_user(wo.wo_stat, stat_addr))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int *, stat_addr, int, options, struct rusage *, ru)
{
	struct rusage r;
	long ret = kernel_wait4(upid, stat_addr, options, ru ? &r : NULL);

	if (ret > 0 && ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	return ret;
}

/*
 * waitid's selector (Linux's kernel_waitid): P_ALL; P_PID, a positive
 * pid; P_PGID, a group or ours (0); P_PIDFD, the process a pidfd names,
 * whose O_NONBLOCK (PIDFD_NONBLOCK) makes the wait a WNOHANG one.
 */
static int waitid_selector(struct wait_opts *wo, int which, pid_t upid,
			   unsigned int *f_flags)
{
	switch (which) {
	case P_ALL:
		wo->wo_type = PIDTYPE_MAX;
		return 0;
	case P_PID:
	case P_PGID:
		if (upid <= 0 && !(which == P_PGID && upid == 0))
			return -EINVAL;
		wo->wo_type = which == P_PID ? PIDTYPE_PID : PIDTYPE_PGID;
		wo->wo_pid = upid ? find_get_pid(upid) : get_pid(task_pgrp(current));
		return wo->wo_pid ? 0 : -ECHILD;
	case P_PIDFD:
		if (upid < 0)
			return -EINVAL;
		wo->wo_type = PIDTYPE_PID;
		wo->wo_pid = pidfd_get_pid(upid, f_flags);
		if (IS_ERR(wo->wo_pid))
			return PTR_ERR(wo->wo_pid);
		if (*f_flags & O_NONBLOCK)
			wo->wo_flags |= WNOHANG;
		return 0;
	}
	return -EINVAL;
}

SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, kernel_siginfo_t *, infop, int, options,
		struct rusage *, ru)
{
	struct rusage r;
	struct wait_opts wo = { .wo_flags = options, .wo_rusage = ru ? &r : NULL };
	unsigned int f_flags = 0;
	kernel_siginfo_t info;
	bool reported;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (options & WSTOPPED)
		wo.wo_flags |= WUNTRACED;
	ret = waitid_selector(&wo, which, upid, &f_flags);
	if (ret)
		return ret;
	memset(&info, 0, sizeof(info));
	wo.wo_info = &info;
	ret = childless() ? -ECHILD : do_wait(&wo);
	put_pid(wo.wo_pid);
	reported = ret > 0;
	if (reported)
		ret = 0;
	else if (!ret && !(options & WNOHANG) && (f_flags & O_NONBLOCK))
		ret = -EAGAIN;		/* a non-blocking pidfd's process is still running */
	/* the usage is written only when a child was reported, as Linux does */
	if (reported && ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	if (!ret && infop && copy_to_user(infop, &info, sizeof(info)))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}
