/*
 * include/linux/slab.h: object caches (kmem_cache_*) and kmalloc.
 *
 * A cache hands out objects of one size from slabs (runs of 2^order
 * pages); kmalloc is a set of caches of power-of-two sizes.  Each cache
 * counts its active objects so a test can prove nothing leaked.
 *
 * A cache may debug itself, as SLUB does (mm/slub_debug.c): red zones
 * around each object, poison in a freed one, who allocated and freed it,
 * and consistency checks, chosen by the SLAB_* flags below, for every
 * cache with slub_debug on the command line.  The object layout then is
 *
 *	| left red zone | object | right red zone | free pointer | 2 tracks |
 *	 red_left_pad    object_size   to inuse      at offset
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/spinlock.h>

#define SLAB_HWCACHE_ALIGN	0x1u
#define SLAB_PANIC		0x2u
/* Debug flags, slub_debug's letters F, Z, P and U. */
#define SLAB_CONSISTENCY_CHECKS	0x100u	/* F: sanity checks on alloc and free */
#define SLAB_RED_ZONE		0x400u	/* Z: red zones around each object */
#define SLAB_POISON		0x800u	/* P: freed objects filled with 0x6b...a5 */
#define SLAB_STORE_USER		0x10000u /* U: who allocated and freed each object */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | \
				 SLAB_STORE_USER)

struct kmem_cache {
	const char *name;
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* object stride in the slab */
	unsigned int flags;		/* SLAB_* given and slub_debug's */
	unsigned int red_left_pad;	/* left red zone; objects start this far in */
	unsigned int inuse;		/* object and right red zone end here */
	unsigned int offset;		/* free pointer, from the object's start */
	unsigned int order;		/* each slab is 2^order pages */
	unsigned int objs_per_slab;
	void (*ctor)(void *);
	spinlock_t lock;		/* protects the slab lists and counters */
	struct list_head slabs_partial;	/* some objects free */
	struct list_head slabs_full;	/* no object free */
	struct page *spare;		/* an empty slab kept on slabs_partial, or NULL;
					   only while its inuse is 0 (slab_spare) */
	unsigned long active_objs;	/* allocated and not yet freed */
	unsigned long nr_slabs;
	unsigned long bad_frees;	/* double or foreign frees caught */
	struct list_head list;		/* on slab_caches */
};

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, unsigned int flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *obj);
int kmem_cache_shrink(struct kmem_cache *s);
void kmem_cache_shrink_all(void);
struct kmem_cache *kmem_cache_find(const char *name);

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *krealloc(void *p, size_t size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);

void kmem_cache_init(void);
unsigned long slab_active_objs(void);	/* over every cache: the leak check */
unsigned long slab_bad_frees(void);
unsigned long slab_pages(void);		/* pages held by slabs: /proc/meminfo's Slab */

#endif
