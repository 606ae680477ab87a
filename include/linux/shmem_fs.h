/*
 * include/linux/shmem_fs.h: memory objects that several mappings share.
 *
 * A shmem object is an array of pages filled on first touch.  Shared
 * anonymous mappings, SysV shared memory segments and ramfs file data are
 * all shmem objects, so a page written through one mapping is seen by
 * every other.
 */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/list.h>
#include <linux/uidgid.h>

struct page;
struct vm_area_struct;
struct super_block;

/*
 * A tmpfs's limits and use (Linux's, fs/tmpfs.c): pages of its files and
 * inodes; a limit of 0 is none.  Under stat_lock.
 */
struct shmem_sb_info {
	unsigned long max_blocks, used_blocks;
	unsigned long max_inodes, used_inodes;
	spinlock_t stat_lock;
	umode_t mode;			/* the root's, from mode= */
	kuid_t uid;			/* the root's owner, from uid= and gid= */
	kgid_t gid;
};
#define SHMEM_SB(sb)	((struct shmem_sb_info *)(sb)->s_fs_info)	/* a tmpfs's only */
struct vm_operations_struct;

struct shmem_object {
	atomic_t refcount;		/* mappings and other holders */
	spinlock_t lock;		/* protects pages[] */
	unsigned long nr_pages;
	struct page **pages;		/* NULL until touched */
	unsigned long nr_present;	/* pages[] that are not NULL (st_blocks, shm RSS); under lock */
	bool swap_backed;		/* shared memory, not a file's data: pages count as shmem */
	unsigned int seals;		/* F_SEAL_*: a tmpfs file's (memfd), under its inode's i_mutex */
	struct shmem_sb_info *sbinfo;	/* a tmpfs file's: its pages count against the size */
	atomic_t i_mmap_writable;	/* shared mappings that may write; < 0: F_SEAL_WRITE forbids them */
	/*
	 * The VMAs mapping the object through shmem_vm_ops, shared or private
	 * (Linux's address_space i_mmap), so a truncation can unmap the pages
	 * it cuts.  The list, and the ptes of a VMA on it while mremap moves
	 * them, change under i_mmap_rwsem held for writing; unmapping holds it
	 * for reading.  Taken inside mmap_lock, outside page_table_lock.
	 */
	struct rw_semaphore i_mmap_rwsem;
	struct list_head i_mmap;
};

/* A shared mapping that may write counts in i_mmap_writable (Linux's is_shared_maywrite). */
#define is_shared_maywrite(vm_flags)	(((vm_flags) & (VM_SHARED | VM_MAYWRITE)) == \
					 (VM_SHARED | VM_MAYWRITE))

struct shmem_object *shmem_object_create(unsigned long size);
void shmem_object_get(struct shmem_object *obj);
void shmem_object_put(struct shmem_object *obj);
struct page *shmem_get_page(struct shmem_object *obj, unsigned long index, bool create);
struct page *shmem_get_page_gfp(struct shmem_object *obj, unsigned long index, gfp_t gfp);
struct page *shmem_falloc_page(struct shmem_object *obj, unsigned long index);
int shmem_resize(struct shmem_object *obj, unsigned long size);
void shmem_set_page(struct shmem_object *obj, unsigned long index, struct page *page);
unsigned long shmem_nr_present(struct shmem_object *obj);
int shmem_truncate(struct shmem_object *obj, loff_t size);
ssize_t shmem_read(struct shmem_object *obj, loff_t size, char *buf, size_t n, loff_t *pos,
		   bool user);
int shmem_vma_attach(struct shmem_object *obj, struct vm_area_struct *vma);
void shmem_unmap_range(struct shmem_object *obj, unsigned long first, unsigned long end,
		       bool even_cows);
void shmem_free_range(struct shmem_object *obj, unsigned long first, unsigned long end);
void shmem_punch_range(struct shmem_object *obj, loff_t offset, loff_t len);
struct shmem_object *vma_shmem(struct vm_area_struct *vma);
extern const struct vm_operations_struct shmem_vm_ops;

int tmpfs_fill_super(struct super_block *sb, void *data);
void tmpfs_kill_sb(struct super_block *sb);
bool shmem_reserve_inode(struct super_block *sb);
void shmem_free_inode(struct super_block *sb);
bool shmem_acct_block(struct shmem_sb_info *sbinfo);
void shmem_unacct_block(struct shmem_sb_info *sbinfo);

#endif
