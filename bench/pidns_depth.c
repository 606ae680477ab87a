/*
 * bench/pidns_depth.c: fork + _exit + waitpid at pid-namespace depths 1, 8
 * and 32 (fork_depth1, fork_depth8, fork_depth32).  A process in a nested
 * pid namespace has a pid in every namespace up to the initial one, so
 * each fork allocates, and each reap frees, depth + 1 pid numbers.  The
 * nest is built with clone(CLONE_NEWPID) depth times (32 is Linux's limit,
 * MAX_PID_NS_LEVEL); the innermost process measures.
 */
#include "bench.h"

static int op_fork(long iters, void *arg)
{
	(void)arg;
	return bench_fork_wait(iters, NULL);
}

/*
 * Go depth namespaces down, run the benchmark there, and come back with 0
 * or the errno that stopped the descent.  Each level waits for the next,
 * as the init of its namespace must outlive the processes in it.
 */
static int nest(int depth, const char *name)
{
	pid_t pid;

	if (depth == 0) {
		bench_run(name, op_fork, NULL, BENCH_COSTLY);
		return 0;
	}
	pid = bench_clone(CLONE_NEWPID | SIGCHLD);
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(nest(depth - 1, name));
	return bench_wait(pid);
}

int main(void)
{
	static const int depths[] = { 1, 8, 32 };

	for (size_t i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		char name[32];
		int err;

		snprintf(name, sizeof(name), "fork_depth%d", depths[i]);
		err = nest(depths[i], name);
		if (err)
			bench_error(name, err);
	}
	return 0;
}
