/*
 * futex_ops: the futex operations beyond WAIT and WAKE that C libraries
 * use.  FUTEX_WAIT_BITSET's absolute deadline on CLOCK_REALTIME (what
 * glibc's condition variables and timed locks pass) or CLOCK_MONOTONIC,
 * and FUTEX_CLOCK_REALTIME refused (ENOSYS) with plain FUTEX_WAIT;
 * FUTEX_WAKE_BITSET waking only the waiters whose bitset meets its own;
 * FUTEX_WAKE with a count of 0 still waking one, as Linux counts;
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE moving waiters to another word
 * (EAGAIN when the word changed, EINVAL for negative counts);
 * FUTEX_WAKE_OP's operation on the second word and its test.  The
 * waiters are children of a fork sleeping on a MAP_SHARED page (shared
 * futexes, keyed by page); a child is known to sleep when /proc says
 * so.  Deadlines only bound broken runs, except in the timeout cases,
 * which check the wait ended after its deadline.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "time_util.h"
#include "child.h"

/* From <linux/futex.h>, which musl's include path does not have. */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) | (((oparg) & 0xfff) << 12) | \
	 ((cmparg) & 0xfff))
#define FUTEX_OP_SET		0
#define FUTEX_OP_ADD		1
#define FUTEX_OP_OR		2
#define FUTEX_OP_OPARG_SHIFT	8
#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_GT		4

static long futex(uint32_t *word, int op, uint32_t val, const struct timespec *timeout,
		  uint32_t *word2, uint32_t val3)
{
	return syscall(SYS_futex, word, op, val, timeout, word2, val3);
}

/* FUTEX_WAKE_OP and the requeues take a count where the timeout goes. */
static long futex2(uint32_t *word, int op, uint32_t val, unsigned long val2, uint32_t *word2,
		   uint32_t val3)
{
	return syscall(SYS_futex, word, op, val, val2, word2, val3);
}

static uint32_t *shared_words(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : memset(p, 0, 4096);
}

/* The state letter /proc/PID/stat gives @pid, or 0. */
static char proc_state(pid_t pid)
{
	char path[64], buf[256], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Waits (about 10 s at most) until @pid sleeps: its futex wait, the only place it can. */
static int wait_asleep(pid_t pid)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 10000; i++) {
		if (proc_state(pid) == 'S')
			return 1;
		nanosleep(&ms, NULL);
	}
	return 0;
}

/*
 * A child that waits on @word (expected 0) with @bitset and exits 0 if
 * it was woken, 1 on any other end.  The timeout only bounds a broken
 * run; it returns once the child sleeps.
 */
static pid_t waiter(uint32_t *word, uint32_t bitset)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct timespec limit;

		clock_gettime(CLOCK_MONOTONIC, &limit);
		limit.tv_sec += 20;
		_exit(futex(word, FUTEX_WAIT_BITSET, 0, &limit, NULL, bitset) == 0 ? 0 : 1);
	}
	if (pid > 0 && !wait_asleep(pid))
		KTAP_FAIL("child %d never slept", pid);
	return pid;
}

/* The child's exit status: 0 if its wait was woken. */
static int woken(pid_t pid)
{
	int status = wait_status(pid);

	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void expect_deadline(clockid_t clock, int flags)
{
	uint32_t word = 0;
	struct timespec deadline, now;

	deadline = deadline_in(clock, 20);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | flags, 0, &deadline,
			   NULL, ~0u), ETIMEDOUT);
	clock_gettime(clock, &now);
	EXPECT_TRUE(timespec_reached(&now, &deadline));
	deadline.tv_sec = deadline.tv_nsec = 0;	/* the clock's epoch, long past: at once */
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | flags, 0, &deadline,
			   NULL, ~0u), ETIMEDOUT);
}

static void t_wait_bitset_realtime_deadline(void)
{
	expect_deadline(CLOCK_REALTIME, FUTEX_CLOCK_REALTIME);
}

static void t_wait_bitset_monotonic_deadline(void)
{
	expect_deadline(CLOCK_MONOTONIC, 0);
}

static void t_clock_realtime_only_for_bitset_waits(void)
{
	struct timespec ts = { 0, 1000 };
	uint32_t word = 0;

	EXPECT_ERRNO(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &ts, NULL, 0), ENOSYS);
	EXPECT_ERRNO(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET, 0, &ts, NULL, 0), EINVAL);	/* no bits */
	EXPECT_ERRNO(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL);
}

static void t_wake_bitset_selects_waiters(void)
{
	uint32_t *w = shared_words();
	pid_t a, b;

	ASSERT_TRUE(w != NULL);
	a = waiter(w, 1);
	b = waiter(w, 2);
	EXPECT_EQ(futex(w, FUTEX_WAKE_BITSET, 10, NULL, NULL, 4), 0);	/* neither */
	EXPECT_EQ(futex(w, FUTEX_WAKE_BITSET, 10, NULL, NULL, 2 | 8), 1);	/* b */
	EXPECT_TRUE(woken(b));
	EXPECT_EQ(futex(w, FUTEX_WAKE, 10, NULL, NULL, 0), 1);		/* a: any bit */
	EXPECT_TRUE(woken(a));
	munmap(w, 4096);
}

static void t_wake_zero_wakes_one(void)
{
	uint32_t *w = shared_words();
	pid_t a, b;

	ASSERT_TRUE(w != NULL);
	a = waiter(w, ~0u);
	b = waiter(w, ~0u);
	EXPECT_EQ(futex(w, FUTEX_WAKE, 0, NULL, NULL, 0), 1);
	EXPECT_EQ(futex(w, FUTEX_WAKE, 1, NULL, NULL, 0), 1);
	EXPECT_TRUE(woken(a));		/* first come, first woken */
	EXPECT_TRUE(woken(b));
	munmap(w, 4096);
}

/* Three waiters on w[0]: one woken, one moved to w[1], one left. */
static void requeue_three(int op, uint32_t cmpval)
{
	uint32_t *w = shared_words();
	pid_t p[3];
	int i, n = 0;

	ASSERT_TRUE(w != NULL);
	for (i = 0; i < 3; i++)
		p[i] = waiter(&w[0], ~0u);
	EXPECT_EQ(futex2(&w[0], op, 1, 1, &w[1], cmpval), 2);
	EXPECT_EQ(futex(&w[1], FUTEX_WAKE, 10, NULL, NULL, 0), 1);	/* the moved one */
	EXPECT_EQ(futex(&w[0], FUTEX_WAKE, 10, NULL, NULL, 0), 1);	/* the one left */
	for (i = 0; i < 3; i++)
		n += woken(p[i]);
	EXPECT_EQ(n, 3);
	munmap(w, 4096);
}

static void t_requeue(void)
{
	requeue_three(FUTEX_REQUEUE, 0);
}

static void t_cmp_requeue(void)
{
	uint32_t *w = shared_words();
	pid_t p;

	requeue_three(FUTEX_CMP_REQUEUE, 0);
	ASSERT_TRUE(w != NULL);
	p = waiter(&w[0], ~0u);
	w[0] = 5;			/* the word changed since the waiter looked */
	EXPECT_ERRNO(futex2(&w[0], FUTEX_CMP_REQUEUE, 0, 1, &w[1], 0), EAGAIN);
	EXPECT_ERRNO(futex2(&w[0], FUTEX_CMP_REQUEUE, -1, 1, &w[1], 5), EINVAL);
	EXPECT_ERRNO(futex2(&w[0], FUTEX_CMP_REQUEUE, 1, -1, &w[1], 5), EINVAL);
	EXPECT_EQ(futex2(&w[0], FUTEX_CMP_REQUEUE, 1, 0, &w[1], 5), 1);
	EXPECT_TRUE(woken(p));
	munmap(w, 4096);
}

static void t_wake_op(void)
{
	uint32_t *w = shared_words();
	pid_t a, b;

	ASSERT_TRUE(w != NULL);
	a = waiter(&w[0], ~0u);
	b = waiter(&w[1], ~0u);
	/* w[1] += 5, and its waiters woken too if it was 0: it was */
	EXPECT_EQ(futex2(&w[0], FUTEX_WAKE_OP, 1, 1, &w[1],
			 FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 0)), 2);
	EXPECT_EQ(w[1], 5);
	EXPECT_TRUE(woken(a));
	EXPECT_TRUE(woken(b));
	/* w[1] |= 1 << 3, then the test (old value 5 > 7) fails: nobody on w[1] */
	b = waiter(&w[2], ~0u);
	EXPECT_EQ(futex2(&w[2], FUTEX_WAKE_OP, 1, 1, &w[1],
			 FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 3, FUTEX_OP_CMP_GT, 7)), 1);
	EXPECT_EQ(w[1], 13);
	EXPECT_TRUE(woken(b));
	EXPECT_ERRNO(futex2(&w[0], FUTEX_WAKE_OP, 1, 1, &w[1], FUTEX_OP(6, 0, 0, 0)), ENOSYS);
	EXPECT_ERRNO(futex2(&w[0], FUTEX_WAKE_OP, 1, 1, &w[1],
			    FUTEX_OP(FUTEX_OP_SET, 0, 9, 0)), ENOSYS);
	EXPECT_EQ(w[1], 0);		/* the operation ran before the test was refused */
	EXPECT_ERRNO(futex2(&w[0], FUTEX_WAKE_OP, 1, 1, (uint32_t *)8, 0), EFAULT);
	munmap(w, 4096);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_wait_bitset_realtime_deadline,
				   t_wait_bitset_monotonic_deadline,
				   t_clock_realtime_only_for_bitset_waits,
				   t_wake_bitset_selects_waiters, t_wake_zero_wakes_one, t_requeue,
				   t_cmp_requeue, t_wake_op));
}
