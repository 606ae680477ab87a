/*
 * mm/page_alloc.c: the buddy allocator.
 *
 * Free memory is kept in blocks of 2^order pages, one list per order
 * (free_area[order]).  An allocation takes the smallest block that fits
 * and splits off the unused halves; a free merges a block with its buddy
 * (the block whose pfn differs only in bit `order`) for as long as that
 * buddy is free too.  As Linux's __rmqueue_smallest and __free_one_page.
 *
 * Single pages, the most asked for, go through the zone's per-CPU list
 * first (zone->pcp, Linux's per_cpu_pages): a free puts the page at its
 * head, an allocation takes the head, and pages move to and from the
 * buddy lists a batch at a time when the list grows past its high mark or
 * runs dry.  A page freed and taken again so costs no merge and no split.
 * Pages on that list are free: nr_free_pages() counts them (Linux's
 * NR_FREE_PAGES does not), so MemFree and the watermarks see them, and an
 * allocation that fails drains the list back into the buddy lists, where
 * they can merge, before giving up (as Linux drains in its slow path).
 * The quicklists' pages (mm/quicklist.c) and the cached kernel stacks'
 * (mm/vmap_stack.c) are counted and drained the same way.
 */
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/sched.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/panic.h>
#include <linux/quicklist.h>
#include <asm/vmap_stack.h>

struct zone zone_normal;
struct page *mem_map;
unsigned long max_pfn;

static void add_to_free_area(struct zone *z, struct page *page, unsigned int order)
{
	page->order = order;
	SetPageFlag(page, PG_buddy);
	list_add(&page->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static void del_from_free_area(struct zone *z, struct page *page, unsigned int order)
{
	list_del(&page->lru);
	ClearPageFlag(page, PG_buddy);
	z->free_area[order].nr_free--;
}

static struct page *rmqueue_smallest(struct zone *z, unsigned int order)
{
	unsigned int o;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_area(z, page, o);
		while (o > order) {		/* give back the upper halves */
			o--;
			add_to_free_area(z, page + (1UL << o), o);
		}
		return page;
	}
	return NULL;
}

int fail_nth;	/* include/linux/mm.h: should_fail_alloc() */

void fail_nth_set(int nth)
{
	fail_nth = nth;
}

int fail_nth_get(void)
{
	return fail_nth;
}

bool should_fail_alloc_countdown(void)
{
	return --fail_nth == 0;
}

/*
 * How far an allocation may dig into the reserve (Linux's ALLOC_* flags).
 * A process's memory (__GFP_HARDWALL) keeps the zone's min watermark
 * free; an OOM victim may take half of that to finish dying; the kernel's
 * own allocations, which cannot wait for the OOM killer here, may take it
 * all (as Linux's __GFP_HIGH and atomic ones dig deeper than others).
 */
#define ALLOC_WMARK_MIN	0x1
#define ALLOC_OOM	0x2

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	if (!(gfp & __GFP_HARDWALL))
		return 0;
	return tsk_is_oom_victim(current) ? ALLOC_WMARK_MIN | ALLOC_OOM : ALLOC_WMARK_MIN;
}

/*
 * Would taking 2^@order pages leave the reserve @alloc_flags must leave?
 * Interrupts off; the counts are read without the lock, as Linux's
 * zone_watermark_fast reads its counters.
 */
static bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned int alloc_flags)
{
	long free = z->nr_free_pages + z->pcp.count, min = z->watermark_min;

	if (!(alloc_flags & ALLOC_WMARK_MIN))
		return free >= 1L << order;
	if (alloc_flags & ALLOC_OOM)
		min -= min / 2;
	return free - (1L << order) >= min;
}

/* A block of 2^@order pages from the buddy lists, if the watermark allows. */
static struct page *rmqueue_buddy(struct zone *z, unsigned int order, unsigned int alloc_flags)
{
	struct page *page = NULL;
	unsigned long flags;

	spin_lock_irqsave(&z->lock, flags);
	if (zone_watermark_ok(z, order, alloc_flags))
		page = rmqueue_smallest(z, order);
	if (page)
		z->nr_free_pages -= 1UL << order;
	spin_unlock_irqrestore(&z->lock, flags);
	return page;
}

/* Moves up to @n single pages from the buddy lists to the pcp list (Linux's rmqueue_bulk).  Interrupts off. */
static void rmqueue_bulk(struct zone *z, int n)
{
	struct per_cpu_pages *pcp = &z->pcp;
	struct page *page;

	spin_lock(&z->lock);
	while (n-- > 0 && (page = rmqueue_smallest(z, 0))) {
		z->nr_free_pages--;
		SetPageFlag(page, PG_pcp);
		list_add_tail(&page->lru, &pcp->list);
		pcp->count++;
	}
	spin_unlock(&z->lock);
}

/* A single page off the pcp list, refilled when empty, if the watermark allows (Linux's rmqueue_pcplist). */
static struct page *rmqueue_pcplist(struct zone *z, unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = &z->pcp;
	struct page *page = NULL;
	unsigned long flags;

	spin_lock_irqsave_smp(&pcp->lock, flags);
	if (!zone_watermark_ok(z, 0, alloc_flags))
		goto out;
	if (list_empty(&pcp->list))
		rmqueue_bulk(z, pcp->batch);
	if (!list_empty(&pcp->list)) {
		page = list_first_entry(&pcp->list, struct page, lru);
		list_del(&page->lru);
		ClearPageFlag(page, PG_pcp);
		pcp->count--;
	}
out:
	spin_unlock_irqrestore_smp(&pcp->lock, flags);
	return page;
}

/* A block just taken becomes an allocation (Linux's prep_new_page). */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	kernel_unpoison_pages(page, 1U << order);
	atomic_set(&page->_refcount, 1);
	page->flags = 0;
	page->order = order;
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, PAGE_SIZE << order);
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags)
{
	struct zone *z = &zone_normal;
	struct page *page;

	if (order == 0)
		page = rmqueue_pcplist(z, alloc_flags);
	else
		page = rmqueue_buddy(z, order, alloc_flags);
	if (page)
		prep_new_page(page, order, gfp);
	return page;
}

/*
 * No page: run the OOM killer (Linux's __alloc_pages_may_oom).  Returns a
 * page if memory came back meanwhile; *progress says whether retrying is
 * worth it (a victim was chosen, or one is still dying).
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp, unsigned int order, bool *progress)
{
	struct oom_control oc = { .gfp_mask = gfp, .order = order };
	struct page *page;

	*progress = false;
	if (!mutex_trylock(&oom_lock)) {
		*progress = true;	/* another task is killing: let it */
		schedule_timeout_uninterruptible(1);
		return NULL;
	}
	page = get_page_from_freelist(gfp, order, gfp_to_alloc_flags(gfp));
	if (!page)
		*progress = out_of_memory(&oc);
	mutex_unlock(&oom_lock);
	return page;
}

/*
 * Only a process's own memory (GFP_USER and up), small, asked for where
 * sleeping is allowed, gets here: it waits for the OOM killer to free
 * memory, one tick at a time while the victim exits (Linux's
 * __alloc_pages_slowpath with no reclaim to try first).  The victim itself
 * gets the failure, to unwind and die.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	struct page *page;
	bool progress;

	if (!(gfp & __GFP_HARDWALL) || !(gfp & __GFP_DIRECT_RECLAIM) ||
	    (gfp & (__GFP_NORETRY | __GFP_RETRY_MAYFAIL)) || order > PAGE_ALLOC_COSTLY_ORDER ||
	    !preemptible())
		return NULL;
	for (;;) {
		if (tsk_is_oom_victim(current))
			return NULL;	/* it had the reserve already: no looping for it */
		page = __alloc_pages_may_oom(gfp, order, &progress);
		if (page || !progress)
			return page;
		page = get_page_from_freelist(gfp, order, gfp_to_alloc_flags(gfp));
		if (page)
			return page;
		schedule_timeout_uninterruptible(1);	/* the victim's turn to exit */
	}
}

static bool drain_pages(struct zone *z);

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (might_alloc_should_fail(gfp) || order >= MAX_ORDER)
		return NULL;
	page = get_page_from_freelist(gfp, order, gfp_to_alloc_flags(gfp));
	/* pages kept on the quicklists and the pcp list (kept a block from merging) */
	if (!page && (quicklist_trim_all() | vmap_stack_trim() | drain_pages(&zone_normal)))
		page = get_page_from_freelist(gfp, order, gfp_to_alloc_flags(gfp));
	if (!page)
		page = __alloc_pages_slowpath(gfp, order);
	return page;
}

/* A free of something the allocator does not own: report it as Linux does, keep going. */
static bool bad_page(struct zone *z, struct page *page, const char *reason)
{
	z->bad_frees++;
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
		 page_to_pfn(page));
	dump_page(page, reason);
	dump_stack();
	add_taint(TAINT_BAD_PAGE);
	return false;
}

static bool free_page_ok(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn >= max_pfn || !IS_ALIGNED(pfn, 1UL << order))
		return bad_page(z, page, "not a page of this allocator");
	if (PageFlag(page, PG_buddy) || PageFlag(page, PG_pcp) || PageFlag(page, PG_quicklist))
		return bad_page(z, page, "double free");
	if (PageFlag(page, PG_reserved))
		return bad_page(z, page, "free of a reserved page");
	if (PageFlag(page, PG_slab))
		return bad_page(z, page, "free of a slab page");
	return true;
}

static void free_one_page(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = pfn_to_page(buddy_pfn);

		if (buddy_pfn >= max_pfn || !PageFlag(buddy, PG_buddy) || buddy->order != order)
			break;
		del_from_free_area(z, buddy, order);
		pfn &= buddy_pfn;		/* the merged block starts at the lower one */
		order++;
	}
	add_to_free_area(z, pfn_to_page(pfn), order);
}

/*
 * Clears the pages of a block being freed that user space could execute
 * (page_leaves_pte marked them).  QEMU translates guest code per physical
 * page and keeps a translation until a write overlaps it.  Until then
 * every store to the page takes its slow path, which checks the store
 * against the translations: a freed text page reused as a kernel stack
 * or a slab made each store to it about a hundred times dearer, for as
 * long as the page lived, in some boots and not others (docs/benchmarks.md).
 * One write over the whole page drops them all at once.  Linux needs no
 * such thing: its text pages stay in the page cache.
 */
static void free_exec_mapped(struct page *page, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (unlikely(PageFlag(page + i, PG_exec_mapped)) && !page_poisoning_enabled)
			memset(page_address(page + i), 0, PAGE_SIZE);
}

/* A block checked and about to be free (Linux's free_pages_prepare). */
static void free_pages_prepare(struct page *page, unsigned int order)
{
	page->flags = 0;
	atomic_set(&page->_refcount, 0);
	kernel_poison_pages(page, 1U << order);
}

/* Moves the @n coldest pages of the pcp list to the buddy lists (Linux's free_pcppages_bulk).  Interrupts off. */
static void free_pcppages_bulk(struct zone *z, int n)
{
	struct per_cpu_pages *pcp = &z->pcp;
	struct page *page;

	spin_lock(&z->lock);
	while (n-- > 0 && !list_empty(&pcp->list)) {
		page = list_last_entry(&pcp->list, struct page, lru);
		list_del(&page->lru);
		ClearPageFlag(page, PG_pcp);
		pcp->count--;
		free_one_page(z, page, 0);
		z->nr_free_pages++;
	}
	spin_unlock(&z->lock);
}

/* A single page goes to the head of the pcp list (Linux's free_unref_page). */
static void free_unref_page(struct zone *z, struct page *page)
{
	struct per_cpu_pages *pcp = &z->pcp;
	unsigned long flags;

	spin_lock_irqsave_smp(&pcp->lock, flags);
	if (free_page_ok(z, page, 0)) {
		free_pages_prepare(page, 0);
		SetPageFlag(page, PG_pcp);
		list_add(&page->lru, &pcp->list);
		if (++pcp->count > pcp->high)
			free_pcppages_bulk(z, pcp->batch);
	}
	spin_unlock_irqrestore_smp(&pcp->lock, flags);
}

/* Every pcp page back to the buddy lists (Linux's drain_all_pages); whether there were any. */
static bool drain_pages(struct zone *z)
{
	unsigned long flags;
	bool any;

	spin_lock_irqsave_smp(&z->pcp.lock, flags);
	any = z->pcp.count;
	free_pcppages_bulk(z, z->pcp.count);
	spin_unlock_irqrestore_smp(&z->pcp.lock, flags);
	return any;
}

void __free_pages(struct page *page, unsigned int order)
{
	struct zone *z = &zone_normal;
	unsigned long flags;

	free_exec_mapped(page, 1U << order);
	if (order == 0) {
		free_unref_page(z, page);
		return;
	}
	spin_lock_irqsave(&z->lock, flags);
	if (free_page_ok(z, page, order)) {
		free_pages_prepare(page, order);
		free_one_page(z, page, order);
		z->nr_free_pages += 1UL << order;
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

void put_page(struct page *page)
{
	if (atomic_dec_and_test(&page->_refcount))
		__free_pages(page, 0);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *p = alloc_pages(gfp, order);

	return p ? (unsigned long)page_address(p) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid((void *)addr)) {
		zone_normal.bad_frees++;
		pr_alert("BUG: Bad page state in process %s  addr:%#lx\n", current->comm, addr);
		pr_alert("page dumped because: free_pages of an address outside the direct map\n");
		dump_stack();
		add_taint(TAINT_BAD_PAGE);
		return;
	}
	__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(zone_normal.nr_free_pages) + READ_ONCE(zone_normal.pcp.count) +
	       quicklist_total_size() + vmap_stack_cached_pages();
}

unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* Frees [start, end) into the buddy lists in the largest aligned blocks that fit. */
static void free_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while (order && (!IS_ALIGNED(start, 1UL << order) || start + (1UL << order) > end))
			order--;
		free_one_page(&zone_normal, pfn_to_page(start), order);
		zone_normal.nr_free_pages += 1UL << order;
		zone_normal.managed_pages += 1UL << order;
		start += 1UL << order;
	}
}

/*
 * A struct page as the boot makes it: reserved, every other field zero.
 * Field by field, not a struct assignment: the compiler makes that a
 * `rep stosq` per page, whose steps QEMU's emulation takes one at a time.
 */
static void init_single_page(struct page *page)
{
	_Static_assert(sizeof(struct page) == 64, "init_single_page sets every field of struct page");
	page->flags = 1UL << PG_reserved;
	atomic_set(&page->_refcount, 0);
	page->order = 0;
	INIT_LIST_HEAD(&page->lru);
	page->head = NULL;
	page->slab_cache = NULL;
	page->freelist = NULL;
	page->inuse = 0;
	page->fresh = 0;
}

/*
 * Creates mem_map: every page starts reserved; free_area_init's caller
 * frees RAM.  As in Linux (memmap_alloc, __init_single_page), the array
 * is not zeroed first: each struct page is written whole once, in one
 * pass over the 8 MiB that 512 MiB of RAM needs.
 */
void free_area_init(void)
{
	struct zone *z = &zone_normal;
	struct page *page, *end;
	unsigned long i;

	max_pfn = PFN_DOWN(memblock_end_of_DRAM(&memblock));
	mem_map = memblock_alloc_raw(max_pfn * sizeof(struct page), PAGE_SIZE);
	for (page = mem_map, end = mem_map + max_pfn; page < end; page++)
		init_single_page(page);
	spin_lock_init(&z->lock);
	for (i = 0; i < MAX_ORDER; i++)
		INIT_LIST_HEAD(&z->free_area[i].free_list);
	INIT_LIST_HEAD(&z->pcp.list);
	spin_lock_init(&z->pcp.lock);
}

/*
 * The pcp list's batch and high mark (Linux's zone_batchsize and the
 * floor of zone_highsize): a quarter of a thousandth of the zone, at most
 * 256 pages' worth, rounded to a power of two less one; high four batches.
 */
static void zone_set_pageset(struct zone *z)
{
	unsigned long batch = min(z->managed_pages / 1024, 256UL) / 4, p = 1;

	while (p * 2 <= batch + batch / 2)
		p *= 2;
	z->pcp.batch = max(p - 1, 1UL);
	z->pcp.high = 4 * z->pcp.batch;
}

/*
 * The reserve user memory leaves (Linux's calculate_min_free_kbytes):
 * min_free_kbytes = sqrt(16 * RAM in kB), between 128 kB and 256 MiB.
 */
static void init_per_zone_wmark_min(void)
{
	unsigned long kbytes = zone_normal.managed_pages << (PAGE_SHIFT - 10), root = 0;

	while ((root + 1) * (root + 1) <= kbytes * 16)
		root++;
	root = clamp(root, 128UL, 262144UL);
	zone_normal.watermark_min = root >> (PAGE_SHIFT - 10);
}

/* Hands every free memblock range to the buddy allocator (Linux's memblock_free_all). */
void mem_init(void)
{
	u64 cursor = 0, start, end;
	unsigned long pfn;

	while (memblock_next_free(&memblock, &cursor, &start, &end)) {
		for (pfn = PFN_UP(start); pfn < PFN_DOWN(end); pfn++)
			mem_map[pfn].flags = 0;
		free_range(PFN_UP(start), PFN_DOWN(end));
	}
	init_per_zone_wmark_min();
	zone_set_pageset(&zone_normal);
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata)\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		(unsigned long)(memblock_phys_mem_size(&memblock) >> 10),
		(unsigned long)(_etext - _text) >> 10, (unsigned long)(_end - _sdata) >> 10,
		(unsigned long)(_erodata - __start_rodata) >> 10);
}

/*
 * A page the boot reserved (memblock: the initramfs's) becomes an
 * allocated one, with one reference, as alloc_page() would return it, so
 * that it is used where it is: its last put_page() frees it to the buddy
 * lists.  Linux frees such pages (free_reserved_page) and copies into new
 * ones; fs/initramfs.c keeps the archive's pages of file data instead.
 */
void adopt_reserved_page(struct page *page)
{
	page->flags = 0;
	page->order = 0;
	atomic_set(&page->_refcount, 1);
}
