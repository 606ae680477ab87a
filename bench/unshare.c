/*
 * bench/unshare.c: unshare(2) of the IPC and user namespaces.
 *   unshare_newipc        unshare(CLONE_NEWIPC) again and again in one process:
 *                         each call creates an IPC namespace and drops the last
 *   fork_unshare_newuser  fork + unshare(CLONE_NEWUSER) in the child + _exit +
 *                         waitpid.  A user namespace cannot be unshared twice
 *                         in a row: its creator's uid and gid must be mapped in
 *                         the parent namespace (Linux's create_user_ns: EPERM),
 *                         and a fresh namespace maps nothing until uid_map is
 *                         written.  So each unshare gets a fresh process, and
 *                         the row includes a fork: subtract fork_exit_wait
 *                         (bench/fork.c) for an estimate of the unshare alone.
 */
#include "bench.h"

static int op_unshare_ipc(long iters, void *arg)
{
	(void)arg;
	for (long i = 0; i < iters; i++)
		if (unshare(CLONE_NEWIPC) < 0)
			return errno;
	return 0;
}

static int unshare_user(void)
{
	return unshare(CLONE_NEWUSER) < 0 ? errno : 0;
}

static int op_fork_unshare_user(long iters, void *arg)
{
	(void)arg;
	return bench_fork_wait(iters, unshare_user);
}

int main(void)
{
	bench_run("unshare_newipc", op_unshare_ipc, NULL, BENCH_COSTLY);
	bench_run("fork_unshare_newuser", op_fork_unshare_user, NULL, BENCH_COSTLY);
	return 0;
}
