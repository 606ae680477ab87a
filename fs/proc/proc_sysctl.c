/*
 * fs/proc/proc_sysctl.c: /proc/sys, the kernel's tunables.
 *
 * Each tunable is a registered entry under "sys/" (proc_create_rw): its
 * show function prints the value and its write function parses and sets
 * it.  As in Linux, the files follow sysctl's permission rule (the mode
 * bits of root in the initial namespace, see generic.c), writes are taken
 * only at offset 0 (sysctl_writes_strict), and per-namespace values are
 * those of the caller's namespace: subsystems register theirs the same
 * way (the IPC namespace's kernel.msgmax, fs.mqueue.*, ...).
 *
 * Here are the pid allocator's: kernel.pid_max, the reader's pid
 * namespace's limit (Linux 6.14's per-namespace pid_table, with its
 * root's permission rule), and kernel.ns_last_pid, the last pid handed
 * out in the caller's pid namespace (B16), which its owner may set to
 * choose the next one; and fork's kernel.threads-max.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/pid_namespace.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include "internal.h"

static int ns_last_pid_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "%d\n", READ_ONCE(task_active_pid_ns(current)->last_pid));
	return 0;
}

/* Anyone may open it (mode 0666); setting needs CAP_SYS_ADMIN over the namespace's owner. */
static ssize_t ns_last_pid_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	int next, ret;

	(void)f;
	(void)pos;
	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	ret = proc_write_int(ubuf, n, &next);
	if (ret < 0)
		return ret;
	if (next < 0 || next > READ_ONCE(ns->pid_max))
		return -EINVAL;
	WRITE_ONCE(ns->last_pid, next);	/* alloc_pidmap starts after it */
	return ret;
}

static int pid_max_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "%d\n", READ_ONCE(task_active_pid_ns(current)->pid_max));
	return 0;
}

/*
 * Sets the writer's pid namespace's limit; it bounds that namespace's
 * numbers and, through them, every descendant's tasks, and new child
 * namespaces start from it.  Any value from pid_max_min to PID_MAX_LIMIT,
 * even above an ancestor's (that one still bounds allocations there).
 */
static ssize_t pid_max_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	int max, ret = proc_write_int(ubuf, n, &max);

	(void)f;
	(void)pos;
	if (ret < 0)
		return ret;
	if (max < pid_max_min || max > pid_max_max)
		return -EINVAL;
	WRITE_ONCE(task_active_pid_ns(current)->pid_max, max);
	return ret;
}

/*
 * Who may open kernel.pid_max: the mode's owner bits for root of the
 * pid namespace's owning user namespace or a holder of CAP_SYS_ADMIN
 * over it, the group bits for its root group, else the others' bits
 * (Linux's pid_table_root_permissions).
 */
static umode_t pid_max_permissions(umode_t mode)
{
	struct user_namespace *owner = task_active_pid_ns(current)->user_ns;

	if (ns_capable(owner, CAP_SYS_ADMIN) || uid_eq(current_euid(), make_kuid(owner, 0)))
		return (mode & 0700) >> 6;
	if (in_egroup_p(make_kgid(owner, 0)))
		return (mode & 0070) >> 3;
	return mode & 0004;
}

/* ---- plain integers (Linux's proc_dointvec_minmax) --------------------------------- */

static int int_sysctl_show(struct seq_file *m, void *v)
{
	const struct int_sysctl *ctl = m->private;

	(void)v;
	seq_printf(m, "%d\n", READ_ONCE(*ctl->value));
	return 0;
}

/* A value outside [min, max] is EINVAL and changes nothing. */
static ssize_t int_sysctl_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	const struct int_sysctl *ctl = proc_entry_data(f);
	int v, ret = proc_write_int(ubuf, n, &v);

	(void)pos;
	if (ret < 0)
		return ret;
	if (v < ctl->min || v > ctl->max)
		return -EINVAL;
	WRITE_ONCE(*ctl->value, v);
	return ret;
}

/* A sysctl file for the integer @ctl describes, which must outlive it. */
void proc_create_int(const char *path, umode_t mode, const struct int_sysctl *ctl)
{
	proc_create_rw(path, mode, int_sysctl_show, int_sysctl_write, (void *)ctl);
}

/* Linux's sysctl_max_threads: any value from 1 to MAX_THREADS. */
static const struct int_sysctl threads_max_sysctl = {
	.value = &max_threads, .min = 1, .max = MAX_THREADS,
};

/* Called from proc_root_init: /proc/sys exists before any subsystem registers. */
void proc_sys_init(void)
{
	proc_mkdir("sys");
	proc_create_rw("sys/kernel/ns_last_pid", 0666, ns_last_pid_show, ns_last_pid_write, NULL);
	proc_create_rw("sys/kernel/pid_max", 0644, pid_max_show, pid_max_write,
		       NULL)->permissions = pid_max_permissions;
	proc_create_int("sys/kernel/threads-max", 0644, &threads_max_sysctl);
}
