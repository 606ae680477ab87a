/*
 * bench/scale_pid.c: what one lookup by process id costs as the system
 * fills: with N = 10, 1,000 and 10,000 live children, each of
 *   kill0_N         kill(pid, 0) on a random child (find the pid, check
 *                   permission; no signal is sent)
 *   getpgid_N       getpgid(pid) on a random child
 *   open_status_N   open + close of /proc/PID/status of a random child
 *   readdir_proc_N  reading all of /proc with getdents64 (32 KiB buffer,
 *                   as glibc's readdir), per entry returned
 * A kernel whose cost grows with N walks a list where it should hash or
 * index (Linux: an idr per pid namespace; Matryoshka: pid_hash, sized by
 * pidhash_init).
 *
 * The children share our address space (CLONE_VM) and only pause, so that
 * 10,000 of them fit in 512 MiB: with fork, each would own page tables.
 * A kernel without CLONE_VM gets plain forks.  (Linux also caps the task
 * count at RAM / 128 KiB, 3,581 in 512 MiB: tools/bench_init.c lifts it.)
 * The kill0_N rows say what the children cost (kb_per_proc: MemFree
 * before the first child less MemFree with N, over N; each child's 1 KiB
 * stack here is in it).  If creation stops early, the rows are measured
 * with the processes made so far and say how many (pids=N fork_error=E).
 */
#include "bench.h"
#include <fcntl.h>

#define NPIDS		10000
#define STACK_BYTES	1024	/* a pausing child needs a few words of stack */
#define DENTS_BYTES	32768

static const int counts[] = { 10, 1000, NPIDS };
static pid_t pids[NPIDS];
static char stacks[NPIDS][STACK_BYTES] __attribute__((aligned(16)));
static char dents[DENTS_BYTES] __attribute__((aligned(8)));

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

/* Children from @have up to @want; the count made, and *err why it stopped. */
static int spawn_upto(int have, int want, int *err)
{
	*err = 0;
	for (; have < want; have++) {
		pids[have] = spawn_pauser(stacks[have] + STACK_BYTES);
		if (pids[have] < 0) {
			*err = errno;
			break;
		}
	}
	return have;
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
	unsigned long long rnd;	/* bench_rand's state */
};

static int op_kill0(long iters, void *arg)
{
	struct lookup *l = arg;

	for (long i = 0; i < iters; i++)
		if (kill(pids[bench_rand(&l->rnd, l->n)], 0) < 0)
			return errno;
	return 0;
}

static int op_getpgid(long iters, void *arg)
{
	struct lookup *l = arg;

	for (long i = 0; i < iters; i++)
		if (getpgid(pids[bench_rand(&l->rnd, l->n)]) < 0)
			return errno;
	return 0;
}

static int op_open_status(long iters, void *arg)
{
	struct lookup *l = arg;
	char path[32];
	int fd;

	for (long i = 0; i < iters; i++) {
		snprintf(path, sizeof(path), "/proc/%d/status", pids[bench_rand(&l->rnd, l->n)]);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return errno;
		close(fd);
	}
	return 0;
}

/* One pass over /proc: the entries read, or -errno. */
static long read_proc(void)
{
	int fd = open("/proc", O_RDONLY | O_DIRECTORY);
	long n, entries = 0;
	char *p;

	if (fd < 0)
		return -errno;
	while ((n = syscall(SYS_getdents64, fd, dents, DENTS_BYTES)) > 0)
		for (p = dents; p < dents + n; p += *(unsigned short *)(p + 16))
			entries++;	/* d_reclen is at offset 16 of struct linux_dirent64 */
	if (n < 0)
		entries = -errno;
	close(fd);
	return entries;
}

static int op_readdir(long iters, void *arg)
{
	long got;

	(void)arg;
	for (long i = 0; i < iters; i++) {
		got = read_proc();
		if (got < 0)
			return -got;
	}
	return 0;
}

/* The rows at one count of children; @extra says how many if short. */
static void measure(struct lookup *l, int want, const char *extra, long kb_per_proc)
{
	char name[40], more[96];
	long entries = read_proc();

	snprintf(more, sizeof(more), "%s kb_per_proc=%ld", extra, kb_per_proc);
	snprintf(name, sizeof(name), "kill0_%d", want);
	bench_run_extra(name, op_kill0, l, BENCH_CHEAP, more);
	snprintf(name, sizeof(name), "getpgid_%d", want);
	bench_run_extra(name, op_getpgid, l, BENCH_CHEAP, extra);
	snprintf(name, sizeof(name), "open_status_%d", want);
	bench_run_extra(name, op_open_status, l, BENCH_CHEAP, extra);
	snprintf(name, sizeof(name), "readdir_proc_%d", want);
	if (entries <= 0) {
		bench_error(name, entries ? -entries : ENOENT);
		return;
	}
	snprintf(more, sizeof(more), "%s entries=%ld", extra, entries);
	bench_run_per(name, op_readdir, NULL, BENCH_COSTLY, more, entries);
}

int main(void)
{
	struct lookup l = { .n = 0, .rnd = 88172645463325252ULL };
	long free0 = bench_memfree_kb();
	char extra[64] = "";
	int err = 0;

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]) && !err; i++) {
		l.n = spawn_upto(l.n, counts[i], &err);
		if (l.n == 0) {
			bench_error("kill0_10", err);
			return 0;
		}
		if (err)
			snprintf(extra, sizeof(extra), " pids=%d fork_error=%s", l.n,
				 bench_errname(err));
		measure(&l, counts[i], extra, (free0 - bench_memfree_kb()) / l.n);
	}
	reap_all(l.n);
	return 0;
}
