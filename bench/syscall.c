/*
 * bench/syscall.c: the cheapest ways into the kernel and back.
 *   getpid       syscall(SYS_getpid): musl does not cache the pid, but the
 *                raw call says so plainly
 *   sched_yield  with nothing else runnable: the scheduler's fast path
 */
#include "bench.h"

static int op_syscall(long iters, void *arg)
{
	long nr = *(long *)arg;

	for (long i = 0; i < iters; i++)
		if (syscall(nr) < 0)
			return errno;
	return 0;
}

int main(void)
{
	long getpid_nr = SYS_getpid, yield_nr = SYS_sched_yield;

	bench_run("getpid", op_syscall, &getpid_nr, BENCH_CHEAP);
	bench_run("sched_yield", op_syscall, &yield_nr, BENCH_CHEAP);
	return 0;
}
