/*
 * lib/idr.c: the IDR, ids mapped to pointers (see include/linux/idr.h).
 *
 * Id n lives in leaf n >> IDR_LEAF_SHIFT, slot n & (IDR_LEAF_SIZE - 1).
 * The directory of leaves doubles when an id beyond it is needed; a leaf
 * goes when its last id does, the directory with the last leaf (or when
 * the idr is destroyed), so an idr that is empty again holds no memory.
 */
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>

#define LEAF_OF(id)	((unsigned long)(id) >> IDR_LEAF_SHIFT)
#define SLOT_OF(id)	((unsigned long)(id) & (IDR_LEAF_SIZE - 1))

static struct idr_leaf *idr_leaf(const struct idr *idr, unsigned long id)
{
	return LEAF_OF(id) < idr->dir_size ? idr->dir[LEAF_OF(id)] : NULL;
}

/* Makes the directory cover leaf @leaf. */
static int idr_grow_dir(struct idr *idr, unsigned long leaf, gfp_t gfp)
{
	unsigned int size = idr->dir_size ? idr->dir_size : 4;
	struct idr_leaf **dir;

	while (size <= leaf)
		size *= 2;
	dir = kcalloc(size, sizeof(*dir), gfp);
	if (!dir)
		return -ENOMEM;
	if (idr->dir)
		memcpy(dir, idr->dir, idr->dir_size * sizeof(*dir));
	kfree(idr->dir);
	idr->dir = dir;
	idr->dir_size = size;
	return 0;
}

/* The lowest id in [start, end] not taken, or -ENOSPC.  Allocates nothing. */
static long idr_find_free(const struct idr *idr, unsigned long start, unsigned long end)
{
	unsigned long id = start, slot;
	struct idr_leaf *leaf;

	while (id <= end) {
		leaf = idr_leaf(idr, id);
		if (!leaf)
			return id;		/* a whole leaf free, or past the directory */
		slot = find_next_zero_bit(leaf->taken, IDR_LEAF_SIZE, SLOT_OF(id));
		if (slot < IDR_LEAF_SIZE) {
			id = (id & ~(unsigned long)(IDR_LEAF_SIZE - 1)) + slot;
			return id <= end ? (long)id : -ENOSPC;
		}
		id = (LEAF_OF(id) + 1) << IDR_LEAF_SHIFT;
	}
	return -ENOSPC;
}

/* Takes @id (known free) for @ptr, allocating its leaf if needed. */
static int idr_take(struct idr *idr, unsigned long id, void *ptr, gfp_t gfp)
{
	struct idr_leaf *leaf;
	int err;

	if (LEAF_OF(id) >= idr->dir_size) {
		err = idr_grow_dir(idr, LEAF_OF(id), gfp);
		if (err)
			return err;
	}
	leaf = idr->dir[LEAF_OF(id)];
	if (!leaf) {
		leaf = kzalloc(sizeof(*leaf), gfp);
		if (!leaf)
			return -ENOMEM;
		idr->dir[LEAF_OF(id)] = leaf;
	}
	set_bit(SLOT_OF(id), leaf->taken);
	leaf->count++;
	leaf->slot[SLOT_OF(id)] = ptr;
	return 0;
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	unsigned long last = end > 0 ? (unsigned long)end - 1 : IDR_MAX;
	long id;
	int err;

	if (start < 0)
		return -EINVAL;
	id = idr_find_free(idr, start, last);
	if (id < 0)
		return id;
	err = idr_take(idr, id, ptr, gfp);
	return err ? err : (int)id;
}

/* As idr_alloc, starting after the last cyclic allocation and wrapping to @start. */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	unsigned long last = end > 0 ? (unsigned long)end - 1 : IDR_MAX;
	unsigned long from = max_t(unsigned long, idr->idr_next, start);
	long id;
	int err;

	if (start < 0)
		return -EINVAL;
	id = from <= last ? idr_find_free(idr, from, last) : -ENOSPC;
	if (id == -ENOSPC && from > (unsigned long)start)
		id = idr_find_free(idr, start, last);
	if (id < 0)
		return id;
	err = idr_take(idr, id, ptr, gfp);
	if (err)
		return err;
	idr->idr_next = id + 1;
	return id;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	struct idr_leaf *leaf = idr_leaf(idr, id);

	return leaf ? leaf->slot[SLOT_OF(id)] : NULL;
}

/* Stores @ptr under a taken @id: the old pointer, or ERR_PTR(-ENOENT). */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	struct idr_leaf *leaf = idr_leaf(idr, id);
	void *old;

	if (!leaf || !test_bit(SLOT_OF(id), leaf->taken))
		return ERR_PTR(-ENOENT);
	old = leaf->slot[SLOT_OF(id)];
	leaf->slot[SLOT_OF(id)] = ptr;
	return old;
}

/* Frees @id: the pointer it held, or NULL if it was not taken. */
void *idr_remove(struct idr *idr, unsigned long id)
{
	struct idr_leaf *leaf = idr_leaf(idr, id);
	void *old;

	if (!leaf || !test_and_clear_bit(SLOT_OF(id), leaf->taken))
		return NULL;
	old = leaf->slot[SLOT_OF(id)];
	leaf->slot[SLOT_OF(id)] = NULL;
	if (--leaf->count == 0) {
		idr->dir[LEAF_OF(id)] = NULL;
		kfree(leaf);
		if (idr_is_empty(idr)) {	/* as Linux's tree: an empty idr holds no memory */
			kfree(idr->dir);
			idr->dir = NULL;
			idr->dir_size = 0;
		}
	}
	return old;
}

/* The first non-NULL entry at an id >= *nextid, which is updated; NULL at the end. */
void *idr_get_next(const struct idr *idr, int *nextid)
{
	unsigned long id = *nextid, slot;
	struct idr_leaf *leaf;

	while (LEAF_OF(id) < idr->dir_size) {
		leaf = idr->dir[LEAF_OF(id)];
		slot = leaf ? find_next_bit(leaf->taken, IDR_LEAF_SIZE, SLOT_OF(id)) : IDR_LEAF_SIZE;
		for (; slot < IDR_LEAF_SIZE; slot = find_next_bit(leaf->taken, IDR_LEAF_SIZE, slot + 1)) {
			if (leaf->slot[slot]) {
				*nextid = (LEAF_OF(id) << IDR_LEAF_SHIFT) + slot;
				return leaf->slot[slot];
			}
		}
		id = (LEAF_OF(id) + 1) << IDR_LEAF_SHIFT;
	}
	return NULL;
}

bool idr_is_empty(const struct idr *idr)
{
	unsigned int i;

	for (i = 0; i < idr->dir_size; i++)
		if (idr->dir[i])
			return false;
	return true;
}

/* Frees the table (not the entries): the idr is empty and usable again after. */
void idr_destroy(struct idr *idr)
{
	unsigned int i;

	for (i = 0; i < idr->dir_size; i++)
		kfree(idr->dir[i]);
	kfree(idr->dir);
	idr_init(idr);
}
