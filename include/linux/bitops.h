/* include/linux/bitops.h: bit operations on arrays of unsigned long. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/kernel.h>

#define BITS_PER_LONG		64
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline void set_bit(unsigned long nr, void *addr)
{
	__atomic_or_fetch((unsigned long *)addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(unsigned long nr, void *addr)
{
	__atomic_and_fetch((unsigned long *)addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_bit(unsigned long nr, const void *addr)
{
	return (((const unsigned long *)addr)[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

static inline bool test_and_set_bit(unsigned long nr, void *addr)
{
	unsigned long old = __atomic_fetch_or((unsigned long *)addr + BIT_WORD(nr),
					      BIT_MASK(nr), __ATOMIC_SEQ_CST);
	return old & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned long nr, void *addr)
{
	unsigned long old = __atomic_fetch_and((unsigned long *)addr + BIT_WORD(nr),
					       ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
	return old & BIT_MASK(nr);
}

/* The first clear bit at or after @offset, or @size if none. */
static inline unsigned long find_next_zero_bit(const void *addr, unsigned long size,
					       unsigned long offset)
{
	const unsigned long *p = addr;

	while (offset < size) {
		unsigned long w = ~p[BIT_WORD(offset)] >> (offset % BITS_PER_LONG);

		if (w)
			return min_t(unsigned long, size, offset + __builtin_ctzl(w));
		offset = (offset | (BITS_PER_LONG - 1)) + 1;
	}
	return size;
}

/* The first set bit at or after @offset, or @size if none. */
static inline unsigned long find_next_bit(const void *addr, unsigned long size,
					  unsigned long offset)
{
	const unsigned long *p = addr;

	while (offset < size) {
		unsigned long w = p[BIT_WORD(offset)] >> (offset % BITS_PER_LONG);

		if (w)
			return min_t(unsigned long, size, offset + __builtin_ctzl(w));
		offset = (offset | (BITS_PER_LONG - 1)) + 1;
	}
	return size;
}

#define find_first_zero_bit(a, s)	find_next_zero_bit(a, s, 0)
#define find_first_bit(a, s)		find_next_bit(a, s, 0)

#endif
