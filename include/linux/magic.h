/*
 * include/linux/magic.h: each file system's magic number, the f_type
 * statfs(2) reports (Linux's include/uapi/linux/magic.h values).
 */
#ifndef _LINUX_MAGIC_H
#define _LINUX_MAGIC_H

#define RAMFS_MAGIC		0x858458f6
#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0
#define PIPEFS_MAGIC		0x50495045
#define NSFS_MAGIC		0x6e736673
#define ANON_INODE_FS_MAGIC	0x09041934
#define MQUEUE_MAGIC		0x19800202

#endif
