/*
 * time_clocks: clock_gettime (CLOCK_MONOTONIC never goes back and moves
 * on across a sleep, CLOCK_REALTIME is after 2020), gettimeofday agreeing
 * with CLOCK_REALTIME, nanosleep (sleeps at least as long as asked,
 * EINVAL for a bad timespec, EINTR with the time remaining).  The kernel
 * paths are called through syscall() so that they are tested even where
 * libc would use the vDSO.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NSEC_PER_SEC 1000000000LL
#define YEAR_2020 1577836800LL	/* 2020-01-01T00:00:00Z */

static int64_t ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

/* The system call itself, never the vDSO. */
static int64_t kernel_clock_ns(clockid_t clock)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clock, &ts))
		return -1;
	return ns(&ts);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void t_monotonic_never_goes_back(void)
{
	int64_t prev = kernel_clock_ns(CLOCK_MONOTONIC), now;
	int i;

	ASSERT_GE(prev, 0);
	for (i = 0; i < 100; i++) {
		now = kernel_clock_ns(CLOCK_MONOTONIC);
		EXPECT_GE(now, prev);
		prev = now;
	}
}

static void t_monotonic_advances_across_sleep(void)
{
	struct timespec ms1 = { 0, 1000 * 1000 };
	int64_t before = kernel_clock_ns(CLOCK_MONOTONIC), after;

	ASSERT_EQ(nanosleep(&ms1, NULL), 0);
	after = kernel_clock_ns(CLOCK_MONOTONIC);
	/* A sleep is never shorter than asked, so the clock moved >= 1 ms. */
	EXPECT_GE(after - before, 1000 * 1000);
}

static void t_timespec_fields_in_range(void)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC };
	struct timespec ts;
	unsigned i;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(syscall(SYS_clock_gettime, clocks[i], &ts), 0);
		EXPECT_GE(ts.tv_nsec, 0);
		EXPECT_LT(ts.tv_nsec, NSEC_PER_SEC);
		EXPECT_GE(ts.tv_sec, 0);
	}
}

static void t_realtime_is_after_2020(void)
{
	EXPECT_GT(kernel_clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC, YEAR_2020);
	EXPECT_GT(time(NULL), YEAR_2020);
}

static void t_libc_clock_agrees_with_kernel(void)
{
	struct timespec ts;
	int64_t before, after;

	/* libc may answer from the vDSO: it must agree with the kernel. */
	before = kernel_clock_ns(CLOCK_MONOTONIC);
	ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	after = kernel_clock_ns(CLOCK_MONOTONIC);
	EXPECT_LE(before, ns(&ts));
	EXPECT_LE(ns(&ts), after);
}

static void t_clock_gettime_bad_clock(void)
{
	struct timespec ts;

	EXPECT_ERRNO(syscall(SYS_clock_gettime, 100, &ts), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_gettime, 16, &ts), EINVAL);
}

static void t_gettimeofday_agrees_with_realtime(void)
{
	struct timeval tv;
	int64_t before, after, us;

	before = kernel_clock_ns(CLOCK_REALTIME);
	ASSERT_EQ(syscall(SYS_gettimeofday, &tv, NULL), 0);
	after = kernel_clock_ns(CLOCK_REALTIME);
	EXPECT_GE(tv.tv_usec, 0);
	EXPECT_LT(tv.tv_usec, 1000000);
	/* The same clock, in microseconds (truncated). */
	us = tv.tv_sec * 1000000LL + tv.tv_usec;
	EXPECT_LE(before / 1000, us);
	EXPECT_LE(us, after / 1000);
}

static void t_gettimeofday_timezone(void)
{
	struct timeval tv;
	struct timezone tz = { -1, -1 };

	EXPECT_EQ(syscall(SYS_gettimeofday, NULL, NULL), 0);	/* both optional */
	EXPECT_EQ(syscall(SYS_gettimeofday, &tv, &tz), 0);
	EXPECT_NE(tz.tz_minuteswest, -1);	/* filled in */
}

static void t_nanosleep_sleeps_at_least_as_asked(void)
{
	struct timespec ms10 = { 0, 10 * 1000 * 1000 };
	int64_t before = kernel_clock_ns(CLOCK_MONOTONIC);

	EXPECT_EQ(syscall(SYS_nanosleep, &ms10, NULL), 0);
	EXPECT_GE(kernel_clock_ns(CLOCK_MONOTONIC) - before, 10 * 1000 * 1000);
}

static void t_nanosleep_zero(void)
{
	struct timespec zero = { 0, 0 };

	EXPECT_EQ(syscall(SYS_nanosleep, &zero, NULL), 0);
}

static void t_nanosleep_einval(void)
{
	struct timespec bad_big = { 0, NSEC_PER_SEC }, bad_neg = { 0, -1 };
	struct timespec bad_sec = { -1, 0 };

	EXPECT_ERRNO(syscall(SYS_nanosleep, &bad_big, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, &bad_neg, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, &bad_sec, NULL), EINVAL);
}

static void t_nanosleep_interrupted_gives_remaining(void)
{
	struct timespec req = { 5, 0 }, rem = { -1, -1 };
	pid_t sender;

	ASSERT_TRUE(signal(SIGUSR1, on_signal) != SIG_ERR);
	sender = start_signaller(SIGUSR1);
	ASSERT_GT(sender, 0);
	/* A handled signal ends the sleep even with SA_RESTART: EINTR. */
	EXPECT_ERRNO(syscall(SYS_nanosleep, &req, &rem), EINTR);
	stop_signaller(sender);
	EXPECT_GE(rem.tv_sec, 0);
	EXPECT_GE(rem.tv_nsec, 0);
	EXPECT_LT(rem.tv_nsec, NSEC_PER_SEC);
	EXPECT_LE(ns(&rem), ns(&req));
	signal(SIGUSR1, SIG_DFL);
}

/* Which clocks clock_nanosleep sleeps on: EINVAL for none, EOPNOTSUPP for one it cannot. */
static void t_clock_nanosleep_clocks(void)
{
	static const clockid_t can[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
					 CLOCK_TAI };
	static const clockid_t cannot[] = { CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW,
					    CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE,
					    CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM };
	struct timespec us1 = { 0, 1000 }, bad = { 0, NSEC_PER_SEC };
	unsigned int i;

	for (i = 0; i < sizeof(can) / sizeof(can[0]); i++)
		EXPECT_EQ(syscall(SYS_clock_nanosleep, can[i], 0, &us1, NULL), 0);
	for (i = 0; i < sizeof(cannot) / sizeof(cannot[0]); i++)
		EXPECT_ERRNO(syscall(SYS_clock_nanosleep, cannot[i], 0, &us1, NULL), EOPNOTSUPP);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, 10, 0, &us1, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, 100, 0, &us1, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, (void *)8, NULL), EFAULT);
	/* the clock is checked before the timespec is read */
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, 100, 0, (void *)8, NULL), EINVAL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_monotonic_never_goes_back,
		t_monotonic_advances_across_sleep, t_timespec_fields_in_range,
		t_realtime_is_after_2020, t_libc_clock_agrees_with_kernel,
		t_clock_gettime_bad_clock, t_gettimeofday_agrees_with_realtime,
		t_gettimeofday_timezone, t_nanosleep_sleeps_at_least_as_asked,
		t_nanosleep_zero, t_nanosleep_einval,
		t_nanosleep_interrupted_gives_remaining, t_clock_nanosleep_clocks));
}
