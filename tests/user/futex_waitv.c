/*
 * futex_waitv: one wait on several futexes.  A FUTEX_WAKE on any of the
 * words ends it with that word's index, private waiters by a private
 * wake and shared ones by another process's; a word that no longer holds
 * its value is EAGAIN; an absolute deadline on CLOCK_MONOTONIC or
 * CLOCK_REALTIME is ETIMEDOUT; a signal is EINTR; and the argument
 * errors in Linux's order (EINVAL for the call's flags and count, the
 * clock and the time, then each element's flags, reserved field and
 * alignment, EFAULT for an unreadable array or word).
 */
#define _GNU_SOURCE
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "time_util.h"

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
/* From <linux/futex.h>, which musl's include path does not have. */
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_32_		2

struct waitv {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
};

static long futex_waitv(struct waitv *w, unsigned int n, unsigned int flags,
			struct timespec *timeout, clockid_t clock)
{
	return syscall(SYS_futex_waitv, w, n, flags, timeout, clock);
}

static long wake(uint32_t *word, int op)
{
	return syscall(SYS_futex, word, op, INT_MAX, NULL, NULL, 0);
}

static void set(struct waitv *w, uint32_t *word, uint32_t val, uint32_t flags)
{
	*w = (struct waitv){ .val = val, .uaddr = (uintptr_t)word, .flags = flags };
}

static void t_argument_errors(void)
{
	static uint32_t words[2];
	struct waitv w[129];
	struct timespec bad = { 0, 1000000000 }, ok = deadline_in(CLOCK_MONOTONIC, 1000);
	int i;

	for (i = 0; i < 129; i++)
		set(&w[i], &words[0], 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	EXPECT_ERRNO(futex_waitv(w, 1, 1, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex_waitv(w, 0, 0, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex_waitv(w, 129, 0, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex_waitv(NULL, 1, 0, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex_waitv(w, 1, 0, &ok, CLOCK_BOOTTIME), EINVAL);
	EXPECT_ERRNO(futex_waitv(w, 1, 0, &bad, CLOCK_MONOTONIC), EINVAL);
	EXPECT_ERRNO(futex_waitv(w, 1, 0, (struct timespec *)8, CLOCK_MONOTONIC), EFAULT);
	EXPECT_ERRNO(futex_waitv((struct waitv *)8, 1, 0, NULL, 0), EFAULT);
	w[1].flags = FUTEX_PRIVATE_FLAG;			/* no FUTEX_32 */
	EXPECT_ERRNO(futex_waitv(w, 2, 0, NULL, 0), EINVAL);
	w[1].flags = FUTEX_32_ | 0x100;				/* a flag that is not a waiter's */
	EXPECT_ERRNO(futex_waitv(w, 2, 0, NULL, 0), EINVAL);
	set(&w[1], &words[1], 0, FUTEX_32_);
	w[1].reserved = 1;
	EXPECT_ERRNO(futex_waitv(w, 2, 0, NULL, 0), EINVAL);
	set(&w[1], (uint32_t *)((char *)&words[1] + 1), 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	EXPECT_ERRNO(futex_waitv(w, 2, 0, NULL, 0), EINVAL);	/* unaligned */
	set(&w[1], (uint32_t *)8, 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	EXPECT_ERRNO(futex_waitv(w, 2, 0, NULL, 0), EFAULT);
}

static void t_changed_word_is_eagain(void)
{
	uint32_t words[3] = { 0, 0, 7 };
	struct waitv w[3];
	int i;

	for (i = 0; i < 3; i++)
		set(&w[i], &words[i], 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	EXPECT_ERRNO(futex_waitv(w, 3, 0, NULL, 0), EAGAIN);
}

static void t_deadline_is_etimedout(void)
{
	uint32_t words[2] = { 0, 0 };
	struct waitv w[2];
	struct timespec t;

	set(&w[0], &words[0], 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	set(&w[1], &words[1], 0, FUTEX_32_);
	t = deadline_in(CLOCK_MONOTONIC, 20);
	EXPECT_ERRNO(futex_waitv(w, 2, 0, &t, CLOCK_MONOTONIC), ETIMEDOUT);
	t = deadline_in(CLOCK_REALTIME, 20);
	EXPECT_ERRNO(futex_waitv(w, 2, 0, &t, CLOCK_REALTIME), ETIMEDOUT);
	t = (struct timespec){ 0, 0 };				/* long past */
	EXPECT_ERRNO(futex_waitv(w, 2, 0, &t, CLOCK_MONOTONIC), ETIMEDOUT);
}

static uint32_t thread_words[4];
static struct waitv thread_w[4];

static void *waiter(void *arg)
{
	(void)arg;
	return (void *)futex_waitv(thread_w, 4, 0, NULL, 0);
}

/* Wakes @word until a waiter was there to be woken. */
static void wake_until_one(uint32_t *word, int op)
{
	while (wake(word, op) < 1)
		usleep(1000);
}

static void t_wake_returns_the_index(void)
{
	pthread_t t;
	void *ret;
	int i;

	for (i = 0; i < 4; i++)
		set(&thread_w[i], &thread_words[i], 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	ASSERT_EQ(pthread_create(&t, NULL, waiter, NULL), 0);
	wake_until_one(&thread_words[2], FUTEX_WAKE_PRIVATE);
	pthread_join(t, &ret);
	EXPECT_EQ((long)ret, 2);
	/* every word is off the queues: nothing is left to wake */
	for (i = 0; i < 4; i++)
		EXPECT_EQ(wake(&thread_words[i], FUTEX_WAKE_PRIVATE), 0);
}

/* A shared futex (no FUTEX_PRIVATE_FLAG) in shared memory, woken by another process. */
static void t_shared_word_woken_by_another_process(void)
{
	uint32_t *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0), private_word = 0;
	struct waitv w[2];
	pid_t pid;

	ASSERT_TRUE(shared != MAP_FAILED);
	set(&w[0], &private_word, 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	set(&w[1], &shared[1], 0, FUTEX_32_);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		wake_until_one(&shared[1], FUTEX_WAKE);
		_exit(0);
	}
	ASSERT_GT(pid, 0);
	EXPECT_EQ(futex_waitv(w, 2, 0, NULL, 0), 1);
	EXPECT_EXIT(wait_status(pid), 0);
	munmap(shared, 4096);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void t_signal_is_eintr(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 }, old;	/* no SA_RESTART */
	uint32_t word = 0;
	struct waitv w;
	pid_t signaller;

	set(&w, &word, 0, FUTEX_32_ | FUTEX_PRIVATE_FLAG);
	ASSERT_EQ(sigaction(SIGUSR1, &sa, &old), 0);
	signaller = start_signaller(SIGUSR1);
	EXPECT_ERRNO(futex_waitv(&w, 1, 0, NULL, 0), EINTR);
	stop_signaller(signaller);
	sigaction(SIGUSR1, &old, NULL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_argument_errors,
				   t_changed_word_is_eagain,
				   t_deadline_is_etimedout,
				   t_wake_returns_the_index,
				   t_shared_word_woken_by_another_process,
				   t_signal_is_eintr));
}
