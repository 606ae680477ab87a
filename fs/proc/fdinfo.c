/*
 * fs/proc/fdinfo.c: /proc/PID/fdinfo, one text file per open descriptor.
 *
 * Each says where the file is and how it is open (pos, flags with
 * O_CLOEXEC from the descriptor, mnt_id, ino), then the flock locks on it
 * and whatever its kind adds through ->show_fdinfo (an eventfd's count, a
 * timerfd's clock and ticks, a signalfd's mask, an epoll set's items), as
 * Linux's fs/proc/fd.c prints them.  Only those who may look into the
 * process (ptrace read access) may list or read them.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/seq_file.h>
#include "internal.h"

/* The text of fdinfo/N (Linux's seq_show). */
static int proc_fdinfo_show(struct seq_file *m, struct pid_namespace *ns, struct pid *pid,
			    struct task_struct *task)
{
	bool cloexec = false;
	struct file *f = task_fget(task, PROC_I(m->file->f_inode)->fd, &cloexec);

	(void)ns;
	(void)pid;
	if (!f)
		return -ENOENT;
	seq_printf(m, "pos:\t%lli\nflags:\t0%o\nmnt_id:\t%i\nino:\t%lu\n",
		   (long long)f->f_pos, f->f_flags | (cloexec ? O_CLOEXEC : 0),
		   f->f_path.mnt->mnt_id, f->f_inode->i_ino);
	show_fd_locks(m, f);
	if (f->f_op && f->f_op->show_fdinfo)
		f->f_op->show_fdinfo(m, f);
	fput(f);
	return 0;
}

/* Ptrace read access to the process, then the mode bits (Linux's proc_fdinfo_permission). */
static int proc_fdinfo_permission(struct inode *inode, int mask)
{
	struct task_struct *task = get_proc_task(inode);
	bool allowed;

	if (!task)
		return -ESRCH;
	allowed = ptrace_may_access(task);
	put_task_struct(task);
	if (!allowed)
		return -EACCES;
	return generic_permission(inode, mask);
}

static const struct inode_operations proc_fdinfo_file_inode_operations = {
	.permission	= proc_fdinfo_permission,
	.setattr	= proc_setattr,
};

static struct inode *proc_fdinfo_instantiate(struct super_block *sb, struct task_struct *task,
					     struct file *f)
{
	struct inode *inode = proc_pid_make_inode(sb, task, S_IFREG | 0444);

	(void)f;
	if (inode) {
		inode->i_op = &proc_fdinfo_file_inode_operations;
		inode->i_fop = &proc_single_file_operations;
		PROC_I(inode)->op.proc_show = proc_fdinfo_show;
	}
	return inode;
}

static struct dentry *proc_lookupfdinfo(struct inode *dir, struct dentry *dentry)
{
	return proc_lookupfd_common(dir, dentry, proc_fdinfo_instantiate);
}

static int proc_readfdinfo(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, DT_REG);
}

const struct inode_operations proc_fdinfo_inode_operations = {
	.lookup		= proc_lookupfdinfo,
	.permission	= proc_fdinfo_permission,
	.setattr	= proc_setattr,
};

const struct file_operations proc_fdinfo_operations = {
	.iterate	= proc_readfdinfo,
	.llseek		= generic_file_llseek,
};
