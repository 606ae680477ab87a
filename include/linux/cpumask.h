/*
 * include/linux/cpumask.h: sets of CPUs, one bit per CPU.
 *
 * NR_CPUS is the most this kernel can run (its static per-CPU arrays);
 * nr_cpu_ids the CPUs the firmware reported (set once, at boot, before
 * any AP starts).  cpu_possible_mask holds those, cpu_online_mask the ones
 * running: a CPU's bit is set by the CPU itself when it is ready for work
 * (start_secondary) and never cleared (no CPU hot-unplug).  As Linux's
 * with NR_CPUS <= BITS_PER_LONG: a mask is one word.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/bitops.h>

#define NR_CPUS		8

typedef struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;

extern unsigned int nr_cpu_ids;
extern struct cpumask __cpu_possible_mask, __cpu_online_mask;
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)

#define cpumask_bits(m)		((m)->bits)
#define CPU_MASK_NONE		{ { 0 } }
#define CPU_MASK_ALL		{ { (1UL << NR_CPUS) - 1 } }

static inline bool cpumask_test_cpu(int cpu, const struct cpumask *m)
{
	return test_bit(cpu, m->bits);
}

static inline void cpumask_set_cpu(int cpu, struct cpumask *m)
{
	set_bit(cpu, m->bits);
}

static inline void cpumask_clear_cpu(int cpu, struct cpumask *m)
{
	clear_bit(cpu, m->bits);
}

static inline void cpumask_clear(struct cpumask *m)
{
	m->bits[0] = 0;
}

static inline void cpumask_copy(struct cpumask *d, const struct cpumask *s)
{
	d->bits[0] = READ_ONCE(s->bits[0]);
}

/* Is *d = a & b non-empty? */
static inline bool cpumask_and(struct cpumask *d, const struct cpumask *a,
			       const struct cpumask *b)
{
	d->bits[0] = a->bits[0] & b->bits[0];
	return d->bits[0] != 0;
}

static inline bool cpumask_intersects(const struct cpumask *a, const struct cpumask *b)
{
	return (a->bits[0] & b->bits[0]) != 0;
}

static inline bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	return (a->bits[0] & ~b->bits[0]) == 0;
}

static inline bool cpumask_empty(const struct cpumask *m)
{
	return m->bits[0] == 0;
}

static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	return a->bits[0] == b->bits[0];
}

/* How many CPUs @m has (no popcnt: the kernel is built for any x86-64). */
static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned long w = m->bits[0];
	unsigned int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

/* The first CPU after @n in @m, or nr_cpu_ids (n = -1: the first). */
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	unsigned long w = (n + 1 >= BITS_PER_LONG) ? 0 : m->bits[0] >> (n + 1);

	return w ? min_t(unsigned int, nr_cpu_ids, n + 1 + __builtin_ctzl(w)) : nr_cpu_ids;
}

static inline unsigned int cpumask_first(const struct cpumask *m)
{
	return cpumask_next(-1, m);
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = cpumask_first(mask); (unsigned int)(cpu) < nr_cpu_ids; \
	     (cpu) = cpumask_next((cpu), (mask)))
#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)

#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)

static inline void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

#endif
