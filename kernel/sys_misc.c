/*
 * kernel/sys_misc.c: sysinfo, resource limits, getrusage, prctl, getcpu
 * and the kernel log (syslog).  (getpriority and setpriority are in kernel/sys.c.)  (uname and sethostname are in
 * kernel/sys_utsname.c, with the UTS namespace.)
 */
#include <linux/kernel.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/pid_namespace.h>
#include <linux/resource.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/smp.h>
#include <linux/prctl.h>
#include <linux/sched/coredump.h>
#include <linux/sched/cputime.h>

struct sysinfo_user {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

extern int nr_threads;

SYSCALL_DEFINE1(sysinfo, struct sysinfo_user *, info)
{
	struct sysinfo_user s;

	memset(&s, 0, sizeof(s));
	s.uptime = DIV_ROUND_UP(ktime_get_ns(), NSEC_PER_SEC);	/* Linux rounds up */
	s.totalram = zone_normal.managed_pages;
	s.freeram = nr_free_pages();
	s.procs = nr_threads;
	s.mem_unit = PAGE_SIZE;
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}

/* Raising a hard limit needs CAP_SYS_RESOURCE; soft may never pass hard. */
static int do_prlimit(struct task_struct *tsk, unsigned int resource, struct rlimit *new,
		      struct rlimit *old)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = tsk->signal->rlim + resource;
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new->rlim_max > (unsigned long)READ_ONCE(sysctl_nr_open))
			return -EPERM;
		if (new->rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
	}
	spin_lock_irq(&tsk->sighand->siglock);
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	spin_unlock_irq(&tsk->sighand->siglock);
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	struct rlimit r;
	int err = do_prlimit(current, resource, NULL, &r);

	if (!err && copy_to_user(rlim, &r, sizeof(r)))
		err = -EFAULT;
	return err;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	struct rlimit r;

	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, NULL);
}

SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource, const struct rlimit *, new_rlim,
		struct rlimit *, old_rlim)
{
	struct rlimit n, o;
	struct task_struct *tsk;
	int err;

	if (new_rlim && copy_from_user(&n, new_rlim, sizeof(n)))
		return -EFAULT;
	tsk = pid ? find_get_task_by_vpid(pid) : get_task_struct(current);
	if (!tsk)
		return -ESRCH;
	if (tsk != current && !capable(CAP_SYS_RESOURCE) &&
	    !uid_eq(tsk->cred->uid, current_uid()))
		err = -EPERM;
	else
		err = do_prlimit(tsk, resource, new_rlim ? &n : NULL, old_rlim ? &o : NULL);
	put_task_struct(tsk);
	if (!err && old_rlim && copy_to_user(old_rlim, &o, sizeof(o)))
		err = -EFAULT;
	return err;
}

/*
 * @p's usage (Linux's getrusage): RUSAGE_THREAD, the thread; RUSAGE_SELF,
 * its process; RUSAGE_CHILDREN, the children its process reaped (and
 * theirs); RUSAGE_BOTH, what wait4 reports of a child: the last two.
 * Only the CPU times are counted here: the fault, context-switch, block
 * I/O and maxrss fields that Linux also fills read as 0.  The caller
 * holds tasklist_lock.
 */
void getrusage(struct task_struct *p, int who, struct rusage *r)
{
	u64 utime = 0, stime = 0, tgutime, tgstime;

	if (who == RUSAGE_THREAD) {
		task_cputime_adjusted(p, &utime, &stime);
	} else {
		if (who != RUSAGE_SELF) {
			utime = p->signal->cutime;
			stime = p->signal->cstime;
		}
		if (who != RUSAGE_CHILDREN) {
			thread_group_cputime_adjusted(p, &tgutime, &tgstime);
			utime += tgutime;
			stime += tgstime;
		}
	}
	rusage_set_times(r, utime, stime);
}

/* A zeroed @r but for its CPU times, @utime and @stime in ns. */
void rusage_set_times(struct rusage *r, u64 utime, u64 stime)
{
	memset(r, 0, sizeof(*r));
	r->ru_utime = ns_to_kernel_old_timeval(utime);
	r->ru_stime = ns_to_kernel_old_timeval(stime);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage *, ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	spin_lock_irq(&tasklist_lock);
	getrusage(current, who, &r);
	spin_unlock_irq(&tasklist_lock);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/*
 * The next child after @child (the first if NULL) of the thread *@t or of
 * a later thread of @leader's group; NULL when the group has no more.
 * Children hang off the thread that forked them.
 */
static struct task_struct *next_child(struct task_struct *leader, struct task_struct **t,
				      struct task_struct *child)
{
	struct list_head *pos = child ? child->sibling.next : (*t)->children.next;

	while (pos == &(*t)->children) {
		*t = __next_thread(leader, *t);
		if (!*t)
			return NULL;
		pos = (*t)->children.next;
	}
	return list_entry(pos, struct task_struct, sibling);
}

/*
 * Calls @visit on every descendant process of @top, parents first, and
 * goes below one only if @visit says so.  A loop, not a recursion: a
 * chain of forks can be deeper than a kernel stack (Linux's
 * walk_process_tree).  The caller holds tasklist_lock.
 */
static void walk_process_tree(struct task_struct *top, bool (*visit)(struct task_struct *))
{
	struct task_struct *root = top->group_leader, *leader = root, *t = root, *child = NULL;

	for (;;) {
		child = next_child(leader, &t, child);
		if (child && visit(child)) {
			leader = t = child;	/* down: child's own children */
			child = NULL;
		} else if (!child) {
			if (leader == root)
				return;
			child = leader;		/* up: leader's next sibling */
			t = leader->real_parent;
			leader = t->group_leader;
		}
	}
}

/*
 * A new subreaper's descendants learn that one is above them, which lets
 * find_new_reaper look (Linux's propagate_has_child_subreaper).  A
 * process that knows already had its descendants told, and below a pid
 * namespace's init the search never reaches us.
 */
static bool propagate_has_child_subreaper(struct task_struct *p)
{
	if (p->signal->has_child_subreaper || is_child_reaper(task_pid(p)))
		return false;
	p->signal->has_child_subreaper = 1;
	return true;
}

static int prctl_set_child_subreaper(unsigned long arg2)
{
	current->signal->is_child_subreaper = !!arg2;
	if (arg2) {
		spin_lock_irq(&tasklist_lock);
		walk_process_tree(current, propagate_has_child_subreaper);
		spin_unlock_irq(&tasklist_lock);
	}
	return 0;
}

/* PR_SET_NAME: at most 15 bytes are read, so a name may end at an unmapped page. */
static int prctl_set_name(const char *name)
{
	char comm[TASK_COMM_LEN];

	comm[sizeof(comm) - 1] = '\0';
	if (strncpy_from_user(comm, name, sizeof(comm) - 1) < 0)
		return -EFAULT;
	set_task_comm(current, comm);
	return 0;
}

/* PR_GET_NAME: always 16 bytes, zero after the name's end (nothing stale). */
static int prctl_get_name(char *name)
{
	char comm[TASK_COMM_LEN];

	memset(comm, 0, sizeof(comm));
	get_task_comm(comm, sizeof(comm), current);
	return copy_to_user(name, comm, sizeof(comm)) ? -EFAULT : 0;
}

/*
 * The options Linux's kernel/sys.c answers; the capability ones come
 * first (Linux's security_task_prctl).  An option not here is EINVAL, as
 * in Linux for an unknown one; docs/processes.md lists Linux's options
 * that need something this kernel does not have.  Unused arguments are
 * checked where Linux checks them, not elsewhere.
 */
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	int error;

	error = cap_task_prctl(option, arg2, arg3, arg4, arg5);
	if (error != -ENOSYS)
		return error;
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int *)arg2);
	case PR_GET_DUMPABLE:
		return get_dumpable(current->mm);
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		set_dumpable(current->mm, arg2);
		return 0;
	case PR_GET_TIMING:
		return PR_TIMING_STATISTICAL;
	case PR_SET_TIMING:
		return arg2 == PR_TIMING_STATISTICAL ? 0 : -EINVAL;
	case PR_SET_NAME:
		return prctl_set_name((const char *)arg2);
	case PR_GET_NAME:
		return prctl_get_name((char *)arg2);
	case PR_GET_TID_ADDRESS:
		return put_user(current->clear_child_tid, (int **)arg2);
	case PR_SET_CHILD_SUBREAPER:
		return prctl_set_child_subreaper(arg2);
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)current->signal->is_child_subreaper, (int *)arg2);
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;		/* and there is no way back */
		current->no_new_privs = 1;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return current->no_new_privs;
	}
	return -EINVAL;
}

/* The CPU and node the caller runs on (the vDSO's getcpu answers the same, from the GDT). */
SYSCALL_DEFINE3(getcpu, unsigned int *, cpup, unsigned int *, nodep, void *, unused)
{
	int cpu = raw_smp_processor_id(), err = 0;

	(void)unused;
	if (cpup)
		err |= put_user(cpu, cpup);
	if (nodep)
		err |= put_user(cpu_to_node(cpu), nodep);
	return err ? -EFAULT : 0;
}
