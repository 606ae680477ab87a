/*
 * tty_ioctl: ioctl as musl's stdio and isatty use it.  TIOCGWINSZ (and
 * any terminal request) on a pipe, a file or /dev/null is ENOTTY, on a bad
 * descriptor EBADF; the generic FIOCLEX/FIONCLEX work on any descriptor
 * and FIONREAD counts the bytes in a pipe; and /dev/console, when it is a
 * terminal, answers TIOCGWINSZ and TCGETS (EFAULT for a bad pointer).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "ktap.h"

#define BAD_PTR ((void *)0xffffffff81000000UL)

static void t_winsize_on_non_tty_enotty(void)
{
	struct winsize ws;
	int p[2], null = open("/dev/null", O_RDWR), dir = open("/tmp", O_RDONLY);

	ASSERT_EQ(pipe(p), 0);
	ASSERT_GE(null, 0);
	ASSERT_GE(dir, 0);
	EXPECT_ERRNO(ioctl(p[0], TIOCGWINSZ, &ws), ENOTTY);
	EXPECT_ERRNO(ioctl(p[1], TIOCGWINSZ, &ws), ENOTTY);
	EXPECT_ERRNO(ioctl(null, TIOCGWINSZ, &ws), ENOTTY);
	EXPECT_ERRNO(ioctl(dir, TIOCGWINSZ, &ws), ENOTTY);
	/* Not a terminal: the argument is never looked at. */
	EXPECT_ERRNO(ioctl(p[0], TIOCGWINSZ, BAD_PTR), ENOTTY);
	close(p[0]);
	close(p[1]);
	close(null);
	close(dir);
}

static void t_unknown_request_enotty(void)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(ioctl(p[0], 0x1234abcd, 0), ENOTTY);
	EXPECT_ERRNO(ioctl(p[0], TCGETS, 0), ENOTTY);
	close(p[0]);
	close(p[1]);
}

static void t_bad_fd_ebadf(void)
{
	struct winsize ws;

	EXPECT_ERRNO(ioctl(-1, TIOCGWINSZ, &ws), EBADF);
	EXPECT_ERRNO(ioctl(1 << 20, TIOCGWINSZ, &ws), EBADF);
}

static void t_isatty_false_for_pipe(void)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	errno = 0;
	EXPECT_EQ(isatty(p[0]), 0);
	EXPECT_EQ(errno, ENOTTY);
	close(p[0]);
	close(p[1]);
}

static void t_fioclex_fionclex(void)
{
	int fd = open("/dev/null", O_RDONLY);

	ASSERT_GE(fd, 0);
	EXPECT_EQ(ioctl(fd, FIOCLEX), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(ioctl(fd, FIONCLEX), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	close(fd);
}

static void t_fionread_on_pipe(void)
{
	int p[2], n = -1;

	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(ioctl(p[0], FIONREAD, &n), 0);
	EXPECT_EQ(n, 0);
	ASSERT_EQ(write(p[1], "hello", 5), 5);
	EXPECT_EQ(ioctl(p[0], FIONREAD, &n), 0);
	EXPECT_EQ(n, 5);
	close(p[0]);
	close(p[1]);
}

static void t_console_winsize(void)
{
	struct winsize ws;
	struct termios tio;
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	if (fd < 0)
		KTAP_SKIP("/dev/console cannot be opened here");
	if (!isatty(fd)) {
		close(fd);
		KTAP_SKIP("/dev/console is not a terminal here");
	}
	memset(&ws, 0xff, sizeof(ws));
	EXPECT_EQ(ioctl(fd, TIOCGWINSZ, &ws), 0);
	EXPECT_NE(ws.ws_row, 0xffff);		/* filled in */
	EXPECT_EQ(ioctl(fd, TCGETS, &tio), 0);
	EXPECT_ERRNO(ioctl(fd, TIOCGWINSZ, BAD_PTR), EFAULT);
	EXPECT_ERRNO(ioctl(fd, TIOCGWINSZ, NULL), EFAULT);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_winsize_on_non_tty_enotty,
		t_unknown_request_enotty, t_bad_fd_ebadf, t_isatty_false_for_pipe,
		t_fioclex_fionclex, t_fionread_on_pipe, t_console_winsize));
}
