/*
 * mm/slab.c: object caches and kmalloc.
 *
 * Each slab is 2^order pages cut into equal objects; free objects are
 * chained through their first word, and the slab's struct page holds the
 * chain head and the count in use (as SLUB keeps them).  A slab that
 * becomes empty goes straight back to the page allocator, so free page
 * counts are exact after a workload ends.
 *
 * Free objects carry a poison word, so a second free of the same object
 * is caught (then confirmed on the free chain) instead of corrupting it.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/string.h>

#define SLAB_FREE_POISON	0x6b6b6b6bdeadf4eeUL	/* word 1 of every free object */

static LIST_HEAD(slab_caches);		/* every cache; protected by slab_caches_lock */
static DEFINE_SPINLOCK(slab_caches_lock);
static struct kmem_cache cache_cache;	/* the cache kmem_cache structures come from */

static const unsigned int kmalloc_sizes[] = {
	16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192
};
static struct kmem_cache *kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];
static const char *const kmalloc_names[ARRAY_SIZE(kmalloc_sizes)] = {
	"kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96", "kmalloc-128",
	"kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k",
	"kmalloc-4k", "kmalloc-8k",
};

static void cache_setup(struct kmem_cache *s, const char *name, unsigned int size,
			unsigned int align, void (*ctor)(void *))
{
	unsigned int bytes;

	s->name = name;
	s->object_size = size;
	align = max(align, 8u);
	s->size = ALIGN(max(size, 16u), align);	/* room for the chain and the poison */
	for (s->order = 0; ; s->order++) {
		bytes = PAGE_SIZE << s->order;
		if (bytes / s->size >= 8 || s->order == 3)
			break;
	}
	s->objs_per_slab = bytes / s->size;
	s->ctor = ctor;
	spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->slabs_partial);
	INIT_LIST_HEAD(&s->slabs_full);
	s->active_objs = s->nr_slabs = s->bad_frees = 0;
	spin_lock(&slab_caches_lock);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock(&slab_caches_lock);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = kmem_cache_zalloc(&cache_cache, GFP_KERNEL);

	if (!s) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create: cannot create cache %s", name);
		return NULL;
	}
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max(align, 64u);
	cache_setup(s, name, size, align, ctor);
	return s;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (s->active_objs)
		pr_err("kmem_cache_destroy %s: Slab cache still has objects (%lu)\n",
		       s->name, s->active_objs);
	spin_lock(&slab_caches_lock);
	list_del(&s->list);
	spin_unlock(&slab_caches_lock);
	kmem_cache_free(&cache_cache, s);
}

static struct page *new_slab(struct kmem_cache *s)
{
	struct page *page = alloc_pages(GFP_KERNEL, s->order);
	char *base, *obj;
	unsigned int i;

	if (!page)
		return NULL;
	for (i = 0; i < (1u << s->order); i++) {
		SetPageFlag(&page[i], PG_slab);
		page[i].head = page;
		page[i].slab_cache = s;
	}
	base = page_address(page);
	page->freelist = base;
	page->inuse = 0;
	for (i = 0; i < s->objs_per_slab; i++) {
		obj = base + i * s->size;
		((void **)obj)[0] = i + 1 < s->objs_per_slab ? obj + s->size : NULL;
		((unsigned long *)obj)[1] = SLAB_FREE_POISON;
	}
	list_add(&page->lru, &s->slabs_partial);
	s->nr_slabs++;
	return page;
}

static void discard_slab(struct kmem_cache *s, struct page *page)
{
	unsigned int i;

	list_del(&page->lru);
	for (i = 0; i < (1u << s->order); i++) {
		ClearPageFlag(&page[i], PG_slab);
		page[i].head = NULL;
		page[i].slab_cache = NULL;
	}
	s->nr_slabs--;
	__free_pages(page, s->order);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page;
	void **obj;
	unsigned long flags;

	if (should_fail_alloc())
		return NULL;
	spin_lock_irqsave(&s->lock, flags);
	page = list_first_entry_or_null(&s->slabs_partial, struct page, lru);
	if (!page)
		page = new_slab(s);
	if (!page) {
		spin_unlock_irqrestore(&s->lock, flags);
		return NULL;
	}
	obj = page->freelist;
	page->freelist = obj[0];
	obj[1] = NULL;
	if (++page->inuse == s->objs_per_slab)
		list_move(&page->lru, &s->slabs_full);
	s->active_objs++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	else if (s->ctor)
		s->ctor(obj);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

static bool on_freelist(struct page *page, void *obj)
{
	void **p;

	for (p = page->freelist; p; p = p[0])
		if (p == obj)
			return true;
	return false;
}

/* Checks @obj really is an allocated object of @s; reports and refuses otherwise. */
static bool free_ok(struct kmem_cache *s, struct page *page, void *obj)
{
	const char *why = NULL;
	unsigned long off = (char *)obj - (char *)page_address(page);

	if (page->slab_cache != s)
		why = "object from another cache";
	else if (off % s->size || off / s->size >= s->objs_per_slab)
		why = "not the start of an object";
	else if (((unsigned long *)obj)[1] == SLAB_FREE_POISON && on_freelist(page, obj))
		why = "double free";
	if (!why)
		return true;
	s->bad_frees++;
	pr_err("BUG: %s: %s of %px\n", s->name, why, obj);
	dump_stack();
	return false;
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page;
	unsigned long flags;

	if (!obj)
		return;
	page = virt_addr_valid(obj) ? virt_to_page(obj)->head : NULL;
	spin_lock_irqsave(&s->lock, flags);
	if (!page || !free_ok(s, page, obj)) {
		if (!page) {
			s->bad_frees++;
			pr_err("BUG: %s: free of %px, not a slab object\n", s->name, obj);
			dump_stack();
		}
		spin_unlock_irqrestore(&s->lock, flags);
		return;
	}
	((void **)obj)[0] = page->freelist;
	((unsigned long *)obj)[1] = SLAB_FREE_POISON;
	page->freelist = obj;
	if (page->inuse-- == s->objs_per_slab)
		list_move(&page->lru, &s->slabs_partial);
	s->active_objs--;
	if (!page->inuse)
		discard_slab(s, page);
	spin_unlock_irqrestore(&s->lock, flags);
}

struct kmem_cache *kmem_cache_find(const char *name)
{
	struct kmem_cache *s, *found = NULL;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		if (!strcmp(s->name, name))
			found = s;
	spin_unlock(&slab_caches_lock);
	return found;
}

static int kmalloc_index(size_t size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		if (size <= kmalloc_sizes[i])
			return i;
	return -1;
}

/* Bigger than the largest cache: whole pages, marked so kfree knows. */
static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	struct page *page = alloc_pages(gfp, order);

	if (!page)
		return NULL;
	SetPageFlag(page, PG_large_kmalloc);
	page->order = order;
	return page_address(page);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	int i;

	if (!size)
		return NULL;
	i = kmalloc_index(size);
	if (i < 0)
		return kmalloc_large(size, gfp);
	return kmem_cache_alloc(kmalloc_caches[i], gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > ULONG_MAX / size)
		return NULL;
	return kzalloc(n * size, gfp);
}

/* The page behind a kmalloc pointer, or NULL (after a report) if kmalloc never returned it. */
static struct page *kmalloc_page(const void *p)
{
	struct page *page;

	if (!virt_addr_valid(p))
		goto foreign;
	page = virt_to_page(p);
	if (PageFlag(page, PG_slab) || PageFlag(page, PG_large_kmalloc))
		return page;
foreign:
	zone_normal.bad_frees++;
	pr_err("BUG: kfree of %px, which kmalloc never returned\n", p);
	dump_stack();
	return NULL;
}

void kfree(const void *p)
{
	struct page *page;

	if (!p)
		return;
	page = kmalloc_page(p);
	if (!page)
		return;
	if (PageFlag(page, PG_slab)) {
		kmem_cache_free(page->slab_cache, (void *)p);
		return;
	}
	if (p != page_address(page)) {
		zone_normal.bad_frees++;
		pr_err("BUG: kfree of %px, inside a large allocation\n", p);
		return;
	}
	ClearPageFlag(page, PG_large_kmalloc);
	__free_pages(page, page->order);
}

size_t ksize(const void *p)
{
	struct page *page = virt_to_page(p);

	if (PageFlag(page, PG_slab))
		return page->slab_cache->object_size;
	return PAGE_SIZE << page->order;
}

void *krealloc(void *p, size_t size, gfp_t gfp)
{
	void *n;

	if (p && size <= ksize(p))
		return p;
	n = kmalloc(size, gfp);
	if (n && p) {
		memcpy(n, p, ksize(p));
		kfree(p);
	}
	return n;
}

unsigned long slab_active_objs(void)
{
	struct kmem_cache *s;
	unsigned long n = 0;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		n += s->active_objs;
	spin_unlock(&slab_caches_lock);
	return n;
}

unsigned long slab_bad_frees(void)
{
	struct kmem_cache *s;
	unsigned long n = 0;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		n += s->bad_frees;
	spin_unlock(&slab_caches_lock);
	return n;
}

/* As Linux's kmem_cache_init: the cache of caches first, then kmalloc's. */
void kmem_cache_init(void)
{
	unsigned int i;

	cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 8, NULL);
	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], kmalloc_sizes[i],
						      0, SLAB_PANIC, NULL);
}
