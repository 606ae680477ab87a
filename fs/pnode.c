/*
 * fs/pnode.c: mount propagation (Linux's fs/pnode.c).
 *
 * A shared mount belongs to a peer group (mnt_group_id, the circular
 * mnt_share list): a mount or unmount on one peer happens on every peer,
 * in whatever namespace it is.  A slave (mnt_master) receives what its
 * master's group receives and sends nothing back; a slave may itself be
 * shared, heading a peer group of slaves.  A private mount neither sends
 * nor receives, and an unbindable one is private and may not be bound.
 * mount --make-{shared,slave,private,unbindable} is change_mnt_propagation;
 * propagate_mnt gives every mount that should receive a new mount its
 * copy, each copy a peer or a slave of the right one; fs/namespace.c
 * unmounts the receivers' copies along with the original.
 *
 * Everything here runs under namespace_sem, held for writing.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/ida.h>
#include <linux/err.h>
#include "mount.h"
#include "pnode.h"

static DEFINE_IDA(mnt_group_ida);

static struct vfsmount *next_peer(struct vfsmount *p)
{
	return list_entry(p->mnt_share.next, struct vfsmount, mnt_share);
}

static struct vfsmount *first_slave(struct vfsmount *p)
{
	return list_entry(p->mnt_slave_list.next, struct vfsmount, mnt_slave);
}

static struct vfsmount *next_slave(struct vfsmount *p)
{
	return list_entry(p->mnt_slave.next, struct vfsmount, mnt_slave);
}

/* In the same peer group? (A private mount is nobody's peer.) */
static bool peers(struct vfsmount *m1, struct vfsmount *m2)
{
	return m1->mnt_group_id == m2->mnt_group_id && m1->mnt_group_id;
}

int mnt_alloc_group_id(struct vfsmount *mnt)
{
	int id = ida_alloc_range(&mnt_group_ida, 1, INT_MAX);

	if (id < 0)
		return id;
	mnt->mnt_group_id = id;
	return 0;
}

void mnt_release_group_id(struct vfsmount *mnt)
{
	ida_free(&mnt_group_ida, mnt->mnt_group_id);
	mnt->mnt_group_id = 0;
}

/* Shared, and so no longer unbindable (Linux's MNT_SHARED_MASK). */
void set_mnt_shared(struct vfsmount *mnt)
{
	mnt->mnt_flags = (mnt->mnt_flags & ~MNT_UNBINDABLE) | MNT_SHARED;
}

/*
 * Makes @mnt a slave of its group, or private when it had neither peers
 * nor a master: it leaves its peer group (the last one out frees the
 * group id), its new master is a peer with the same root if there is one,
 * and its own slaves now follow that master (Linux's do_make_slave).
 */
static void do_make_slave(struct vfsmount *mnt)
{
	struct vfsmount *master, *m, *s, *n;

	if (list_empty(&mnt->mnt_share)) {
		if (IS_MNT_SHARED(mnt)) {
			mnt_release_group_id(mnt);
			CLEAR_MNT_SHARED(mnt);
		}
		master = mnt->mnt_master;
		if (!master) {
			list_for_each_entry_safe(s, n, &mnt->mnt_slave_list, mnt_slave) {
				list_del_init(&s->mnt_slave);
				s->mnt_master = NULL;
			}
			return;
		}
	} else {
		master = next_peer(mnt);
		for (m = master; m != mnt; m = next_peer(m))
			if (m->mnt_root == mnt->mnt_root) {
				master = m;
				break;
			}
		list_del_init(&mnt->mnt_share);
		mnt->mnt_group_id = 0;
		CLEAR_MNT_SHARED(mnt);
	}
	list_for_each_entry(s, &mnt->mnt_slave_list, mnt_slave)
		s->mnt_master = master;
	list_move(&mnt->mnt_slave, &master->mnt_slave_list);
	list_splice_tail_init(&mnt->mnt_slave_list, &master->mnt_slave_list);
	mnt->mnt_master = master;
}

/* MS_SHARED, MS_SLAVE, MS_PRIVATE or MS_UNBINDABLE for one mount (Linux's). */
void change_mnt_propagation(struct vfsmount *mnt, int type)
{
	if (type == MS_SHARED) {
		set_mnt_shared(mnt);
		return;
	}
	do_make_slave(mnt);
	if (type == MS_SLAVE)
		return;
	list_del_init(&mnt->mnt_slave);
	mnt->mnt_master = NULL;
	if (type == MS_UNBINDABLE)
		mnt->mnt_flags |= MNT_UNBINDABLE;
	else
		mnt->mnt_flags &= ~MNT_UNBINDABLE;
}

/*
 * Gives back the group ids invent_group_ids handed the mounts of @mnt's
 * tree before @end (NULL: all of it) that did not become shared (Linux's
 * cleanup_group_ids).
 */
void cleanup_group_ids(struct vfsmount *mnt, struct vfsmount *end)
{
	struct vfsmount *p;

	for (p = mnt; p != end; p = next_mnt(p, mnt))
		if (p->mnt_group_id && !IS_MNT_SHARED(p))
			mnt_release_group_id(p);
}

/*
 * Group ids for the mounts of a tree about to become shared, all or none
 * (Linux's invent_group_ids); a mount already shared keeps its own.
 */
int invent_group_ids(struct vfsmount *mnt, bool recurse)
{
	struct vfsmount *p;
	int err;

	for (p = mnt; p; p = recurse ? next_mnt(p, mnt) : NULL) {
		if (p->mnt_group_id || IS_MNT_SHARED(p))
			continue;
		err = mnt_alloc_group_id(p);
		if (err) {
			cleanup_group_ids(mnt, p);
			return err;
		}
	}
	return 0;
}

/*
 * The next mount after @m in @origin's propagation tree: depth first
 * through slaves, then across peers, back up through masters (Linux's
 * propagation_next).  Mounts not attached yet send nothing.
 */
struct vfsmount *propagation_next(struct vfsmount *m, struct vfsmount *origin)
{
	struct vfsmount *master, *next;

	if (!IS_MNT_NEW(m) && !list_empty(&m->mnt_slave_list))
		return first_slave(m);
	for (;;) {
		master = m->mnt_master;
		if (master == origin->mnt_master) {
			next = next_peer(m);
			return next == origin ? NULL : next;
		}
		if (m->mnt_slave.next != &master->mnt_slave_list)
			return next_slave(m);
		m = master;
	}
}

/* ---- propagate_mnt ------------------------------------------------------------------ */

/*
 * The next peer group to receive from @origin, after the one @m is in:
 * the same depth-first walk as propagation_next, a whole group at a time
 * (Linux's next_group).  A group's members follow each other in their
 * masters' slave lists, which is how the end of a group is seen.
 */
static struct vfsmount *next_group(struct vfsmount *m, struct vfsmount *origin)
{
	struct vfsmount *next, *master;

	for (;;) {
		for (;;) {			/* down to a slave of some member, or the last member */
			if (!IS_MNT_NEW(m) && !list_empty(&m->mnt_slave_list))
				return first_slave(m);
			next = next_peer(m);
			if (m->mnt_group_id == origin->mnt_group_id) {
				if (next == origin)
					return NULL;
			} else if (m->mnt_slave.next != &next->mnt_slave) {
				break;
			}
			m = next;
		}
		for (;;) {			/* up until a master has a further slave */
			master = m->mnt_master;
			if (m->mnt_slave.next != &master->mnt_slave_list)
				return next_slave(m);
			m = next_peer(master);
			if (master->mnt_group_id == origin->mnt_group_id)
				break;
			if (master->mnt_slave.next == &m->mnt_slave)
				break;
			m = master;
		}
		if (m == origin)
			return NULL;
	}
}

/* One propagate_mnt call's state (Linux keeps it in static variables). */
struct propagation {
	struct vfsmount *dest_master;	/* the master of the mount mounted on */
	struct dentry *dest_dp;		/* where on it */
	struct vfsmount *first_source;	/* the tree being mounted */
	struct vfsmount *last_source;	/* the copy made last */
	struct vfsmount *last_dest;	/* where it went */
	struct list_head *copies;	/* every copy, parents first */
};

/*
 * Climbs from @m through masters to the first that is the destination's
 * master or already received a copy (marked).  Returns it; *@below is
 * the mount just below it on the way.
 */
static struct vfsmount *receiving_master(struct vfsmount *m, struct propagation *pr,
					 struct vfsmount **below)
{
	struct vfsmount *n, *p;

	for (n = m;; n = p) {
		p = n->mnt_master;
		if (p == pr->dest_master || IS_MNT_MARKED(p))
			break;
	}
	*below = n;
	return p;
}

/*
 * The copy @m's copy should be a slave of: walk back from the copy made
 * last through the masters of the copies until reaching one that sits on
 * a peer of @m's receiving master's group (Linux's propagate_one).
 */
static void find_source(struct vfsmount *m, struct propagation *pr)
{
	struct vfsmount *n, *p = receiving_master(m, pr, &n), *parent;
	bool done;

	do {
		parent = pr->last_source->mnt_parent;
		if (peers(pr->last_source, pr->first_source))
			break;
		done = parent->mnt_master == p;
		if (done && peers(n, parent))
			break;
		pr->last_source = pr->last_source->mnt_master;
	} while (!done);
}

/* Gives @m a copy of the source tree at the destination's place, if it should get one. */
static int propagate_one(struct vfsmount *m, struct propagation *pr)
{
	struct vfsmount *child;
	int type;

	if (IS_MNT_NEW(m))		/* a copy this propagation made */
		return 0;
	if (!is_subdir(pr->dest_dp, m->mnt_root))
		return 0;		/* the place is not in @m's tree */
	if (peers(m, pr->last_dest)) {
		type = CL_MAKE_SHARED;
	} else {
		find_source(m, pr);
		type = CL_SLAVE | (IS_MNT_SHARED(m) ? CL_MAKE_SHARED : 0);
	}
	child = copy_tree(pr->last_source, pr->last_source->mnt_root, type, pr->copies);
	if (IS_ERR(child))
		return PTR_ERR(child);
	mnt_set_mountpoint(m, pr->dest_dp, child);
	if (m->mnt_master != pr->dest_master)
		SET_MNT_MARK(m->mnt_master);
	pr->last_dest = m;
	pr->last_source = child;
	return count_mounts(m->mnt_ns, child);
}

/*
 * Every mount that receives from @dest_mnt (a shared mount) gets a copy
 * of @source_mnt's tree on its own @dest_dp: @dest_mnt's peers get peers
 * of the source, its slaves slaves of the copy on their master's side
 * (Linux's propagate_mnt).  The copies, not attached yet, are appended to
 * @copies, parents first; the caller attaches or discards them.
 */
int propagate_mnt(struct vfsmount *dest_mnt, struct dentry *dest_dp, struct vfsmount *source_mnt,
		  struct list_head *copies)
{
	struct propagation pr = {
		.dest_master = dest_mnt->mnt_master, .dest_dp = dest_dp,
		.first_source = source_mnt, .last_source = source_mnt,
		.last_dest = dest_mnt, .copies = copies,
	};
	struct vfsmount *m, *n;
	int err = 0;

	for (n = next_peer(dest_mnt); n != dest_mnt && !err; n = next_peer(n))
		err = propagate_one(n, &pr);
	for (m = next_group(dest_mnt, dest_mnt); m && !err; m = next_group(m, dest_mnt)) {
		n = m;
		do {
			err = propagate_one(n, &pr);
			n = next_peer(n);
		} while (n != m && !err);
	}
	list_for_each_entry(n, copies, mnt_list) {
		m = n->mnt_parent;
		if (!IS_MNT_NEW(m) && m->mnt_master != dest_mnt->mnt_master)
			CLEAR_MNT_MARK(m->mnt_master);
	}
	return err;
}

/* ---- mountinfo's propagate_from ------------------------------------------------------ */

/* Can (@mnt, @dentry) be reached from @root (its mount and dentry)? */
static bool is_path_reachable(struct vfsmount *mnt, struct dentry *dentry,
			      struct vfsmount *root_mnt, struct dentry *root)
{
	while (mnt != root_mnt && mnt->mnt_parent != mnt) {
		dentry = mnt->mnt_mountpoint;
		mnt = mnt->mnt_parent;
	}
	return mnt == root_mnt && is_subdir(dentry, root);
}

/*
 * The group a slave really receives from, as the reader sees it: the
 * nearest master group with a peer in the slave's namespace under the
 * reader's root (Linux's get_dominating_id); 0 if none.
 */
int get_dominating_id(struct vfsmount *mnt, struct vfsmount *root_mnt, struct dentry *root)
{
	struct vfsmount *m, *p;

	for (m = mnt->mnt_master; m; m = m->mnt_master) {
		p = m;
		do {
			if (p->mnt_ns == mnt->mnt_ns &&
			    is_path_reachable(p, p->mnt_root, root_mnt, root))
				return p->mnt_group_id;
			p = next_peer(p);
		} while (p != m);
	}
	return 0;
}
