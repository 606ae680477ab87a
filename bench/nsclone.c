/*
 * bench/nsclone.c: clone(SIGCHLD | CLONE_NEW*) + _exit + waitpid: the cost of
 * a process born in new namespaces, which are created with it and freed
 * when it is reaped.  Compare with clone_exit_wait (bench/fork.c).
 *   clone_newpid   CLONE_NEWPID   (the child is pid 1 of a new pid namespace)
 *   clone_newipc   CLONE_NEWIPC
 *   clone_newuser  CLONE_NEWUSER
 *   clone_newall   all three at once
 */
#include "bench.h"

static int op_clone_ns(long iters, void *arg)
{
	unsigned long flags = *(unsigned long *)arg;

	for (long i = 0; i < iters; i++) {
		int err = bench_spawn_wait(flags);

		if (err)
			return err;
	}
	return 0;
}

int main(void)
{
	static const struct { const char *name; unsigned long flags; } rows[] = {
		{ "clone_newpid", CLONE_NEWPID },
		{ "clone_newipc", CLONE_NEWIPC },
		{ "clone_newuser", CLONE_NEWUSER },
		{ "clone_newall", CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUSER },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		unsigned long flags = rows[i].flags;

		bench_run(rows[i].name, op_clone_ns, &flags, BENCH_COSTLY);
	}
	return 0;
}
