/*
 * include/linux/seqlock.h: sequence counts, as Linux's seqcount_t.
 *
 * One writer (whatever lock or CPU makes it the only one) makes the
 * count odd, changes the data, and makes it even again; readers take no
 * lock: they read the count, the data, then the count again, and retry
 * if it was odd or moved.  x86 keeps stores in order and loads in order,
 * so the smp_wmb and smp_rmb of Linux's are compiler barriers here.
 */
#ifndef _LINUX_SEQLOCK_H
#define _LINUX_SEQLOCK_H

#include <linux/compiler.h>
#include <asm/processor.h>

typedef struct seqcount {
	unsigned int sequence;
} seqcount_t;

#define SEQCNT_ZERO(name)	{ .sequence = 0 }

/* The count once it is even (no write under way). */
static inline unsigned int read_seqcount_begin(const seqcount_t *s)
{
	unsigned int seq;

	while ((seq = READ_ONCE(s->sequence)) & 1)
		cpu_relax();
	barrier();		/* the data is read after the count */
	return seq;
}

/* Did a write start or end since read_seqcount_begin returned @start? */
static inline int read_seqcount_retry(const seqcount_t *s, unsigned int start)
{
	barrier();		/* the data was read before the count */
	return READ_ONCE(s->sequence) != start;
}

static inline void write_seqcount_begin(seqcount_t *s)
{
	WRITE_ONCE(s->sequence, s->sequence + 1);
	barrier();		/* odd before any of the data changes */
}

static inline void write_seqcount_end(seqcount_t *s)
{
	barrier();		/* the data before the count is even again */
	WRITE_ONCE(s->sequence, s->sequence + 1);
}

#endif
