/*
 * tests/kernel/page_poison.c: a write to a freed page is reported when
 * the page is allocated again (page_poison=1), in Linux's words.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/poison.h>

/* The check itself, on a page poisoned and checked by hand: works with or without page_poison=1. */
static void corruption_is_reported(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned char *p;

	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	__kernel_poison_pages(page, 1);
	KTEST_EXPECT_EQ(t, p[0], PAGE_POISON);
	KTEST_EXPECT_EQ(t, p[PAGE_SIZE - 1], PAGE_POISON);
	p[100] = 0;
	p[101] = 0;
	ktest_expect_reports(t, "pagealloc: memory corruption");
	__kernel_unpoison_pages(page, 1);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "pagealloc: memory corruption");
	KTEST_EXPECT_LOGGED(t, ": 00 00");		/* the hex dump of what changed */
	KTEST_EXPECT_LOGGED(t, "page dumped because: pagealloc: corrupted page details");
	KTEST_EXPECT_FALSE(t, PageFlag(page, PG_poisoned));
	__free_pages(page, 0);
}

static void single_bit_error(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, page);
	__kernel_poison_pages(page, 1);
	((unsigned char *)page_address(page))[7] ^= 0x10;
	ktest_expect_reports(t, "pagealloc: single bit error");
	__kernel_unpoison_pages(page, 1);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "pagealloc: single bit error");
	__free_pages(page, 0);
}

static void untouched_page_is_silent(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, page);
	__kernel_poison_pages(page, 1);
	__kernel_unpoison_pages(page, 1);	/* no report: the case would fail if tainted */
	__free_pages(page, 0);
}

/*
 * The allocator's own path: free one page of a pair (its buddy stays
 * allocated, so it is not merged and is the next one handed out), write
 * to it, allocate again.  Needs page_poison=1 from boot: pages freed
 * while it was off carry no poison to check.
 */
static void write_after_free_end_to_end(struct ktest *t)
{
	struct page *pair, *again;
	unsigned long flags;

	if (!page_poisoning_enabled) {
		ktest_skip(t, "page_poison=1 is not on the command line");
		return;
	}
	pair = alloc_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_NOT_NULL(t, pair);
	local_irq_save(flags);			/* nothing else may take the page meanwhile */
	__free_pages(pair + 1, 0);
	KTEST_EXPECT_EQ(t, *(unsigned char *)page_address(pair + 1), PAGE_POISON);
	ktest_expect_reports(t, "pagealloc: memory corruption");
	*(unsigned long *)page_address(pair + 1) = 0x1234;	/* the bug */
	again = alloc_page(GFP_ATOMIC);		/* interrupts are off: it may not sleep */
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_PTR_EQ(t, again, pair + 1);
	if (again)
		__free_pages(again, 0);
	__free_pages(pair, 0);
}

static struct ktest_case page_poison_cases[] = {
	KTEST_CASE(corruption_is_reported),
	KTEST_CASE(single_bit_error),
	KTEST_CASE(untouched_page_is_silent),
	KTEST_CASE(write_after_free_end_to_end),
	KTEST_END,
};

static struct ktest_suite page_poison_suite = { .name = "page_poison", .cases = page_poison_cases };
KTEST_SUITE(page_poison_suite);
