/*
 * fs/proc/array.c: the text of /proc/PID/status and /proc/PID/stat.
 *
 * Both follow Linux's layout field for field, so ps, top and scripts read
 * them unchanged.  Every pid in them is the number the proc instance's
 * namespace gives (0 for a task it cannot see, such as the parent of a
 * namespace's init); status adds, under NSpid and its siblings, the
 * numbers of every level from the instance's namespace down to the
 * task's own.  Ids are shown as the reader's user namespace maps them.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/fdtable.h>
#include <linux/resource.h>
#include <linux/tty.h>
#include <linux/mm.h>
#include <linux/time.h>
#include <linux/sched/cputime.h>
#include "internal.h"

#define CONSOLE_TTY_DEVNUM	MKDEV(4, 64)	/* the one terminal: ttyS0's */
#define TASK_REPORT		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | __TASK_STOPPED | \
				 __TASK_TRACED | EXIT_DEAD | EXIT_ZOMBIE)

static const char *const task_state_array[] = {
	"R (running)",		/* 0x00 */
	"S (sleeping)",		/* 0x01 */
	"D (disk sleep)",	/* 0x02 */
	"T (stopped)",		/* 0x04 */
	"t (tracing stop)",	/* 0x08 */
	"X (dead)",		/* 0x10 */
	"Z (zombie)",		/* 0x20 */
};

const char *get_task_state(const struct task_struct *p)
{
	return task_state_array[fls((READ_ONCE(p->state) | p->exit_state) & TASK_REPORT)];
}

/* The command name; in status, a newline or backslash in it is escaped. */
static void proc_task_name(struct seq_file *m, struct task_struct *p, bool escape)
{
	char comm[TASK_COMM_LEN], *c;

	get_task_comm(comm, sizeof(comm), p);
	for (c = comm; *c; c++) {
		if (escape && *c == '\n')
			seq_puts(m, "\\n");
		else if (escape && *c == '\\')
			seq_puts(m, "\\\\");
		else
			seq_putc(m, *c);
	}
}

/* Linux's pid_alive: not yet released, so its links are still valid. */
static bool pid_alive(const struct task_struct *p)
{
	return p->pids[PIDTYPE_PID].pid != NULL;
}

/* One of the NS lines: @nr's value at each level from @ns's down to the task's. */
static void task_ns_line(struct seq_file *m, const char *name, struct pid_namespace *ns,
			 struct pid *pid, struct pid *(*which)(struct task_struct *),
			 struct task_struct *p)
{
	unsigned int g;

	seq_printf(m, "\n%s:", name);
	for (g = ns->level; g <= pid->level; g++)
		seq_printf(m, "\t%d", pid_nr_ns(which(p), pid->numbers[g].ns));
}

static void task_ids(struct seq_file *m, const char *name, uid_t a, uid_t b, uid_t c, uid_t d)
{
	seq_printf(m, "\n%s:\t%u\t%u\t%u\t%u", name, a, b, c, d);
}

/* Name is printed; now Umask through NSsid.  Called under tasklist_lock. */
static void task_state(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		       struct task_struct *p)
{
	struct user_namespace *user_ns = m->file->f_cred->user_ns;
	const struct cred *cred = p->real_cred;
	const struct group_info *gi = cred->group_info;
	int g;

	if (p->fs)
		seq_printf(m, "Umask:\t%#04o\n", p->fs->umask);
	seq_printf(m, "State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0",
		   get_task_state(p), task_tgid_nr_ns(p, ns), pid_nr_ns(pid, ns),
		   pid_alive(p) ? task_tgid_nr_ns(p->real_parent, ns) : 0);
	task_ids(m, "Uid", from_kuid_munged(user_ns, cred->uid), from_kuid_munged(user_ns, cred->euid),
		 from_kuid_munged(user_ns, cred->suid), from_kuid_munged(user_ns, cred->fsuid));
	task_ids(m, "Gid", from_kgid_munged(user_ns, cred->gid), from_kgid_munged(user_ns, cred->egid),
		 from_kgid_munged(user_ns, cred->sgid), from_kgid_munged(user_ns, cred->fsgid));
	seq_printf(m, "\nFDSize:\t%u\nGroups:\t", p->files ? p->files->max_fds : 0);
	for (g = 0; g < gi->ngroups; g++)
		seq_printf(m, g ? " %u" : "%u", from_kgid_munged(user_ns, gi->gid[g]));
	seq_putc(m, ' ');	/* Linux's trailing space */
	if (pid_alive(p)) {
		task_ns_line(m, "NStgid", ns, pid, task_tgid, p);
		task_ns_line(m, "NSpid", ns, pid, task_pid, p);
		task_ns_line(m, "NSpgid", ns, pid, task_pgrp, p);
		task_ns_line(m, "NSsid", ns, pid, task_session, p);
	}
	seq_putc(m, '\n');
}

/* The handlers: which signals are ignored and which caught.  Under the siglock. */
static void collect_sigign_sigcatch(struct task_struct *p, sigset_t *ign, sigset_t *catch)
{
	int i;

	sigemptyset(ign);
	sigemptyset(catch);
	for (i = 1; i <= _NSIG; i++) {
		void *handler = p->sighand->action[i - 1].sa.sa_handler;

		if (handler == SIG_IGN)
			sigaddset(ign, i);
		else if (handler != SIG_DFL)
			sigaddset(catch, i);
	}
}

/* Threads through SigCgt; a released task shows nothing pending.  Under tasklist_lock. */
static void task_sig(struct seq_file *m, struct task_struct *p)
{
	sigset_t pending = { { 0 } }, shpending = { { 0 } }, blocked = { { 0 } };
	sigset_t ignored = { { 0 } }, caught = { { 0 } };
	unsigned long qlim = 0;
	int threads = 0;

	if (p->signal && p->sighand) {
		spin_lock(&p->sighand->siglock);
		pending = p->pending.signal;
		shpending = p->signal->shared_pending.signal;
		blocked = p->blocked;
		collect_sigign_sigcatch(p, &ignored, &caught);
		threads = p->signal->nr_threads;
		qlim = p->signal->rlim[RLIMIT_SIGPENDING].rlim_cur;
		spin_unlock(&p->sighand->siglock);
	}
	seq_printf(m, "Threads:\t%d\nSigQ:\t%d/%lu\n", threads,
		   atomic_read(&p->real_cred->user->sigpending), qlim);
	seq_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\n"
		   "SigCgt:\t%016lx\n", pending.sig[0], shpending.sig[0], blocked.sig[0],
		   ignored.sig[0], caught.sig[0]);
}

static void task_cap(struct seq_file *m, struct task_struct *p)
{
	const struct cred *cred = get_task_cred(p);

	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\n"
		   "CapAmb:\t%016llx\n", cred->cap_inheritable.val, cred->cap_permitted.val,
		   cred->cap_effective.val, cred->cap_bset.val, cred->cap_ambient.val);
	put_cred(cred);
}

/* There is no seccomp here: mode 0, as Linux shows for a task without filters. */
static void task_seccomp(struct seq_file *m, struct task_struct *p)
{
	seq_printf(m, "NoNewPrivs:\t%d\nSeccomp:\t0\n", p->no_new_privs);
}

/*
 * Where the task may run, as Linux's %*pb (hex, nr_cpu_ids bits) and
 * %*pbl (ranges): "3" and "0-1" for any CPU of two.
 */
static void task_cpus_allowed(struct seq_file *m, struct task_struct *p)
{
	unsigned long bits = READ_ONCE(p->cpus_mask.bits[0]);
	unsigned int cpu, end;
	const char *sep = "";

	if (nr_cpu_ids < BITS_PER_LONG)
		bits &= (1UL << nr_cpu_ids) - 1;
	seq_printf(m, "Cpus_allowed:\t%0*lx\nCpus_allowed_list:\t", (int)(nr_cpu_ids + 3) / 4, bits);
	for (cpu = 0; cpu < nr_cpu_ids; cpu = end + 1) {
		if (!((bits >> cpu) & 1)) {
			end = cpu;
			continue;
		}
		for (end = cpu; end + 1 < nr_cpu_ids && ((bits >> (end + 1)) & 1); end++)
			;
		if (end == cpu)
			seq_printf(m, "%s%u", sep, cpu);
		else
			seq_printf(m, "%s%u-%u", sep, cpu, end);
		sep = ",";
	}
	seq_putc(m, '\n');
}

int proc_pid_status(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		    struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);

	seq_puts(m, "Name:\t");
	proc_task_name(m, task, true);
	seq_putc(m, '\n');
	spin_lock_irq(&tasklist_lock);
	task_state(m, ns, pid, task);
	spin_unlock_irq(&tasklist_lock);
	if (mm) {
		task_mem(m, mm);
		mmput(mm);
	}
	spin_lock_irq(&tasklist_lock);
	task_sig(m, task);
	spin_unlock_irq(&tasklist_lock);
	task_cap(m, task);
	task_seccomp(m, task);
	task_cpus_allowed(m, task);
	return 0;
}

/* ---- /proc/PID/stat --------------------------------------------------------------- */

/* What stat needs of the task's shared state, read at one moment under tasklist_lock. */
struct stat_snapshot {
	pid_t ppid, pgid, sid, tty_pgrp;
	unsigned int tty_nr;
	struct tty_struct *tty;		/* its pgrp is read after, under its own lock */
	int num_threads;
	u64 utime, stime, cutime, cstime;
	sigset_t sigign, sigcatch;
	unsigned long rsslim;
};

static void stat_snapshot(struct stat_snapshot *s, struct pid_namespace *ns,
			  struct task_struct *task, bool whole)
{
	struct signal_struct *sig = task->signal;

	s->tty_pgrp = -1;
	if (!pid_alive(task) || !sig)
		return;
	s->ppid = task_tgid_nr_ns(task->real_parent, ns);
	s->pgid = pid_nr_ns(task_pgrp(task), ns);
	s->sid = pid_nr_ns(task_session(task), ns);
	if (sig->tty) {
		s->tty_nr = CONSOLE_TTY_DEVNUM;
		s->tty = sig->tty;	/* the console's: never freed */
	}
	s->num_threads = sig->nr_threads;
	s->cutime = sig->cutime;
	s->cstime = sig->cstime;
	s->rsslim = sig->rlim[RLIMIT_RSS].rlim_cur;
	if (whole)
		thread_group_cputime_adjusted(task, &s->utime, &s->stime);
	else
		task_cputime_adjusted(task, &s->utime, &s->stime);
	spin_lock(&task->sighand->siglock);
	collect_sigign_sigcatch(task, &s->sigign, &s->sigcatch);
	spin_unlock(&task->sighand->siglock);
}

/* Fields 23-30 and 45-51: where the process's memory is (hidden from strangers). */
static void stat_mm(struct seq_file *m, struct mm_struct *mm, bool permitted,
		    unsigned long rsslim)
{
	seq_printf(m, " %lu %lu %lu %lu %lu %lu 0 0",
		   mm ? mm->total_vm << PAGE_SHIFT : 0, mm ? get_mm_rss(mm) : 0, rsslim,
		   mm ? (permitted ? mm->start_code : 1) : 0,
		   mm ? (permitted ? mm->end_code : 1) : 0,
		   (permitted && mm) ? mm->start_stack : 0);
}

static void stat_mm_tail(struct seq_file *m, struct mm_struct *mm, bool permitted)
{
	if (mm && permitted)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm->start_data, mm->end_data,
			   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
}

/* Linux's do_task_stat: 52 fields; @whole sums the times of every thread of the group. */
static int do_task_stat(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			struct task_struct *task, bool whole)
{
	struct stat_snapshot s = { 0 };
	bool permitted = ptrace_may_access(task);
	struct mm_struct *mm = get_task_mm(task);

	spin_lock_irq(&tasklist_lock);
	stat_snapshot(&s, ns, task, whole);
	spin_unlock_irq(&tasklist_lock);
	if (s.tty) {		/* tty->lock is never taken under tasklist_lock: tty_set_pgrp */
		struct pid *pgrp = tty_get_pgrp(s.tty);

		s.tty_pgrp = pid_nr_ns(pgrp, ns);
		put_pid(pgrp);
	}
	seq_printf(m, "%d (", pid_nr_ns(pid, ns));
	proc_task_name(m, task, false);
	seq_printf(m, ") %c %d %d %d %u %d %u 0 0 0 0 %lu %lu %lu %lu %d %d %d 0 %lu",
		   get_task_state(task)[0], s.ppid, s.pgid, s.sid, s.tty_nr, s.tty_pgrp,
		   task->flags, nsec_to_clock_t(s.utime), nsec_to_clock_t(s.stime),
		   nsec_to_clock_t(s.cutime), nsec_to_clock_t(s.cstime), task->prio - MAX_RT_PRIO,
		   task_nice(task), s.num_threads, nsec_to_clock_t(task->start_time));
	stat_mm(m, mm, permitted, s.rsslim);
	seq_printf(m, " %lu %lu %lu %lu %d 0 0 %d 0 %u %u 0 0 0",
		   task->pending.signal.sig[0] & 0x7fffffffUL, task->blocked.sig[0] & 0x7fffffffUL,
		   s.sigign.sig[0] & 0x7fffffffUL, s.sigcatch.sig[0] & 0x7fffffffUL,
		   permitted && (!whole || s.num_threads < 2) && READ_ONCE(task->state) != TASK_RUNNING,
		   task->exit_signal, task->rt_priority, task->policy);
	stat_mm_tail(m, mm, permitted);
	seq_printf(m, " %d\n", permitted ? task->exit_code : 0);
	if (mm)
		mmput(mm);
	return 0;
}

int proc_tgid_stat(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		   struct task_struct *task)
{
	return do_task_stat(m, ns, pid, task, true);
}

int proc_tid_stat(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
		  struct task_struct *task)
{
	return do_task_stat(m, ns, pid, task, false);
}
