/*
 * fs/proc/namespaces.c: /proc/PID/ns, the namespaces a process is in.
 *
 * One symbolic link per kind of namespace.  Its text names the namespace
 * by kind and inode number ("ipc:[4026531839]"); following it leads to
 * the namespace's inode in nsfs (fs/nsfs.c), which holds the namespace
 * while it is open and is what setns(2) takes.  pid_for_children is the
 * pid namespace the process's next children will be born in.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/ns_common.h>
#include <linux/err.h>
#include "internal.h"

/* Linux's order, for the kinds this kernel has. */
static const struct proc_ns_operations *const ns_entries[] = {
	&utsns_operations,
	&ipcns_operations,
	&pidns_operations,
	&pidns_for_children_operations,
	&userns_operations,
	&mntns_operations,
};

/* Following the link needs leave to inspect the process, as reading its fds does. */
static int proc_ns_get_link(struct dentry *dentry, struct path *jump)
{
	struct inode *inode = dentry->d_inode;
	struct task_struct *task = get_proc_task(inode);
	int err = -EACCES;

	if (!task)
		return -EACCES;
	if (ptrace_may_access(task))
		err = ns_get_path(jump, task, PROC_I(inode)->op.ns_ops);
	put_task_struct(task);
	return err;
}

static int proc_ns_readlink(struct dentry *dentry, char *buf, int size)
{
	struct inode *inode = dentry->d_inode;
	struct task_struct *task = get_proc_task(inode);
	int err = -EACCES;

	if (!task)
		return -EACCES;
	if (ptrace_may_access(task))
		err = ns_get_name(buf, size, task, PROC_I(inode)->op.ns_ops);
	put_task_struct(task);
	return err;
}

static const struct inode_operations proc_ns_link_inode_operations = {
	.readlink	= proc_ns_readlink,
	.get_link	= proc_ns_get_link,
	.setattr	= proc_setattr,
};

static struct dentry *proc_ns_dir_lookup(struct inode *dir, struct dentry *dentry)
{
	struct task_struct *task = get_proc_task(dir);
	const struct proc_ns_operations *ops = NULL;
	struct inode *inode;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ns_entries); i++)
		if (strlen(ns_entries[i]->name) == dentry->d_namelen &&
		    !memcmp(ns_entries[i]->name, dentry->d_name, dentry->d_namelen))
			ops = ns_entries[i];
	if (task && ops) {
		inode = proc_pid_make_inode(dir->i_sb, task, S_IFLNK | 0777);
		if (inode) {
			inode->i_op = &proc_ns_link_inode_operations;
			PROC_I(inode)->op.ns_ops = ops;
			d_instantiate(dentry, inode);
		}
	}
	if (task)
		put_task_struct(task);
	return NULL;
}

/* ".", "..", then the links in ns_entries order. */
static int proc_ns_dir_readdir(struct file *f, struct dir_context *ctx)
{
	const struct proc_ns_operations *ops;

	if (ctx->pos < 2)
		proc_pident_readdir(f, ctx, NULL, 0);
	for (; ctx->pos >= 2 && ctx->pos - 2 < (loff_t)ARRAY_SIZE(ns_entries); ctx->pos++) {
		ops = ns_entries[ctx->pos - 2];
		if (!ctx->actor(ctx, ops->name, strlen(ops->name), ctx->pos, 1, DT_LNK))
			break;
	}
	return 0;
}

const struct inode_operations proc_ns_dir_inode_operations = {
	.lookup		= proc_ns_dir_lookup,
	.setattr	= proc_setattr,
};

const struct file_operations proc_ns_dir_operations = {
	.iterate	= proc_ns_dir_readdir,
	.llseek		= generic_file_llseek,
};
