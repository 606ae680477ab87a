/*
 * kernel/pidfd.c: process file descriptors (pidfds).
 *
 * A pidfd is an anonymous file whose private_data holds a reference on a
 * struct pid: it names a process without the race of a number that may
 * be reused once the process is reaped.  clone(CLONE_PIDFD) and clone3
 * return one for the child (kernel/fork.c), pidfd_open() makes one for a
 * living process; poll() says POLLIN once the whole thread group has
 * exited, waitid(P_PIDFD) waits for it (kernel/wait.c), and
 * pidfd_send_signal() is kill() by pidfd.  A pidfd is always close-on-exec.
 *
 * Linux 6.1 spreads this over kernel/pid.c (pidfd_open, pidfd_create),
 * kernel/fork.c (pidfd_fops, pidfd_poll, CLONE_PIDFD) and kernel/signal.c
 * (pidfd_send_signal, do_notify_pidfd); here it is one file.  The files
 * are anonymous ones (fs/anon_inodes.c).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/anon_inodes.h>
#include <linux/poll.h>
#include <linux/pidfd.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/cred.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/nsfs.h>
#include <linux/ns_common.h>
#include <linux/ptrace.h>
#include <linux/sched/task.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static int pidfd_release(struct inode *inode, struct file *file)
{
	(void)inode;
	put_pid(file->private_data);
	return 0;
}

/*
 * POLLIN once what the pidfd names has exited: a thread at once, a
 * leader only with its last thread (as wait(2) reports it then), and
 * POLLHUP too once it is reaped (v6.9's pidfd_poll).
 */
static unsigned int pidfd_poll(struct file *file, struct poll_table_struct *pts)
{
	struct pid *pid = file->private_data;
	struct task_struct *task;
	unsigned int mask = 0;

	poll_wait(file, &pid->wait_pidfd, pts);
	spin_lock_irq(&tasklist_lock);
	task = pid_task(pid, PIDTYPE_PID);
	if (!task)
		mask = POLLIN | POLLRDNORM | POLLHUP;
	else if (READ_ONCE(task->exit_state) && !delay_group_leader(task))
		mask = POLLIN | POLLRDNORM;
	spin_unlock_irq(&tasklist_lock);
	return mask;
}

/* The namespace file types of the PIDFD_GET_* ioctls, by ioctl number; NULL: none here. */
static const struct proc_ns_operations *pidfd_ns_ops(unsigned int cmd)
{
	switch (cmd) {
	case PIDFD_GET_IPC_NAMESPACE:
		return &ipcns_operations;
	case PIDFD_GET_MNT_NAMESPACE:
		return &mntns_operations;
	case PIDFD_GET_PID_NAMESPACE:
		return &pidns_operations;
	case PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE:
		return &pidns_for_children_operations;
	case PIDFD_GET_USER_NAMESPACE:
		return &userns_operations;
	case PIDFD_GET_UTS_NAMESPACE:
		return &utsns_operations;
	default:	/* cgroup, net, time: namespaces this kernel does not have */
		return NULL;
	}
}

/*
 * PIDFD_GET_*_NAMESPACE: a new O_CLOEXEC descriptor for one of the
 * process's namespaces, as opening /proc/PID/ns/TYPE would give (Linux
 * 6.11's pidfd_ioctl): ESRCH once it has exited, EACCES unless the
 * caller may look into it, EOPNOTSUPP for a type this kernel lacks (as
 * Linux built without it), ENOTTY for another command.
 */
static long pidfd_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	const struct proc_ns_operations *ops = pidfd_ns_ops(cmd);
	struct task_struct *task;
	long ret;

	if (cmd < PIDFD_GET_CGROUP_NAMESPACE || cmd > PIDFD_GET_UTS_NAMESPACE)
		return -ENOTTY;
	task = get_pid_task(file->private_data, PIDTYPE_PID);
	if (!task)
		return -ESRCH;
	if (arg)
		ret = -EINVAL;
	else if (!task->nsproxy)
		ret = -ESRCH;
	else if (!ptrace_may_access(task))
		ret = -EACCES;
	else
		ret = ops ? open_task_namespace(task, ops) : -EOPNOTSUPP;
	put_task_struct(task);
	return ret;
}

/*
 * /proc/PID/fdinfo/N of a pidfd (Linux 6.1's pidfd_show_fdinfo): "Pid:"
 * is the process's number in the pid namespace of the proc instance
 * read, 0 if it is not visible there, -1 once it has exited; "NSpid:"
 * the same, then its numbers in each namespace below that one.
 */
static void pidfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct pid *pid = f->private_data;
	struct pid_namespace *ns = NULL;
	pid_t nr = -1;

	if (pid_has_task(pid, PIDTYPE_PID)) {
		ns = proc_pid_ns(m->file->f_inode->i_sb);
		nr = pid_nr_ns(pid, ns);
	}
	seq_printf(m, "Pid:\t%d\nNSpid:\t%d", nr, nr);
	if (nr > 0)
		for (unsigned int i = ns->level + 1; i <= pid->level; i++)
			seq_printf(m, "\t%d", pid->numbers[i].nr);
	seq_putc(m, '\n');
}

/* No read or write (EINVAL), no seek (ESPIPE): a pidfd is a handle. */
static const struct file_operations pidfd_fops = {
	.llseek		= no_llseek,
	.poll		= pidfd_poll,
	.ioctl		= pidfd_ioctl,
	.release	= pidfd_release,
	.show_fdinfo	= pidfd_show_fdinfo,
};

/* A task has exited: a process's last thread (do_notify_parent) or any other thread. */
void do_notify_pidfd(struct task_struct *task)
{
	wake_up_all(&task_pid(task)->wait_pidfd);
}

/* The pid a pidfd holds, or EBADF for any other file (Linux's pidfd_pid). */
struct pid *pidfd_pid(const struct file *file)
{
	if (file->f_op == &pidfd_fops)
		return file->private_data;
	return ERR_PTR(-EBADF);
}

/* The pid of pidfd @fd with a reference, and the file's flags (O_NONBLOCK). */
struct pid *pidfd_get_pid(unsigned int fd, unsigned int *flags)
{
	struct file *file = fget(fd);
	struct pid *pid;

	if (!file)
		return ERR_PTR(-EBADF);
	pid = pidfd_pid(file);
	if (!IS_ERR(pid)) {
		get_pid(pid);
		*flags = file->f_flags;
	}
	fput(file);
	return pid;
}

/*
 * Reserves a close-on-exec descriptor and makes a pidfd file for @pid
 * (taking its own reference), without installing it: copy_process must
 * be able to back out until the child is linked.  Returns the descriptor;
 * the caller fd_install()s *@ret, or fput()s it and put_unused_fd()s the
 * number.  @flags: PIDFD_NONBLOCK, PIDFD_THREAD.  (Linux's __pidfd_prepare.)
 */
int pidfd_prepare(struct pid *pid, unsigned int flags, struct file **ret)
{
	struct file *file;
	int fd;

	fd = get_unused_fd_flags(O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile("[pidfd]", &pidfd_fops, get_pid(pid), flags | O_RDWR | O_CLOEXEC);
	if (IS_ERR(file)) {
		put_pid(pid);
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	file->f_flags |= flags & PIDFD_THREAD;	/* F_GETFL shows it, as on Linux */
	*ret = file;
	return fd;
}

/*
 * A pidfd for a task that exists (a zombie is fine): without PIDFD_THREAD
 * it must be a thread-group leader, else ENOENT (Linux's pidfd_prepare,
 * v6.9+; before, EINVAL).
 */
static int pidfd_create(struct pid *pid, unsigned int flags)
{
	struct task_struct *task;
	struct file *file;
	bool ok;
	int fd;

	spin_lock_irq(&tasklist_lock);
	task = pid_task(pid, PIDTYPE_PID);
	ok = task && ((flags & PIDFD_THREAD) || thread_group_leader(task));
	spin_unlock_irq(&tasklist_lock);
	if (!ok)
		return -ENOENT;
	fd = pidfd_prepare(pid, flags, &file);
	if (fd >= 0)
		fd_install(fd, file);
	return fd;
}

/* pidfd_open(2): a pidfd for the process (or thread) @upid names in our namespace. */
SYSCALL_DEFINE2(pidfd_open, pid_t, upid, unsigned int, flags)
{
	struct pid *pid;
	int fd;

	if (flags & ~(PIDFD_NONBLOCK | PIDFD_THREAD))
		return -EINVAL;
	if (upid <= 0)
		return -EINVAL;
	pid = find_get_pid(upid);
	if (!pid)
		return -ESRCH;
	fd = pidfd_create(pid, flags);
	put_pid(pid);
	return fd;
}

/* ---- pidfd_send_signal ---------------------------------------------------- */

/* Is @pid's process in the caller's pid namespace or one below it? */
static bool access_pidfd_pidns(struct pid *pid)
{
	return pidns_is_ancestor(ns_of_pid(pid), task_active_pid_ns(current));
}

/*
 * The caller's own siginfo, under rt_sigqueueinfo's rules: si_signo must
 * be @sig (EINVAL), and only a process signalling itself as a whole may
 * claim a non-negative si_code or SI_TKILL, that is, pose as the kernel
 * (EPERM).
 */
static int copy_pidfd_siginfo(kernel_siginfo_t *kinfo, const kernel_siginfo_t *uinfo,
			      int sig, struct pid *pid, unsigned long scope)
{
	if (copy_from_user(kinfo, uinfo, sizeof(*kinfo)))
		return -EFAULT;
	if (kinfo->si_signo != sig)
		return -EINVAL;
	if ((task_pid(current) != pid || scope == PIDFD_SIGNAL_PROCESS_GROUP) &&
	    (kinfo->si_code >= 0 || kinfo->si_code == SI_TKILL))
		return -EPERM;
	return 0;
}

#define PIDFD_SEND_SIGNAL_FLAGS	(PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP | \
				 PIDFD_SIGNAL_PROCESS_GROUP)

/*
 * The pid @pidfd names, with a reference, and whom it signals by default:
 * one thread for a PIDFD_THREAD pidfd, else the thread group.  An open
 * /proc/PID directory names its process too (Linux's pidfd_to_pid).  The
 * process must be visible from our pid namespace (EINVAL).
 */
static struct pid *pidfd_send_target(int pidfd, unsigned long *scope)
{
	struct file *file = fget(pidfd);
	struct pid *pid;

	if (!file)
		return ERR_PTR(-EBADF);
	*scope = PIDFD_SIGNAL_THREAD_GROUP;
	pid = pidfd_pid(file);
	if (!IS_ERR(pid) && (file->f_flags & PIDFD_THREAD))
		*scope = PIDFD_SIGNAL_THREAD;
	else if (IS_ERR(pid))
		pid = tgid_pidfd_to_pid(file);
	if (IS_ERR(pid))
		goto out;
	pid = access_pidfd_pidns(pid) ? get_pid(pid) : ERR_PTR(-EINVAL);
out:
	fput(file);
	return pid;
}

/* Delivers to the thread, the thread group or the process group @pid names. */
static int pidfd_kill(int sig, kernel_siginfo_t *info, struct pid *pid, unsigned long scope)
{
	int ret;

	spin_lock_irq(&tasklist_lock);
	if (scope == PIDFD_SIGNAL_PROCESS_GROUP)
		ret = __kill_pgrp_info(sig, info, pid);
	else if (scope == PIDFD_SIGNAL_THREAD)
		ret = kill_pid_thread_info(sig, info, pid);
	else
		ret = kill_pid_info(sig, info, pid);
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

/*
 * pidfd_send_signal(2) (Linux's is in kernel/signal.c): kill() of what a
 * pidfd names, with kill()'s permission rules; @flags may widen or narrow
 * that to one thread, the thread group or the process group (at most one
 * of them).  Once the process is reaped it is ESRCH, and a zombie takes
 * the signal silently, as with kill().
 */
SYSCALL_DEFINE4(pidfd_send_signal, int, pidfd, int, sig, kernel_siginfo_t *, info,
		unsigned int, flags)
{
	kernel_siginfo_t kinfo;
	unsigned long scope;
	struct pid *pid;
	int ret;

	if (flags & ~PIDFD_SEND_SIGNAL_FLAGS)
		return -EINVAL;
	if (flags & (flags - 1))
		return -EINVAL;		/* more than one scope */
	pid = pidfd_send_target(pidfd, &scope);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	if (flags)
		scope = flags;
	ret = 0;
	if (info)
		ret = copy_pidfd_siginfo(&kinfo, info, sig, pid, scope);
	else
		prepare_kill_siginfo(sig, &kinfo, scope == PIDFD_SIGNAL_THREAD ? SI_TKILL : SI_USER);
	if (!ret)
		ret = pidfd_kill(sig, &kinfo, pid, scope);
	put_pid(pid);
	return ret;
}

/*
 * The file at @fd in @task's table, with a reference, if the caller may
 * take it over (ptrace_may_access in ATTACH mode, real ids): EPERM if
 * not, ESRCH once it is exiting (its table is going or gone), EBADF if
 * @fd is not open there (Linux's __pidfd_fget).
 */
static struct file *pidfd_fget(struct task_struct *task, unsigned int fd)
{
	struct file *file;

	if (!ptrace_may_access_mode(task, PTRACE_MODE_ATTACH_REALCREDS))
		return ERR_PTR(-EPERM);
	if (READ_ONCE(task->flags) & PF_EXITING)
		return ERR_PTR(-ESRCH);
	file = task_fget(task, fd, NULL);
	return file ? file : ERR_PTR(-EBADF);
}

/*
 * pidfd_getfd(pidfd, fd, flags): a duplicate, in the caller's table, of
 * descriptor @fd of the process @pidfd names: the same open file, as
 * SCM_RIGHTS would pass it, under the lowest free number, close-on-exec.
 * EINVAL for any flag, EBADF if @pidfd is no pidfd or @fd is not open in
 * that process, EPERM if the caller may not ptrace it, ESRCH once it is
 * exiting, EMFILE if the caller's table is full.  Mirrors Linux's
 * pidfd_getfd (kernel/pid.c).
 */
SYSCALL_DEFINE3(pidfd_getfd, int, pidfd, int, fd, unsigned int, flags)
{
	struct task_struct *task;
	unsigned int f_flags;
	struct file *file;
	struct pid *pid;
	int ret;

	if (flags)
		return -EINVAL;
	pid = pidfd_get_pid(pidfd, &f_flags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	ret = -ESRCH;
	task = get_pid_task(pid, PIDTYPE_PID);
	if (!task)
		goto out_pid;
	file = pidfd_fget(task, fd);
	put_task_struct(task);
	ret = PTR_ERR(file);
	if (IS_ERR(file))
		goto out_pid;
	ret = get_unused_fd_flags(O_CLOEXEC);
	if (ret >= 0)
		fd_install(ret, file);	/* the reference pidfd_fget took */
	else
		fput(file);
out_pid:
	put_pid(pid);
	return ret;
}
