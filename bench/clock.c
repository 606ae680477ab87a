/*
 * bench/clock.c: telling the time, as programs do it.
 *   clock_gettime  libc's clock_gettime(CLOCK_MONOTONIC): on both kernels
 *                  musl answers from the vDSO (the TSC and the kernel's
 *                  data page), without entering the kernel
 */
#include "bench.h"

static int op_clock_gettime(long iters, void *arg)
{
	struct timespec ts;

	(void)arg;
	for (long i = 0; i < iters; i++)
		if (clock_gettime(CLOCK_MONOTONIC, &ts))
			return errno;
	return 0;
}

int main(void)
{
	bench_run("clock_gettime", op_clock_gettime, NULL, BENCH_CHEAP);
	return 0;
}
