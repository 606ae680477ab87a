/*
 * fs/proc/hidepid.c: which processes a proc instance lets a reader see,
 * by its mount options hidepid= and gid= (Linux 6.1's fs/proc/base.c).
 *
 *	hidepid=0, off		every /proc/PID is open to all (the default)
 *	hidepid=1, noaccess	another's /proc/PID cannot be entered: EPERM
 *	hidepid=2, invisible	nor listed, nor stat'ed, nor entered: ENOENT
 *	hidepid=4, ptraceable	only the processes the reader may inspect exist
 *
 * "May inspect" is ptrace_may_access in PTRACE_MODE_READ_FSCREDS mode; a
 * member of the group gid= names sees everything below ptraceable.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/ptrace.h>
#include "internal.h"

/*
 * May the caller see @task under @fs_info's hidepid rule, for a rule at
 * least as strict as @hide_pid_min (Linux's has_pid_permissions)?
 */
bool has_pid_permissions(struct proc_fs_info *fs_info, struct task_struct *task,
			 enum proc_hidepid hide_pid_min)
{
	enum proc_hidepid hide_pid = READ_ONCE(fs_info->hide_pid);

	if (hide_pid == HIDEPID_NOT_PTRACEABLE)
		return ptrace_may_access(task);
	if (hide_pid < hide_pid_min)
		return true;
	if (in_group_p(READ_ONCE(fs_info->pid_gid)))
		return true;
	return ptrace_may_access(task);
}

/*
 * Entering /proc/PID or /proc/PID/task/TID (Linux's proc_pid_permission):
 * under hidepid=noaccess EPERM for a process the caller may not inspect,
 * under hidepid=invisible ENOENT, as if it were not there.
 */
int proc_pid_permission(struct inode *inode, int mask)
{
	struct proc_fs_info *fs_info = proc_sb_info(inode->i_sb);
	struct task_struct *task = get_proc_task(inode);
	bool has_perms;

	if (!task)
		return -ESRCH;
	has_perms = has_pid_permissions(fs_info, task, HIDEPID_NO_ACCESS);
	put_task_struct(task);
	if (!has_perms)
		return READ_ONCE(fs_info->hide_pid) == HIDEPID_INVISIBLE ? -ENOENT : -EPERM;
	return generic_permission(inode, mask);
}

/* stat of /proc/PID: ENOENT where readdir would not list it (Linux's pid_getattr). */
int proc_pid_getattr(struct dentry *dentry, struct kstat *stat)
{
	struct inode *inode = dentry->d_inode;
	struct task_struct *task = get_proc_task(inode);
	bool visible = true;

	if (task) {
		visible = has_pid_permissions(proc_sb_info(inode->i_sb), task, HIDEPID_INVISIBLE);
		put_task_struct(task);
	}
	if (!visible)
		return -ENOENT;
	generic_fillattr(inode, stat);
	return 0;
}
