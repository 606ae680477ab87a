/*
 * futex_basic: FUTEX_WAIT and FUTEX_WAKE.  A wait on a word that no longer
 * holds the expected value fails with EAGAIN; a wait with a timeout ends
 * with ETIMEDOUT; a wait is interrupted by a handled signal (EINTR); a wake
 * returns the number of waiters woken, here children of a fork that share
 * the word through a MAP_SHARED|MAP_ANONYMOUS page; and the argument
 * errors: EINVAL for an unaligned word or a bad timeout, ENOSYS for an
 * unknown operation.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

/* From <linux/futex.h>, which musl's include path does not have. */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128

static long futex(int *word, int op, int val, const struct timespec *timeout)
{
	return syscall(SYS_futex, word, op, val, timeout, NULL, 0);
}

static int *shared_word(void)
{
	int *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return w == MAP_FAILED ? NULL : w;
}

/*
 * Forks a child that sleeps on the shared @word (expected value 0) and
 * exits 0 if a FUTEX_WAKE ended its wait.  The timeout only bounds a
 * broken run.
 */
static pid_t fork_waiter(int *word)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct timespec limit = { 5, 0 };

		_exit(futex(word, FUTEX_WAIT, 0, &limit) == 0 ? 0 : 1);
	}
	return pid;
}

/*
 * Wakes waiters on @word until @want of them have been woken in all (a
 * wake only counts waiters actually asleep), for at most about 5 s.
 */
static int wake_until(int *word, int want)
{
	struct timespec ms1 = { 0, 1000 * 1000 };
	int woken = 0, i;

	for (i = 0; i < 5000 && woken < want; i++) {
		long n = futex(word, FUTEX_WAKE, INT_MAX, NULL);

		if (n < 0)
			return -1;
		woken += n;
		if (woken < want)
			nanosleep(&ms1, NULL);
	}
	return woken;
}

static void on_signal(int sig)
{
	(void)sig;
}

static void t_wait_wrong_value_eagain(void)
{
	int word = 1, *shared = shared_word();

	EXPECT_ERRNO(futex(&word, FUTEX_WAIT, 0, NULL), EAGAIN);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, NULL), EAGAIN);
	ASSERT_TRUE(shared != NULL);
	*shared = 5;
	EXPECT_ERRNO(futex(shared, FUTEX_WAIT, 4, NULL), EAGAIN);
	munmap(shared, 4096);
}

static void t_wait_times_out(void)
{
	struct timespec ms10 = { 0, 10 * 1000 * 1000 };
	int word = 0;

	/* The value matches and nobody wakes us. */
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ms10), ETIMEDOUT);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT, 0, &ms10), ETIMEDOUT);
}

static void t_wake_without_waiters(void)
{
	int word = 0;

	EXPECT_EQ(futex(&word, FUTEX_WAKE, 1, NULL), 0);
	EXPECT_EQ(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL), 0);
}

static void t_wake_wakes_child_waiter(void)
{
	int *word = shared_word();
	pid_t pid;

	ASSERT_TRUE(word != NULL);
	*word = 0;
	pid = fork_waiter(word);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wake_until(word, 1), 1);
	EXPECT_EXIT(wait_status(pid), 0);	/* woken, not timed out */
	munmap(word, 4096);
}

static void t_wake_counts_each_waiter_once(void)
{
	int *word = shared_word();
	pid_t a, b;

	ASSERT_TRUE(word != NULL);
	*word = 0;
	a = fork_waiter(word);
	ASSERT_GT(a, 0);
	b = fork_waiter(word);
	ASSERT_GT(b, 0);
	EXPECT_EQ(wake_until(word, 2), 2);
	EXPECT_EQ(futex(word, FUTEX_WAKE, INT_MAX, NULL), 0);	/* none left */
	EXPECT_EXIT(wait_status(a), 0);
	EXPECT_EXIT(wait_status(b), 0);
	munmap(word, 4096);
}

static void t_wait_interrupted_by_signal(void)
{
	struct sigaction sa = { 0 };	/* no SA_RESTART (musl's signal() sets it) */
	struct timespec limit = { 3, 0 };	/* a hang guard, never reached */
	int word = 0;
	pid_t sender;

	sa.sa_handler = on_signal;
	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	sender = start_signaller(SIGUSR1);
	ASSERT_GT(sender, 0);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &limit), EINTR);
	stop_signaller(sender);
	signal(SIGUSR1, SIG_DFL);
}

static void t_argument_errors(void)
{
	int words[2] = { 0, 0 };
	struct timespec bad = { 0, 1000 * 1000 * 1000 };

	EXPECT_ERRNO(futex((int *)((char *)words + 1), FUTEX_WAIT, 0, NULL), EINVAL);
	EXPECT_ERRNO(futex((int *)((char *)words + 2), FUTEX_WAKE, 1, NULL), EINVAL);
	EXPECT_ERRNO(futex(words, FUTEX_WAIT, 0, &bad), EINVAL);
	EXPECT_ERRNO(futex(words, 99, 0, NULL), ENOSYS);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_wait_wrong_value_eagain, t_wait_times_out,
		t_wake_without_waiters, t_wake_wakes_child_waiter,
		t_wake_counts_each_waiter_once, t_wait_interrupted_by_signal,
		t_argument_errors));
}
