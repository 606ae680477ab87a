/*
 * include/linux/mm.h: the page allocator.
 *
 * One zone, as a machine without highmem or DMA limits needs: a buddy
 * allocator of free blocks of 2^order pages (Linux's free_area[]), with
 * page reference counts for pages that end up shared (copy-on-write).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/bitops.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <asm/page.h>

#define MAX_ORDER	11	/* orders 0..10: up to 4 MiB blocks */

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

/*
 * Free single pages kept off the buddy lists for the next order-0
 * allocation (Linux's per_cpu_pages): freeing and taking one is a list
 * operation, with no merging and splitting.
 */
/*
 * The zone's cache of single pages.  One list shared by every CPU, under
 * its own lock (Linux 6.1's pcp->lock; Linux has a list per CPU): taken
 * before zone->lock, irqs off.
 */
struct per_cpu_pages {
	spinlock_t lock;		/* protects count and list; spin_lock_irqsave_smp */
	int count;			/* pages on the list */
	int high;			/* above this, batch go back to the buddy lists */
	int batch;			/* pages moved to or from the buddy lists at once */
	struct list_head list;		/* the most recently freed first (cache-warm) */
};

struct zone {
	spinlock_t lock;		/* protects free_area and the counters */
	struct free_area free_area[MAX_ORDER];
	unsigned long nr_free_pages;	/* in free_area; nr_free_pages() adds the pcp's */
	struct per_cpu_pages pcp;	/* its own lock, taken before this one */
	unsigned long managed_pages;	/* pages given to the allocator at boot */
	unsigned long watermark_min;	/* pages user memory leaves free (min_free_kbytes) */
	unsigned long bad_frees;	/* double or foreign frees caught */
};

extern struct zone zone_normal;
extern struct page *mem_map;
extern unsigned long max_pfn;

static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + pfn; }
static inline unsigned long page_to_pfn(const struct page *p) { return p - mem_map; }
static inline bool pfn_valid(unsigned long pfn) { return pfn < max_pfn; }
static inline struct page *virt_to_page(const void *v) { return pfn_to_page(__pa(v) >> PAGE_SHIFT); }
/* True for an address of the direct map that has a struct page. */
static inline bool virt_addr_valid(const void *v)
{
	unsigned long a = (unsigned long)v;

	return a - PAGE_OFFSET < PFN_PHYS(max_pfn);	/* below PAGE_OFFSET wraps: false */
}
static inline void *page_address(const struct page *p) { return __va(PFN_PHYS(page_to_pfn(p))); }
static inline phys_addr_t page_to_phys(const struct page *p) { return PFN_PHYS(page_to_pfn(p)); }

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
void adopt_reserved_page(struct page *page);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
#define free_page(addr)		free_pages(addr, 0)

static inline void get_page(struct page *p) { atomic_inc(&p->_refcount); }
static inline int page_count(struct page *p) { return atomic_read(&p->_refcount); }
void put_page(struct page *p);

unsigned long nr_free_pages(void);

/* The pages the allocator manages: all of RAM it was given (Linux's totalram_pages). */
static inline unsigned long totalram_pages(void)
{
	return zone_normal.managed_pages;
}

void dump_page(struct page *page, const char *reason);

/* Page poisoning (mm/page_poison.c): page_poison=1 on the command line. */
extern bool page_poisoning_enabled;
void __kernel_poison_pages(struct page *page, unsigned int n);
void __kernel_unpoison_pages(struct page *page, unsigned int n);

static inline void kernel_poison_pages(struct page *page, unsigned int n)
{
	if (unlikely(page_poisoning_enabled))
		__kernel_poison_pages(page, n);
}

static inline void kernel_unpoison_pages(struct page *page, unsigned int n)
{
	if (unlikely(page_poisoning_enabled))
		__kernel_unpoison_pages(page, n);
}

/*
 * A user pte that mapped @page is going (unmapped) or changing (mprotect):
 * if it let user space execute the page, the page may hold code QEMU has
 * translated, and its free clears it (free_exec_mapped in page_alloc.c).
 */
static inline void page_leaves_pte(struct page *page, pteval_t e)
{
	if ((e & (_PAGE_PRESENT | _PAGE_NX)) == _PAGE_PRESENT && !PageFlag(page, PG_exec_mapped))
		set_bit(PG_exec_mapped, &page->flags);
}

void mem_init(void);
void free_area_init(void);
unsigned int get_order(unsigned long size);

/* Fault injection (Linux's fail-nth): the nth allocation from now fails. */
/* The fault-injection countdown (fail_nth_set): 0 is off, n fails the nth allocation from now. */
extern int fail_nth;
bool should_fail_alloc_countdown(void);

static inline bool should_fail_alloc(void)
{
	return unlikely(fail_nth > 0) && should_fail_alloc_countdown();
}

/*
 * An allocation's start (Linux's might_alloc, then its fault injection):
 * with the validator on, an allocation that may sleep (@gfp) checks that
 * it may (might_sleep), a hook fused into the compare of fail_nth, which
 * runs anyway (include/linux/lockdep.h); then true if this allocation is
 * to fail.
 */
#define might_alloc_should_fail(gfp) ({ \
	bool __armed; \
	__asm__ __volatile__(LOCKDEP_FUSED("cmpl $0, %[nth]", \
				LOCKDEP_CALL3("__might_alloc_thunk", "%q[gfp]", "%[file]", "%[line]") \
				"cmpl $0, %[nth]") \
			     : "=@ccg"(__armed) \
			     : [nth] "m"(fail_nth), [gfp] "r"(gfp), LOCKDEP_FILE_LINE : "memory"); \
	unlikely(__armed) && should_fail_alloc_countdown(); \
})
void fail_nth_set(int nth);
int fail_nth_get(void);


/* ---- address spaces (mm/mmap.c, mm/memory.c) ---------------------------- */
#include <linux/mm_types.h>

/* vm_flags, as Linux's */
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_GROWSDOWN	0x00000100
#define VM_PFNMAP	0x00000400	/* pages that are not the mapping's own ([vvar]) */
#define VM_LOCKED	0x00002000	/* mlock: pages faulted in and kept (mm/mlock.c) */
#define VM_IO		0x00004000	/* not ordinary memory ([vvar]) */
#define VM_DONTCOPY	0x00020000	/* not inherited at fork */
#define VM_DONTEXPAND	0x00040000	/* mremap may not grow it (the special mappings) */
#define VM_LOCKONFAULT	0x00080000	/* with VM_LOCKED: kept once faulted, not faulted in */
#define VM_WIPEONFORK	0x02000000	/* a fork's child gets it empty (MADV_WIPEONFORK) */
#define VM_DONTDUMP	0x04000000	/* left out of a core dump (MADV_DONTDUMP, [vvar]) */
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
/* Linux's: not ordinary memory; mlock, mremap growth and MADV_DODUMP leave it alone */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP)

/* handle_user_fault results */
#define VM_FAULT_MAPERR	1	/* no mapping there: SEGV_MAPERR */
#define VM_FAULT_ACCERR	2	/* mapped, but not for this access: SEGV_ACCERR */
#define VM_FAULT_SIGBUS	3
#define VM_FAULT_OOM	4

#define MMAP_BASE	0x00007f0000000000UL	/* the mmap area grows down from here */
#define STACK_TOP	0x00007ffffffff000UL
#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)	/* Linux's stack_guard_gap: 1 MiB */

struct pt_regs;

struct mm_struct *mm_alloc(void);
void mmget(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
struct mm_struct *dup_mm(struct task_struct *tsk, struct mm_struct *oldmm);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
int split_vma(struct vm_area_struct *vma, unsigned long addr);

/* Is [start, end) a non-empty page range of user space (what a VMA may cover)? */
static inline bool user_range_ok(unsigned long start, unsigned long end)
{
	return start < end && end <= TASK_SIZE && !((start | end) & ~PAGE_MASK);
}

/* The VMA after @vma in @mm's address order, or NULL. */
static inline struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	return list_is_last(&vma->vm_list, &mm->mmap) ? NULL : list_next_entry(vma, vm_list);
}
struct vm_area_struct *vma_alloc(struct mm_struct *mm, unsigned long start,
				 unsigned long end, unsigned long flags);
int insert_vma(struct mm_struct *mm, struct vm_area_struct *vma);
/* The pages @vma adds (@sign 1) to or takes (-1) from total_vm and locked_vm. */
void vm_stat_account(struct mm_struct *mm, struct vm_area_struct *vma, long sign);
struct vm_area_struct *vma_alloc_insert(struct mm_struct *mm, unsigned long start,
					unsigned long end, unsigned long flags);
void vma_free(struct vm_area_struct *vma);
void change_protection(struct vm_area_struct *vma, unsigned long newflags);
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len,
				unsigned long flags);
extern unsigned long mmap_min_addr;	/* vm.mmap_min_addr: nothing is mapped below it */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
bool may_expand_vm(struct mm_struct *mm, unsigned long npages);
unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void vma_merge_range(struct mm_struct *mm, unsigned long start, unsigned long end);
bool may_map_range(struct mm_struct *mm, unsigned long addr, unsigned long len);
struct file;
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff);
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flags, unsigned long pgoff);
unsigned long vm_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long offset);
int vm_munmap(unsigned long start, size_t len);
int vm_brk_flags(unsigned long addr, unsigned long request, unsigned long flags);
/* The layout of a new program's memory and its randomization (mm/util.c). */
extern int randomize_va_space;
bool exec_randomizes(void);
unsigned long arch_mmap_rnd(void);
unsigned long randomize_page(unsigned long start, unsigned long range);
unsigned long arch_randomize_brk(struct mm_struct *mm);
unsigned long randomize_stack_top(unsigned long stack_top);
unsigned long arch_align_stack(unsigned long sp);
void arch_pick_mmap_layout(struct mm_struct *mm);
int handle_user_fault(struct pt_regs *regs, unsigned long err, unsigned long addr);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* What a zap leaves alone (Linux's): !even_cows keeps a private mapping's own copies. */
struct zap_details {
	bool even_cows;
};
void zap_page_range_single(struct vm_area_struct *vma, unsigned long start, unsigned long size,
			   const struct zap_details *details);
void unmap_vmas(struct mm_struct *mm);
/* What a fork's copy_page_range calls remember from one VMA to the next. */
struct copy_walk {
	struct pte_walk_cache src, dst;
};
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma,
		    struct copy_walk *walk);
pteval_t vma_pte_prot(unsigned long vm_flags);
void mm_release(struct task_struct *tsk, struct mm_struct *mm);
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned long err);
int __mm_populate(unsigned long start, unsigned long len, bool ignore_errors);
static inline void mm_populate(unsigned long start, unsigned long len)
{
	(void)__mm_populate(start, len, true);
}
bool can_do_mlock(void);
int mlock_future_check(struct mm_struct *mm, unsigned long flags, unsigned long len);
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *copy_vma(struct vm_area_struct *vma, unsigned long addr,
				unsigned long len, unsigned long pgoff);
void pagefault_out_of_memory(void);

/* ---- a process's resident pages, by kind (Linux's mm counters) ---------- */

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	return READ_ONCE(mm->rss_stat[member]);
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss_stat[member] += value;
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

/* The counter a mapped page counts in (Linux's mm_counter). */
static inline int mm_counter(struct page *page)
{
	if (PageFlag(page, PG_anon))
		return MM_ANONPAGES;
	return PageFlag(page, PG_swapbacked) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

unsigned long mm_pgtables_bytes(struct mm_struct *mm);

#endif
