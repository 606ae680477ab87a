/* tools/prof/unshare_newipc.c: unshare(CLONE_NEWIPC) repeated in one process (bench/unshare.c). */
#include "prof.h"

static int op(long iters, void *arg)
{
	(void)arg;
	for (long i = 0; i < iters; i++)
		if (unshare(CLONE_NEWIPC) < 0)
			return errno;
	return 0;
}

int main(void)
{
	return prof_run(op, NULL, 4 * PROF_OPS);
}
