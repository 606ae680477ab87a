/*
 * kernel/sys.c: process ids, groups and sessions.
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
