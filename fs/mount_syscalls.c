/*
 * fs/mount_syscalls.c: mount(2) and umount2(2) (Linux's path_mount and
 * ksys_umount, kept in fs/namespace.c there).
 *
 * mount(2) does one of: reconfigure a mount (MS_REMOUNT), bind a tree
 * elsewhere (MS_BIND, with MS_REC the mounts below it too), change a
 * mount's propagation (MS_SHARED, MS_SLAVE, MS_PRIVATE, MS_UNBINDABLE,
 * with MS_REC its whole tree), move it (MS_MOVE), or mount a new file
 * system; a new mount on a shared mount propagates (fs/pnode.c).
 * Every one needs CAP_SYS_ADMIN over the caller's mount namespace's
 * owner, and the mounts it touches must be in the caller's namespace.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/nsproxy.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/namei.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "mount.h"
#include "pnode.h"

static bool may_mount(void)
{
	return ns_capable(current->nsproxy->mnt_ns->user_ns, CAP_SYS_ADMIN);
}

/* Is @mnt in the caller's namespace?  (Linux's check_mnt) */
static bool check_mnt(struct vfsmount *mnt)
{
	return mnt->mnt_ns == current->nsproxy->mnt_ns;
}

static bool is_mount_root(const struct path *p)
{
	return p->dentry == p->mnt->mnt_root;
}

/*
 * The per-mount flags mount(2)'s MS_* bits ask for (Linux's path_mount):
 * relatime unless noatime is asked, and neither with MS_STRICTATIME.
 */
static int ms_to_mnt_flags(unsigned long flags)
{
	int mnt_flags = ((flags & MS_RDONLY) ? MNT_READONLY : 0) |
			((flags & MS_NOSUID) ? MNT_NOSUID : 0) |
			((flags & MS_NODEV) ? MNT_NODEV : 0) |
			((flags & MS_NOEXEC) ? MNT_NOEXEC : 0) |
			((flags & MS_NOATIME) ? MNT_NOATIME : MNT_RELATIME) |
			((flags & MS_NODIRATIME) ? MNT_NODIRATIME : 0) |
			((flags & MS_NOSYMFOLLOW) ? MNT_NOSYMFOLLOW : 0);

	if (flags & MS_STRICTATIME)
		mnt_flags &= ~(MNT_RELATIME | MNT_NOATIME);
	return mnt_flags;
}

/* Mounts the new tree @mnt (just it, or @tree's mounts) at @where, propagating. */
static int graft_tree(struct vfsmount *mnt, struct list_head *tree, const struct path *where)
{
	int err = -EINVAL;

	namespace_lock();
	if (check_mnt(where->mnt))
		err = attach_recursive_mnt(mnt, tree, where);
	if (err)
		drop_tree(tree);
	namespace_unlock();
	return err;
}

/* mount -t @fstype at @where (the new-mount case of mount(2), Linux's do_new_mount). */
static int do_new_mount(const struct path *where, const char *fstype, const char *devname,
			void *data, int flags)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct super_block *sb;
	struct vfsmount *mnt;
	LIST_HEAD(tree);

	if (!type)
		return -ENODEV;
	if (current_user_ns() != &init_user_ns && !(type->fs_flags & FS_USERNS_MOUNT))
		return -EPERM;
	if (!S_ISDIR(where->dentry->d_inode->i_mode))
		return -ENOTDIR;
	sb = sget(type, 0, data);
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	if (sb->s_flags & SB_NOUSER) {		/* a pseudo file system (Linux's graft_tree) */
		deactivate_super(sb);
		return -EINVAL;
	}
	mnt = alloc_mnt(sb, sb->s_root);
	deactivate_super(sb);
	if (!mnt)
		return -ENOMEM;
	mnt->mnt_flags = ms_to_mnt_flags(flags);
	mnt->mnt_devname = kstrdup_const(devname ? devname : "none", GFP_KERNEL);
	list_add_tail(&mnt->mnt_list, &tree);
	return graft_tree(mnt, &tree, where);
}

/* Is a locked mount on @from's tree at or below @from's dentry?  (Linux's has_locked_children) */
static bool has_locked_children(const struct path *from)
{
	struct vfsmount *m;

	list_for_each_entry(m, &from->mnt->mnt_mounts, mnt_child)
		if ((m->mnt_flags & MNT_LOCKED) && is_subdir(m->mnt_mountpoint, from->dentry))
			return true;
	return false;
}

/*
 * MS_BIND (Linux's do_loopback): the tree at @source, from its dentry,
 * mounted again at @where; with MS_REC the mounts below come along,
 * but no unbindable one.  An unbindable source is EINVAL, and so is a
 * source or target outside the caller's namespace.  The copy relates to
 * its original as a plain clone does: a peer of a shared one.
 */
static int do_loopback(const struct path *where, const char *source, int flags)
{
	bool recurse = flags & MS_REC;
	struct vfsmount *mnt;
	struct path from;
	LIST_HEAD(tree);
	int err;

	err = kern_path(source, 1, &from);
	if (err)
		return err;
	namespace_lock();
	err = -EINVAL;
	if (IS_MNT_UNBINDABLE(from.mnt) || !check_mnt(from.mnt) || !check_mnt(where->mnt))
		goto out;
	if (!recurse && has_locked_children(&from))
		goto out;		/* the copy would show what they hide */
	if (recurse) {
		mnt = copy_tree(from.mnt, from.dentry, 0, &tree);
	} else {
		mnt = clone_mnt(from.mnt, from.dentry, 0);
		if (!IS_ERR(mnt))
			list_add_tail(&mnt->mnt_list, &tree);
	}
	err = IS_ERR(mnt) ? PTR_ERR(mnt) : 0;
	if (!err) {
		mnt->mnt_flags &= ~MNT_LOCKED;
		err = attach_recursive_mnt(mnt, &tree, where);
		if (err)
			drop_tree(&tree);
	}
out:
	namespace_unlock();
	path_put(&from);
	return err;
}

/* Is @mnt @ancestor or mounted somewhere below it? */
static bool mnt_is_below(struct vfsmount *mnt, struct vfsmount *ancestor)
{
	for (;;) {
		if (mnt == ancestor)
			return true;
		if (mnt->mnt_parent == mnt)
			return false;
		mnt = mnt->mnt_parent;
	}
}

/* Does @mnt's tree hold an unbindable mount?  (Linux's tree_contains_unbindable) */
static bool tree_contains_unbindable(struct vfsmount *mnt)
{
	struct vfsmount *p;

	for (p = mnt; p; p = next_mnt(p, mnt))
		if (IS_MNT_UNBINDABLE(p))
			return true;
	return false;
}

/* Moves @mnt's tree to the end of its namespace's list: parents stay first. */
static void move_tree_last(struct vfsmount *mnt)
{
	struct vfsmount *p;

	for (p = mnt; p; p = next_mnt(p, mnt))
		list_move_tail(&p->mnt_list, &mnt->mnt_ns->list);
}

/*
 * MS_MOVE (Linux's do_move_mount): the mount at @source, with what is
 * mounted below it, goes to @where.  Not a mount whose parent is shared,
 * nor an unbindable tree onto a shared mount (EINVAL); not into itself
 * (ELOOP).  Moved onto a shared mount, it propagates like a new mount.
 */
static int do_move_mount(const struct path *where, const char *source)
{
	struct vfsmount *mnt, *old_parent;
	struct path from, old = { NULL, NULL };
	LIST_HEAD(copies);
	int err = kern_path(source, 1, &from);

	if (err)
		return err;
	mnt = from.mnt;
	namespace_lock();
	err = -EINVAL;
	if (!is_mount_root(&from) || !check_mnt(mnt) || !check_mnt(where->mnt) ||
	    mnt->mnt_parent == mnt || (mnt->mnt_flags & MNT_LOCKED) ||
	    IS_MNT_SHARED(mnt->mnt_parent) ||
	    (IS_MNT_SHARED(where->mnt) && tree_contains_unbindable(mnt)))
		goto out;
	err = -ELOOP;
	if (mnt_is_below(where->mnt, mnt))
		goto out;		/* into itself */
	err = 0;
	if (IS_MNT_SHARED(where->mnt)) {
		err = invent_group_ids(mnt, true);
		if (!err)
			err = propagate_mnt(where->mnt, where->dentry, mnt, &copies);
		clear_pending_mounts(where->mnt->mnt_ns, &copies);
		if (err) {
			drop_tree(&copies);
			cleanup_group_ids(mnt, NULL);
			goto out;
		}
		for (old_parent = mnt; old_parent; old_parent = next_mnt(old_parent, mnt))
			set_mnt_shared(old_parent);
	}
	old.mnt = mnt->mnt_parent;
	old.dentry = mnt->mnt_mountpoint;
	list_del_init(&mnt->mnt_child);
	old.dentry->d_mounted--;
	mnt_set_mountpoint(where->mnt, where->dentry, mnt);
	list_add_tail(&mnt->mnt_child, &where->mnt->mnt_mounts);
	move_tree_last(mnt);
	commit_copies(&copies, where->mnt->mnt_ns->user_ns);
out:
	namespace_unlock();
	if (!err && old.mnt)
		path_put(&old);
	path_put(&from);
	return err;
}

/*
 * May a remount give @mnt these flags?  Not clear one that is locked
 * (Linux's can_change_locked_flags).
 */
static bool can_change_locked_flags(struct vfsmount *mnt, int mnt_flags)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mnt_lock_bits); i++)
		if ((mnt->mnt_flags & mnt_lock_bits[i].lock) && !(mnt_flags & mnt_lock_bits[i].flag))
			return false;
	/* the atime rule is locked as a whole: it may not change at all */
	return !(mnt->mnt_flags & MNT_LOCK_ATIME) ||
	       (mnt->mnt_flags & MNT_ATIME_MASK) == (mnt_flags & MNT_ATIME_MASK);
}

/*
 * MS_REMOUNT: new per-mount flags for a mount root (the atime rule stays
 * unless one is named).  Without MS_BIND it
 * reconfigures the file system too, so it also needs CAP_SYS_ADMIN over
 * the user namespace that mounted it (Linux's do_remount); with MS_BIND
 * only the mount changes (do_reconfigure_mnt).  Locked flags stay: EPERM.
 */
static int do_remount(const struct path *where, unsigned long flags, char *data)
{
	struct vfsmount *mnt = where->mnt;
	struct super_block *sb = mnt->mnt_sb;
	int mnt_flags = ms_to_mnt_flags(flags), err;

	/* a remount that names no atime rule keeps the mount's (Linux's path_mount) */
	if (!(flags & (MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)))
		mnt_flags = (mnt_flags & ~MNT_ATIME_MASK) | (mnt->mnt_flags & MNT_ATIME_MASK);
	if (!is_mount_root(where) || !check_mnt(mnt))
		return -EINVAL;
	if (!can_change_locked_flags(mnt, mnt_flags))
		return -EPERM;
	if (!(flags & MS_BIND) && !ns_capable(sb->s_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	if (!(flags & MS_BIND) && sb->s_op && sb->s_op->remount_fs) {
		err = sb->s_op->remount_fs(sb, data);	/* Linux's reconfigure_super */
		if (err)
			return err;
	}
	namespace_lock();
	mnt->mnt_flags = (mnt->mnt_flags & ~MNT_USER_SETTABLE) | mnt_flags;
	namespace_unlock();
	return 0;
}

/* Exactly one propagation type, with MS_REC and MS_SILENT at most (Linux's). */
static int flags_to_propagation_type(unsigned long flags)
{
	unsigned long type = flags & ~(MS_REC | MS_SILENT);

	if (!type || (type & (type - 1)))
		return 0;
	return (type & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) ? type : 0;
}

/*
 * mount --make-{shared,slave,private,unbindable}[r] (Linux's
 * do_change_type): the mount at @where, a mount root of the caller's
 * namespace, and with MS_REC every mount below it.
 */
static int do_change_type(const struct path *where, unsigned long flags)
{
	int type = flags_to_propagation_type(flags);
	bool recurse = flags & MS_REC;
	struct vfsmount *mnt = where->mnt, *m;
	int err = 0;

	if (!is_mount_root(where) || !type)
		return -EINVAL;
	namespace_lock();
	if (!check_mnt(mnt))
		err = -EINVAL;
	else if (type == MS_SHARED)
		err = invent_group_ids(mnt, recurse);
	for (m = mnt; !err && m; m = recurse ? next_mnt(m, mnt) : NULL)
		change_mnt_propagation(m, type);
	namespace_unlock();
	return err;
}

/* A user string argument of mount(2), or NULL for a NULL pointer. */
static char *mount_arg(const char *ustr)
{
	return ustr ? getname(ustr) : NULL;
}

/* What mount(2) asks for, in Linux's order of precedence (path_mount). */
static long path_mount(const char *source, const struct path *where, const char *type,
		       unsigned long flags, void *data)
{
	char fstype[32];

	if (flags & MS_REMOUNT)
		return do_remount(where, flags, data);
	if (flags & MS_BIND)
		return source ? do_loopback(where, source, flags) : -EFAULT;
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return do_change_type(where, flags);
	if (flags & MS_MOVE)
		return source ? do_move_mount(where, source) : -EFAULT;
	if (!type)
		return -EINVAL;
	if (strncpy_from_user(fstype, type, sizeof(fstype)) < 0)
		return -EFAULT;
	fstype[sizeof(fstype) - 1] = '\0';
	return do_new_mount(where, fstype, source, data, flags);
}

/*
 * mount(2)'s data, the options: a page copied in (less if the user's
 * memory ends sooner), NUL-terminated; NULL for none, -EFAULT if none of
 * it can be read (Linux's copy_mount_options).
 */
static char *copy_mount_options(const void *data)
{
	char *copy;
	size_t left;

	if (!data)
		return NULL;
	copy = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!copy)
		return ERR_PTR(-ENOMEM);
	left = copy_from_user(copy, data, PAGE_SIZE);
	if (left == PAGE_SIZE) {
		kfree(copy);
		return ERR_PTR(-EFAULT);
	}
	copy[PAGE_SIZE - 1] = '\0';
	return copy;
}

SYSCALL_DEFINE5(mount, const char *, dev_name, const char *, dir_name, const char *, type,
		unsigned long, flags, void *, data)
{
	struct path where;
	char *source, *options;
	long err;

	if (!may_mount())
		return -EPERM;
	source = mount_arg(dev_name);
	if (IS_ERR(source))
		return PTR_ERR(source);
	options = copy_mount_options(data);
	err = PTR_ERR_OR_ZERO(options);
	if (!err)
		err = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &where);
	if (!err) {
		err = path_mount(source, &where, type, flags, options);
		path_put(&where);
	}
	if (!IS_ERR(options))
		kfree(options);
	if (source)
		putname(source);
	return err;
}

/*
 * umount2(2).  A locked mount (MNT_LOCKED) is EINVAL: unmounting it would
 * show what it hides.  A mount with mounts on it, or in use beyond our
 * lookup and the namespace, is EBUSY, and so is one whose propagated
 * copies are in use; MNT_DETACH (umount -l) takes it and what is below
 * it away regardless, and each lives on until its last user goes.  The
 * copies its parent's peers and slaves received go with it.
 */
SYSCALL_DEFINE2(umount2, const char *, name, int, flags)
{
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	LIST_HEAD(dead);
	struct path p;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if (!may_mount())
		return -EPERM;
	err = user_path_at(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	namespace_lock();
	if (!is_mount_root(&p) || p.mnt->mnt_ns != ns || (p.mnt->mnt_flags & MNT_LOCKED))
		err = -EINVAL;
	else if (p.mnt == ns->root)
		err = -EBUSY;
	else if (!(flags & MNT_DETACH) && propagate_mount_busy(p.mnt))
		err = -EBUSY;		/* our lookup and the namespace hold two */
	if (!err)
		umount_tree(p.mnt, true, &dead);
	namespace_unlock();
	drop_mounts(&dead);
	path_put(&p);
	return err;
}
