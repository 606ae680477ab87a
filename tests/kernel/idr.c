/*
 * tests/kernel/idr.c: the IDR (lib/idr.c) hands out the lowest free id,
 * finds and removes what it stored, goes round cyclically, and gives its
 * memory back.
 */
#include <linux/ktest.h>
#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/err.h>

static int a, b, c;

static void lowest_free_id_from_start(struct ktest *t)
{
	DEFINE_IDR(idr);

	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &b, 0, 0, GFP_KERNEL), 1);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &c, 5, 0, GFP_KERNEL), 5);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &c, 5, 0, GFP_KERNEL), 6);
	KTEST_EXPECT_PTR_EQ(t, idr_remove(&idr, 0), &a);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 0);	/* reused */
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 2);
	idr_destroy(&idr);
}

static void end_bounds_the_range(struct ktest *t)
{
	DEFINE_IDR(idr);

	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 3, 5, GFP_KERNEL), 3);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 3, 5, GFP_KERNEL), 4);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 3, 5, GFP_KERNEL), -ENOSPC);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, -1, 5, GFP_KERNEL), -EINVAL);
	idr_destroy(&idr);
}

static void find_replace_and_remove(struct ktest *t)
{
	DEFINE_IDR(idr);
	int id = idr_alloc(&idr, NULL, 0, 0, GFP_KERNEL);	/* reserved, not yet filled */

	KTEST_ASSERT_EQ(t, id, 0);
	KTEST_EXPECT_NULL(t, idr_find(&idr, 0));
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &b, 0, 0, GFP_KERNEL), 1);	/* 0 stays taken */
	KTEST_EXPECT_NULL(t, idr_replace(&idr, &a, 0));
	KTEST_EXPECT_PTR_EQ(t, idr_find(&idr, 0), &a);
	KTEST_EXPECT_PTR_EQ(t, idr_find(&idr, 1), &b);
	KTEST_EXPECT_NULL(t, idr_find(&idr, 2));
	KTEST_EXPECT_NULL(t, idr_find(&idr, 1000000));
	KTEST_EXPECT_TRUE(t, IS_ERR(idr_replace(&idr, &a, 7)));
	KTEST_EXPECT_PTR_EQ(t, idr_remove(&idr, 1), &b);
	KTEST_EXPECT_NULL(t, idr_remove(&idr, 1));
	KTEST_EXPECT_NULL(t, idr_find(&idr, 1));
	idr_remove(&idr, 0);
	KTEST_EXPECT_TRUE(t, idr_is_empty(&idr));
	idr_destroy(&idr);
}

/* Cyclic allocation goes on past freed ids and wraps to start at the end. */
static void cyclic_order(struct ktest *t)
{
	DEFINE_IDR(idr);

	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), 0);
	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), 1);
	idr_remove(&idr, 0);
	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), 2);	/* not 0 */
	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), 3);
	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), 0);	/* wrapped */
	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), -ENOSPC);
	idr_remove(&idr, 2);
	KTEST_EXPECT_EQ(t, idr_alloc_cyclic(&idr, &a, 0, 4, GFP_KERNEL), 2);
	idr_destroy(&idr);
}

static void iteration_in_id_order(struct ktest *t)
{
	static int v[5];
	int ids[] = { 3, 200, 7, 129, 0 }, seen[5], n = 0, id, i;
	DEFINE_IDR(idr);
	int *p;

	for (i = 0; i < 5; i++)
		KTEST_EXPECT_EQ(t, idr_alloc(&idr, &v[i], ids[i], 0, GFP_KERNEL), ids[i]);
	idr_alloc(&idr, NULL, 50, 0, GFP_KERNEL);		/* reserved: not iterated */
	idr_for_each_entry(&idr, p, id)
		if (n < 5)
			seen[n++] = id;
	KTEST_ASSERT_EQ(t, n, 5);
	KTEST_EXPECT_EQ(t, seen[0], 0);
	KTEST_EXPECT_EQ(t, seen[1], 3);
	KTEST_EXPECT_EQ(t, seen[2], 7);
	KTEST_EXPECT_EQ(t, seen[3], 129);
	KTEST_EXPECT_EQ(t, seen[4], 200);
	idr_destroy(&idr);
}

/* Thousands of ids span many leaves; removing them all frees every leaf. */
static void leaves_are_freed(struct ktest *t)
{
	unsigned long objs = slab_active_objs(), pages;
	DEFINE_IDR(idr);
	int i;

	kmem_cache_shrink_all();	/* the caches' spare empty slabs are no pages taken */
	pages = nr_free_pages();
	for (i = 0; i < 5000; i++)
		KTEST_ASSERT_EQ(t, idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), i);
	KTEST_EXPECT_PTR_EQ(t, idr_find(&idr, 4999), &a);
	for (i = 0; i < 5000; i++)
		idr_remove(&idr, i);
	KTEST_EXPECT_TRUE(t, idr_is_empty(&idr));
	idr_destroy(&idr);
	KTEST_EXPECT_EQ(t, slab_active_objs(), objs);
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

static void alloc_failure_is_enomem(struct ktest *t)
{
	DEFINE_IDR(idr);

	fail_nth_set(1);
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), -ENOMEM);
	fail_nth_set(0);
	KTEST_EXPECT_NULL(t, idr_find(&idr, 0));
	KTEST_EXPECT_EQ(t, idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 0);
	idr_destroy(&idr);
}

static struct ktest_case idr_cases[] = {
	KTEST_CASE(lowest_free_id_from_start),
	KTEST_CASE(end_bounds_the_range),
	KTEST_CASE(find_replace_and_remove),
	KTEST_CASE(cyclic_order),
	KTEST_CASE(iteration_in_id_order),
	KTEST_CASE(leaves_are_freed),
	KTEST_CASE(alloc_failure_is_enomem),
	KTEST_END,
};

static struct ktest_suite idr_suite = { .name = "idr", .cases = idr_cases };
KTEST_SUITE(idr_suite);
