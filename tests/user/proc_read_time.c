/*
 * proc_read_time: a /proc/PID file of one show (comm, status) is made when
 * it is read, not when it is opened, as Linux's single_open files: a
 * rename between open and the first read shows; a read that goes on where
 * the last one ended goes on in the same text; a read from elsewhere
 * (lseek to 0, as top does) makes the text again; and once the process is
 * gone, a read of a file opened before fails with ESRCH.  A machine-wide
 * file (/proc/uptime) is made again by a read from its start too, as
 * proc-uptime-001 polls it with pread.
 */
#include "ns_util.h"
#include <sys/prctl.h>
#include <time.h>

#define COMM	"/proc/self/comm"

static void rename_self(const char *name)
{
	prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0);
}

/* What a read of up to @n bytes gives, as a string ("" on error). */
static const char *read_some(int fd, char *buf, size_t n)
{
	ssize_t got = read(fd, buf, n);

	buf[got > 0 ? got : 0] = '\0';
	return buf;
}

static void t_text_is_made_at_the_first_read(void)
{
	char buf[64];
	int fd;

	rename_self("before-open");
	fd = open(COMM, O_RDONLY);
	ASSERT_GE(fd, 0);
	rename_self("after-open");
	EXPECT_STREQ(read_some(fd, buf, sizeof(buf) - 1), "after-open\n");
	close(fd);
}

static void t_a_read_goes_on_in_the_same_text(void)
{
	char buf[64];
	int fd;

	rename_self("abcdefgh");
	fd = open(COMM, O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_STREQ(read_some(fd, buf, 3), "abc");
	rename_self("zyxwvuts");
	EXPECT_STREQ(read_some(fd, buf, sizeof(buf) - 1), "defgh\n");
	EXPECT_STREQ(read_some(fd, buf, sizeof(buf) - 1), "");
	close(fd);
}

static void t_a_read_from_the_start_makes_it_again(void)
{
	char buf[64];
	int fd;

	rename_self("first");
	fd = open(COMM, O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_STREQ(read_some(fd, buf, sizeof(buf) - 1), "first\n");
	rename_self("second");
	EXPECT_STREQ(read_some(fd, buf, sizeof(buf) - 1), "");
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_STREQ(read_some(fd, buf, sizeof(buf) - 1), "second\n");
	buf[0] = '\0';
	EXPECT_EQ(pread(fd, buf, sizeof(buf) - 1, 0), 7);
	close(fd);
}

/* /proc/uptime's first number, in hundredths of a second, read at offset 0. */
static long uptime_at_0(int fd)
{
	char buf[64];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	unsigned long secs, hundredths;

	buf[n > 0 ? n : 0] = '\0';
	if (sscanf(buf, "%lu.%2lu", &secs, &hundredths) != 2)
		return -1;
	return secs * 100 + hundredths;
}

static void t_a_machine_wide_file_is_made_again_from_its_start(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	int fd = open("/proc/uptime", O_RDONLY);
	long first, second;

	ASSERT_GE(fd, 0);
	first = uptime_at_0(fd);
	ASSERT_GE(first, 0);
	nanosleep(&ts, NULL);
	second = uptime_at_0(fd);
	EXPECT_GE(second, first + 4);
	close(fd);
}

static void t_a_read_after_the_process_is_gone_fails(void)
{
	char path[64], buf[64];
	pid_t pid = fork();
	int fd;

	if (pid == 0) {
		pause();
		_exit(0);
	}
	ASSERT_GT(pid, 0);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	fd = open(path, O_RDONLY);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), -1);
	EXPECT_EQ(errno, ESRCH);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_text_is_made_at_the_first_read,
				   t_a_read_goes_on_in_the_same_text,
				   t_a_read_from_the_start_makes_it_again,
				   t_a_machine_wide_file_is_made_again_from_its_start,
				   t_a_read_after_the_process_is_gone_fails));
}
