/*
 * fs/pnode.h: mount propagation between fs/namespace.c and fs/pnode.c
 * (Linux's fs/pnode.h): the propagation states and the clone flags.
 */
#ifndef _FS_PNODE_H
#define _FS_PNODE_H

#include <linux/mount.h>
#include <linux/list.h>

#define IS_MNT_SHARED(m)	((m)->mnt_flags & MNT_SHARED)
#define IS_MNT_SLAVE(m)		((m)->mnt_master != NULL)
#define IS_MNT_NEW(m)		(!(m)->mnt_ns)		/* not attached yet */
#define CLEAR_MNT_SHARED(m)	((m)->mnt_flags &= ~MNT_SHARED)
#define IS_MNT_UNBINDABLE(m)	((m)->mnt_flags & MNT_UNBINDABLE)
#define IS_MNT_MARKED(m)	((m)->mnt_flags & MNT_MARKED)
#define SET_MNT_MARK(m)		((m)->mnt_flags |= MNT_MARKED)
#define CLEAR_MNT_MARK(m)	((m)->mnt_flags &= ~MNT_MARKED)

/* How clone_mnt relates a copy to its original (Linux's CL_*). */
#define CL_SLAVE		0x02	/* a slave of the original */
#define CL_COPY_UNBINDABLE	0x04	/* copy unbindable mounts too (a namespace copy) */
#define CL_MAKE_SHARED		0x08	/* shared: a peer of the original, or a new group */
#define CL_PRIVATE		0x10	/* no propagation at all */
#define CL_SHARED_TO_SLAVE	0x20	/* a shared original's copy is its slave */

struct dentry;

/* fs/namespace.c, for pnode.c */
struct vfsmount *copy_tree(struct vfsmount *src, struct dentry *dentry, int flag,
			   struct list_head *tree);
struct vfsmount *next_mnt(struct vfsmount *p, struct vfsmount *root);
struct vfsmount *child_mnt_at(struct vfsmount *parent, struct dentry *mountpoint);


/* fs/pnode.c */
int mnt_alloc_group_id(struct vfsmount *mnt);
void mnt_release_group_id(struct vfsmount *mnt);
void set_mnt_shared(struct vfsmount *mnt);
void change_mnt_propagation(struct vfsmount *mnt, int type);
int invent_group_ids(struct vfsmount *mnt, bool recurse);
void cleanup_group_ids(struct vfsmount *mnt, struct vfsmount *end);
struct vfsmount *propagation_next(struct vfsmount *m, struct vfsmount *origin);
int propagate_mnt(struct vfsmount *dest_mnt, struct dentry *dest_dp, struct vfsmount *source_mnt,
		  struct list_head *copies);
int get_dominating_id(struct vfsmount *mnt, struct vfsmount *root_mnt, struct dentry *root);

#endif
