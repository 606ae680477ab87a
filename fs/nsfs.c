/*
 * fs/nsfs.c: namespaces as files, and setns(2).
 *
 * Following /proc/PID/ns/ipc leads here: to an inode of the internal nsfs
 * whose number is the namespace's inode number and which holds a
 * reference to the namespace (ops->get when made, ops->put when the inode
 * dies).  Every such inode lives in the one nsfs super block, so two
 * processes are in the same namespace exactly when stat() of their ns
 * files gives the same (st_dev, st_ino).  An open namespace file keeps
 * its namespace alive and is what setns() takes: it moves the caller into
 * the namespace through the namespace type's install operation.
 *
 * Its ioctls (Linux's ns_ioctl) walk the namespace tree: NS_GET_USERNS
 * opens the owning user namespace, NS_GET_PARENT the parent of a pid or
 * user namespace, each a new O_CLOEXEC descriptor and EPERM when the
 * answer lies outside the caller's own namespace's subtree;
 * NS_GET_NSTYPE gives the CLONE_NEW* flag and NS_GET_OWNER_UID a user
 * namespace's creator as the caller's user namespace sees it.
 */
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/statfs.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/sched.h>
#include <linux/nsproxy.h>
#include <linux/ns_common.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/syscalls.h>
#include <linux/cred.h>
#include <linux/fdtable.h>
#include <linux/nsfs.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include "proc/internal.h"


static struct vfsmount *nsfs_mnt;

static void nsfs_evict(struct inode *inode)
{
	struct ns_common *ns = inode->i_private;

	ns->ops->put(ns);
}

static const struct super_operations nsfs_ops = {
	.evict_inode	= nsfs_evict,
	.statfs		= simple_statfs,
};

static long ns_ioctl(struct file *f, unsigned int cmd, unsigned long arg);

/* Namespace files can be opened, stat()ed, given to setns() and asked ns_ioctl; no data. */
static const struct file_operations ns_file_operations = {
	.llseek		= no_llseek,
	.ioctl		= ns_ioctl,
};

/*
 * A path to a new nsfs inode for @ns, taking over the caller's reference.
 * Its dentry is named "TYPE:", so that /proc/PID/fd/N of an open namespace
 * reads "TYPE:[INUM]", as Linux's ns_dname.
 */
static int __ns_get_path(struct path *path, struct ns_common *ns)
{
	struct inode *inode = new_inode(nsfs_mnt->mnt_sb);
	char name[32];
	int len;

	if (!inode) {
		ns->ops->put(ns);
		return -ENOMEM;
	}
	inode->i_ino = ns->inum;
	inode->i_mode = S_IFREG | S_IRUGO;
	inode->i_fop = &ns_file_operations;
	inode->i_private = ns;
	len = scnprintf(name, sizeof(name), "%s:", ns->ops->name);
	path->dentry = d_alloc(NULL, name, len);
	if (!path->dentry) {
		iput(inode);		/* puts the namespace */
		return -ENOMEM;
	}
	path->dentry->d_sb = nsfs_mnt->mnt_sb;
	d_instantiate(path->dentry, inode);
	path->mnt = mntget(nsfs_mnt);
	return 0;
}

/* @task's namespace of kind @ns_ops as an nsfs path; ENOENT if it has none (yet). */
int ns_get_path(struct path *path, struct task_struct *task,
		const struct proc_ns_operations *ns_ops)
{
	struct ns_common *ns;

	spin_lock_irq(&tasklist_lock);	/* its nsproxy cannot change or go under us */
	ns = ns_ops->get(task);
	spin_unlock_irq(&tasklist_lock);
	if (!ns)
		return -ENOENT;
	return __ns_get_path(path, ns);
}

/*
 * A new O_CLOEXEC read-only descriptor for @ns, taking over the caller's
 * reference whatever happens (Linux's open_namespace).
 */
int open_namespace(struct ns_common *ns)
{
	struct path path;
	struct file *f;
	int fd = get_unused_fd_flags(O_CLOEXEC), err;

	if (fd < 0) {
		ns->ops->put(ns);
		return fd;
	}
	err = __ns_get_path(&path, ns);
	if (err)
		goto out_fd;
	f = dentry_open(&path, O_RDONLY, current_cred());
	path_put(&path);
	err = PTR_ERR(f);
	if (IS_ERR(f))
		goto out_fd;
	fd_install(fd, f);
	return fd;
out_fd:
	put_unused_fd(fd);
	return err;
}

/* @task's namespace of kind @ns_ops as a new descriptor (a pidfd's PIDFD_GET_*). */
int open_task_namespace(struct task_struct *task, const struct proc_ns_operations *ns_ops)
{
	struct ns_common *ns;

	spin_lock_irq(&tasklist_lock);
	ns = ns_ops->get(task);
	spin_unlock_irq(&tasklist_lock);
	return ns ? open_namespace(ns) : -ESRCH;
}

/* A descriptor for the namespace @get_ns finds from @ns (Linux's open_related_ns). */
static int open_related_ns(struct ns_common *ns,
			   struct ns_common *(*get_ns)(struct ns_common *ns))
{
	struct ns_common *relative = get_ns(ns);

	if (IS_ERR(relative))
		return PTR_ERR(relative);
	return open_namespace(relative);
}

static long ns_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct ns_common *ns = f->f_inode->i_private;
	struct user_namespace *user_ns;

	switch (cmd) {
	case NS_GET_USERNS:
		return open_related_ns(ns, ns_get_owner);
	case NS_GET_PARENT:
		if (!ns->ops->get_parent)
			return -EINVAL;
		return open_related_ns(ns, ns->ops->get_parent);
	case NS_GET_NSTYPE:
		return ns->ops->type;
	case NS_GET_OWNER_UID:
		if (ns->ops->type != CLONE_NEWUSER)
			return -EINVAL;
		user_ns = container_of(ns, struct user_namespace, ns);
		return put_user(from_kuid_munged(current_user_ns(), user_ns->owner),
				(uid_t *)arg);
	default:
		return -ENOTTY;
	}
}

/* "TYPE:[INUM]": the text of /proc/PID/ns/TYPE (pid_for_children reads "pid:[...]"). */
int ns_get_name(char *buf, size_t size, struct task_struct *task,
		const struct proc_ns_operations *ns_ops)
{
	struct ns_common *ns;
	int len;

	spin_lock_irq(&tasklist_lock);
	ns = ns_ops->get(task);
	spin_unlock_irq(&tasklist_lock);
	if (!ns)
		return -ENOENT;
	len = scnprintf(buf, size, "%s:[%u]", ns_ops->real_ns_name ? : ns_ops->name, ns->inum);
	ns_ops->put(ns);
	return len;
}

/*
 * setns(2), as Linux's before pidfds: a private copy of the caller's
 * nsproxy gets the namespace installed (the type's checks decide), then
 * replaces the old one.  Entering a user namespace changes the caller's
 * credentials instead, and a mount namespace its root and cwd, both
 * inside install.
 */
SYSCALL_DEFINE2(setns, int, fd, int, nstype)
{
	struct nsproxy *new_nsproxy;
	struct ns_common *ns;
	struct file *file = fget(fd);
	int err = -EINVAL;

	if (!file)
		return -EBADF;
	if (file->f_op != &ns_file_operations)
		goto out;
	ns = file->f_inode->i_private;
	if (nstype && ns->ops->type != nstype)
		goto out;
	new_nsproxy = create_new_namespaces(0, current, current_user_ns(), current->fs);
	if (IS_ERR(new_nsproxy)) {
		err = PTR_ERR(new_nsproxy);
		goto out;
	}
	err = ns->ops->install(new_nsproxy, ns);
	if (err)
		free_nsproxy(new_nsproxy);
	else
		switch_task_namespaces(current, new_nsproxy);
out:
	fput(file);
	return err;
}

static int nsfs_fill_super(struct super_block *sb, void *data)
{
	(void)data;
	sb->s_magic = NSFS_MAGIC;
	sb->s_op = &nsfs_ops;
	return 0;
}

static struct file_system_type nsfs_type = {
	.name		= "nsfs",
	.fill_super	= nsfs_fill_super,
};

static int __init nsfs_init(void)
{
	nsfs_mnt = kern_mount(&nsfs_type, NULL);
	if (IS_ERR(nsfs_mnt))
		panic("can't set nsfs up");
	return 0;
}
fs_initcall(nsfs_init);
