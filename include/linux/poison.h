/*
 * include/linux/poison.h: the byte and pointer values debug checks fill
 * memory with, Linux's, so a student's hex dump reads the same as Linux's:
 * 0x6b...a5 is a freed slab object, 0xbb/0xcc its red zones, 0xaa a free
 * page, 0xdead0000000001xx a deleted list entry.
 */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/* Non-canonical: following a deleted list entry's pointers faults. */
#define LIST_POISON1	((void *)0xdead000000000100UL)
#define LIST_POISON2	((void *)0xdead000000000122UL)

#define PAGE_POISON	0xaa	/* a free page, with page_poison=1 */

#define SLUB_RED_INACTIVE	0xbb	/* red zones of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zones of an allocated object */

#define POISON_INUSE	0x5a	/* for use-uninitialised poisoning */
#define POISON_FREE	0x6b	/* for use-after-free poisoning */
#define POISON_END	0xa5	/* end-byte of poisoning */

#endif
