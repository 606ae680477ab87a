/*
 * tools/prof/clone_ns.h: clone(SIGCHLD | FLAGS), the child's _exit(0),
 * waitpid (bench/fork.c's clone_exit_wait, bench/nsclone.c's rows): the
 * including file defines FLAGS.
 */
#include "prof.h"

static int op(long iters, void *arg)
{
	(void)arg;
	for (long i = 0; i < iters; i++) {
		int err = bench_spawn_wait(FLAGS);

		if (err)
			return err;
	}
	return 0;
}

int main(void)
{
	return prof_run(op, NULL, PROF_OPS);
}
