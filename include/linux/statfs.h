/*
 * include/linux/statfs.h: what statfs(2) tells about a file system.
 *
 * struct kstatfs is laid out as x86_64's struct statfs, so it is copied
 * to user space as it is.  f_flags are the ST_* bits of the mount (and of
 * the super block), which statfs computes; a file system's ->statfs fills
 * the rest.
 */
#ifndef _LINUX_STATFS_H
#define _LINUX_STATFS_H

#include <linux/types.h>

typedef struct {
	int val[2];
} __kernel_fsid_t;

struct kstatfs {
	long f_type;			/* the magic number */
	long f_bsize;			/* the block size of the counts below */
	u64 f_blocks;			/* 0 for a file system without a size */
	u64 f_bfree;
	u64 f_bavail;			/* free for an unprivileged user */
	u64 f_files;			/* inodes; 0 without a limit */
	u64 f_ffree;
	__kernel_fsid_t f_fsid;
	long f_namelen;
	long f_frsize;			/* the fragment size: f_bsize unless told */
	long f_flags;			/* ST_* */
	long f_spare[4];
};

/* f_flags, as statvfs(3)'s f_flag (uapi/linux/statfs.h) */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_SYNCHRONOUS	0x0010
#define ST_VALID	0x0020		/* f_flags is filled in */
#define ST_MANDLOCK	0x0040
#define ST_NOATIME	0x0400
#define ST_NODIRATIME	0x0800
#define ST_RELATIME	0x1000
#define ST_NOSYMFOLLOW	0x2000

struct dentry;
int simple_statfs(struct dentry *dentry, struct kstatfs *buf);

/* A 64-bit value as the two words of an fsid (Linux's u64_to_fsid). */
static inline __kernel_fsid_t u64_to_fsid(u64 v)
{
	return (__kernel_fsid_t){ .val = { (u32)v, (u32)(v >> 32) } };
}

#endif
