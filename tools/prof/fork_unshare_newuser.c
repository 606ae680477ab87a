/* tools/prof/fork_unshare_newuser.c: fork, unshare(CLONE_NEWUSER) in the child, exit, wait (bench/unshare.c). */
#include "prof.h"

static int unshare_user(void)
{
	return unshare(CLONE_NEWUSER) < 0 ? errno : 0;
}

static int op(long iters, void *arg)
{
	(void)arg;
	return bench_fork_wait(iters, unshare_user);
}

int main(void)
{
	return prof_run(op, NULL, PROF_OPS);
}
