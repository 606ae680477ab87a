/*
 * tools/prof/prof.h: the profiled window of a tools/tbprof.py program.
 *
 * tbprof counts the kernel's instructions between the first two sync(2)
 * calls of the run and divides them by the ops the program prints.  The
 * ops are bench/bench.h's, so a profile follows a `make bench` row; a
 * tenth of them runs first, outside the window, to warm what the first
 * runs of a loop set up once (page tables, slabs, the stack's pages).
 */
#ifndef PROF_H
#define PROF_H

#include "bench.h"

#define PROF_OPS	500	/* enough to average the ticks; the log grows with it */

static inline int prof_run(bench_op op, void *arg, long ops)
{
	int err = op(ops / 10, arg);

	if (err)
		goto fail;
	sync();		/* the window opens */
	err = op(ops, arg);
	sync();		/* and closes */
	if (err)
		goto fail;
	printf("tbprof ops=%ld\n", ops);
	return 0;
fail:
	printf("tbprof: error %s\n", bench_errname(err));
	return 1;
}

#endif
