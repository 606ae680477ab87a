/*
 * fs_timerfd: timerfd_create, timerfd_settime, timerfd_gettime.  A read
 * waits for the timer (EAGAIN with TFD_NONBLOCK, EINTR on a signal) and
 * returns the expirations since the last read as 8 bytes: 1 for a one-shot
 * timer, relative or absolute (one in the past fires at once), and for a
 * periodic one every period that went by, counted when it is read.
 * settime returns the old setting, it_value 0 disarms; gettime reports
 * what is left.  The errors: EINVAL for a clock without timers, unknown
 * flags, a bad timespec, a descriptor that is not a timerfd, fewer than 8
 * bytes; EBADF; EPERM for the alarm clocks without CAP_WAKE_ALARM.  poll
 * says readable once it expired; fdinfo shows the clock, ticks, settime
 * flags and the setting.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "fd_util.h"

#define CAP_WAKE_ALARM	35
#define MS		1000000L

static struct itimerspec its(long value_ns, long interval_ns)
{
	struct itimerspec t = {
		.it_value = { value_ns / 1000000000L, value_ns % 1000000000L },
		.it_interval = { interval_ns / 1000000000L, interval_ns % 1000000000L },
	};

	return t;
}

static uint64_t rd(int fd)
{
	uint64_t v = 0;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? v : 0;
}

static void sleep_ns(long ns)
{
	struct timespec ts = { ns / 1000000000L, ns % 1000000000L };

	while (nanosleep(&ts, &ts))
		;
}

static void t_create_errors(void)
{
	int fd;

	EXPECT_ERRNO(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	EXPECT_ERRNO(timerfd_create(CLOCK_MONOTONIC_RAW, 0), EINVAL);
	EXPECT_ERRNO(timerfd_create(CLOCK_MONOTONIC, 1), EINVAL);
	EXPECT_ERRNO(timerfd_create(-1, 0), EINVAL);
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR | O_NONBLOCK);
	close(fd);
	fd = timerfd_create(CLOCK_BOOTTIME, 0);
	EXPECT_GE(fd, 0);
	close(fd);
	if (has_cap(CAP_WAKE_ALARM)) {
		fd = timerfd_create(CLOCK_BOOTTIME_ALARM, 0);
		EXPECT_GE(fd, 0);
		close(fd);
	} else {
		EXPECT_ERRNO(timerfd_create(CLOCK_BOOTTIME_ALARM, 0), EPERM);
		EXPECT_ERRNO(timerfd_create(CLOCK_REALTIME_ALARM, 0), EPERM);
	}
}

static void t_settime_errors(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec t = its(MS, 0), bad = its(0, 0);
	struct itimerspec cur;

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(timerfd_settime(fd, 4, &t, NULL), EINVAL);
	bad.it_value.tv_nsec = 1000000000L;
	EXPECT_ERRNO(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	bad = its(0, 0);
	bad.it_interval.tv_sec = -1;
	EXPECT_ERRNO(timerfd_settime(fd, 0, &bad, NULL), EINVAL);
	EXPECT_ERRNO(timerfd_settime(0, 0, &t, NULL), EINVAL);	/* not a timerfd */
	EXPECT_ERRNO(timerfd_gettime(0, &cur), EINVAL);
	EXPECT_ERRNO(timerfd_settime(-1, 0, &t, NULL), EBADF);
	EXPECT_ERRNO(timerfd_settime(fd, 0, NULL, NULL), EFAULT);
	EXPECT_ERRNO(timerfd_gettime(fd, NULL), EFAULT);
	close(fd);
}

static void t_one_shot(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec t = its(5 * MS, 0), cur;
	uint32_t small;
	uint64_t v;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(timerfd_gettime(fd, &cur), 0);
	EXPECT_EQ(cur.it_value.tv_sec + cur.it_value.tv_nsec, 0);	/* disarmed */
	EXPECT_ERRNO(read(fd, &small, sizeof(small)), EINVAL);
	EXPECT_EQ(timerfd_settime(fd, 0, &t, NULL), 0);
	EXPECT_EQ(rd(fd), 1);				/* waits 5 ms */
	EXPECT_EQ(timerfd_gettime(fd, &cur), 0);
	EXPECT_EQ(cur.it_value.tv_sec + cur.it_value.tv_nsec, 0);
	EXPECT_EQ(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	EXPECT_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);	/* read: no more */
	close(fd);
}

static void t_absolute(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct timespec now;
	struct itimerspec t = its(0, 0);
	struct pollfd p;

	ASSERT_GE(fd, 0);
	clock_gettime(CLOCK_MONOTONIC, &now);
	t.it_value = now;				/* already past */
	EXPECT_EQ(timerfd_settime(fd, TFD_TIMER_ABSTIME, &t, NULL), 0);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(poll(&p, 1, -1), 1);
	EXPECT_EQ(rd(fd), 1);
	clock_gettime(CLOCK_REALTIME, &now);
	close(fd);
	fd = timerfd_create(CLOCK_REALTIME, 0);
	ASSERT_GE(fd, 0);
	t.it_value = now;
	t.it_value.tv_nsec = (now.tv_nsec + 3 * MS) % 1000000000L;
	t.it_value.tv_sec += (now.tv_nsec + 3 * MS) / 1000000000L;
	EXPECT_EQ(timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &t, NULL), 0);
	EXPECT_EQ(fdinfo_number(fd, "settime flags", 8), 3);
	EXPECT_EQ(rd(fd), 1);
	close(fd);
}

/* A 1 ms period over at least 20 ms: every period is counted, when read. */
static void t_periodic_counts_missed(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec t = its(MS, MS), cur;
	uint64_t n;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(timerfd_settime(fd, 0, &t, NULL), 0);
	sleep_ns(20 * MS);
	n = rd(fd);
	EXPECT_GE(n, 19);
	EXPECT_EQ(timerfd_gettime(fd, &cur), 0);
	EXPECT_EQ(cur.it_interval.tv_nsec, MS);
	EXPECT_LE(cur.it_value.tv_nsec, MS);
	EXPECT_EQ(cur.it_value.tv_sec, 0);
	EXPECT_GE(rd(fd), 1);				/* and it goes on */
	close(fd);
}

static void t_settime_returns_old(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct itimerspec t = its(10000 * MS, 500 * MS), old, zero = its(0, 0);
	uint64_t v;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(timerfd_settime(fd, 0, &t, &old), 0);
	EXPECT_EQ(old.it_value.tv_sec + old.it_value.tv_nsec, 0);
	EXPECT_EQ(timerfd_settime(fd, 0, &zero, &old), 0);	/* disarm */
	EXPECT_EQ(old.it_interval.tv_nsec, 500 * MS);
	EXPECT_LE(old.it_value.tv_sec, 10);
	EXPECT_GE(old.it_value.tv_sec, 8);
	EXPECT_EQ(timerfd_gettime(fd, &old), 0);
	EXPECT_EQ(old.it_value.tv_sec + old.it_value.tv_nsec, 0);
	EXPECT_EQ(old.it_interval.tv_sec + old.it_interval.tv_nsec, 0);
	EXPECT_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	close(fd);
}

static void t_signal_interrupts_read(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec t = its(100000 * MS, 0);
	uint64_t v;
	pid_t pid;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(timerfd_settime(fd, 0, &t, NULL), 0);
	usr1_interrupts();
	pid = when_parent_sleeps(kill_parent_usr1, 0);
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(read(fd, &v, sizeof(v)), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	signal(SIGUSR1, SIG_DFL);
	close(fd);
}

static void t_fdinfo_and_file(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec t = its(50000 * MS, 2 * MS);
	char buf[64];
	uint64_t v;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(timerfd_settime(fd, 0, &t, NULL), 0);
	EXPECT_EQ(fdinfo_number(fd, "clockid", 10), CLOCK_MONOTONIC);
	EXPECT_EQ(fdinfo_number(fd, "ticks", 10), 0);
	EXPECT_EQ(fdinfo_number(fd, "settime flags", 8), 0);
	EXPECT_EQ(fdinfo_field(fd, "it_interval", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, " (0, 2000000)");
	EXPECT_EQ(fdinfo_field(fd, "it_value", buf, sizeof(buf)), 0);
	EXPECT_TRUE(!strncmp(buf, " (49, ", 6) || !strncmp(buf, " (50, ", 6));
	EXPECT_STREQ(fd_link(fd, buf, sizeof(buf)), "anon_inode:[timerfd]");
	EXPECT_EQ(lseek(fd, 9, SEEK_SET), 0);
	EXPECT_ERRNO(pread(fd, &v, sizeof(v), 0), ESPIPE);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_create_errors, t_settime_errors, t_one_shot, t_absolute,
				   t_periodic_counts_missed, t_settime_returns_old,
				   t_signal_interrupts_read, t_fdinfo_and_file));
}
