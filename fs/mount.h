/*
 * fs/mount.h: what fs/namespace.c (mount trees and namespaces) shares
 * with fs/mount_syscalls.c (mount(2), umount2(2)) and /proc (Linux keeps
 * the same split between fs/mount.h and include/linux/mount.h).
 */
#ifndef _FS_MOUNT_H
#define _FS_MOUNT_H

#include <linux/mount.h>
#include <linux/list.h>

struct path;
struct user_namespace;
struct dentry;

/* A flag a less privileged namespace may not clear, and the bit that locks it. */
struct mnt_lock_bit {
	int flag, lock;
};
extern const struct mnt_lock_bit mnt_lock_bits[4];

#define MNT_LOCK_FLAGS	(MNT_LOCK_READONLY | MNT_LOCK_NODEV | MNT_LOCK_NOSUID | MNT_LOCK_NOEXEC | \
			 MNT_LOCK_ATIME)
#define MNT_USER_SETTABLE	(MNT_READONLY | MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_ATIME_MASK | \
				 MNT_NOSYMFOLLOW)

void mnt_cache_init(void);
void namespace_lock(void);		/* namespace_sem for writing */
void namespace_unlock(void);
void namespace_read_lock(void);		/* for readers: /proc/PID/mounts */
void namespace_read_unlock(void);
struct vfsmount *alloc_mnt(struct super_block *sb, struct dentry *root);
struct vfsmount *clone_mnt(struct vfsmount *old, struct dentry *root, int flag);
void mnt_set_mountpoint(struct vfsmount *parent, struct dentry *dentry, struct vfsmount *mnt);
void commit_tree(struct list_head *tree);
void commit_copies(struct list_head *copies, struct user_namespace *user_ns);
void lock_mnt_tree(struct vfsmount *mnt);
void drop_tree(struct list_head *tree);
int count_mounts(struct mnt_namespace *ns, struct vfsmount *mnt);
void clear_pending_mounts(struct mnt_namespace *ns, struct list_head *copies);
int attach_recursive_mnt(struct vfsmount *source, struct list_head *tree, const struct path *where);
void umount_tree(struct vfsmount *mnt, bool propagate, struct list_head *dead);
void drop_mounts(struct list_head *dead);
bool propagate_mount_busy(struct vfsmount *mnt);

#endif
