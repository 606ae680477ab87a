/*
 * include/linux/idr.h: integer ids mapped to pointers (Linux's IDR).
 *
 * idr_alloc() hands out the lowest free id in [start, end) and stores a
 * pointer under it; idr_find() looks an id up; idr_remove() frees it.
 * idr_alloc_cyclic() goes on from where the previous cyclic allocation
 * stopped, wrapping to @start, so a freed id is not handed out again at
 * once (System V IPC relies on that to make stale ids fail).
 *
 * Linux keeps the ids in a radix tree.  Here a two-level table does it:
 * a directory of leaves of IDR_LEAF_SIZE slots, each leaf allocated when
 * its first id is, freed with its last.  A slot may hold NULL for an id
 * that is allocated but not yet filled (idr_alloc(idr, NULL, ...), then
 * idr_replace()), so which ids are taken is kept in a bitmap per leaf.
 * The caller serializes calls on one idr (ipc_ids.rwsem for the IPC ids).
 */
#ifndef _LINUX_IDR_H
#define _LINUX_IDR_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/bitops.h>

#define IDR_LEAF_SHIFT	7
#define IDR_LEAF_SIZE	(1 << IDR_LEAF_SHIFT)	/* 128 slots: a 1 KiB leaf */
#define IDR_MAX		0x7fffffff		/* ids are non-negative ints */

struct idr_leaf {
	unsigned long taken[IDR_LEAF_SIZE / BITS_PER_LONG];
	unsigned int count;			/* ids taken in this leaf */
	void *slot[IDR_LEAF_SIZE];
};

struct idr {
	struct idr_leaf **dir;		/* dir_size leaves, NULL where none is taken */
	unsigned int dir_size;
	unsigned int idr_next;		/* where idr_alloc_cyclic() looks first */
};

#define IDR_INIT(name)	{ .dir = NULL, .dir_size = 0, .idr_next = 0 }
#define DEFINE_IDR(name)	struct idr name = IDR_INIT(name)

static inline void idr_init(struct idr *idr)
{
	idr->dir = NULL;
	idr->dir_size = 0;
	idr->idr_next = 0;
}

/* end <= 0 means "no upper bound" as in Linux. */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
void *idr_find(const struct idr *idr, unsigned long id);
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_get_next(const struct idr *idr, int *nextid);
bool idr_is_empty(const struct idr *idr);
void idr_destroy(struct idr *idr);

/* Every (id, entry) with a non-NULL entry, in id order. */
#define idr_for_each_entry(idr, entry, id) \
	for ((id) = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; (id)++)

#endif
