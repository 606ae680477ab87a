/*
 * fs/mnt_namespace.c: mount namespaces (Linux keeps them in
 * fs/namespace.c): the first one (mnt_init), copies for CLONE_NEWNS
 * (copy_mnt_ns), their end (put_mnt_ns), and setns (mntns_install).
 *
 * A namespace lists its mounts, parents before children, and holds a
 * reference on each; the trees and their propagation are fs/namespace.c's
 * and fs/pnode.c's.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include "mount.h"
#include "pnode.h"

struct mnt_namespace init_mnt_ns;

static struct mnt_namespace *alloc_mnt_ns(struct user_namespace *user_ns)
{
	struct mnt_namespace *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	if (!ns)
		return ERR_PTR(-ENOMEM);
	if (ns_alloc_inum(&ns->ns)) {
		kfree(ns);
		return ERR_PTR(-ENOMEM);
	}
	ns->ns.ops = &mntns_operations;
	atomic_set(&ns->count, 1);
	INIT_LIST_HEAD(&ns->list);
	ns->user_ns = get_user_ns(user_ns);
	return ns;
}

/* Moves a path into the new tree: root and cwd follow their mounts' copies. */
static void switch_path(struct vfsmount *old_root, struct vfsmount *new_root, struct path *p)
{
	struct vfsmount *o = old_root, *n = new_root;

	while (o && o != p->mnt) {	/* both trees walked alike: the same shape */
		o = next_mnt(o, old_root);
		n = next_mnt(n, new_root);
	}
	if (o && n) {
		mntput(p->mnt);
		p->mnt = mntget(n);
	}
}

/*
 * CLONE_NEWNS: a copy of @ns's whole tree (Linux's copy_mnt_ns).  Copies
 * of shared mounts are peers of the originals, or their slaves when the
 * new namespace belongs to another user namespace, which also locks them.
 */
struct mnt_namespace *copy_mnt_ns(unsigned long flags, struct mnt_namespace *ns,
				  struct user_namespace *user_ns, struct fs_struct *new_fs)
{
	int copy_flags = CL_COPY_UNBINDABLE;
	struct mnt_namespace *new;
	struct vfsmount *root;
	LIST_HEAD(tree);

	get_mnt_ns(ns);
	if (!(flags & CLONE_NEWNS))
		return ns;
	new = alloc_mnt_ns(user_ns);
	if (IS_ERR(new))
		goto out;
	if (user_ns != ns->user_ns)
		copy_flags |= CL_SHARED_TO_SLAVE;
	namespace_lock();
	root = copy_tree(ns->root, ns->root->mnt_root, copy_flags, &tree);
	if (IS_ERR(root)) {
		namespace_unlock();
		put_mnt_ns(new);
		new = ERR_CAST(root);
		goto out;
	}
	new->root = root;
	root->mnt_ns = new;		/* commit_tree takes the rest from their parents */
	list_move_tail(&root->mnt_list, &new->list);
	new->mounts = 1;
	commit_tree(&tree);
	if (user_ns != ns->user_ns)
		lock_mnt_tree(new->root);
	if (new_fs) {
		spin_lock(&new_fs->lock);
		switch_path(ns->root, new->root, &new_fs->root);
		switch_path(ns->root, new->root, &new_fs->pwd);
		spin_unlock(&new_fs->lock);
	}
	namespace_unlock();
out:
	put_mnt_ns(ns);
	return new;
}

void get_mnt_ns(struct mnt_namespace *ns)
{
	if (ns)
		atomic_inc(&ns->count);
}

/* The last user of a namespace takes its mounts down, children first. */
void put_mnt_ns(struct mnt_namespace *ns)
{
	LIST_HEAD(dead);

	if (!ns || !atomic_dec_and_test(&ns->count))
		return;
	namespace_lock();
	if (ns->root)
		umount_tree(ns->root, false, &dead);
	namespace_unlock();
	drop_mounts(&dead);
	ns_free_inum(&ns->ns);
	put_user_ns(ns->user_ns);
	kfree(ns);
}

static struct ns_common *mntns_get(struct task_struct *task)
{
	struct mnt_namespace *ns = task->nsproxy ? task->nsproxy->mnt_ns : NULL;

	get_mnt_ns(ns);
	return ns ? &ns->ns : NULL;
}

static void mntns_put(struct ns_common *ns)
{
	put_mnt_ns(container_of(ns, struct mnt_namespace, ns));
}

/* setns(CLONE_NEWNS): the caller's root and cwd move to the new tree's root. */
static int mntns_install(struct nsproxy *nsproxy, struct ns_common *ns)
{
	struct mnt_namespace *mnt_ns = container_of(ns, struct mnt_namespace, ns);
	struct fs_struct *fs = current->fs;
	struct path root;

	if (!ns_capable(mnt_ns->user_ns, CAP_SYS_ADMIN) ||
	    !ns_capable(current_user_ns(), CAP_SYS_CHROOT) ||
	    !ns_capable(current_user_ns(), CAP_SYS_ADMIN))
		return -EPERM;
	if (fs->users != 1)
		return -EINVAL;
	get_mnt_ns(mnt_ns);
	put_mnt_ns(nsproxy->mnt_ns);
	nsproxy->mnt_ns = mnt_ns;
	root.mnt = mnt_ns->root;
	root.dentry = mnt_ns->root->mnt_root;
	set_fs_pwd(fs, &root);
	set_fs_root(fs, &root);
	return 0;
}

static struct user_namespace *mntns_owner(struct ns_common *ns)
{
	return container_of(ns, struct mnt_namespace, ns)->user_ns;
}

const struct proc_ns_operations mntns_operations = {
	.name		= "mnt",
	.type		= CLONE_NEWNS,
	.get		= mntns_get,
	.put		= mntns_put,
	.install	= mntns_install,
	.owner		= mntns_owner,
};

/* Linux's init_mount_tree: rootfs (a ramfs) is the first namespace's root. */
void mnt_init(void)
{
	struct file_system_type *rootfs = get_fs_type("rootfs");
	struct super_block *sb;
	struct vfsmount *mnt;
	struct path root;

	mnt_cache_init();
	atomic_set(&init_mnt_ns.count, 1);
	INIT_LIST_HEAD(&init_mnt_ns.list);
	init_mnt_ns.user_ns = &init_user_ns;
	init_mnt_ns.ns.ops = &mntns_operations;
	if (ns_alloc_inum(&init_mnt_ns.ns))
		panic("mnt_init: no inode number");
	sb = sget(rootfs, 0, NULL);
	if (IS_ERR(sb))
		panic("Can't create rootfs");
	mnt = alloc_mnt(sb, sb->s_root);
	if (!mnt)
		panic("Can't create rootfs");
	deactivate_super(sb);
	mnt->mnt_devname = kstrdup_const("rootfs", GFP_KERNEL);
	mnt->mnt_ns = &init_mnt_ns;
	list_add(&mnt->mnt_list, &init_mnt_ns.list);
	init_mnt_ns.root = mnt;
	init_mnt_ns.mounts = 1;
	init_nsproxy.mnt_ns = &init_mnt_ns;
	get_mnt_ns(&init_mnt_ns);	/* the nsproxy's reference */
	root.mnt = mnt;
	root.dentry = mnt->mnt_root;
	set_fs_pwd(&init_fs, &root);
	set_fs_root(&init_fs, &root);
}
