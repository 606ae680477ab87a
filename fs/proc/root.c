/*
 * fs/proc/root.c: the proc file system and its root directory.
 *
 * Every mount of proc is a new instance (super block) that belongs to the
 * pid namespace of the task that mounted it, as Linux's proc_pid_ns(sb):
 * its root lists the registered entries (meminfo, sys, sysvipc, ...),
 * "self" and "thread-self", and a directory for every process that has a
 * number in that namespace, under that number.  So a proc mounted inside
 * a new pid namespace shows only that namespace's processes, and /proc/self
 * is the reader's pid as the namespace numbers it.
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/user_namespace.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include "internal.h"

struct pid_namespace *proc_pid_ns(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* A proc inode, owned by root, standing for nothing yet. */
struct inode *proc_new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb);
	struct proc_inode *ei = kzalloc(sizeof(*ei), GFP_KERNEL);

	if (!inode || !ei) {
		kfree(ei);
		if (inode)
			iput(inode);
		return NULL;
	}
	inode->i_private = ei;
	inode->i_mode = mode;
	return inode;
}

static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode *ei = PROC_I(inode);

	if (ei) {
		put_pid(ei->pid);
		kfree(ei);
		inode->i_private = NULL;
	}
}

static const struct super_operations proc_sops = {
	.evict_inode	= proc_evict_inode,
	.statfs		= simple_statfs,
};

/* ---- /proc/self and /proc/thread-self --------------------------------------- */

/*
 * The link's text is the reader's thread group id in this instance's
 * namespace, so the walk goes on to /proc/TGID of the same mount.  A
 * reader the namespace cannot see has no "self" there.
 */
static int proc_self_readlink(struct dentry *dentry, char *buf, int size)
{
	pid_t tgid = task_tgid_nr_ns(current, proc_pid_ns(dentry->d_sb));

	return tgid ? scnprintf(buf, size, "%d", tgid) : -ENOENT;
}

static int proc_thread_self_readlink(struct dentry *dentry, char *buf, int size)
{
	struct pid_namespace *ns = proc_pid_ns(dentry->d_sb);
	pid_t tgid = task_tgid_nr_ns(current, ns), pid = task_pid_nr_ns(current, ns);

	return pid ? scnprintf(buf, size, "%d/task/%d", tgid, pid) : -ENOENT;
}

static const struct inode_operations proc_self_inode_operations = {
	.readlink	= proc_self_readlink,
};

static const struct inode_operations proc_thread_self_inode_operations = {
	.readlink	= proc_thread_self_readlink,
};

static struct dentry *proc_self_lookup(struct inode *dir, struct dentry *dentry,
				       const struct inode_operations *iop)
{
	struct inode *inode = proc_new_inode(dir->i_sb, S_IFLNK | 0777);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_op = iop;
	d_instantiate(dentry, inode);
	return NULL;
}

/* ---- the root directory ---------------------------------------------------------- */

static bool name_is(const struct dentry *dentry, const char *name)
{
	return dentry->d_namelen == strlen(name) && !memcmp(dentry->d_name, name, dentry->d_namelen);
}

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry)
{
	struct dentry *res;

	if (name_is(dentry, "self"))
		return proc_self_lookup(dir, dentry, &proc_self_inode_operations);
	if (name_is(dentry, "thread-self"))
		return proc_self_lookup(dir, dentry, &proc_thread_self_inode_operations);
	res = proc_lookup_de(dir, dentry, &proc_root);
	if (res || dentry->d_inode)
		return res;
	return proc_pid_lookup(dentry);
}

/* The registered entries first, then "self", "thread-self" and the processes. */
static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	if (ctx->pos < FIRST_PROCESS_ENTRY) {
		if (proc_readdir_de(f, ctx, &proc_root) <= 0)
			return 0;		/* the caller's buffer is full */
		ctx->pos = FIRST_PROCESS_ENTRY;
	}
	return proc_pid_readdir(f, ctx);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup		= proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.iterate	= proc_root_readdir,
	.llseek		= generic_file_llseek,
};

/* ---- the file system ------------------------------------------------------------- */

/*
 * A new instance for the mounter's pid namespace.  Mounting it needs
 * CAP_SYS_ADMIN over the namespace's owner, as Linux's mount_capable.
 * proc takes no mount options here (Linux's hidepid= and gid=).
 */
static int proc_fill_super(struct super_block *sb, void *data)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct inode *root;

	(void)data;
	if (!ns_capable(ns->user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	root = proc_new_inode(sb, S_IFDIR | 0555);
	if (!root)
		return -ENOMEM;
	root->i_ino = PROC_ROOT_INO;
	root->i_nlink = 2;
	root->i_op = &proc_root_inode_operations;
	root->i_fop = &proc_root_operations;
	PROC_I(root)->pde = &proc_root;
	sb->s_root = d_alloc_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	sb->s_fs_info = get_pid_ns(ns);
	put_user_ns(sb->s_user_ns);
	sb->s_user_ns = get_user_ns(ns->user_ns);
	return 0;
}

static void proc_kill_sb(struct super_block *sb)
{
	struct pid_namespace *ns = sb->s_fs_info;

	kill_anon_super(sb);
	put_pid_ns(ns);
}

static struct file_system_type proc_fs_type = {
	.name		= "proc",
	.fill_super	= proc_fill_super,
	.kill_sb	= proc_kill_sb,
	.fs_flags	= FS_USERNS_MOUNT,
};

/* Called by start_kernel, as Linux's: the registry is ready before any initcall. */
void proc_root_init(void)
{
	proc_symlink("mounts", "self/mounts");
	proc_sys_init();
	register_filesystem(&proc_fs_type);
}
