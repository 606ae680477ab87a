/*
 * fs/vfs_init.c: the file system's start-up, in Linux's vfs_caches_init
 * order: the object caches, the memory file systems, the first mount
 * namespace with rootfs as its root, and the internal pipe file system.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mount.h>

void inode_cache_init(void);
void dcache_init(void);
void files_cache_init(void);
void init_ramfs_fs(void);
void init_pipe_fs(void);

void vfs_caches_init(void)
{
	dcache_init();
	inode_cache_init();
	files_cache_init();
	init_ramfs_fs();
	mnt_init();
	init_pipe_fs();
}
