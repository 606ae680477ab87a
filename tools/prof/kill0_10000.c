/*
 * tools/prof/kill0_10000.c: kill(pid, 0) on a random one of 10,000 live
 * processes (bench/kill0.c, whose children and loop it includes).
 */
#include "prof.h"
#define main bench_main		/* bench/kill0.c's own main is not run */
#include "../../bench/kill0.c"
#undef main

int main(void)
{
	struct lookup l = { .rnd = 88172645463325252ULL };
	int err, ret;

	l.n = spawn_all(&err);
	if (l.n == 0)
		return 1;
	ret = prof_run(op_kill0, &l, 100 * PROF_OPS);
	reap_all(l.n);
	return ret;
}
