/*
 * mm/slab.h: what mm/slab.c and mm/slub_debug.c share about a slab's
 * layout (not for the rest of the kernel: include/linux/slab.h is).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/slab.h>
#include <linux/mm.h>

/* Who allocated or freed an object (slub_debug=U), stored after its free pointer. */
#define TRACK_ADDRS_COUNT	4
struct track {
	unsigned long addrs[TRACK_ADDRS_COUNT];	/* the caller, then its callers */
	unsigned long when;			/* jiffies */
	int pid;
	int cpu;
};

enum track_item { TRACK_ALLOC, TRACK_FREE };

static inline void *get_freepointer(struct kmem_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void set_freepointer(struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + s->offset) = next;
}

/* The address of object number @i of the slab at @base. */
static inline void *slab_object(struct kmem_cache *s, void *base, unsigned int i)
{
	return (char *)base + i * s->size + s->red_left_pad;
}

/* Is @obj where an object of this slab starts?  (Linux's check_valid_pointer; NULL is.) */
static inline bool check_valid_pointer(struct kmem_cache *s, struct page *page, void *obj)
{
	char *base = page_address(page);
	unsigned long off = (char *)obj - base - s->red_left_pad;

	if (!obj)
		return true;
	return (char *)obj >= base + s->red_left_pad && off / s->size < s->objs_per_slab &&
	       off % s->size == 0;
}

bool on_freelist(struct kmem_cache *s, struct page *page, void *obj);

/* mm/slub_debug.c */
extern unsigned int slub_debug;
unsigned int kmem_cache_flags(const char *name, unsigned int flags);
void slub_debug_announce(void);
struct seq_file;
void slab_allocators_show(struct seq_file *m, struct kmem_cache *s);
void setup_object_debug(struct kmem_cache *s, void *obj);
void alloc_debug_processing(struct kmem_cache *s, struct page *page, void *obj,
			    unsigned long caller);
bool free_debug_processing(struct kmem_cache *s, struct page *page, void *obj,
			   unsigned long caller);
void object_err(struct kmem_cache *s, struct page *page, void *obj, const char *reason);
void slab_err(struct kmem_cache *s, struct page *page, const char *fmt, ...) __printf(3, 4);

#endif
