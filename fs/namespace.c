/*
 * fs/namespace.c: mounts and their trees.
 *
 * A mount sits on a dentry of its parent mount and knows the mounts on
 * it (mnt_mounts); a path walk that reaches a dentry with mounts on it
 * asks lookup_mnt() for the top one.  Trees are built apart (clone_mnt,
 * copy_tree), given their propagated copies and attached whole
 * (attach_recursive_mnt), and taken down with their copies (umount_tree).
 * Namespaces are fs/mnt_namespace.c's, propagation fs/pnode.c's, the
 * system calls fs/mount_syscalls.c's.
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
#include <linux/ida.h>
#include <linux/proc_fs.h>
#include <linux/init.h>
#include "mount.h"
#include "pnode.h"

/* Protects every namespace's mount list, the mount trees and propagation. */
static DECLARE_RWSEM(namespace_sem);
static struct kmem_cache *mnt_cache;
static DEFINE_IDA(mnt_id_ida);

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
	ida_free(&mnt_id_ida, mnt->mnt_id);
	kfree_const(mnt->mnt_devname);
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kmem_cache_free(mnt_cache, mnt);
}

void mntput(struct vfsmount *mnt)
{
	if (mnt && atomic_dec_and_test(&mnt->mnt_count))
		free_mnt(mnt);
}

struct vfsmount *alloc_mnt(struct super_block *sb, struct dentry *root)
{
	struct vfsmount *mnt = kmem_cache_zalloc(mnt_cache, GFP_KERNEL);
	int id = mnt ? ida_alloc_range(&mnt_id_ida, 1, INT_MAX) : -ENOMEM;

	if (id < 0) {
		if (mnt)
			kmem_cache_free(mnt_cache, mnt);
		return NULL;
	}
	mnt->mnt_id = id;
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_child);
	INIT_LIST_HEAD(&mnt->mnt_share);
	INIT_LIST_HEAD(&mnt->mnt_slave_list);
	INIT_LIST_HEAD(&mnt->mnt_slave);
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
	struct super_block *sb = sget(type, SB_KERNMOUNT, data);
	struct vfsmount *mnt;

	if (IS_ERR(sb))
		return ERR_CAST(sb);
	mnt = alloc_mnt(sb, sb->s_root);
	deactivate_super(sb);		/* the mount holds it now */
	if (!mnt)
		return ERR_PTR(-ENOMEM);
	mnt->mnt_flags = MNT_INTERNAL;
	mnt->mnt_devname = kstrdup_const(type->name, GFP_KERNEL);
	return mnt;
}

void kern_unmount(struct vfsmount *mnt)
{
	mntput(mnt);
}

/* The topmost mount on @mountpoint of @parent, or NULL (namespace_sem held). */
struct vfsmount *child_mnt_at(struct vfsmount *parent, struct dentry *mountpoint)
{
	struct vfsmount *m, *found = NULL;

	list_for_each_entry(m, &parent->mnt_mounts, mnt_child)
		if (m->mnt_mountpoint == mountpoint)
			found = m;	/* the last one: mounts stack, the top one wins */
	return found;
}

/* The mount on @mountpoint of @parent, with a reference (Linux's lookup_mnt). */
struct vfsmount *lookup_mnt(struct vfsmount *parent, struct dentry *mountpoint)
{
	struct vfsmount *found;

	if (!mountpoint->d_mounted)
		return NULL;
	down_read(&namespace_sem);
	found = mntget(child_mnt_at(parent, mountpoint));
	up_read(&namespace_sem);
	return found;
}

void namespace_lock(void)
{
	down_write(&namespace_sem);
}

void namespace_unlock(void)
{
	up_write(&namespace_sem);
}

void namespace_read_lock(void)
{
	down_read(&namespace_sem);
}

void namespace_read_unlock(void)
{
	up_read(&namespace_sem);
}

/* The mount after @p in a preorder walk of @root's tree, or NULL (Linux's next_mnt). */
struct vfsmount *next_mnt(struct vfsmount *p, struct vfsmount *root)
{
	struct list_head *next = p->mnt_mounts.next;

	if (next == &p->mnt_mounts) {
		for (;;) {
			if (p == root)
				return NULL;
			next = p->mnt_child.next;
			if (next != &p->mnt_parent->mnt_mounts)
				break;
			p = p->mnt_parent;
		}
	}
	return list_entry(next, struct vfsmount, mnt_child);
}

/* The last mount of @p's tree in preorder: the walk goes on past it (Linux's skip_mnt_tree). */
static struct vfsmount *skip_mnt_tree(struct vfsmount *p)
{
	while (!list_empty(&p->mnt_mounts))
		p = list_last_entry(&p->mnt_mounts, struct vfsmount, mnt_child);
	return p;
}

/* Puts @mnt on @dentry of @parent, not in any namespace yet (Linux's mnt_set_mountpoint). */
void mnt_set_mountpoint(struct vfsmount *parent, struct dentry *dentry, struct vfsmount *mnt)
{
	mnt->mnt_parent = mntget(parent);
	mnt->mnt_mountpoint = dget(dentry);
	dentry->d_mounted++;
}

/*
 * A new mount of @old's file system from @root, related to @old as @flag
 * says (Linux's clone_mnt): CL_SLAVE makes it @old's slave, CL_PRIVATE
 * private, CL_MAKE_SHARED shared; otherwise it is a peer of a shared
 * @old and a slave of @old's master.  Flags and locks come along.
 */
struct vfsmount *clone_mnt(struct vfsmount *old, struct dentry *root, int flag)
{
	struct vfsmount *mnt = alloc_mnt(old->mnt_sb, root);

	if (!mnt)
		return ERR_PTR(-ENOMEM);
	mnt->mnt_devname = old->mnt_devname ? kstrdup_const(old->mnt_devname, GFP_KERNEL) : NULL;
	mnt->mnt_flags = old->mnt_flags & ~(MNT_MARKED | MNT_INTERNAL);
	if (!(flag & (CL_SLAVE | CL_PRIVATE | CL_SHARED_TO_SLAVE)))
		mnt->mnt_group_id = old->mnt_group_id;
	if ((flag & CL_MAKE_SHARED) && !mnt->mnt_group_id && mnt_alloc_group_id(mnt)) {
		mntput(mnt);
		return ERR_PTR(-ENOMEM);
	}
	if ((flag & CL_SLAVE) || ((flag & CL_SHARED_TO_SLAVE) && IS_MNT_SHARED(old))) {
		list_add(&mnt->mnt_slave, &old->mnt_slave_list);
		mnt->mnt_master = old;
		CLEAR_MNT_SHARED(mnt);
	} else if (!(flag & CL_PRIVATE)) {
		if ((flag & CL_MAKE_SHARED) || IS_MNT_SHARED(old))
			list_add(&mnt->mnt_share, &old->mnt_share);
		if (IS_MNT_SLAVE(old))
			list_add(&mnt->mnt_slave, &old->mnt_slave);
		mnt->mnt_master = old->mnt_master;
	} else {
		CLEAR_MNT_SHARED(mnt);
	}
	if (flag & CL_MAKE_SHARED)
		set_mnt_shared(mnt);
	return mnt;
}

/* Cuts @mnt from its parent; what it held of the parent goes to @put. */
static void mnt_detach(struct vfsmount *mnt, struct path *put)
{
	put->mnt = NULL;
	put->dentry = NULL;
	if (mnt->mnt_parent == mnt)
		return;
	list_del_init(&mnt->mnt_child);
	mnt->mnt_mountpoint->d_mounted--;
	put->mnt = mnt->mnt_parent;
	put->dentry = mnt->mnt_mountpoint;
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = NULL;
}

/*
 * Undoes mounts that never joined a namespace (a failed copy or
 * propagation); @tree lists them parents first.  Each loses its
 * propagation and its parent, then the reference it was made with.
 */
void drop_tree(struct list_head *tree)
{
	struct vfsmount *m, *n;
	struct path put;

	list_for_each_entry_safe_reverse(m, n, tree, mnt_list) {
		list_del_init(&m->mnt_list);
		change_mnt_propagation(m, MS_PRIVATE);
		mnt_detach(m, &put);
		path_put(&put);
		mntput(m);
	}
}

/*
 * Clones @src's mount from @dentry and, below it, the mounts of its tree
 * on @dentry's subtree (Linux's copy_tree), but no unbindable one unless
 * CL_COPY_UNBINDABLE; each clone sits on its original's parent's clone.
 * The clones are appended to @tree, parents first.  Returns the top one,
 * or an error and nothing appended.
 */
struct vfsmount *copy_tree(struct vfsmount *src, struct dentry *dentry, int flag,
			   struct list_head *tree)
{
	struct vfsmount *top, *s, *p, *q, *c;
	LIST_HEAD(made);

	top = clone_mnt(src, dentry, flag);
	if (IS_ERR(top))
		return top;
	list_add_tail(&top->mnt_list, &made);
	p = src;
	q = top;
	for (s = next_mnt(src, src); s; s = next_mnt(s, src)) {
		if ((s->mnt_parent == src && !is_subdir(s->mnt_mountpoint, dentry)) ||
		    (!(flag & CL_COPY_UNBINDABLE) && IS_MNT_UNBINDABLE(s))) {
			s = skip_mnt_tree(s);
			continue;
		}
		while (p != s->mnt_parent) {	/* climb the original and the copy together */
			p = p->mnt_parent;
			q = q->mnt_parent;
		}
		c = clone_mnt(s, s->mnt_root, flag);
		if (IS_ERR(c)) {
			drop_tree(&made);
			return c;
		}
		mnt_set_mountpoint(q, s->mnt_mountpoint, c);
		list_add_tail(&c->mnt_child, &q->mnt_mounts);
		list_add_tail(&c->mnt_list, &made);
		p = s;
		q = c;
	}
	list_splice_tail_init(&made, tree);
	return top;
}

/*
 * Puts the mounts of @tree (parents first, each top one already set on
 * a mount of a namespace) into their parents' namespaces (Linux's
 * commit_tree).  @tree ends empty.
 */
void commit_tree(struct list_head *tree)
{
	struct vfsmount *m, *n;

	list_for_each_entry_safe(m, n, tree, mnt_list) {
		if (!IS_MNT_NEW(m->mnt_parent) && list_empty(&m->mnt_child))
			list_add_tail(&m->mnt_child, &m->mnt_parent->mnt_mounts);
		m->mnt_ns = m->mnt_parent->mnt_ns;
		list_move_tail(&m->mnt_list, &m->mnt_ns->list);
		m->mnt_ns->mounts++;
	}
}

/* Each flag a less privileged namespace may not clear, and the bit that locks it. */
const struct mnt_lock_bit mnt_lock_bits[4] = {
	{ MNT_READONLY, MNT_LOCK_READONLY }, { MNT_NODEV, MNT_LOCK_NODEV },
	{ MNT_NOSUID, MNT_LOCK_NOSUID }, { MNT_NOEXEC, MNT_LOCK_NOEXEC },
};

/*
 * Mounts that reach a less privileged user namespace (a namespace copy,
 * a propagated mount): each keeps the flags it has and stays where it is
 * (Linux's lock_mnt_tree), or that namespace's root could remount them
 * writable or unmount them to see below.
 */
void lock_mnt_tree(struct vfsmount *mnt)
{
	struct vfsmount *p;
	unsigned int i;

	for (p = mnt; p; p = next_mnt(p, mnt)) {
		for (i = 0; i < ARRAY_SIZE(mnt_lock_bits); i++)
			if (p->mnt_flags & mnt_lock_bits[i].flag)
				p->mnt_flags |= mnt_lock_bits[i].lock;
		p->mnt_flags |= MNT_LOCK_ATIME | MNT_LOCKED;
	}
}

/*
 * Puts @mnt, mounted on @parent's @mp, on @mnt's new copy @child instead,
 * at its root: a propagated mount goes under what was already there
 * (Linux's mnt_change_mountpoint, "tucking").
 */
static void tuck_under(struct vfsmount *child, struct vfsmount *mnt)
{
	struct path put;

	mnt_detach(mnt, &put);
	mnt_set_mountpoint(child, child->mnt_root, mnt);
	list_add_tail(&mnt->mnt_child, &child->mnt_mounts);
	path_put(&put);		/* the old parent is held by its namespace */
}

/*
 * Attaches the copies propagate_mnt made (Linux's attach_recursive_mnt,
 * its second half): one landing where something is mounted already goes
 * under it, and one reaching a namespace of another user namespace than
 * @user_ns (the mounter's) is locked there, but for itself.
 */
void commit_copies(struct list_head *copies, struct user_namespace *user_ns)
{
	struct vfsmount *m, *q;

	list_for_each_entry(m, copies, mnt_list) {
		if (IS_MNT_NEW(m->mnt_parent))
			continue;		/* not a top: it comes with its tree */
		q = child_mnt_at(m->mnt_parent, m->mnt_mountpoint);
		if (q)
			tuck_under(m, q);
		if (m->mnt_parent->mnt_ns->user_ns != user_ns) {
			lock_mnt_tree(m);
			m->mnt_flags &= ~MNT_LOCKED;
		}
	}
	commit_tree(copies);
}

int sysctl_mount_max = 100000;		/* fs.mount-max */

/*
 * Room in @ns for the mounts of @mnt's tree, counted as pending until
 * attached: ENOSPC past fs.mount-max (Linux's count_mounts), which also
 * stops a tree that propagation would double again and again.
 */
int count_mounts(struct mnt_namespace *ns, struct vfsmount *mnt)
{
	unsigned int n = 0;
	struct vfsmount *p;

	for (p = mnt; p; p = next_mnt(p, mnt))
		n++;
	if ((unsigned long)ns->mounts + ns->pending_mounts + n > (unsigned int)sysctl_mount_max)
		return -ENOSPC;
	ns->pending_mounts += n;
	return 0;
}

/* The attach is over, done or not: nothing is pending any more. */
void clear_pending_mounts(struct mnt_namespace *ns, struct list_head *copies)
{
	struct vfsmount *m;

	ns->pending_mounts = 0;
	list_for_each_entry(m, copies, mnt_list)
		if (!IS_MNT_NEW(m->mnt_parent))
			m->mnt_parent->mnt_ns->pending_mounts = 0;
}

/*
 * Mounts the tree @source (its mounts listed in @tree, parents first, none
 * in a namespace yet) on @where (Linux's attach_recursive_mnt).  On a
 * shared mount every mount it propagates to gets a copy first, and the
 * tree becomes shared: its mounts peers of those copies that are.
 */
int attach_recursive_mnt(struct vfsmount *source, struct list_head *tree, const struct path *where)
{
	struct vfsmount *dest = where->mnt, *p;
	LIST_HEAD(copies);
	int err = count_mounts(dest->mnt_ns, source);

	if (!err && IS_MNT_SHARED(dest)) {
		err = invent_group_ids(source, true);
		if (!err)
			err = propagate_mnt(dest, where->dentry, source, &copies);
		if (!err)
			for (p = source; p; p = next_mnt(p, source))
				set_mnt_shared(p);
	}
	clear_pending_mounts(dest->mnt_ns, &copies);
	if (err) {
		drop_tree(&copies);
		if (IS_MNT_SHARED(dest))
			cleanup_group_ids(source, NULL);
		return err;
	}
	mnt_set_mountpoint(dest, where->dentry, source);
	commit_tree(tree);
	commit_copies(&copies, dest->mnt_ns->user_ns);
	return 0;
}

/*
 * Takes @mnt out of its namespace and cuts it from its parent: a mount
 * still in use (someone's cwd, an open directory) becomes its own parent,
 * so ".." at its root stays there, as Linux's umount_tree leaves it.  It
 * stops propagating, and its slaves follow its peers or its master.
 */
static void umount_mnt(struct vfsmount *mnt, struct path *put)
{
	if (mnt->mnt_ns) {
		mnt->mnt_ns->mounts--;
		mnt->mnt_ns = NULL;
	}
	change_mnt_propagation(mnt, MS_PRIVATE);
	mnt_detach(mnt, put);
}

/*
 * Is everything mounted on @mnt going too, but a mount on its root (a
 * "topper", which will be put back in its place)?
 */
static bool children_all_going(struct vfsmount *mnt)
{
	struct vfsmount *c;

	list_for_each_entry(c, &mnt->mnt_mounts, mnt_child)
		if (c->mnt_mountpoint != mnt->mnt_root && !(c->mnt_flags & MNT_UMOUNT))
			return false;
	return true;
}

/*
 * Adds to @list what unmounting its mounts takes along elsewhere: in the
 * propagation tree of each one's parent, the mount at the same place,
 * when all that is mounted on it goes too, but for a mount on its root
 * (Linux's propagate_umount).  Repeats until nothing is added, so a
 * propagated tree goes whole.  A locked mount goes only with its parent.
 */
static void propagate_umount(struct list_head *list)
{
	struct vfsmount *x, *m, *child;
	bool added;

	do {
		added = false;
		list_for_each_entry(x, list, mnt_list) {
			if (x->mnt_parent == x)
				continue;
			for (m = propagation_next(x->mnt_parent, x->mnt_parent); m;
			     m = propagation_next(m, x->mnt_parent)) {
				child = child_mnt_at(m, x->mnt_mountpoint);
				if (!child || (child->mnt_flags & MNT_UMOUNT) ||
				    ((child->mnt_flags & MNT_LOCKED) && !(m->mnt_flags & MNT_UMOUNT)) ||
				    !children_all_going(child))
					continue;
				child->mnt_flags |= MNT_UMOUNT;
				list_move_tail(&child->mnt_list, list);
				added = true;
			}
		}
	} while (added);
}

/*
 * A mount on the root of one that goes, and that stays itself, takes its
 * place: on the nearest ancestor that stays, where the gone one sat
 * (Linux's restore_mounts, undoing the tucking of commit_copies).
 */
static void restore_toppers(struct list_head *going)
{
	struct vfsmount *x, *c, *n, *parent;
	struct dentry *mp;
	struct path put;

	list_for_each_entry(x, going, mnt_list)
		list_for_each_entry_safe(c, n, &x->mnt_mounts, mnt_child) {
			if (c->mnt_mountpoint != x->mnt_root || (c->mnt_flags & MNT_UMOUNT))
				continue;
			for (parent = x, mp = NULL; parent->mnt_flags & MNT_UMOUNT;
			     parent = parent->mnt_parent)
				mp = parent->mnt_mountpoint;
			mp = dget(mp);
			mnt_detach(c, &put);
			mnt_set_mountpoint(parent, mp, c);
			list_add_tail(&c->mnt_child, &parent->mnt_mounts);
			dput(mp);
			path_put(&put);	/* x is still held: it goes later */
		}
}

/*
 * Takes @mnt and every mount below it out of their namespace (Linux's
 * umount_tree, which disconnects them all), with @propagate the copies
 * its peers and slaves received too.  Children go first, so each parent
 * reference dropped here is backed by the namespace's own reference on
 * that parent, and nothing is freed under namespace_sem: the namespaces'
 * references move to @dead, for drop_mounts().
 */
void umount_tree(struct vfsmount *mnt, bool propagate, struct list_head *dead)
{
	struct vfsmount *m, *n;
	LIST_HEAD(going);
	struct path put;

	for (m = mnt; m; m = next_mnt(m, mnt)) {
		m->mnt_flags |= MNT_UMOUNT;
		list_move_tail(&m->mnt_list, &going);
	}
	if (propagate) {
		propagate_umount(&going);
		restore_toppers(&going);
	}
	list_for_each_entry_safe_reverse(m, n, &going, mnt_list) {
		m->mnt_flags &= ~MNT_UMOUNT;
		umount_mnt(m, &put);
		list_move_tail(&m->mnt_list, dead);
		path_put(&put);		/* the parent is still held by its namespace or @dead */
	}
}

/* Drops the namespaces' references on what umount_tree took out. */
void drop_mounts(struct list_head *dead)
{
	struct vfsmount *m, *n;

	list_for_each_entry_safe(m, n, dead, mnt_list) {
		list_del_init(&m->mnt_list);
		mntput(m);
	}
}

/*
 * Would unmounting @mnt (held by the caller's lookup and its namespace)
 * find it busy?  So would a copy it propagated that is in use (Linux's
 * propagate_mount_busy); one with mounts on it would simply stay.
 */
bool propagate_mount_busy(struct vfsmount *mnt)
{
	struct vfsmount *parent = mnt->mnt_parent, *m, *child;

	if (!list_empty(&mnt->mnt_mounts) || atomic_read(&mnt->mnt_count) > 2)
		return true;
	if (parent == mnt)
		return false;
	for (m = propagation_next(parent, parent); m; m = propagation_next(m, parent)) {
		child = child_mnt_at(m, mnt->mnt_mountpoint);
		if (child && list_empty(&child->mnt_mounts) && atomic_read(&child->mnt_count) > 1)
			return true;
	}
	return false;
}

/* The mount cache, before the first mount (called by mnt_init). */
void mnt_cache_init(void)
{
	mnt_cache = kmem_cache_create("mnt_cache", sizeof(struct vfsmount), 0, SLAB_PANIC, NULL);
}

/* Linux's bounds: at least one mount, at most INT_MAX. */
static const struct int_sysctl mount_max_sysctl = {
	.value = &sysctl_mount_max, .min = 1, .max = INT_MAX,
};

static int __init mount_max_sysctl_init(void)
{
	proc_create_int("sys/fs/mount-max", 0644, &mount_max_sysctl);
	return 0;
}
fs_initcall(mount_max_sysctl_init);
