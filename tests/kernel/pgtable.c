/*
 * tests/kernel/pgtable.c: mapping, looking up and unmapping pages, and
 * the permissions paging_init gave the kernel image.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

/* A kernel address no one uses: past the image, in the kernel's own top-level slot. */
#define TEST_VA	(__START_KERNEL_map + 0x3f000000UL)

static void map_lookup_unmap(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	unsigned long *p = (unsigned long *)TEST_VA;
	pte_t *pte, old;
	int level;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, map_page(init_top_pgt, TEST_VA, page_to_phys(page), PAGE_KERNEL), 0);
	pte = lookup_pte(init_top_pgt, TEST_VA, &level);
	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_EQ(t, level, 1);
	KTEST_EXPECT_EQ(t, pte_phys(*pte), page_to_phys(page));
	*p = 0x5eed;					/* the same memory, through both mappings */
	KTEST_EXPECT_EQ(t, *(unsigned long *)page_address(page), 0x5eed);
	old = unmap_page(init_top_pgt, TEST_VA);
	KTEST_EXPECT_EQ(t, pte_phys(old), page_to_phys(page));
	KTEST_EXPECT_NULL(t, lookup_pte(init_top_pgt, TEST_VA, &level));
	__free_pages(page, 0);
}

static void read_only_mapping_refuses_writes(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	unsigned long v = 7, r = 0;

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, map_page(init_top_pgt, TEST_VA, page_to_phys(page), PAGE_KERNEL_RO), 0);
	/* CR0.WP makes the kernel honour read-only pages too: the write faults */
	KTEST_EXPECT_NE(t, __copy_nofault((void *)TEST_VA, &v, sizeof(v)), 0);
	KTEST_EXPECT_EQ(t, __copy_nofault(&r, (void *)TEST_VA, sizeof(r)), 0);
	KTEST_EXPECT_EQ(t, r, 0);
	set_page_prot(init_top_pgt, TEST_VA, PAGE_KERNEL);
	KTEST_EXPECT_EQ(t, __copy_nofault((void *)TEST_VA, &v, sizeof(v)), 0);
	KTEST_EXPECT_EQ(t, *(unsigned long *)page_address(page), 7);
	unmap_page(init_top_pgt, TEST_VA);
	__free_pages(page, 0);
}

static void unmapped_access_fails_cleanly(struct ktest *t)
{
	unsigned long r;

	KTEST_EXPECT_NE(t, __copy_nofault(&r, (void *)TEST_VA, sizeof(r)), 0);
	KTEST_EXPECT_EQ(t, copy_from_kernel_nofault(&r, (void *)0x1000, sizeof(r)), -ERANGE);
	KTEST_EXPECT_NE(t, __copy_nofault(&r, (void *)0x8000000000000000UL, sizeof(r)), 0);
}

/*
 * A copy that runs off the end of a mapping reports exactly the bytes it
 * could not copy, whether the fault hits the eight-byte loop or the tail.
 */
static void partial_copy_counts_exactly(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	char *end = (char *)TEST_VA + PAGE_SIZE, buf[64];

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_ASSERT_EQ(t, map_page(init_top_pgt, TEST_VA, page_to_phys(page), PAGE_KERNEL), 0);
	memset(buf, 0x5a, sizeof(buf));
	KTEST_EXPECT_EQ(t, __copy_nofault(end - 20, buf, 64), 44);
	KTEST_EXPECT_EQ(t, __copy_nofault(end - 3, buf, 7), 4);
	KTEST_EXPECT_EQ(t, __copy_nofault(buf, end - 13, 40), 27);
	KTEST_EXPECT_EQ(t, ((unsigned char *)page_address(page))[PAGE_SIZE - 1], 0x5a);
	KTEST_EXPECT_EQ(t, ((unsigned char *)page_address(page))[PAGE_SIZE - 21], 0);
	unmap_page(init_top_pgt, TEST_VA);
	__free_pages(page, 0);
}

static void kernel_image_permissions(struct ktest *t)
{
	int level;
	pte_t *text = lookup_pte(init_top_pgt, (unsigned long)_text, &level);
	pte_t *ro = lookup_pte(init_top_pgt, (unsigned long)__start_rodata, &level);
	pte_t *data = lookup_pte(init_top_pgt, (unsigned long)_sdata, &level);

	KTEST_ASSERT_TRUE(t, text && ro && data);
	KTEST_EXPECT_FALSE(t, *text & _PAGE_RW);
	KTEST_EXPECT_FALSE(t, *text & _PAGE_NX);
	KTEST_EXPECT_FALSE(t, *ro & _PAGE_RW);
	KTEST_EXPECT_TRUE(t, *ro & _PAGE_NX);
	KTEST_EXPECT_TRUE(t, *data & _PAGE_RW);
	KTEST_EXPECT_TRUE(t, *data & _PAGE_NX);
	KTEST_EXPECT_FALSE(t, *text & _PAGE_USER);
}

static void direct_map_covers_ram(struct ktest *t)
{
	int level;
	pte_t *pte = lookup_pte(init_top_pgt, (unsigned long)__va(PFN_PHYS(max_pfn - 1)), &level);

	KTEST_ASSERT_NOT_NULL(t, pte);
	KTEST_EXPECT_TRUE(t, *pte & _PAGE_NX);
	KTEST_EXPECT_EQ(t, __pa(page_address(pfn_to_page(max_pfn - 1))), PFN_PHYS(max_pfn - 1));
}

/*
 * free_pgtables gives back every table below the top level: three
 * addresses far apart need a PUD, PMD and PTE table each.
 */
static void user_tables_are_freed(struct ktest *t)
{
	static const unsigned long va[] = { 0x400000UL, 0x7fffffffe000UL, 0x12345678000UL };
	pgd_t *pgd = pgd_alloc();
	unsigned long before;
	unsigned int i;

	KTEST_ASSERT_NOT_NULL(t, pgd);
	before = nr_free_pages();
	for (i = 0; i < ARRAY_SIZE(va); i++)
		KTEST_ASSERT_NOT_NULL(t, pte_alloc_walk(pgd, va[i]));
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 9);
	free_pgtables(pgd);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	for (i = 0; i < 256; i++)
		KTEST_EXPECT_EQ(t, pgd[i], 0);
	KTEST_EXPECT_EQ(t, pgd[511], init_top_pgt[511]);	/* the kernel half stays */
	pgd_free(pgd);
}

static struct ktest_case pgtable_cases[] = {
	KTEST_CASE(map_lookup_unmap),
	KTEST_CASE(read_only_mapping_refuses_writes),
	KTEST_CASE(unmapped_access_fails_cleanly),
	KTEST_CASE(partial_copy_counts_exactly),
	KTEST_CASE(kernel_image_permissions),
	KTEST_CASE(direct_map_covers_ram),
	KTEST_CASE(user_tables_are_freed),
	KTEST_END,
};

static struct ktest_suite pgtable_suite = { .name = "pgtable", .cases = pgtable_cases };
KTEST_SUITE(pgtable_suite);
