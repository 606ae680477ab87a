/*
 * bench/kill0.c: kill0_10000, kill(pid, 0) on a random one of 10,000 live
 * processes: the cost of finding a pid among many (Linux: an idr lookup
 * per namespace level; a pid hash in the older kernels the seeds read).
 *
 * The children share our address space (CLONE_VM) and only pause, so that
 * 10,000 of them fit in 512 MiB: with fork, each would own page tables.
 * A kernel without CLONE_VM gets plain forks.  (Linux also caps the task
 * count at RAM / 128 KiB, 3,581 in 512 MiB: tools/bench_init.c lifts it.)
 * If creation stops early, the row is measured with the processes made so
 * far and says how many (pids=N fork_error=E).
 */
#include "bench.h"

#define NPIDS		10000
#define STACK_BYTES	1024	/* a pausing child needs a few words of stack */

static pid_t pids[NPIDS];
static char stacks[NPIDS][STACK_BYTES] __attribute__((aligned(16)));

/* Never returns: SIGKILL ends it.  No handler runs, so errno (in our
   shared TLS) is never written. */
static int pauser(void *arg)
{
	(void)arg;
	for (;;)
		syscall(SYS_pause);
	return 0;
}

static pid_t spawn_pauser(char *stack_top)
{
	pid_t pid = clone(pauser, stack_top, CLONE_VM | SIGCHLD, NULL);

	if (pid >= 0 || (errno != EINVAL && errno != ENOSYS))
		return pid;
	pid = fork();
	if (pid == 0)
		pauser(NULL);
	return pid;
}

/* Create up to NPIDS children; the count made, and *err why it stopped. */
static int spawn_all(int *err)
{
	int n;

	*err = 0;
	for (n = 0; n < NPIDS; n++) {
		pids[n] = spawn_pauser(stacks[n] + STACK_BYTES);
		if (pids[n] < 0) {
			*err = errno;
			break;
		}
	}
	return n;
}

static void reap_all(int n)
{
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
}

struct lookup {
	int n;			/* live children in pids[] */
	unsigned long long rnd;	/* xorshift state: cheap next to a syscall */
};

static int op_kill0(long iters, void *arg)
{
	struct lookup *l = arg;

	for (long i = 0; i < iters; i++) {
		l->rnd ^= l->rnd << 13;
		l->rnd ^= l->rnd >> 7;
		l->rnd ^= l->rnd << 17;
		if (kill(pids[l->rnd % l->n], 0) < 0)
			return errno;
	}
	return 0;
}

int main(void)
{
	struct lookup l = { .rnd = 88172645463325252ULL };
	char extra[64];
	int err;

	l.n = spawn_all(&err);
	if (l.n == 0) {
		bench_error("kill0_10000", err);
		return 0;
	}
	if (err)
		snprintf(extra, sizeof(extra), " pids=%d fork_error=%s", l.n,
			 bench_errname(err));
	else
		snprintf(extra, sizeof(extra), " pids=%d", l.n);
	bench_run_extra("kill0_10000", op_kill0, &l, BENCH_CHEAP, extra);
	reap_all(l.n);
	return 0;
}
