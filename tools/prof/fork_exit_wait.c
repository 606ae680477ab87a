/* tools/prof/fork_exit_wait.c: musl fork(), the child's _exit(0), waitpid (bench/fork.c). */
#include "prof.h"

static int op(long iters, void *arg)
{
	(void)arg;
	return bench_fork_wait(iters, NULL);
}

int main(void)
{
	return prof_run(op, NULL, PROF_OPS);
}
