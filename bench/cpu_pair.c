/*
 * bench/cpu_pair.c: two CPU-bound processes at once.
 *   cpu_pair   fork two children that each spin SPIN_LOOPS iterations of
 *              arithmetic, wait for both: the wall time of the pair.  On
 *              one CPU it is twice one child's time; on two CPUs that
 *              really run in parallel (SMP=2, multi-threaded TCG on a host
 *              with two free cores) about one child's time
 *              (docs/benchmarks.md, "Two CPU-bound processes").
 */
#include "bench.h"

#define SPIN_LOOPS	(1L << 22)

static void spin(void)
{
	volatile unsigned long x = 1;

	for (long i = 0; i < SPIN_LOOPS; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
}

static int op_pair(long iters, void *arg)
{
	(void)arg;
	for (long i = 0; i < iters; i++) {
		pid_t a, b;
		int sa, sb;

		a = fork();
		if (a == 0) {
			spin();
			_exit(0);
		}
		b = fork();
		if (b == 0) {
			spin();
			_exit(0);
		}
		if (a < 0 || b < 0)
			return errno;
		if (waitpid(a, &sa, 0) != a || waitpid(b, &sb, 0) != b)
			return errno;
		if (sa || sb)
			return WIFSIGNALED(sa | sb) ? BENCH_SIGNAL(WTERMSIG(sa | sb)) : EIO;
	}
	return 0;
}

int main(void)
{
	bench_run("cpu_pair", op_pair, NULL, 64);
	return 0;
}
