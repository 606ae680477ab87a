/*
 * mm/quicklist.c: free pages kept as their next user needs them (Linux
 * 2.6.22-5.3's quicklists).
 *
 * A page table is given back with every entry cleared: exit_mmap zapped
 * the ptes, and free_pgtables clears each table's entry in the table
 * above it.  The next table made (a fork makes six) can take such a page
 * as it is, where the page allocator would zero 4 KiB again, and a pgd
 * given back (user half zero, kernel half the same in every pgd since
 * paging_init) needs neither the zeroing nor the copy of the kernel half
 * that pgd_ctor does.  A pid namespace's bitmap pages are zero again when
 * the namespace goes (every number was given back), and go to the same
 * list as the tables.  A list holds at most QUICKLIST_MAX pages: the rest
 * go back to the page allocator.
 *
 * The pages are free memory: nr_free_pages() counts them (Linux showed
 * them apart, as Quicklists: in /proc/meminfo), and an allocation that
 * finds no page empties the lists before it gives up (quicklist_trim_all,
 * where Linux trimmed them from the idle loop).  An allocation from a list
 * is an allocation for fault injection (fail-nth) too.
 *
 * A page on a list is PG_quicklist: freeing it again is a double free.
 * With page_poison=1 (the debug checks), the part of a page that must be
 * zero is checked when it comes back and again when it is handed out: a
 * table given back with an entry left, or written after it was, is
 * reported as "BUG: Bad page state", then cleared.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/panic.h>
#include <linux/quicklist.h>

#define QUICKLIST_MAX	32	/* pages a list keeps (Linux's trim kept 25) */

struct quicklist {
	spinlock_t lock;		/* protects pages and nr_pages; irqs off */
	struct list_head pages;		/* most recently freed first */
	int nr_pages;
	unsigned int zero_bytes;	/* the start of a page that is zero while listed */
};

/* One list of each kind for all CPUs (Linux's are per CPU), each under its lock. */
static struct quicklist quicklists[NR_QUICK] = {
	[QUICK_PGD] = { __SPIN_LOCK_UNLOCKED(quicklists[QUICK_PGD].lock),
			LIST_HEAD_INIT(quicklists[QUICK_PGD].pages), 0, PAGE_SIZE / 2 },
	[QUICK_ZERO] = { __SPIN_LOCK_UNLOCKED(quicklists[QUICK_ZERO].lock),
			 LIST_HEAD_INIT(quicklists[QUICK_ZERO].pages), 0, PAGE_SIZE },
};

/* check_zero under page_poison=1, out of line: the memory test and its report. */
static noinline void check_zero_poisoned(struct quicklist *q, void *p, const char *when)
{
	if (!memchr_inv(p, 0, q->zero_bytes))
		return;
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
		 page_to_pfn(virt_to_page(p)));
	dump_page(virt_to_page(p), when);
	dump_stack();
	add_taint(TAINT_BAD_PAGE);
	memset(p, 0, q->zero_bytes);
}

/* page_poison=1: the zero part of @p is zero, else it is reported and cleared. */
static inline void check_zero(struct quicklist *q, void *p, const char *when)
{
	if (unlikely(page_poisoning_enabled))
		check_zero_poisoned(q, p, when);
}

/*
 * A page from list @nr, or a new zeroed one made ready by @ctor; NULL if
 * there is no memory.  Linux's quicklist_alloc.
 */
void *quicklist_alloc(int nr, gfp_t flags, void (*ctor)(void *))
{
	struct quicklist *q = &quicklists[nr];
	struct page *page = NULL;
	unsigned long irqflags;
	void *p;

	if (should_fail_alloc())
		return NULL;
	spin_lock_irqsave_smp(&q->lock, irqflags);
	if (!list_empty(&q->pages)) {
		page = list_first_entry(&q->pages, struct page, lru);
		list_del_init(&page->lru);
		ClearPageFlag(page, PG_quicklist);
		q->nr_pages--;
	}
	spin_unlock_irqrestore_smp(&q->lock, irqflags);
	if (page) {
		p = page_address(page);
		check_zero(q, p, "quicklist page written while free");
		return p;
	}
	p = (void *)get_zeroed_page(flags);
	if (p && ctor)
		ctor(p);
	return p;
}

/*
 * Gives back @p, in the state list @nr keeps; a full list sends it to the
 * page allocator.  Linux's quicklist_free (without the dtor: no list here
 * needs one).
 */
void quicklist_free(int nr, void *p)
{
	struct quicklist *q = &quicklists[nr];
	struct page *page = virt_to_page(p);
	unsigned long irqflags;

	check_zero(q, p, "quicklist page freed not zero");
	spin_lock_irqsave_smp(&q->lock, irqflags);
	if (q->nr_pages < QUICKLIST_MAX && !PageFlag(page, PG_quicklist)) {
		SetPageFlag(page, PG_quicklist);
		list_add(&page->lru, &q->pages);
		q->nr_pages++;
		page = NULL;
	}
	spin_unlock_irqrestore_smp(&q->lock, irqflags);
	if (page)
		__free_pages(page, 0);	/* reports a page already listed as a double free */
}

/* The pages on every list (Linux's quicklist_total_size). */
unsigned long quicklist_total_size(void)
{
	unsigned long n = 0;
	int i;

	for (i = 0; i < NR_QUICK; i++)
		n += READ_ONCE(quicklists[i].nr_pages);
	return n;
}

/* Every listed page back to the page allocator; whether there were any. */
bool quicklist_trim_all(void)
{
	struct page *page;
	unsigned long irqflags;
	bool any = false;
	int i;

	for (i = 0; i < NR_QUICK; i++) {
		struct quicklist *q = &quicklists[i];

		for (;;) {
			spin_lock_irqsave_smp(&q->lock, irqflags);
			page = list_first_entry_or_null(&q->pages, struct page, lru);
			if (page) {
				list_del_init(&page->lru);
				ClearPageFlag(page, PG_quicklist);
				q->nr_pages--;
			}
			spin_unlock_irqrestore_smp(&q->lock, irqflags);
			if (!page)
				break;
			__free_pages(page, 0);
			any = true;
		}
	}
	return any;
}
