/*
 * fs/namespace.c: mounts, mount namespaces, mount(2) and umount2(2).
 *
 * Each mount namespace lists its mounts, parents before children; a path
 * walk that reaches a dentry with mounts on it asks lookup_mnt() for the
 * one in the walker's namespace.  CLONE_NEWNS copies every mount of the
 * caller's namespace (copy_mnt_ns), so later mounts and unmounts on one
 * side are invisible on the other.  There is no mount propagation: every
 * mount is private, so MS_PRIVATE and friends are accepted as no-ops.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/fdtable.h>
#include <linux/nsproxy.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

static DECLARE_RWSEM(namespace_sem);	/* protects every namespace's mount list */
static struct kmem_cache *mnt_cache;
struct mnt_namespace init_mnt_ns;

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		atomic_inc(&mnt->mnt_count);
	return mnt;
}

/* The last reference: a mount is cut from its parent before it can get here (umount_tree). */
static void free_mnt(struct vfsmount *mnt)
{
	WARN_ON(mnt->mnt_parent != mnt);
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kmem_cache_free(mnt_cache, mnt);
}

void mntput(struct vfsmount *mnt)
{
	if (mnt && atomic_dec_and_test(&mnt->mnt_count))
		free_mnt(mnt);
}

static struct vfsmount *alloc_mnt(struct super_block *sb, struct dentry *root)
{
	struct vfsmount *mnt = kmem_cache_zalloc(mnt_cache, GFP_KERNEL);

	if (!mnt)
		return NULL;
	atomic_set(&mnt->mnt_count, 1);
	atomic_inc(&sb->s_active);
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(root);
	mnt->mnt_parent = mnt;
	INIT_LIST_HEAD(&mnt->mnt_list);
	return mnt;
}

/* An internal mount (pipes, the mqueue instance of an ipc namespace). */
struct vfsmount *kern_mount(struct file_system_type *type, void *data)
{
	struct super_block *sb = sget(type, data);
	struct vfsmount *mnt;

	if (IS_ERR(sb))
		return ERR_CAST(sb);
	mnt = alloc_mnt(sb, sb->s_root);
	deactivate_super(sb);		/* the mount holds it now */
	if (!mnt)
		return ERR_PTR(-ENOMEM);
	mnt->mnt_flags = MNT_INTERNAL;
	return mnt;
}

void kern_unmount(struct vfsmount *mnt)
{
	mntput(mnt);
}

/* The mount on @mountpoint of @parent in the current namespace, with a reference. */
struct vfsmount *lookup_mnt(struct vfsmount *parent, struct dentry *mountpoint)
{
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	struct vfsmount *m, *found = NULL;

	if (!mountpoint->d_mounted || !ns)
		return NULL;
	down_read(&namespace_sem);
	list_for_each_entry(m, &ns->list, mnt_list) {
		if (m->mnt_parent == parent && m->mnt_mountpoint == mountpoint && m != ns->root)
			found = m;	/* the last one: mounts stack, the top one wins */
	}
	mntget(found);
	up_read(&namespace_sem);
	return found;
}

/* Puts @mnt on @where in @ns. */
static void attach_mnt(struct mnt_namespace *ns, struct vfsmount *mnt, const struct path *where)
{
	mnt->mnt_parent = mntget(where->mnt);
	mnt->mnt_mountpoint = dget(where->dentry);
	where->dentry->d_mounted++;
	mnt->mnt_ns = ns;
	list_add_tail(&mnt->mnt_list, &ns->list);
	ns->mounts++;
}

static bool may_mount(void)
{
	return ns_capable(current->nsproxy->mnt_ns->user_ns, CAP_SYS_ADMIN);
}

/* The per-mount flags mount(2)'s MS_* bits ask for (Linux's do_mount). */
static int ms_to_mnt_flags(unsigned long flags)
{
	return ((flags & MS_RDONLY) ? MNT_READONLY : 0) | ((flags & MS_NOSUID) ? MNT_NOSUID : 0) |
	       ((flags & MS_NODEV) ? MNT_NODEV : 0) | ((flags & MS_NOEXEC) ? MNT_NOEXEC : 0);
}

#define MNT_USER_SETTABLE	(MNT_READONLY | MNT_NOSUID | MNT_NODEV | MNT_NOEXEC)

/* mount -t @fstype at @where (the new-mount case of mount(2)). */
int do_mount_at(const struct path *where, const char *fstype, void *data, int flags)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	struct super_block *sb;
	struct vfsmount *mnt;

	if (!type)
		return -ENODEV;
	if (current_user_ns() != &init_user_ns && !(type->fs_flags & FS_USERNS_MOUNT))
		return -EPERM;
	if (!S_ISDIR(where->dentry->d_inode->i_mode))
		return -ENOTDIR;
	sb = sget(type, data);
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
	down_write(&namespace_sem);
	attach_mnt(ns, mnt, where);
	up_write(&namespace_sem);
	return 0;
}

#define MNT_LOCK_FLAGS	(MNT_LOCK_READONLY | MNT_LOCK_NODEV | MNT_LOCK_NOSUID | MNT_LOCK_NOEXEC)

/* Each flag a less privileged namespace may not clear, and the bit that locks it. */
static const struct {
	int flag, lock;
} mnt_lock_bits[] = {
	{ MNT_READONLY, MNT_LOCK_READONLY }, { MNT_NODEV, MNT_LOCK_NODEV },
	{ MNT_NOSUID, MNT_LOCK_NOSUID }, { MNT_NOEXEC, MNT_LOCK_NOEXEC },
};

/* Is a locked mount on @from's tree at or below @from's dentry?  (Linux's has_locked_children) */
static bool has_locked_children(struct mnt_namespace *ns, const struct path *from)
{
	struct vfsmount *m;

	list_for_each_entry(m, &ns->list, mnt_list)
		if (m->mnt_parent == from->mnt && m != from->mnt && (m->mnt_flags & MNT_LOCKED) &&
		    is_subdir(m->mnt_mountpoint, from->dentry))
			return true;
	return false;
}

static int do_bind_mount(const struct path *where, const char *source, int flags)
{
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	struct vfsmount *mnt;
	struct path from;
	int err;

	(void)flags;
	err = kern_path(source, 1, &from);
	if (err)
		return err;
	mnt = alloc_mnt(from.mnt->mnt_sb, from.dentry);
	if (mnt)	/* the source's flags and their locks come along (Linux's clone_mnt) */
		mnt->mnt_flags = from.mnt->mnt_flags & (MNT_USER_SETTABLE | MNT_LOCK_FLAGS);
	err = mnt ? 0 : -ENOMEM;
	down_write(&namespace_sem);
	if (mnt && has_locked_children(ns, &from))
		err = -EINVAL;		/* the copy would show what they hide */
	if (!err)
		attach_mnt(ns, mnt, where);
	up_write(&namespace_sem);
	path_put(&from);
	if (err)
		mntput(mnt);
	return err;
}

static bool is_mount_root(const struct path *p)
{
	return p->dentry == p->mnt->mnt_root;
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

/* Moves @mnt and the mounts below it to the end of @ns's list: parents stay first. */
static void move_subtree_last(struct mnt_namespace *ns, struct vfsmount *mnt)
{
	struct vfsmount *m, *n;
	LIST_HEAD(moved);

	list_for_each_entry_safe(m, n, &ns->list, mnt_list)
		if (mnt_is_below(m, mnt))
			list_move_tail(&m->mnt_list, &moved);
	list_splice_tail_init(&moved, &ns->list);
}

/* MS_MOVE: the mount at @source, with what is mounted below it, goes to @where. */
static int do_move_mount(const struct path *where, const char *source)
{
	struct mnt_namespace *ns = current->nsproxy->mnt_ns;
	struct vfsmount *mnt, *old_parent;
	struct dentry *old_mp;
	struct path from;
	int err = kern_path(source, 1, &from);

	if (err)
		return err;
	mnt = from.mnt;
	down_write(&namespace_sem);
	if (!is_mount_root(&from) || mnt->mnt_ns != ns || where->mnt->mnt_ns != ns ||
	    mnt == ns->root || (mnt->mnt_flags & MNT_LOCKED))
		err = -EINVAL;
	else if (mnt_is_below(where->mnt, mnt))
		err = -ELOOP;			/* into itself */
	if (!err) {
		old_parent = mnt->mnt_parent;
		old_mp = mnt->mnt_mountpoint;
		old_mp->d_mounted--;
		mnt->mnt_parent = mntget(where->mnt);
		mnt->mnt_mountpoint = dget(where->dentry);
		where->dentry->d_mounted++;
		move_subtree_last(ns, mnt);
	}
	up_write(&namespace_sem);
	if (!err) {
		mntput(old_parent);
		dput(old_mp);
	}
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
	return true;
}

/*
 * MS_REMOUNT: new per-mount flags for a mount root.  Without MS_BIND it
 * reconfigures the file system too, so it also needs CAP_SYS_ADMIN over
 * the user namespace that mounted it (Linux's do_remount); with MS_BIND
 * only the mount changes (do_reconfigure_mnt).  Locked flags stay: EPERM.
 */
static int do_remount(const struct path *where, unsigned long flags)
{
	struct vfsmount *mnt = where->mnt;
	int mnt_flags = ms_to_mnt_flags(flags);

	if (!is_mount_root(where))
		return -EINVAL;
	if (!can_change_locked_flags(mnt, mnt_flags))
		return -EPERM;
	if (!(flags & MS_BIND) && !ns_capable(mnt->mnt_sb->s_user_ns, CAP_SYS_ADMIN))
		return -EPERM;
	down_write(&namespace_sem);
	mnt->mnt_flags = (mnt->mnt_flags & ~MNT_USER_SETTABLE) | mnt_flags;
	up_write(&namespace_sem);
	return 0;
}

SYSCALL_DEFINE5(mount, const char *, dev_name, const char *, dir_name, const char *, type,
		unsigned long, flags, void *, data)
{
	char fstype[32], *source = NULL;
	struct path where;
	long err;

	if (!may_mount())
		return -EPERM;
	err = user_path_at(AT_FDCWD, dir_name, 1, &where);
	if (err)
		return err;
	if (flags & MS_REMOUNT) {
		err = do_remount(&where, flags);
	} else if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) {
		err = is_mount_root(&where) ? 0 : -EINVAL;	/* no propagation: all private */
	} else if (flags & MS_BIND) {
		source = getname(dev_name);
		err = IS_ERR(source) ? PTR_ERR(source) : do_bind_mount(&where, source, flags);
		if (!IS_ERR(source))
			putname(source);
	} else if (flags & MS_MOVE) {
		source = getname(dev_name);
		err = IS_ERR(source) ? PTR_ERR(source) : do_move_mount(&where, source);
		if (!IS_ERR(source))
			putname(source);
	} else if (!type || strncpy_from_user(fstype, type, sizeof(fstype)) < 0) {
		err = type ? -EFAULT : -EINVAL;
	} else {
		fstype[sizeof(fstype) - 1] = '\0';
		err = do_mount_at(&where, fstype, data, flags);
	}
	path_put(&where);
	return err;
}

static bool has_children(struct mnt_namespace *ns, struct vfsmount *mnt)
{
	struct vfsmount *m;

	list_for_each_entry(m, &ns->list, mnt_list)
		if (m->mnt_parent == mnt && m != mnt)
			return true;
	return false;
}

/*
 * Takes @mnt out of @ns and cuts it from its parent: a mount still in
 * use (someone's cwd, an open directory) becomes its own parent, so ".."
 * at its root stays there, as Linux's umount_tree leaves it.
 */
static void umount_mnt(struct mnt_namespace *ns, struct vfsmount *mnt)
{
	struct path old = { .mnt = mnt->mnt_parent, .dentry = mnt->mnt_mountpoint };

	list_del_init(&mnt->mnt_list);
	ns->mounts--;
	mnt->mnt_ns = NULL;
	if (mnt->mnt_parent == mnt)
		return;			/* the namespace's root */
	old.dentry->d_mounted--;
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = NULL;
	path_put(&old);
}

/*
 * Takes @mnt and every mount below it out of @ns (Linux's umount_tree,
 * which disconnects them all unless told otherwise).  Children go first,
 * so each parent reference dropped here is backed by the namespace's own
 * reference on that parent, and nothing is freed under namespace_sem:
 * the namespace's references move to @dead, for drop_mounts().
 */
static void umount_tree(struct mnt_namespace *ns, struct vfsmount *mnt, struct list_head *dead)
{
	struct vfsmount *m, *n;

	list_for_each_entry_safe_reverse(m, n, &ns->list, mnt_list) {
		if (!mnt_is_below(m, mnt))
			continue;
		umount_mnt(ns, m);
		list_add_tail(&m->mnt_list, dead);
	}
}

/* Drops the namespace's references on what umount_tree took out. */
static void drop_mounts(struct list_head *dead)
{
	struct vfsmount *m, *n;

	list_for_each_entry_safe(m, n, dead, mnt_list) {
		list_del_init(&m->mnt_list);
		mntput(m);
	}
}

/*
 * umount2(2).  A locked mount (MNT_LOCKED) is EINVAL: unmounting it would
 * show what it hides.  A mount with mounts on it, or in use beyond our
 * lookup and the namespace, is EBUSY; MNT_DETACH (umount -l) takes it and what is
 * below it away regardless, and each lives on until its last user goes.
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
	err = user_path_at(AT_FDCWD, name, !(flags & UMOUNT_NOFOLLOW), &p);
	if (err)
		return err;
	down_write(&namespace_sem);
	if (!is_mount_root(&p) || p.mnt->mnt_ns != ns || (p.mnt->mnt_flags & MNT_LOCKED))
		err = -EINVAL;
	else if (p.mnt == ns->root)
		err = -EBUSY;
	else if (!(flags & MNT_DETACH) &&
		 (has_children(ns, p.mnt) || atomic_read(&p.mnt->mnt_count) > 2))
		err = -EBUSY;		/* our lookup and the namespace hold two */
	if (!err)
		umount_tree(ns, p.mnt, &dead);
	up_write(&namespace_sem);
	drop_mounts(&dead);
	path_put(&p);
	return err;
}

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

/* The clone in @new of @old's mount @mnt (matched by position in the lists). */
static struct vfsmount *clone_of(struct mnt_namespace *old, struct mnt_namespace *new,
				 struct vfsmount *mnt)
{
	struct list_head *o = old->list.next, *n = new->list.next;

	for (; o != &old->list && n != &new->list; o = o->next, n = n->next)
		if (list_entry(o, struct vfsmount, mnt_list) == mnt)
			return list_entry(n, struct vfsmount, mnt_list);
	return NULL;
}

/* Clones the mount tree of @old into @new, in the same order. */
static int copy_tree(struct mnt_namespace *old, struct mnt_namespace *new)
{
	struct vfsmount *m, *c;

	list_for_each_entry(m, &old->list, mnt_list) {
		c = alloc_mnt(m->mnt_sb, m->mnt_root);
		if (!c)
			return -ENOMEM;
		c->mnt_flags = m->mnt_flags;
		c->mnt_ns = new;
		if (m == old->root) {
			new->root = c;
		} else {
			/* parents come first, so the parent's clone is already there */
			c->mnt_parent = mntget(clone_of(old, new, m->mnt_parent));
			c->mnt_mountpoint = dget(m->mnt_mountpoint);
			m->mnt_mountpoint->d_mounted++;
		}
		list_add_tail(&c->mnt_list, &new->list);
		new->mounts++;
	}
	return 0;
}

/*
 * A namespace copied for a less privileged user namespace: its mounts
 * keep the flags they have and stay where they are (Linux's lock_mnt_tree),
 * or its root could remount them writable or unmount them to see below.
 */
static void lock_mnt_tree(struct mnt_namespace *ns)
{
	struct vfsmount *m;
	unsigned int i;

	list_for_each_entry(m, &ns->list, mnt_list) {
		for (i = 0; i < ARRAY_SIZE(mnt_lock_bits); i++)
			if (m->mnt_flags & mnt_lock_bits[i].flag)
				m->mnt_flags |= mnt_lock_bits[i].lock;
		m->mnt_flags |= MNT_LOCKED;
	}
}

/* Moves a path into the new tree: root and cwd follow the copy. */
static void switch_path(struct mnt_namespace *old, struct mnt_namespace *new, struct path *p)
{
	struct vfsmount *c = clone_of(old, new, p->mnt);

	if (c) {
		mntput(p->mnt);
		p->mnt = mntget(c);
	}
}

struct mnt_namespace *copy_mnt_ns(unsigned long flags, struct mnt_namespace *ns,
				  struct user_namespace *user_ns, struct fs_struct *new_fs)
{
	struct mnt_namespace *new;
	int err;

	get_mnt_ns(ns);
	if (!(flags & CLONE_NEWNS))
		return ns;
	new = alloc_mnt_ns(user_ns);
	if (IS_ERR(new))
		goto out;
	down_write(&namespace_sem);
	err = copy_tree(ns, new);
	if (!err && user_ns != ns->user_ns)
		lock_mnt_tree(new);
	up_write(&namespace_sem);
	if (err) {
		put_mnt_ns(new);
		new = ERR_PTR(err);
		goto out;
	}
	if (new_fs) {
		spin_lock(&new_fs->lock);
		switch_path(ns, new, &new_fs->root);
		switch_path(ns, new, &new_fs->pwd);
		spin_unlock(&new_fs->lock);
	}
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
	down_write(&namespace_sem);
	if (ns->root)
		umount_tree(ns, ns->root, &dead);
	up_write(&namespace_sem);
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

	mnt_cache = kmem_cache_create("mnt_cache", sizeof(struct vfsmount), 0, SLAB_PANIC, NULL);
	atomic_set(&init_mnt_ns.count, 1);
	INIT_LIST_HEAD(&init_mnt_ns.list);
	init_mnt_ns.user_ns = &init_user_ns;
	init_mnt_ns.ns.ops = &mntns_operations;
	if (ns_alloc_inum(&init_mnt_ns.ns))
		panic("mnt_init: no inode number");
	sb = sget(rootfs, NULL);
	if (IS_ERR(sb))
		panic("Can't create rootfs");
	mnt = alloc_mnt(sb, sb->s_root);
	if (!mnt)
		panic("Can't create rootfs");
	deactivate_super(sb);
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
