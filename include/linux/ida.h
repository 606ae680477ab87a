/*
 * include/linux/ida.h: small-integer id allocation (a growable bitmap).
 *
 * ida_alloc_range() hands out the lowest free id in [min, max]; freed ids
 * are reused, lowest first.  Used for namespace inode numbers.
 */
#ifndef _LINUX_IDA_H
#define _LINUX_IDA_H

#include <linux/types.h>
#include <linux/spinlock.h>

struct ida {
	spinlock_t lock;		/* protects bitmap and nbits */
	unsigned long *bitmap;
	unsigned int nbits;
	unsigned int used;
};

#define IDA_INIT(name)	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock) }
#define DEFINE_IDA(name)	struct ida name = IDA_INIT(name)

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max);
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);

#endif
