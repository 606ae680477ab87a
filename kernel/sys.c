/*
 * kernel/sys.c: process ids, groups and sessions, and the nice values
 * (getpriority, setpriority).
 *
 * Every id a process sees is its number in its own pid namespace (the
 * "v" in pid_vnr): a namespace's init sees itself as 1 and its parent,
 * which lives outside, as 0 (part B7).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/pid_namespace.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/resource.h>
#include <linux/user_namespace.h>

/* @t's parent's number as @ns sees it; 0 when the parent lives outside @ns. */
pid_t task_ppid_nr_ns(struct task_struct *t, struct pid_namespace *ns)
{
	pid_t pid = 0;

	spin_lock_irq(&tasklist_lock);
	if (t->real_parent && t->pids[PIDTYPE_PID].pid)
		pid = task_tgid_nr_ns(t->real_parent, ns);
	spin_unlock_irq(&tasklist_lock);
	return pid;
}

SYSCALL_DEFINE0(getpid)
{
	return task_tgid_vnr(current);
}

SYSCALL_DEFINE0(gettid)
{
	return task_pid_vnr(current);
}

SYSCALL_DEFINE0(getppid)
{
	return task_ppid_nr_ns(current, task_active_pid_ns(current));
}

SYSCALL_DEFINE0(sched_yield)
{
	return do_sched_yield();
}

/* The process (group leader) @pid names, as the caller sees it; 0 is the caller. */
static struct task_struct *find_process_vpid(pid_t pid)
{
	struct task_struct *p = pid ? find_task_by_vpid(pid) : current;

	return p ? p->group_leader : NULL;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *p;
	pid_t ret = -ESRCH;

	spin_lock_irq(&tasklist_lock);
	p = find_process_vpid(pid);
	if (p)
		ret = pid_vnr(task_pgrp(p));
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

SYSCALL_DEFINE0(getpgrp)
{
	return pid_vnr(task_pgrp(current));
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *p;
	pid_t ret = -ESRCH;

	spin_lock_irq(&tasklist_lock);
	p = find_process_vpid(pid);
	if (p)
		ret = pid_vnr(task_session(p));
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

/* POSIX's rules for setpgid, with Linux's errnos. */
static int check_setpgid(struct task_struct *p, struct pid *pgrp, pid_t pgid, bool is_child)
{
	struct task_struct *g;

	if (is_child) {
		if (task_session(p) != task_session(current))
			return -EPERM;
		if (!(p->flags & PF_FORKNOEXEC))
			return -EACCES;		/* the child has exec'd */
	} else if (p != current->group_leader) {
		return -ESRCH;
	}
	if (p->signal->leader)
		return -EPERM;			/* a session leader cannot move */
	if (pgid != task_pid_vnr(p)) {
		g = pid_task(pgrp, PIDTYPE_PGID);
		if (!g || task_session(g) != task_session(current))
			return -EPERM;
	}
	return 0;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p;
	struct pid *pgrp;
	int err = -ESRCH;

	if (pgid < 0)
		return -EINVAL;
	spin_lock_irq(&tasklist_lock);
	p = pid ? find_task_by_vpid(pid) : current;
	if (!p || !thread_group_leader(p))
		goto out;
	if (!pgid)
		pgid = task_pid_vnr(p);
	pgrp = pgid == task_pid_vnr(p) ? task_pid(p) : find_vpid(pgid);
	err = check_setpgid(p, pgrp, pgid, p->real_parent->group_leader ==
			    current->group_leader && p != current->group_leader);
	if (!err && task_pgrp(p) != pgrp)
		change_pid(p, PIDTYPE_PGID, pgrp);
out:
	spin_unlock_irq(&tasklist_lock);
	return err;
}

/* A new session and process group, both numbered as the caller (B7: 1 for a ns init). */
SYSCALL_DEFINE0(setsid)
{
	struct task_struct *group_leader = current->group_leader;
	struct pid *sid = task_pid(group_leader);
	pid_t session = pid_vnr(sid);
	int err = -EPERM;

	spin_lock_irq(&tasklist_lock);
	if (group_leader->signal->leader)
		goto out;
	if (pid_task(sid, PIDTYPE_PGID))
		goto out;		/* someone's process group already has our number */
	group_leader->signal->leader = 1;
	change_pid(group_leader, PIDTYPE_SID, sid);
	change_pid(group_leader, PIDTYPE_PGID, sid);
	group_leader->signal->tty = NULL;
	err = session;
out:
	spin_unlock_irq(&tasklist_lock);
	return err;
}

#ifndef LAB_SYSCALL	/* LAB syscall: getpriority and setpriority */
/* nice -20..19 as an rlimit-style 40..1: bigger is more favoured. */
static long nice_to_rlimit(long nice)
{
	return MAX_NICE - nice + 1;
}

/*
 * May @p's nice go down to @nice?  Down to 20 - RLIMIT_NICE of @p's, or
 * anywhere with CAP_SYS_NICE (Linux's can_nice).
 */
static bool can_nice(struct task_struct *p, long nice)
{
	return nice_to_rlimit(nice) <= (long)READ_ONCE(p->signal->rlim[RLIMIT_NICE].rlim_cur) ||
	       capable(CAP_SYS_NICE);
}

/* The caller owns @p (its uid or euid is our euid) or has CAP_SYS_NICE over @p's namespace. */
static bool set_one_prio_perm(struct task_struct *p)
{
	const struct cred *cred = current_cred(), *pcred = p->cred;

	if (uid_eq(pcred->uid, cred->euid) || uid_eq(pcred->euid, cred->euid))
		return true;
	return ns_capable(pcred->user_ns, CAP_SYS_NICE);
}

/*
 * Sets @p's nice; @error is what the tasks before @p gave (-ESRCH for
 * none): the first success clears ESRCH, a failure replaces it, and a
 * later success does not hide an earlier failure (Linux's set_one_prio).
 */
static int set_one_prio(struct task_struct *p, long niceval, int error)
{
	if (!set_one_prio_perm(p))
		return -EPERM;
	if (niceval < task_nice(p) && !can_nice(p, niceval))
		return -EACCES;
	set_user_nice(p, niceval);
	return error == -ESRCH ? 0 : error;
}

struct prio_walk {
	long niceval;		/* setpriority's value; getpriority's best so far */
	int error;
	bool set;
};

static void prio_one(struct task_struct *p, struct prio_walk *w)
{
	if (w->set)
		w->error = set_one_prio(p, w->niceval, w->error);
	else if (nice_to_rlimit(task_nice(p)) > w->niceval)
		w->niceval = nice_to_rlimit(task_nice(p));
}

/*
 * Calls prio_one on every task @which and @who name, as the caller sees
 * them: one thread (PRIO_PROCESS takes a thread id, 0 the caller), every
 * thread of a process group (0: ours), or every thread of a user (0: our
 * real uid) that has a number in our pid namespace.  Under tasklist_lock.
 */
static void prio_walk(int which, int who, struct prio_walk *w)
{
	const struct cred *cred = current_cred();
	struct task_struct *g, *p;
	struct pid *pgrp;
	kuid_t uid;

	switch (which) {
	case PRIO_PROCESS:
		p = who ? find_task_by_vpid(who) : current;
		if (p)
			prio_one(p, w);
		break;
	case PRIO_PGRP:
		pgrp = who ? find_vpid(who) : task_pgrp(current);
		do_each_pid_task(pgrp, PIDTYPE_PGID, g) {
			for_each_thread(g, p)
				prio_one(p, w);
		} while_each_pid_task(pgrp, PIDTYPE_PGID, g);
		break;
	case PRIO_USER:
		uid = who ? make_kuid(cred->user_ns, who) : cred->uid;
		for_each_process(g)
			for_each_thread(g, p)
				if (uid_eq(p->cred->uid, uid) && task_pid_vnr(p))
					prio_one(p, w);
		break;
	}
}

/*
 * The most favoured nice value of the tasks @which/@who names, as
 * 20 - nice (40..1), so that no success looks like an error; -ESRCH when
 * none, -EINVAL for an unknown @which.  The C library turns it back.
 */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct prio_walk w = { .niceval = -ESRCH };

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	spin_lock_irq(&tasklist_lock);
	prio_walk(which, who, &w);
	spin_unlock_irq(&tasklist_lock);
	return w.niceval;
}

/*
 * Sets the nice value, clamped to -20..19, of every task @which/@who
 * names: EPERM for a task we do not own, EACCES for a lower value than
 * its own without the right (can_nice), ESRCH when none, EINVAL for an
 * unknown @which (Linux's setpriority).
 */
SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	struct prio_walk w = { .niceval = clamp(niceval, MIN_NICE, MAX_NICE), .error = -ESRCH,
			       .set = true };

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	spin_lock_irq(&tasklist_lock);
	prio_walk(which, who, &w);
	spin_unlock_irq(&tasklist_lock);
	return w.error;
}
#else
/*
 * TODO (lab syscall): getpriority(2) and setpriority(2), system calls 140
 * and 141, as Linux's (docs/labs/syscall.md).  A SYSCALL_DEFINE here is
 * all the table needs: tools/gen_syscall_table.py finds it at the next
 * build.  Until then both calls return -ENOSYS.
 */
#endif	/* LAB_SYSCALL */
