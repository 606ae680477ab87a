/*
 * tests/kernel/slub_debug.c: a cache created with the slub_debug flags
 * reports a write after free, a red zone overrun on either side and a
 * double free, with who allocated and freed the object; and keeps
 * working after each (the bytes restored, the bad free refused).
 *
 * Each case keeps one object allocated throughout: a slab whose last
 * object is freed goes back to the page allocator at once (mm/slab.c),
 * and what is written to it then is page poisoning's to catch.
 */
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/mm.h>

#define OBJ_SIZE	64

static void *keeper;		/* holds the slab */

static int slub_debug_init(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest_slub_debug", OBJ_SIZE, 0,
						 SLAB_DEBUG_FLAGS, NULL);

	if (!c)
		return -ENOMEM;
	t->priv = c;
	keeper = kmem_cache_alloc(c, GFP_KERNEL);
	return keeper ? 0 : -ENOMEM;
}

static void slub_debug_exit(struct ktest *t)
{
	struct kmem_cache *c = t->priv;

	kmem_cache_free(c, keeper);
	KTEST_EXPECT_EQ(t, c->active_objs, 0);
	kmem_cache_destroy(c);
}

/* Call sites the tracks must name (the barriers keep gcc from making them tail calls). */
static noinline void *allocate_here(struct kmem_cache *c)
{
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	barrier();
	return p;
}

static noinline void free_here(struct kmem_cache *c, void *p)
{
	kmem_cache_free(c, p);
	barrier();
}

static void write_after_free(struct ktest *t)
{
	struct kmem_cache *c = t->priv;
	unsigned char *p = allocate_here(c), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	free_here(c, p);
	KTEST_EXPECT_EQ(t, p[0], 0x6b);		/* poisoned */
	KTEST_EXPECT_EQ(t, p[OBJ_SIZE - 1], 0xa5);
	ktest_expect_reports(t, "Poison overwritten");
	p[10] = 0x42;				/* the bug */
	q = kmem_cache_alloc(c, GFP_KERNEL);	/* the same object again: checked */
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	KTEST_EXPECT_LOGGED(t, "BUG ktest_slub_debug (");
	KTEST_EXPECT_LOGGED(t, "): Poison overwritten");
	KTEST_EXPECT_LOGGED(t, "First byte 0x42 instead of 0x6b");
	KTEST_EXPECT_LOGGED(t, "INFO: Allocated in allocate_here+");
	KTEST_EXPECT_LOGGED(t, "INFO: Freed in free_here+");
	KTEST_EXPECT_LOGGED(t, "write_after_free+");	/* the tracks' callers */
	KTEST_EXPECT_LOGGED(t, "FIX ktest_slub_debug: Restoring Poison");
	KTEST_EXPECT_EQ(t, q[10], 0x6b);		/* restored */
	kmem_cache_free(c, q);
}

static void right_red_zone(struct ktest *t)
{
	struct kmem_cache *c = t->priv;
	unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x11, OBJ_SIZE);		/* the whole object is the user's */
	ktest_expect_reports(t, "Right Redzone overwritten");
	p[OBJ_SIZE] = 0x22;			/* one past the end */
	kmem_cache_free(c, p);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "Right Redzone overwritten");
	KTEST_EXPECT_LOGGED(t, "First byte 0x22 instead of 0xcc");
	KTEST_EXPECT_EQ(t, c->active_objs, 1);	/* freed all the same: the keeper is left */
}

static void left_red_zone(struct ktest *t)
{
	struct kmem_cache *c = t->priv;
	unsigned char *p = kmem_cache_alloc(c, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	ktest_expect_reports(t, "Left Redzone overwritten");
	p[-1] = 0x33;				/* one before the start */
	kmem_cache_free(c, p);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "Left Redzone overwritten");
	KTEST_EXPECT_LOGGED(t, "First byte 0x33 instead of 0xcc");
}

static void double_free_names_both_sites(struct ktest *t)
{
	struct kmem_cache *c = t->priv;
	void *p = allocate_here(c);

	KTEST_ASSERT_NOT_NULL(t, p);
	free_here(c, p);
	ktest_expect_reports(t, "Object already free");
	kmem_cache_free(c, p);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "Object already free");
	KTEST_EXPECT_LOGGED(t, "INFO: Allocated in allocate_here+");
	KTEST_EXPECT_LOGGED(t, "INFO: Freed in free_here+");
	KTEST_EXPECT_EQ(t, c->active_objs, 1);
}

static void invalid_and_foreign_frees(struct ktest *t)
{
	struct kmem_cache *c = t->priv;
	char *p = kmem_cache_alloc(c, GFP_KERNEL), *k = kmalloc(OBJ_SIZE, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_NOT_NULL(t, k);
	ktest_expect_reports(t, "two refused frees");
	kmem_cache_free(c, p + 8);		/* inside the object */
	kmem_cache_free(c, k);			/* another cache's */
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 2);
	KTEST_EXPECT_LOGGED(t, "Invalid object pointer 0x");
	KTEST_EXPECT_LOGGED(t, "Wrong slab cache. ktest_slub_debug but object");
	KTEST_EXPECT_EQ(t, c->active_objs, 2);	/* both refused */
	kmem_cache_free(c, p);
	kfree(k);
}

/* A debugged object is as big as asked, and the red zones do not move it. */
static void layout_keeps_the_object_whole(struct ktest *t)
{
	struct kmem_cache *c = t->priv;
	unsigned char *p = kmem_cache_zalloc(c, GFP_KERNEL);
	int i, nonzero = 0;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_GE(t, c->red_left_pad, 8);
	KTEST_EXPECT_GE(t, c->inuse, OBJ_SIZE + 8);
	KTEST_EXPECT_EQ(t, ((unsigned long)p - c->red_left_pad) % 8, 0);
	for (i = 0; i < OBJ_SIZE; i++)
		nonzero += p[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	KTEST_EXPECT_EQ(t, p[-1], 0xcc);		/* the red zones of an allocated object */
	KTEST_EXPECT_EQ(t, p[OBJ_SIZE], 0xcc);
	kmem_cache_free(c, p);
	KTEST_EXPECT_EQ(t, p[-1], 0xbb);		/* and of a free one */
}

static struct ktest_case slub_debug_cases[] = {
	KTEST_CASE(write_after_free),
	KTEST_CASE(right_red_zone),
	KTEST_CASE(left_red_zone),
	KTEST_CASE(double_free_names_both_sites),
	KTEST_CASE(invalid_and_foreign_frees),
	KTEST_CASE(layout_keeps_the_object_whole),
	KTEST_END,
};

static struct ktest_suite slub_debug_suite = {
	.name = "slub_debug", .cases = slub_debug_cases,
	.init = slub_debug_init, .exit = slub_debug_exit,
};
KTEST_SUITE(slub_debug_suite);
