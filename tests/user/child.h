/*
 * tests/user/child.h: helpers for user-space tests that check behaviour in
 * a child process (a fault that must kill it, credentials or limits that
 * must not leak into the next case), for tests that execve() their own
 * binary again to look at the new image from the inside; on_matryoshka()
 * for the checks that hold only there.
 */
#ifndef CHILD_H
#define CHILD_H

#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include "ktap.h"

/* Blocks @sig in the calling thread. */
static inline void block_signal(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

/* Is @sig pending for the calling thread, on it or on its process? */
static inline int is_pending(int sig)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, sig);
}

/* Waits as long as it takes for @sig, which the caller blocked; its siginfo. */
static inline siginfo_t wait_for_signal(int sig)
{
	siginfo_t si = { 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	EXPECT_EQ(sigwaitinfo(&set, &si), sig);
	return si;
}

/* Waits for @pid and returns its wait status, or -1 if waitpid() failed. */
static inline int wait_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* A pid that is certainly free: one of our children, already reaped. */
static inline pid_t reaped_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		wait_status(pid);
	return pid;
}

/*
 * A child that is meant to die of a signal must not leave a core file in
 * the directory the tests run from (Linux's default core_pattern is
 * "core", in the current directory).
 */
static inline void no_core_dump(void)
{
	struct rlimit rl;

	/* Only the soft limit: a test may still raise it up to the hard one. */
	if (!getrlimit(RLIMIT_CORE, &rl)) {
		rl.rlim_cur = 0;
		setrlimit(RLIMIT_CORE, &rl);
	}
}

/*
 * Runs @fn in a forked child and returns the child's wait status.  In the
 * child a failed EXPECT_* prints its diagnostic and makes the exit status
 * 1; an ASSERT_* ends the child (its longjmp lands here, in the child's
 * copy of ktap_abort, not in the parent's runner).
 */
static inline pid_t start_child(void (*fn)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		ktap_failed = 0;
		no_core_dump();
		if (!setjmp(ktap_abort))
			fn();
		fflush(stdout);
		_exit(ktap_failed ? 1 : 0);
	}
	return pid;
}

static inline int run_in_child(void (*fn)(void))
{
	pid_t pid = start_child(fn);

	return pid < 0 ? -1 : wait_status(pid);
}

/*
 * run_in_child for a child that may never end by itself (a kernel that
 * loops failing to deliver a signal): a watchdog process SIGKILLs it
 * after @seconds, so the case fails on the wait status, with a message,
 * instead of hanging the whole program.  The watchdog only catches a
 * hang: a child that ends by itself is judged on its own status.
 */
/* Forks a process that SIGKILLs @pid after @seconds (only to end a hang): its pid. */
static inline pid_t kill_later(pid_t pid, unsigned int seconds)
{
	struct timespec ts = { seconds, 0 };
	pid_t killer = fork();

	if (killer == 0) {
		while (nanosleep(&ts, &ts))
			;
		kill(pid, SIGKILL);
		_exit(0);
	}
	return killer;
}

static inline int run_in_child_watchdog(void (*fn)(void), unsigned int seconds)
{
	pid_t pid = start_child(fn), dog;
	int status, dog_status;

	if (pid < 0)
		return -1;
	dog = kill_later(pid, seconds);
	status = wait_status(pid);
	if (dog > 0) {
		kill(dog, SIGKILL);
		dog_status = wait_status(dog);
		if (WIFEXITED(dog_status))
			KTAP_FAIL("the child did not end within %u s: the watchdog killed it",
				  seconds);
	}
	return status;
}

/* A child parked in a blocking read, for tests that act on a live process. */
struct parked_child {
	pid_t pid;
	int hold;	/* the pipe's write end: closing it releases the child */
};

/*
 * Forks a child that runs @setup (if not NULL), tells us it is ready and
 * then blocks reading a pipe until release_child() closes its other end.
 * Returns 0 once the child is ready.  A child parked later inherits the
 * earlier ones' pipe ends: release (or kill) them in reverse order.
 */
static inline int park_child(struct parked_child *c, void (*setup)(void))
{
	int hold[2], ready[2], ok;
	char byte;

	if (pipe(hold))
		return -1;
	if (pipe(ready)) {
		close(hold[0]);
		close(hold[1]);
		return -1;
	}
	fflush(stdout);
	c->pid = fork();
	if (c->pid == 0) {
		close(hold[1]);
		close(ready[0]);
		if (setup)
			setup();
		write(ready[1], "r", 1);
		while (read(hold[0], &byte, 1) > 0)
			;
		_exit(0);
	}
	close(hold[0]);
	close(ready[1]);
	c->hold = hold[1];
	ok = c->pid > 0 && read(ready[0], &byte, 1) == 1;
	close(ready[0]);
	return ok ? 0 : -1;
}

/* Lets a parked child run to its end; returns its wait status. */
static inline int release_child(struct parked_child *c)
{
	close(c->hold);
	return wait_status(c->pid);
}

/*
 * Forks a child that sends @sig to us every 5 ms, for at most 5 s, until
 * stop_signaller().  For a case that needs a signal to arrive while it is
 * blocked in a system call: whichever signal comes first is handled
 * before the call blocks, the next one interrupts it.
 */
static inline pid_t start_signaller(int sig)
{
	struct timespec ms5 = { 0, 5 * 1000 * 1000 };
	pid_t parent = getpid(), pid;
	int i;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 1000; i++) {
			nanosleep(&ms5, NULL);
			kill(parent, sig);
		}
		_exit(0);
	}
	return pid;
}

static inline void stop_signaller(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		wait_status(pid);
	}
}

/* @status (from wait) says the child called exit(@code). */
#define EXPECT_EXIT(status, code) do { \
	int s_ = (status); \
	if (!WIFEXITED(s_) || WEXITSTATUS(s_) != (code)) \
		KTAP_FAIL("expected exit status %d, got wait status 0x%x", (code), s_); \
} while (0)

/* @status (from wait) says the child was killed by signal @sig. */
#define EXPECT_KILLED(status, sig) do { \
	int s_ = (status); \
	if (!WIFSIGNALED(s_) || WTERMSIG(s_) != (sig)) \
		KTAP_FAIL("expected death by signal %d (%s), got wait status 0x%x", \
			  (sig), strsignal(sig), s_); \
} while (0)

/* Runs @fn in a child and expects every check it made to have passed. */
#define EXPECT_CHILD_OK(fn) EXPECT_EXIT(run_in_child(fn), 0)

/* The absolute path of the running test binary (see self_exe_init). */
static inline char *self_exe(void)
{
	static char path[PATH_MAX];

	return path;
}

/*
 * Records the binary's path from argv[0] for later re-execution, made
 * absolute now so that a case which changes directory can still use it.
 * A bare name (found through $PATH) falls back to /proc/self/exe.
 */
static inline void self_exe_init(const char *argv0)
{
	char *path = self_exe();
	char cwd[PATH_MAX];
	int n = -1;

	if (argv0[0] == '/')
		n = snprintf(path, PATH_MAX, "%s", argv0);
	else if (strchr(argv0, '/') && getcwd(cwd, sizeof(cwd)))
		n = snprintf(path, PATH_MAX, "%s/%s", cwd, argv0);
	if (n < 0 || n >= PATH_MAX)
		strcpy(path, "/proc/self/exe");
}

/* Whether this is Matryoshka (its release says so) rather than Linux. */
static inline int on_matryoshka(void)
{
	struct utsname u;

	return !uname(&u) && strstr(u.release, "matryoshka");
}

#endif
