/*
 * bench/fork.c: the life of a process: create, exit, reap.
 *   fork_exit_wait   musl's fork() (clone plus its own bookkeeping), _exit, waitpid
 *   clone_exit_wait  raw clone(SIGCHLD), _exit, waitpid: the kernel's part alone
 */
#include "bench.h"

static int op_fork(long iters, void *arg)
{
	(void)arg;
	return bench_fork_wait(iters, NULL);
}

static int op_clone(long iters, void *arg)
{
	(void)arg;
	for (long i = 0; i < iters; i++) {
		int err = bench_spawn_wait(0);

		if (err)
			return err;
	}
	return 0;
}

int main(void)
{
	bench_run("fork_exit_wait", op_fork, NULL, BENCH_COSTLY);
	bench_run("clone_exit_wait", op_clone, NULL, BENCH_COSTLY);
	return 0;
}
