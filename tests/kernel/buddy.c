/*
 * tests/kernel/buddy.c: the buddy allocator splits, merges, runs out and
 * recovers, catches bad frees, and clears a freed page user space could
 * execute.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/string.h>

/* An order-4 block's halves can be freed apart; when both are free they merge. */
static void split_and_merge(struct ktest *t)
{
	unsigned long before = nr_free_pages();
	struct page *big = alloc_pages(GFP_KERNEL, 4);

	KTEST_ASSERT_NOT_NULL(t, big);
	KTEST_EXPECT_EQ(t, page_to_pfn(big) & 15, 0);	/* an order-4 block is 16-page aligned */
	__free_pages(big + 8, 3);			/* the upper half alone */
	KTEST_EXPECT_TRUE(t, PageFlag(big + 8, PG_buddy));
	KTEST_EXPECT_EQ(t, big[8].order, 3);		/* cannot merge: its buddy is in use */
	__free_pages(big, 3);				/* now the buddies merge */
	KTEST_EXPECT_FALSE(t, PageFlag(big + 8, PG_buddy));
	KTEST_EXPECT_TRUE(t, PageFlag(big, PG_buddy) || !PageFlag(big, PG_reserved));
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void zeroed_pages_are_zero(struct ktest *t)
{
	unsigned long p = get_zeroed_page(GFP_KERNEL);
	unsigned long *w = (unsigned long *)p, i, nonzero = 0;

	KTEST_ASSERT_TRUE(t, p);
	for (i = 0; i < PAGE_SIZE / sizeof(long); i++)
		nonzero += w[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	free_page(p);
}

/* Takes every free block of every order, checks the next request fails, gives all back. */
static void exhaustion_returns_null_and_recovers(struct ktest *t)
{
	unsigned long before = nr_free_pages(), taken = 0;
	struct page *head = NULL, *p;
	int order;

	for (order = MAX_ORDER - 1; order >= 0; order--) {
		while ((p = alloc_pages(GFP_KERNEL, order))) {
			*(struct page **)page_address(p) = head;	/* chain through the pages */
			p->order = order;
			head = p;
			taken += 1UL << order;
		}
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	KTEST_EXPECT_NULL(t, alloc_page(GFP_KERNEL));
	KTEST_EXPECT_EQ(t, taken, before);
	while (head) {
		p = head;
		head = *(struct page **)page_address(p);
		__free_pages(p, p->order);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);	/* large blocks merged back */
	KTEST_EXPECT_TRUE(t, p != NULL);
	if (p)
		__free_pages(p, MAX_ORDER - 1);
}

static void every_page_back_after_freeing(struct ktest *t)
{
	unsigned long before = nr_free_pages(), pages[64];
	int i;

	for (i = 0; i < 64; i++)
		pages[i] = __get_free_pages(GFP_KERNEL, i % 3);
	KTEST_EXPECT_LT(t, nr_free_pages(), before);
	for (i = 63; i >= 0; i -= 2)
		free_pages(pages[i], i % 3);
	for (i = 62; i >= 0; i -= 2)
		free_pages(pages[i], i % 3);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void double_free_is_caught(struct ktest *t)
{
	unsigned long before_bad = zone_normal.bad_frees, before = nr_free_pages();
	unsigned long p = __get_free_page(GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, p);
	free_page(p);
	ktest_expect_reports(t, "a Bad page state report (double free)");
	free_page(p);				/* must be refused, not corrupt the lists */
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_EQ(t, zone_normal.bad_frees, before_bad + 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void foreign_free_is_caught(struct ktest *t)
{
	static char not_from_the_allocator[64];
	unsigned long before_bad = zone_normal.bad_frees, before = nr_free_pages();

	ktest_expect_reports(t, "two Bad page state reports");
	free_pages((unsigned long)not_from_the_allocator, 0);	/* a kernel image address */
	free_pages(PAGE_OFFSET, 0);		/* pfn 0: reserved, never handed out */
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 2);
	KTEST_EXPECT_EQ(t, zone_normal.bad_frees, before_bad + 2);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

static void order_too_big_fails(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL, MAX_ORDER));
}

/*
 * Fills a page with 0x5c, lets @pte (a user pte that mapped it) go, frees
 * the page and counts the bytes still 0x5c.  Poisoning is turned off
 * meanwhile: it writes every freed page, which would hide the clearing.
 */
static unsigned int left_after_free(pteval_t pte)
{
	struct page *page = alloc_page(GFP_KERNEL);
	bool poison = page_poisoning_enabled;
	unsigned char *p;
	unsigned long flags;
	unsigned int i, left = 0;

	if (!page)
		return ~0U;
	p = page_address(page);
	memset(p, 0x5c, PAGE_SIZE);
	local_irq_save(flags);			/* nothing may take the page meanwhile */
	page_poisoning_enabled = false;
	page_leaves_pte(page, page_to_phys(page) | pte);
	__free_pages(page, 0);
	for (i = 0; i < PAGE_SIZE; i++)
		left += p[i] == 0x5c;
	page_poisoning_enabled = poison;
	local_irq_restore(flags);
	return left;
}

/* A page that was executable in user space is wiped when freed: QEMU drops its translations. */
static void exec_mapped_page_cleared_on_free(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, left_after_free(_PAGE_PRESENT | _PAGE_USER), 0);
	KTEST_EXPECT_EQ(t, left_after_free(_PAGE_PRESENT | _PAGE_USER | _PAGE_RW), 0);
}

/* Data pages (NX) and never-present ptes cost nothing at free. */
static void data_page_not_cleared(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, left_after_free(_PAGE_PRESENT | _PAGE_USER | _PAGE_NX), PAGE_SIZE);
	KTEST_EXPECT_EQ(t, left_after_free(_PAGE_PROTNONE), PAGE_SIZE);
}

static struct ktest_case buddy_cases[] = {
	KTEST_CASE(split_and_merge),
	KTEST_CASE(zeroed_pages_are_zero),
	KTEST_CASE(exhaustion_returns_null_and_recovers),
	KTEST_CASE(every_page_back_after_freeing),
	KTEST_CASE(double_free_is_caught),
	KTEST_CASE(foreign_free_is_caught),
	KTEST_CASE(order_too_big_fails),
	KTEST_CASE(exec_mapped_page_cleared_on_free),
	KTEST_CASE(data_page_not_cleared),
	KTEST_END,
};

static struct ktest_suite buddy_suite = { .name = "buddy", .cases = buddy_cases };
KTEST_SUITE(buddy_suite);
