/*
 * mm/slab.c: object caches and kmalloc.
 *
 * Each slab is 2^order pages cut into equal objects; free objects are
 * chained through a free pointer, and the slab's struct page holds the
 * chain head and the count in use (as SLUB keeps them).  The objects of a
 * new slab join the chain only as they are first handed out: those from
 * page->fresh on have never been used, and the next one is taken when the
 * chain is empty, so a new slab costs the same whatever its number of
 * objects (SLUB chains them all at once).  A slab that becomes empty is
 * kept as the cache's spare if it has none, else goes back to the page
 * allocator: a cache whose one object comes and goes (a namespace's)
 * does not get and give back a slab each time.  The spare stays on the
 * partial list, as SLUB's empty slabs do (it keeps min_partial, 5 to 10,
 * per node; one is enough here), so the next allocation takes it on the
 * common path; once an object is taken from it, it is no spare any more
 * (s->spare counts only while the slab it names is empty).
 * kmem_cache_shrink() gives the spare back, so after it free page counts
 * are exact once a workload ends.
 *
 * A cache with a constructor keeps its free objects constructed, as
 * Linux's: the ctor runs once per object, when its slab is made, and
 * kmem_cache_free() must be given the object back in that state (the
 * user undoes what it changed), so an allocation skips the set-up.  The
 * free pointer and the poison word then lie after the object (Linux
 * moves the free pointer out of it for a ctor too), and such a cache
 * takes the checked path below; under slub_debug=P a free object is
 * poisoned all the same, and constructed again when it is handed out.
 *
 * Every free is checked: the object must belong to this cache and start
 * where an object starts, and must not be free already (a double free);
 * a bad one is reported, in SLUB's format, and refused.  Without
 * debugging the free pointer is the object's first word and a poison
 * word in its second makes the double-free check cheap; with slub_debug
 * (mm/slub_debug.c) the free pointer moves out of the object, which gets
 * red zones, poison and the call sites that allocated and freed it.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/panic.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "slab.h"

#define SLAB_FREE_POISON	0x6b6b6b6bdeadf4eeUL	/* word 1 of every free object */
#define __SLAB_CTOR		0x80000000u	/* internal: the cache has a ctor (s->flags) */

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

/*
 * The checked path: slub_debug's caches, and those with a ctor, whose
 * free pointer is not the object's first word.
 */
static inline bool slab_debug(const struct kmem_cache *s)
{
	return unlikely(s->flags & (SLAB_DEBUG_FLAGS | __SLAB_CTOR));
}

/*
 * The word that holds SLAB_FREE_POISON while the object is free, in a
 * cache without slub_debug: the object's second, after its free pointer
 * (the ctor's: after the object).
 */
static inline unsigned long *poison_word(const struct kmem_cache *s, void *obj)
{
	return (unsigned long *)((char *)obj + s->offset) + 1;
}

/* The object layout (include/linux/slab.h), as Linux's calculate_sizes. */
static void calculate_sizes(struct kmem_cache *s, unsigned int align)
{
	unsigned int size = ALIGN(s->object_size, sizeof(void *)), bytes;

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);		/* a right red zone of at least a word */
	s->inuse = size;
	s->red_left_pad = 0;
	s->offset = 0;
	if (s->flags & (SLAB_DEBUG_FLAGS | __SLAB_CTOR)) {
		s->offset = size;		/* poison, red zones and ctor need the whole object */
		size += sizeof(void *);
		if (!(s->flags & SLAB_DEBUG_FLAGS))
			size += sizeof(unsigned long);	/* a ctor cache's poison word */
		if (s->flags & SLAB_STORE_USER)
			size += 2 * sizeof(struct track);
		if (s->flags & SLAB_RED_ZONE) {
			s->red_left_pad = ALIGN(sizeof(void *), align);
			size += s->red_left_pad;
		}
	}
	s->size = ALIGN(max(size, 16u), align);	/* 16: the chain and the poison word */
	for (s->order = 0; ; s->order++) {
		bytes = PAGE_SIZE << s->order;
		if (bytes / s->size >= 8 || s->order == 3)
			break;
	}
	s->objs_per_slab = bytes / s->size;
}

static void cache_setup(struct kmem_cache *s, const char *name, unsigned int size,
			unsigned int align, unsigned int flags, void (*ctor)(void *))
{
	s->name = name;
	s->object_size = size;
	s->flags = kmem_cache_flags(name, flags) | (ctor ? __SLAB_CTOR : 0);
	calculate_sizes(s, max(align, 8u));
	s->ctor = ctor;
	spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->slabs_partial);
	INIT_LIST_HEAD(&s->slabs_full);
	s->spare = NULL;
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
	cache_setup(s, name, size, align, flags, ctor);
	return s;
}

/* A cache that still has objects is kept, as Linux keeps it: its slabs point to it. */
void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	if (WARN(s->active_objs,
		 "kmem_cache_destroy %s: Slab cache still has objects when called from %pS\n",
		 s->name, __builtin_return_address(0)))
		return;
	kmem_cache_shrink(s);
	spin_lock(&slab_caches_lock);
	list_del(&s->list);
	spin_unlock(&slab_caches_lock);
	kmem_cache_free(&cache_cache, s);
}

/*
 * A slab_debug or ctor cache's objects are chained and set up all at
 * once: the ctor runs here, under s->lock (it must not sleep or allocate).
 */
static void init_objects_debug(struct kmem_cache *s, struct page *page)
{
	void *base = page_address(page), *obj;
	unsigned int i;

	page->freelist = slab_object(s, base, 0);
	page->fresh = s->objs_per_slab;
	for (i = 0; i < s->objs_per_slab; i++) {
		obj = slab_object(s, base, i);
		set_freepointer(s, obj, i + 1 < s->objs_per_slab ? slab_object(s, base, i + 1) : NULL);
		setup_object_debug(s, obj);
		if (!(s->flags & SLAB_DEBUG_FLAGS))
			*poison_word(s, obj) = SLAB_FREE_POISON;
		if (s->ctor && !(s->flags & SLAB_POISON))
			s->ctor(obj);
	}
}

static struct page *new_slab(struct kmem_cache *s)
{
	struct page *page = alloc_pages(GFP_NOWAIT, s->order);	/* s->lock is held */
	unsigned int i;

	if (!page)
		return NULL;
	for (i = 0; i < (1u << s->order); i++) {
		SetPageFlag(&page[i], PG_slab);
		page[i].head = page;
		page[i].slab_cache = s;
	}
	page->inuse = 0;
	page->freelist = NULL;		/* every object is fresh */
	page->fresh = 0;
	if (slab_debug(s))
		init_objects_debug(s, page);
	list_add(&page->lru, &s->slabs_partial);
	s->nr_slabs++;
	return page;
}

/* An empty slab, off the lists, goes back to the page allocator. */
static void discard_slab(struct kmem_cache *s, struct page *page)
{
	unsigned int i;

	for (i = 0; i < (1u << s->order); i++) {
		ClearPageFlag(&page[i], PG_slab);
		page[i].head = NULL;
		page[i].slab_cache = NULL;
	}
	s->nr_slabs--;
	__free_pages(page, s->order);
}

/* The next free object after @obj; a corrupt free pointer ends the chain (SLUB's choice). */
static void *next_free(struct kmem_cache *s, struct page *page, void *obj)
{
	void *next = get_freepointer(s, obj);

	if ((s->flags & SLAB_DEBUG_FLAGS) && !check_valid_pointer(s, page, next)) {
		object_err(s, page, obj, "Freepointer corrupt");
		next = NULL;
		page->inuse = s->objs_per_slab - 1;	/* the rest of the chain is lost */
	}
	return next;
}

/* What is done to a new object once the lock is dropped (a ctor cache's is constructed). */
static void *slab_post_alloc(struct kmem_cache *s, void *obj, gfp_t gfp)
{
	if (gfp & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

/* A new slab, the partial list being empty (the spare is on it); NULL without memory.  Hold s->lock. */
static noinline struct page *slab_refill(struct kmem_cache *s)
{
	return new_slab(s);
}

/* The cache's empty slab, or NULL: s->spare once an object was taken from it is none. */
static inline struct page *slab_spare(struct kmem_cache *s)
{
	return s->spare && !s->spare->inuse ? s->spare : NULL;
}

/*
 * slab_alloc() for a cache under slub_debug, or with a ctor: the same,
 * with the checks and tracking; a poisoned object is constructed again.
 */
static noinline void *slab_alloc_debug(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	struct page *page;
	void *obj;
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	page = list_first_entry_or_null(&s->slabs_partial, struct page, lru);
	if (!page)
		page = slab_refill(s);
	if (!page) {
		spin_unlock_irqrestore(&s->lock, flags);
		return NULL;
	}
	obj = page->freelist;
	page->freelist = next_free(s, page, obj);
	if (++page->inuse == s->objs_per_slab)
		list_move(&page->lru, &s->slabs_full);
	s->active_objs++;
	spin_unlock_irqrestore(&s->lock, flags);
	if (!(s->flags & SLAB_DEBUG_FLAGS)) {
		*poison_word(s, obj) = 0;	/* a ctor cache's object, in use */
	} else {
		alloc_debug_processing(s, page, obj, caller);
		if (s->ctor && (s->flags & SLAB_POISON))
			s->ctor(obj);		/* the poison overwrote what it made */
	}
	return slab_post_alloc(s, obj, gfp);
}

/*
 * An object of @s: the first free one of the first partial slab.  The
 * common case, a cache without slub_debug, is kept short (every fork
 * takes a dozen objects); slab_alloc_debug() is the same with the checks.
 */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page;
	void **obj;
	unsigned long flags;

	if (might_alloc_should_fail(gfp))
		return NULL;
	if (slab_debug(s))	/* the caller of kmalloc or kmem_cache_alloc, this being inline */
		return slab_alloc_debug(s, gfp, _RET_IP_);
	spin_lock_irqsave(&s->lock, flags);
	page = list_first_entry_or_null(&s->slabs_partial, struct page, lru);
	if (unlikely(!page) && !(page = slab_refill(s))) {
		spin_unlock_irqrestore(&s->lock, flags);
		return NULL;
	}
	obj = page->freelist;
	if (likely(obj)) {
		page->freelist = obj[0];	/* the free pointer is word 0 here */
		obj[1] = NULL;			/* no longer free: clear the poison word */
	} else {				/* a partial slab: a fresh object is left */
		obj = slab_object(s, page_address(page), page->fresh++);
	}
	if (unlikely(++page->inuse == s->objs_per_slab))
		list_move(&page->lru, &s->slabs_full);
	s->active_objs++;
	spin_unlock_irqrestore(&s->lock, flags);
	return slab_post_alloc(s, obj, gfp);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp);
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return slab_alloc(s, gfp | __GFP_ZERO);
}

bool on_freelist(struct kmem_cache *s, struct page *page, void *obj)
{
	void *p;
	unsigned int n = 0;

	for (p = page->freelist; p && n <= s->objs_per_slab; p = get_freepointer(s, p), n++)
		if (p == obj)
			return true;
	return false;
}

/*
 * Is @obj, whose page is a slab of @s, where an object starts?  A slab is
 * a buddy block, aligned to its size, so the object's offset in it is the
 * address's low bits (check_valid_pointer, for a pointer known to be in
 * the slab).
 */
static inline bool object_start_ok(struct kmem_cache *s, void *obj)
{
	unsigned long off = ((unsigned long)obj & ((PAGE_SIZE << s->order) - 1)) - s->red_left_pad;

	return off % s->size == 0 && off / s->size < s->objs_per_slab;
}

/* Has @obj, an object of the slab @page, never been handed out? */
static inline bool object_fresh(struct kmem_cache *s, struct page *page, void *obj)
{
	unsigned long off = ((unsigned long)obj & ((PAGE_SIZE << s->order) - 1)) - s->red_left_pad;

	return off / s->size >= page->fresh;
}

/*
 * A free that is not: @obj is not an object of @s in use.  Reports it, in
 * SLUB's words, and counts it (the free is refused).  Hold s->lock.
 */
static noinline void bad_free(struct kmem_cache *s, struct page *page, void *obj)
{
	if (!page)
		slab_err(s, NULL, "Attempt to free object(0x%px) outside of slab", obj);
	else if (page->slab_cache != s)
		slab_err(s, page, "Wrong slab cache. %s but object %px is from %s", s->name, obj,
			 page->slab_cache ? page->slab_cache->name : "(none)");
	else if (!object_start_ok(s, obj))
		slab_err(s, page, "Invalid object pointer 0x%px", obj);
	else
		object_err(s, page, obj, "Object already free");
	s->bad_frees++;
}

/*
 * Might @obj be free already?  Its poison word says so; under slub_debug
 * only the walk of the freelist can tell.
 */
static inline bool maybe_free(struct kmem_cache *s, void *obj)
{
	if (likely(!slab_debug(s)))
		return ((unsigned long *)obj)[1] == SLAB_FREE_POISON;
	return (s->flags & SLAB_DEBUG_FLAGS) || *poison_word(s, obj) == SLAB_FREE_POISON;
}

/*
 * Checks @obj really is an allocated object of @s (Linux's
 * free_consistency_checks, done for every cache).  The poison word of a
 * free object makes the double-free walk rare: an object in use has it
 * only if the user wrote it there.  Hold s->lock.
 */
static inline bool free_ok(struct kmem_cache *s, struct page *page, void *obj)
{
	if (likely(page && page->slab_cache == s && object_start_ok(s, obj)) &&
	    !object_fresh(s, page, obj) &&
	    !(maybe_free(s, obj) && on_freelist(s, page, obj)))
		return true;
	bad_free(s, page, obj);
	return false;
}

/*
 * An object came back to @page: a slab not full any more, or an empty one,
 * which becomes the spare, staying on the partial list, or is freed.
 * Hold s->lock.
 */
static noinline void slab_free_slow(struct kmem_cache *s, struct page *page, bool was_full)
{
	struct page *spare;

	if (was_full)
		list_move(&page->lru, &s->slabs_partial);
	if (page->inuse)
		return;
	spare = slab_spare(s);
	if (!spare || spare == page) {
		s->spare = page;
		return;
	}
	list_del(&page->lru);
	discard_slab(s, page);
}

/* Gives @s's empty slabs back to the page allocator (Linux's kmem_cache_shrink). */
int kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&s->lock, flags);
	page = slab_spare(s);
	s->spare = NULL;
	if (page) {
		list_del(&page->lru);
		discard_slab(s, page);
	}
	spin_unlock_irqrestore(&s->lock, flags);
	return 0;
}

/* Every cache shrunk: free page counts as if no empty slab were kept (tests compare them). */
void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	spin_unlock(&slab_caches_lock);
}

/* Gives @obj of @s back to its slab @page (NULL: not a slab page). */
static __always_inline void slab_free(struct kmem_cache *s, struct page *page, void *obj)
{
	unsigned long flags;
	bool was_full;

	spin_lock_irqsave(&s->lock, flags);
	if (!free_ok(s, page, obj))
		goto out;
	if (!slab_debug(s))
		((unsigned long *)obj)[1] = SLAB_FREE_POISON;
	else if (!(s->flags & SLAB_DEBUG_FLAGS))
		*poison_word(s, obj) = SLAB_FREE_POISON;	/* a ctor cache's */
	else	/* the caller of kfree or kmem_cache_free, this being inline */
		free_debug_processing(s, page, obj, _RET_IP_);
	set_freepointer(s, obj, page->freelist);
	page->freelist = obj;
	was_full = page->inuse-- == s->objs_per_slab;
	s->active_objs--;
	/* an empty slab that is the spare already (a cache whose one object comes and goes) stays */
	if (unlikely(was_full || (!page->inuse && s->spare != page)))
		slab_free_slow(s, page, was_full);
out:
	spin_unlock_irqrestore(&s->lock, flags);
}

/* The head page of the slab @obj would be in, or NULL if it is not in the direct map. */
static inline struct page *slab_page(const void *obj)
{
	if (!virt_addr_valid(obj))
		return NULL;
	return pfn_to_page(((unsigned long)obj - PAGE_OFFSET) >> PAGE_SHIFT)->head;
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	if (obj)
		slab_free(s, slab_page(obj), obj);
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

/*
 * The kmalloc cache for @size (1 or more), or -1 above the largest, as
 * Linux's kmalloc_slab finds it: up to 192 bytes from a table by 8-byte
 * steps, then by the power of two (from 256 up, one cache per power).
 */
static int kmalloc_index(size_t size)
{
	static const s8 small[24] = {	/* (size - 1) / 8 -> cache */
		0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5,
	};

	if (size <= 192)
		return small[(size - 1) / 8];
	if (size > kmalloc_sizes[ARRAY_SIZE(kmalloc_sizes) - 1])
		return -1;
	return 64 - __builtin_clzl(size - 1) - 2;	/* 256 -> 6 (fls(255) = 8) */
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
	return slab_alloc(kmalloc_caches[i], gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	int i;

	if (!size)
		return NULL;
	i = kmalloc_index(size);
	if (i < 0)
		return kmalloc_large(size, gfp | __GFP_ZERO);
	return slab_alloc(kmalloc_caches[i], gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > ULONG_MAX / size)
		return NULL;
	return kzalloc(n * size, gfp);
}

/* A kfree of something kmalloc never returned: report it, keep going. */
static void bad_kfree(const void *p, const char *what)
{
	zone_normal.bad_frees++;
	pr_err("BUG: kfree of %px, %s\n", p, what);
	dump_stack();
	add_taint(TAINT_BAD_PAGE);
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
	bad_kfree(p, "which kmalloc never returned");
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
		page = page->head;
		slab_free(page->slab_cache, page, (void *)p);
		return;
	}
	if (p != page_address(page)) {
		bad_kfree(p, "inside a large allocation");
		return;
	}
	ClearPageFlag(page, PG_large_kmalloc);
	__free_pages(page, page->order);
}

/* What a kmalloc user may use: the whole object, never the red zones around it. */
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

/* Pages held by slabs, over every cache: /proc/meminfo's Slab. */
unsigned long slab_pages(void)
{
	struct kmem_cache *s;
	unsigned long n = 0;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		n += s->nr_slabs << s->order;
	spin_unlock(&slab_caches_lock);
	return n;
}

/*
 * /proc/slabinfo, version 2.1 as Linux prints it (the tunables and shared
 * columns are SLAB's, 0 under SLUB).  One line per cache; the leak check
 * of the test runner compares the active objects before and after.  The
 * buffer this text is printed into is not counted: its size follows the
 * text's (Linux's seq_file buffer is a page whatever the file's length),
 * and two readings must compare.
 */
static int slabinfo_show(struct seq_file *m, void *v)
{
	struct kmem_cache *s, *own = NULL;
	unsigned long active;

	(void)v;
	if (virt_addr_valid(m->buf) && PageFlag(virt_to_page(m->buf), PG_slab))
		own = virt_to_page(m->buf)->head->slab_cache;
	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		 "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
		 "<active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list) {
		active = s->active_objs - (s == own);
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu\n",
			   s->name, active, s->nr_slabs * s->objs_per_slab, s->size,
			   s->objs_per_slab, 1 << s->order, 0, 0, 0, s->nr_slabs, s->nr_slabs, 0UL);
	}
	spin_unlock(&slab_caches_lock);
	return 0;
}

static int slab_allocators_proc_show(struct seq_file *m, void *v)
{
	struct kmem_cache *s;

	(void)v;
	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		slab_allocators_show(m, s);
	spin_unlock(&slab_caches_lock);
	return 0;
}

static int __init slab_proc_init(void)
{
	proc_create_single("slabinfo", 0400, slabinfo_show, NULL);
	proc_create_single("slab_allocators", 0400, slab_allocators_proc_show, NULL);
	return 0;
}
fs_initcall(slab_proc_init);

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

	slub_debug_announce();
	cache_setup(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 8, 0, NULL);
	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], kmalloc_sizes[i],
						      0, SLAB_PANIC, NULL);
}
