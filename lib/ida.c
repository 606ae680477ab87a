/*
 * lib/ida.c: id allocation from a growable bitmap.
 *
 * Linux's IDA is a radix tree of bitmaps; the ids we hand out are few
 * (one per namespace), so one bitmap that doubles when full does the job
 * in a page of code.  It goes with the last id, as Linux's empty tree
 * holds no memory (the leak check after the tests counts on it).
 */
#include <linux/ida.h>
#include <linux/bitops.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>

static int ida_grow(struct ida *ida, unsigned int need)
{
	unsigned int nbits = ida->nbits ? ida->nbits : 256;
	unsigned long *map;

	while (nbits <= need)
		nbits *= 2;
	map = kzalloc(BITS_TO_LONGS(nbits) * sizeof(long), GFP_ATOMIC);
	if (!map)
		return -ENOMEM;
	if (ida->bitmap)
		memcpy(map, ida->bitmap, BITS_TO_LONGS(ida->nbits) * sizeof(long));
	kfree(ida->bitmap);
	ida->bitmap = map;
	ida->nbits = nbits;
	return 0;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max)
{
	unsigned long flags;
	unsigned int id;
	int ret;

	spin_lock_irqsave(&ida->lock, flags);
	for (;;) {
		id = ida->bitmap ? find_next_zero_bit(ida->bitmap, ida->nbits, min) : ida->nbits;
		if (id < ida->nbits || id > max)
			break;
		ret = ida_grow(ida, id);
		if (ret)
			goto out;
	}
	if (id > max) {
		ret = -ENOSPC;
		goto out;
	}
	set_bit(id, ida->bitmap);
	ida->used++;
	ret = id;
out:
	spin_unlock_irqrestore(&ida->lock, flags);
	return ret;
}

void ida_free(struct ida *ida, unsigned int id)
{
	unsigned long flags;

	spin_lock_irqsave(&ida->lock, flags);
	if (id < ida->nbits && test_and_clear_bit(id, ida->bitmap)) {
		if (!--ida->used) {	/* as Linux's: an empty ida holds no memory */
			kfree(ida->bitmap);
			ida->bitmap = NULL;
			ida->nbits = 0;
		}
	} else {
		pr_err("ida_free: id %u was not allocated\n", id);
	}
	spin_unlock_irqrestore(&ida->lock, flags);
}

void ida_destroy(struct ida *ida)
{
	kfree(ida->bitmap);
	ida->bitmap = NULL;
	ida->nbits = ida->used = 0;
}
