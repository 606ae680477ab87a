/*
 * tools/fuzz/repro.h: what a reproducer printed by `fuzz --print-c` uses.
 *
 * The program sets up as a batch child does (repro_main.c: namespaces,
 * /tmp/fuzz, uid 65534, the descriptors and the arena) and then makes
 * its calls with these helpers, the same raw calls the fuzzer made.
 */
#ifndef REPRO_H
#define REPRO_H

#include "fuzz.h"

extern const uint64_t repro_seed;
#define REPRO_SEED(s)	const uint64_t repro_seed = (s);
void repro_calls(void);

static inline void fill(unsigned long addr, const char *bytes, unsigned int len)
{
	struct fill f = { .addr = addr, .len = len };
	unsigned int i;

	for (i = 0; i < len && i < FILL_MAX; i++)
		f.bytes[i] = bytes[i];
	write_fill(&f);
}

static inline long call(long nr, unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5)
{
	return raw_syscall(nr, a0, a1, a2, a3, a4, a5);
}

static inline long fork_call(long nr, unsigned long a0, unsigned long a1, unsigned long a2,
			     unsigned long a3, unsigned long a4, unsigned long a5)
{
	unsigned long a[6] = { a0, a1, a2, a3, a4, a5 };

	return raw_fork_call(nr, a);
}

#endif
