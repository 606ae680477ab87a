/*
 * include/linux/mount.h: mounts and mount namespaces.
 *
 * A vfsmount attaches a file system's root at a dentry of a parent mount.
 * Each mount namespace has its own set of mounts (its own tree); clone or
 * unshare with CLONE_NEWNS copies the caller's (Linux's copy_mnt_ns).
 * Mounts made afterwards on either side are seen on the other only
 * through propagation (fs/pnode.c): a shared mount's peers, in any
 * namespace, receive each other's mounts and unmounts, and its slaves
 * receive them without sending theirs back.
 */
#ifndef _LINUX_MOUNT_H
#define _LINUX_MOUNT_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/ns_common.h>

struct super_block;
struct dentry;
struct mnt_namespace;
struct user_namespace;
struct fs_struct;
struct file_system_type;
struct path;

/* All list fields and mnt_master are protected by namespace_sem (fs/namespace.c). */
struct vfsmount {
	struct dentry *mnt_root;	/* the root of the mounted tree */
	struct super_block *mnt_sb;
	struct vfsmount *mnt_parent;	/* itself for a namespace's root mount */
	struct dentry *mnt_mountpoint;	/* where in the parent it sits */
	struct mnt_namespace *mnt_ns;	/* NULL while being built or once unmounted */
	struct list_head mnt_list;	/* in mnt_ns->list, or a tree being built */
	struct list_head mnt_mounts;	/* the mounts on this one, oldest first */
	struct list_head mnt_child;	/* in mnt_parent->mnt_mounts */
	atomic_t mnt_count;		/* paths and files holding it */
	int mnt_flags;
	int mnt_id;			/* unique while it lives: mountinfo's first field */
	int mnt_group_id;		/* its peer group, 0 when not shared */
	struct list_head mnt_share;	/* circular list of its peers */
	struct list_head mnt_slave_list;	/* the mounts it is the master of */
	struct list_head mnt_slave;	/* in mnt_master->mnt_slave_list */
	struct vfsmount *mnt_master;	/* it receives what that one's group receives */
	const char *mnt_devname;	/* mount(2)'s source, for mountinfo */
};

#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08		/* reads never update atime */
#define MNT_NODIRATIME	0x10		/* nor do directory reads */
#define MNT_RELATIME	0x20		/* only when atime is older than mtime or ctime, or a day */
#define MNT_READONLY	0x40
#define MNT_NOSYMFOLLOW	0x80		/* symbolic links on it are not followed: ELOOP */
#define MNT_SHARED	0x1000		/* in a peer group: propagates to its peers and slaves */
#define MNT_UNBINDABLE	0x2000		/* may not be bound elsewhere */
#define MNT_ATIME_MASK	(MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)
#define MNT_INTERNAL	0x4000		/* not in any namespace (pipes, anonymous) */
#define MNT_MARKED	0x4000000	/* propagate_mnt's mark on a master */
#define MNT_UMOUNT	0x8000000	/* umount_tree's mark on what goes */
/*
 * A mount copied into a namespace of a less privileged user namespace
 * keeps its flags (MNT_LOCK_*) and cannot be unmounted or moved to reveal
 * what lies beneath (MNT_LOCKED): Linux's lock_mnt_tree.
 */
#define MNT_LOCK_ATIME		0x040000
#define MNT_LOCK_NOEXEC		0x080000
#define MNT_LOCK_NOSUID		0x100000
#define MNT_LOCK_NODEV		0x200000
#define MNT_LOCK_READONLY	0x400000
#define MNT_LOCKED		0x800000

struct mnt_namespace {
	atomic_t count;
	struct ns_common ns;
	struct vfsmount *root;
	struct list_head list;		/* every mount, parents before children */
	struct user_namespace *user_ns;
	unsigned int mounts;
	unsigned int pending_mounts;	/* being attached now, counted against fs.mount-max */
};

/* mount(2) flags */
#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_REMOUNT	32
#define MS_NOSYMFOLLOW	256
#define MS_NOATIME	1024
#define MS_NODIRATIME	2048
#define MS_BIND		4096
#define MS_MOVE		8192
#define MS_REC		16384
#define MS_SILENT	32768
#define MS_PRIVATE	(1 << 18)
#define MS_SLAVE	(1 << 19)
#define MS_SHARED	(1 << 20)
#define MS_RELATIME	(1 << 21)
#define MS_STRICTATIME	(1 << 24)
#define MS_UNBINDABLE	(1 << 17)

/* umount2 flags */
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

extern struct mnt_namespace init_mnt_ns;

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
struct vfsmount *kern_mount(struct file_system_type *type, void *data);
void kern_unmount(struct vfsmount *mnt);
struct vfsmount *lookup_mnt(struct vfsmount *parent, struct dentry *mountpoint);
struct mnt_namespace *copy_mnt_ns(unsigned long flags, struct mnt_namespace *ns,
				  struct user_namespace *user_ns, struct fs_struct *new_fs);
void put_mnt_ns(struct mnt_namespace *ns);
void get_mnt_ns(struct mnt_namespace *ns);
void mnt_init(void);

#endif
