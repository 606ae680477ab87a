/* include/linux/mm_types.h: struct page (one per frame), VMAs and mm_struct. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/cpumask.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <asm/pgtable.h>

struct kmem_cache;

/* page->flags bits */
enum pageflags {
	PG_reserved,	/* never given to the allocator: a hole, firmware, the kernel */
	PG_buddy,	/* free, heading a block of 2^order pages on a free list */
	PG_slab,	/* part of a slab; head points to its first page */
	PG_head,	/* first page of a multi-page allocation of 2^order pages */
	PG_large_kmalloc, /* a kmalloc too big for the slab caches */
	PG_anon,	/* a process's private page: a fault's zeroed page or a COW copy */
	PG_swapbacked,	/* shmem: shared anonymous memory, SysV shm (not ramfs files) */
	PG_poisoned,	/* free and filled with PAGE_POISON (page_poison=1) */
	PG_exec_mapped,	/* was executable in a user mapping: cleared when freed (page_alloc.c) */
	PG_truncated,	/* cut from its shmem object: a fault that fetched it before must not map it */
	PG_pcp,		/* free, a single page on the zone's per-CPU list (zone->pcp) */
	PG_quicklist,	/* free, kept ready for a page table (mm/quicklist.c) */
	PG_falloc,	/* shmem: made by fallocate, not yet faulted in or written (Linux's
			 * !Uptodate falloc page): zeros, and not resident to mincore */
};

struct page {
	unsigned long flags;
	atomic_t _refcount;
	unsigned int order;		/* buddy block or compound allocation order */
	struct list_head lru;		/* free list (buddy or pcp) or slab list */
	struct page *head;		/* first page of this slab */
	struct kmem_cache *slab_cache;
	union {
		void *freelist;		/* first free object of this slab */
		pteval_t *pt_entry;	/* a user page table: the entry above pointing at it */
	};
	unsigned int inuse;		/* allocated objects in this slab */
	unsigned int fresh;		/* slab objects from this one on never handed out */
};

#define PageFlag(page, f)	(((page)->flags >> (f)) & 1)
#define SetPageFlag(page, f)	((page)->flags |= 1UL << (f))
#define ClearPageFlag(page, f)	((page)->flags &= ~(1UL << (f)))

struct file;
struct vm_operations_struct;

/* A region of a process's address space with one set of permissions. */
struct vm_area_struct {
	unsigned long vm_start, vm_end;		/* [start, end), page aligned */
	unsigned long vm_flags;			/* VM_READ, VM_WRITE, VM_EXEC, VM_SHARED ... */
	unsigned long vm_pgoff;			/* offset in the object, in pages */
	struct list_head vm_list;		/* in mm->mmap, sorted by address */
	struct mm_struct *vm_mm;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;			/* for vm_ops (a shm segment) */
	struct file *vm_file;
	struct list_head shared;		/* in its shmem object's i_mmap, under i_mmap_rwsem */
};

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);	/* a copy at fork, a split */
	void (*close)(struct vm_area_struct *vma);
	/*
	 * Returns the page to map at @addr (with a reference), NULL past the
	 * end (SIGBUS), or ERR_PTR(-ENOMEM) when no page could be had.
	 */
	struct page *(*fault)(struct vm_area_struct *vma, unsigned long addr);
	/* The object's own page for @addr if it has one, with a reference (find_get_page). */
	struct page *(*find_page)(struct vm_area_struct *vma, unsigned long addr);
	/* A mapping of the kernel's own ([vdso], [vvar]): its name in /proc/PID/maps. */
	const char *(*name)(struct vm_area_struct *vma);
	/*
	 * May two such VMAs be merged (vma_merge_range)?  Linux merges none
	 * whose vm_ops has ->close: SysV shm's, whose close counts
	 * attachments.  shmem's close here only does the i_mmap bookkeeping
	 * Linux does elsewhere, so shmem's VMAs say yes, as Linux's do.
	 */
	bool mergeable;
};

/*
 * What a process's resident pages are (Linux's mm counters): its private
 * pages, pages of files (ramfs), shared memory (shmem, SysV shm); swap
 * entries stay 0, there is no swap.  Changed under page_table_lock.
 */
enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

/* A process's address space. */
struct mm_struct {
	struct list_head mmap;			/* VMAs in address order */
	int map_count;
	pgd_t *pgd;
	atomic_t mm_users;			/* tasks using it (threads, vfork) */
	atomic_t mm_count;			/* references to the struct (users count as 1) */
	struct rw_semaphore mmap_lock;		/* protects the VMA list */
	spinlock_t page_table_lock;		/* protects the page tables */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long mmap_base;		/* top of the mmap area, grows down */
	unsigned long vdso;			/* [vdso]: AT_SYSINFO_EHDR (Linux's context.vdso) */
	unsigned long flags;			/* MMF_*: dumpable (sched/coredump.h) */
	unsigned long total_vm;			/* pages mapped */
	unsigned long locked_vm;		/* pages in VM_LOCKED VMAs (mm/mlock.c) */
	unsigned long def_flags;		/* VM_LOCKED* for new VMAs: mlockall(MCL_FUTURE) */
	unsigned long rss_stat[NR_MM_COUNTERS];	/* pages present, by kind (MM_*) */
	unsigned long saved_auxv[2 * (3 + 22 + 1)];	/* AT_VECTOR_SIZE */
	struct file *exe_file;			/* what execve ran: /proc/PID/exe */
	struct cpumask cpu_bitmap;		/* CPUs that may cache its translations: mm/tlb.c */
};

#define mm_cpumask(mm)	(&(mm)->cpu_bitmap)

extern struct mm_struct init_mm;
#endif
