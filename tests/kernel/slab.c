/*
 * tests/kernel/slab.c: object caches reuse freed objects, count what is
 * live, keep one empty slab and give the other pages back, refuse bad
 * frees, and keep a ctor cache's free objects constructed.
 */
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include "../../mm/slab.h"

struct thing {
	unsigned long a, b, c;
};

static void reuse_after_free(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest_thing", sizeof(struct thing), 0, 0, NULL);
	struct thing *x, *y;

	KTEST_ASSERT_NOT_NULL(t, c);
	x = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, x);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, x);
	KTEST_EXPECT_PTR_EQ(t, kmem_cache_alloc(c, GFP_KERNEL), x);	/* LIFO reuse */
	kmem_cache_free(c, x);
	kmem_cache_free(c, y);
	kmem_cache_destroy(c);
}

static void counts_active_objects(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest_count", 200, 0, 0, NULL);
	void *objs[100];
	int i;

	KTEST_ASSERT_NOT_NULL(t, c);
	for (i = 0; i < 100; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, c->active_objs, 100);
	KTEST_EXPECT_GE(t, c->nr_slabs, 100 / c->objs_per_slab);
	for (i = 0; i < 100; i += 2)
		kmem_cache_free(c, objs[i]);
	KTEST_EXPECT_EQ(t, c->active_objs, 50);
	for (i = 1; i < 100; i += 2)
		kmem_cache_free(c, objs[i]);
	KTEST_EXPECT_EQ(t, c->active_objs, 0);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 1);		/* empty slabs went back but the spare */
	KTEST_EXPECT_TRUE(t, c->spare != NULL);
	kmem_cache_destroy(c);
}

/* The last object of a cache comes and goes: its slab stays as the spare, then shrinks. */
static void empty_slab_is_kept_as_the_spare(struct ktest *t)
{
	struct kmem_cache *c = kmem_cache_create("ktest_spare", 100, 0, 0, NULL);
	unsigned long pages;
	struct page *spare;
	void *x, *y;

	KTEST_ASSERT_NOT_NULL(t, c);
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	KTEST_EXPECT_EQ(t, c->nr_slabs, 1);
	spare = c->spare;
	KTEST_ASSERT_NOT_NULL(t, spare);
	KTEST_EXPECT_EQ(t, spare->inuse, 0);
	pages = nr_free_pages();
	x = kmem_cache_alloc(c, GFP_KERNEL);		/* from the spare: no page taken */
	KTEST_ASSERT_NOT_NULL(t, x);
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
	KTEST_EXPECT_PTR_EQ(t, virt_to_page(x)->head, spare);
	KTEST_EXPECT_EQ(t, spare->inuse, 1);		/* no spare while it has an object */
	kmem_cache_shrink(c);				/* so there is nothing to shrink */
	KTEST_EXPECT_EQ(t, c->nr_slabs, 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
	y = kmem_cache_alloc(c, GFP_KERNEL);		/* the same slab again */
	KTEST_EXPECT_PTR_EQ(t, virt_to_page(y)->head, spare);
	kmem_cache_free(c, y);
	kmem_cache_free(c, x);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 1);
	KTEST_EXPECT_PTR_EQ(t, c->spare, spare);
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
	kmem_cache_shrink(c);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 0);
	KTEST_EXPECT_NULL(t, c->spare);
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages + (1UL << c->order));
	kmem_cache_destroy(c);
}

static void pages_return_after_a_workload(struct ktest *t)
{
	unsigned long pages, objs = slab_active_objs();
	void *p[300];
	int i;

	kmem_cache_shrink_all();
	pages = nr_free_pages();
	for (i = 0; i < 300; i++)
		p[i] = kmalloc(16 << (i % 9), GFP_KERNEL);
	for (i = 0; i < 300; i++)
		kfree(p[i]);
	KTEST_EXPECT_EQ(t, slab_active_objs(), objs);
	kmem_cache_shrink_all();	/* and the spares: every page is back */
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

static void kmalloc_sizes_fit(struct ktest *t)
{
	size_t sizes[] = { 1, 15, 16, 17, 100, 1000, 4096, 5000, 8192, 20000, 100000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i], GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_GE(t, ksize(p), sizes[i]);
		memset(p, 0xab, sizes[i]);		/* the whole size is usable */
		kfree(p);
	}
	KTEST_EXPECT_NULL(t, kmalloc(0, GFP_KERNEL));
	kfree(NULL);					/* allowed, does nothing */
}

/* Every size up to the largest cache gets the smallest cache it fits in (kmalloc_index). */
static void kmalloc_takes_the_smallest_cache(struct ktest *t)
{
	static const size_t caches[] = { 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192 };
	unsigned int c = 0, wrong = 0;
	size_t size;

	for (size = 1; size <= 8192; size++) {
		char *p = kmalloc(size, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		if (size > caches[c])
			c++;
		wrong += ksize(p) != caches[c];
		kfree(p);
	}
	KTEST_EXPECT_EQ(t, wrong, 0);
}

static void kzalloc_zeroes(struct ktest *t)
{
	unsigned char *p = kmalloc(128, GFP_KERNEL);
	int i, nonzero = 0;

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, 128);
	kfree(p);
	p = kzalloc(128, GFP_KERNEL);			/* very likely the same object */
	KTEST_ASSERT_NOT_NULL(t, p);
	for (i = 0; i < 128; i++)
		nonzero += p[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	kfree(p);
}

static void krealloc_keeps_contents(struct ktest *t)
{
	char *p = kmalloc(32, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	strlcpy(p, "matryoshka", 32);
	p = krealloc(p, 3000, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_STREQ(t, p, "matryoshka");
	kfree(p);
}

static void double_free_is_caught(struct ktest *t)
{
	unsigned long bad = slab_bad_frees(), objs;
	void *p = kmalloc(64, GFP_KERNEL), *q = kmalloc(64, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	objs = slab_active_objs();
	kfree(p);
	ktest_expect_reports(t, "Object already free");
	kfree(p);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "BUG kmalloc-64 (");
	KTEST_EXPECT_LOGGED(t, "): Object already free");
	KTEST_EXPECT_EQ(t, slab_bad_frees(), bad + 1);
	KTEST_EXPECT_EQ(t, slab_active_objs(), objs - 1);
	kfree(q);
}

static void foreign_pointer_free_is_caught(struct ktest *t)
{
	static char image_object[32];
	unsigned long bad = zone_normal.bad_frees, sbad = slab_bad_frees();
	char *p = kmalloc(128, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	ktest_expect_reports(t, "two bad frees");
	kfree(image_object);			/* not from kmalloc at all */
	KTEST_EXPECT_EQ(t, zone_normal.bad_frees, bad + 1);
	kfree(p + 8);				/* inside an object */
	KTEST_EXPECT_EQ(t, slab_bad_frees(), sbad + 1);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 2);
	KTEST_EXPECT_LOGGED(t, "which kmalloc never returned");
	KTEST_EXPECT_LOGGED(t, "Invalid object pointer 0x");
	kfree(p);
}

/*
 * make test boots with slub_debug, which every cache then gets; the path
 * of a cache without it (the fresh objects of a new slab, the poison
 * word's double-free check) is tested on a cache made with it off.
 */
static void cache_without_slub_debug(struct ktest *t)
{
	unsigned int saved = slub_debug, n, i;
	unsigned long bad = slab_bad_frees(), pages;
	struct kmem_cache *c;
	void **objs;

	kmem_cache_shrink_all();
	pages = nr_free_pages();
	slub_debug = 0;
	c = kmem_cache_create("ktest_plain", 40, 0, 0, NULL);
	slub_debug = saved;
	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_EQ(t, c->flags & SLAB_DEBUG_FLAGS, 0);
	n = 2 * c->objs_per_slab + 1;			/* three slabs, the last with fresh objects */
	objs = kcalloc(n, sizeof(*objs), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, objs);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		memset(objs[i], 0x5a, 40);
	}
	KTEST_EXPECT_EQ(t, c->nr_slabs, 3);
	for (i = 1; i < n; i++)				/* each object once: no two alike */
		KTEST_EXPECT_TRUE(t, objs[i] != objs[i - 1]);
	kmem_cache_free(c, objs[3]);
	KTEST_EXPECT_PTR_EQ(t, kmem_cache_alloc(c, GFP_KERNEL), objs[3]);	/* LIFO reuse */
	ktest_expect_reports(t, "a double free and a free of a fresh object");
	kmem_cache_free(c, objs[3]);
	kmem_cache_free(c, objs[3]);
	kmem_cache_free(c, (char *)objs[n - 1] + c->size);	/* never handed out */
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 2);
	KTEST_EXPECT_LOGGED(t, "BUG ktest_plain (");
	KTEST_EXPECT_EQ(t, slab_bad_frees(), bad + 2);
	KTEST_EXPECT_EQ(t, c->active_objs, n - 1);
	for (i = 0; i < n; i++)
		if (i != 3)
			kmem_cache_free(c, objs[i]);
	KTEST_EXPECT_EQ(t, c->active_objs, 0);
	KTEST_EXPECT_EQ(t, c->nr_slabs, 1);		/* the spare */
	kfree(objs);
	kmem_cache_destroy(c);				/* gives the spare back */
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), pages);
}

static int thing_ctor_calls;

static void thing_ctor(void *p)
{
	struct thing *x = p;

	x->a = 0xc0;
	x->b = x->c = 0;
	thing_ctor_calls++;
}

/*
 * A ctor cache (Linux's semantics): the ctor runs for each object when
 * its slab is made, and a freed object comes back as its user left it;
 * under slub_debug=P the poison overwrites it, so it is made again when
 * handed out.  A double free is caught either way.
 */
static void check_ctor_cache(struct ktest *t, unsigned int debug)
{
	unsigned int saved = slub_debug, calls;
	unsigned long bad = slab_bad_frees();
	bool poisoned = debug & SLAB_POISON;
	struct kmem_cache *c;
	struct thing *x, *y;

	slub_debug = debug;
	c = kmem_cache_create("ktest_ctor", sizeof(struct thing), 0, 0, thing_ctor);
	slub_debug = saved;
	KTEST_ASSERT_NOT_NULL(t, c);
	thing_ctor_calls = 0;
	x = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, x);
	KTEST_EXPECT_EQ(t, x->a, 0xc0);
	KTEST_EXPECT_EQ(t, thing_ctor_calls, poisoned ? 1 : (int)c->objs_per_slab);
	calls = thing_ctor_calls;
	x->b = 7;				/* the user's state, left at the free */
	kmem_cache_free(c, x);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, y, x);		/* LIFO reuse */
	KTEST_EXPECT_EQ(t, y->a, 0xc0);
	KTEST_EXPECT_EQ(t, y->b, poisoned ? 0 : 7);
	KTEST_EXPECT_EQ(t, thing_ctor_calls, calls + poisoned);
	kmem_cache_free(c, y);
	ktest_expect_reports(t, "a double free");
	kmem_cache_free(c, y);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "BUG ktest_ctor (");
	KTEST_EXPECT_EQ(t, slab_bad_frees(), bad + 1);
	KTEST_EXPECT_EQ(t, c->active_objs, 0);
	kmem_cache_destroy(c);
}

static void ctor_cache_keeps_objects_constructed(struct ktest *t)
{
	check_ctor_cache(t, 0);
}

static void ctor_cache_under_slub_debug(struct ktest *t)
{
	check_ctor_cache(t, SLAB_DEBUG_FLAGS);
}

static void cache_is_found_by_name(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, kmem_cache_find("kmalloc-64") != NULL);
	KTEST_EXPECT_TRUE(t, kmem_cache_find("task_struct") != NULL);
	KTEST_EXPECT_NULL(t, kmem_cache_find("no-such-cache"));
}

static struct ktest_case slab_cases[] = {
	KTEST_CASE(reuse_after_free),
	KTEST_CASE(counts_active_objects),
	KTEST_CASE(pages_return_after_a_workload),
	KTEST_CASE(empty_slab_is_kept_as_the_spare),
	KTEST_CASE(kmalloc_sizes_fit),
	KTEST_CASE(kmalloc_takes_the_smallest_cache),
	KTEST_CASE(kzalloc_zeroes),
	KTEST_CASE(krealloc_keeps_contents),
	KTEST_CASE(double_free_is_caught),
	KTEST_CASE(foreign_pointer_free_is_caught),
	KTEST_CASE(cache_without_slub_debug),
	KTEST_CASE(ctor_cache_keeps_objects_constructed),
	KTEST_CASE(ctor_cache_under_slub_debug),
	KTEST_CASE(cache_is_found_by_name),
	KTEST_END,
};

static struct ktest_suite slab_suite = { .name = "slab", .cases = slab_cases };
KTEST_SUITE(slab_suite);
