/* include/linux/stat.h: file types and modes, and stat(2)'s x86_64 layout. */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H

#include <linux/types.h>

#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_IXGRP		00010

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXUGO	00777
#define S_IALLUGO	07777
#define S_IRUGO		00444
#define S_IWUGO		00222
#define S_IXUGO		00111

/* getdents64's d_type */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

/* What the kernel fills; cp_new_stat turns it into the user's struct stat. */
struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	u32 uid, gid;			/* kernel ids; mapped for the caller when copied out */
	dev_t rdev;
	loff_t size;
	s64 atime_sec, mtime_sec, ctime_sec;
	long atime_nsec, mtime_nsec, ctime_nsec;
	unsigned long blksize;
	unsigned long long blocks;
};

/* The x86_64 struct stat, as the stat/fstat/newfstatat system calls write it. */
struct stat64_user {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	long __reserved[3];
};

/* statx(2)'s buffer (Linux's struct statx, 256 bytes) and its bits. */
struct statx_timestamp_user {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx_user {
	u32 stx_mask;			/* what was filled in: STATX_* */
	u32 stx_blksize;
	u64 stx_attributes;		/* STATX_ATTR_* */
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0[1];
	u64 stx_ino;
	u64 stx_size;
	u64 stx_blocks;
	u64 stx_attributes_mask;	/* which STATX_ATTR_* this file system knows */
	struct statx_timestamp_user stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor;
	u32 stx_dev_major, stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align, stx_dio_offset_align;
	u64 __spare3[12];
};

#define STATX_BASIC_STATS	0x000007ffU	/* type, mode, nlink, uid, gid, times, ino, size, blocks */
#define STATX_MNT_ID		0x00001000U
#define STATX__RESERVED		0x80000000U
#define STATX_ATTR_MOUNT_ROOT	0x00002000
#define AT_STATX_SYNC_TYPE	0x6000		/* AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC */

/* setattr's "valid" bits, Linux's values */
#define ATTR_MODE	0x1
#define ATTR_UID	0x2
#define ATTR_GID	0x4
#define ATTR_SIZE	0x8
#define ATTR_ATIME	0x10		/* set i_atime from atime_* */
#define ATTR_MTIME	0x20
#define ATTR_CTIME	0x40
#define ATTR_ATIME_SET	0x80		/* ... to a time the caller chose, not now */
#define ATTR_MTIME_SET	0x100
#define ATTR_KILL_SUID	0x800		/* a chown: the set-id bits go (chown_drop_suidgid) */
#define ATTR_TIMES_SET	(1 << 16)	/* utimes with times: the owner's right only */
#define ATTR_TOUCH	(1 << 17)	/* utimes to now: a writer may do it too */

/* utimensat(2)'s special tv_nsec values */
#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

#endif
