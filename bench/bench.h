/*
 * bench/bench.h: what every benchmark program shares: the calibrated timing
 * loop, the one-line report, errno names, and small process helpers.
 *
 * A benchmark is an operation written as a loop: int op(long iters, void *arg)
 * runs the operation iters times and returns 0, or an errno value when the
 * kernel refused it.  bench_run() times the loop with CLOCK_MONOTONIC,
 * doubling iters until one run takes at least BENCH_MIN_NS, and prints the
 * fastest of three runs at that count:
 *
 *	BENCH name=<name> iters=<n> ns_per_op=<x>
 *
 * or, when the kernel lacks the feature,
 *
 *	BENCH name=<name> error=<errno name>
 *
 * Each line goes out in one write(2), so lines from several processes never
 * interleave, and nothing sits in a stdio buffer when a process forks.
 */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BENCH_MIN_NS	100000000LL	/* ~100 ms of guest time per reported run */
#define BENCH_CHEAP	(1L << 24)	/* iteration caps: a kernel whose clock */
#define BENCH_COSTLY	(1L << 14)	/* stands still must not loop for ever */

/* A child killed by signal s is reported as BENCH_SIGNAL(s): above any errno. */
#define BENCH_SIGNAL(s)	(0x100 + (s))

typedef int (*bench_op)(long iters, void *arg);

static inline long long bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* printf to stdout in a single write(2). */
static inline void bench_say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (write(1, line, n) < 0)
		return;	/* nowhere left to complain */
}

/* Linux's name of an errno value (musl has no strerrorname_np). */
static inline const char *bench_errname(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
		{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EINVAL, "EINVAL" },
		{ ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOSPC, "ENOSPC" },
		{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" },
		{ ENOMSG, "ENOMSG" }, { EIDRM, "EIDRM" }, { EUSERS, "EUSERS" },
		{ EOPNOTSUPP, "EOPNOTSUPP" },
	};
	static char other[24];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	if (err > BENCH_SIGNAL(0))
		snprintf(other, sizeof(other), "signal%d", err - BENCH_SIGNAL(0));
	else
		snprintf(other, sizeof(other), "errno%d", err);
	return other;
}

static inline void bench_error(const char *name, int err)
{
	bench_say("BENCH name=%s error=%s\n", name, bench_errname(err));
}

/* The report line; extra (may be "") adds fields such as " pids=10000". */
static inline void bench_report(const char *name, long iters, long long ns,
				const char *extra)
{
	long long tenths = (ns * 10 + iters / 2) / iters;

	bench_say("BENCH name=%s iters=%ld ns_per_op=%lld.%lld%s\n",
		  name, iters, tenths / 10, tenths % 10, extra);
}

/* One timed run of @iters iterations: its ns, or -1 with *@err set. */
static inline long long bench_time(bench_op op, void *arg, long iters, int *err)
{
	long long t0 = bench_now();

	*err = op(iters, arg);
	return *err ? -1 : bench_now() - t0;
}

/*
 * Double the iteration count until a run takes BENCH_MIN_NS (or reaches
 * max_iters): short runs only warm caches and page tables, and are too
 * short for the clock.  Then run that count twice more and report the
 * fastest of the three: a pause of the guest (or of the emulator under
 * it) can only lengthen a run.  If the fastest is under half of
 * BENCH_MIN_NS, the first was such a pause: go on doubling.  One
 * iteration of @op is @per operations (a readdir of @per entries):
 * the figure is ns per operation.
 */
static inline void bench_run_per(const char *name, bench_op op, void *arg,
				 long max_iters, const char *extra, long per)
{
	long iters = 1;
	long long ns, again;
	int err, i;

	for (;; iters *= 2) {
		ns = bench_time(op, arg, iters, &err);
		if (err)
			break;
		if (ns < BENCH_MIN_NS && iters < max_iters)
			continue;
		for (i = 0; i < 2; i++) {
			again = bench_time(op, arg, iters, &err);
			if (err)
				break;
			if (again < ns)
				ns = again;
		}
		if (err)
			break;
		if (ns >= BENCH_MIN_NS / 2 || iters >= max_iters) {
			bench_report(name, iters * per, ns, extra);
			return;
		}
	}
	bench_error(name, err);
}

static inline void bench_run_extra(const char *name, bench_op op, void *arg,
				   long max_iters, const char *extra)
{
	bench_run_per(name, op, arg, max_iters, extra, 1);
}

static inline void bench_run(const char *name, bench_op op, void *arg, long max_iters)
{
	bench_run_extra(name, op, arg, max_iters, "");
}

/*
 * xorshift64 (Marsaglia): a pseudo-random index below @n, cheap next to a
 * system call, and the same sequence on every kernel.
 */
static inline unsigned long bench_rand(unsigned long long *state, unsigned long n)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state % n;
}

/* /proc/meminfo's MemFree in kB, or -1. */
static inline long bench_memfree_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/*
 * Wait for a child: 0 when it exited 0, its exit status when not (children
 * exit with the errno that stopped them), BENCH_SIGNAL(s) when killed.
 */
static inline int bench_wait(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) < 0)
		return errno;
	if (WIFSIGNALED(status))
		return BENCH_SIGNAL(WTERMSIG(status));
	return WEXITSTATUS(status);
}

/*
 * @iters times: musl's fork(), the child runs @child (if any) and exits
 * with its result, the parent reaps it.  0, or the first failure.
 */
static inline int bench_fork_wait(long iters, int (*child)(void))
{
	for (long i = 0; i < iters; i++) {
		pid_t pid = fork();
		int err;

		if (pid < 0)
			return errno;
		if (pid == 0)
			_exit(child ? child() : 0);
		err = bench_wait(pid);
		if (err)
			return err;
	}
	return 0;
}

/*
 * clone(2) without a new stack, as fork does it: the child returns here on
 * a copy of our stack.  musl's clone() wrapper insists on a function and a
 * stack, so this goes through syscall(2).
 */
static inline pid_t bench_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

/* One clone(flags | SIGCHLD) whose child exits at once, and its wait. */
static inline int bench_spawn_wait(unsigned long flags)
{
	pid_t pid = bench_clone(flags | SIGCHLD);

	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	return bench_wait(pid);
}

#endif /* BENCH_H */
