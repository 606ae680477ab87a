/*
 * fs_sendfile: sendfile(2) from a file to a file, a pipe and /dev/null;
 * without an offset it reads from the input's position and moves it, with
 * one it reads there, moves the offset and leaves the position alone; the
 * output's position moves.  It stops at the end of the input (0 there),
 * and a full non-blocking pipe is EAGAIN.  EBADF for descriptors not open
 * for reading or writing, ESPIPE for an offset on a pipe, EINVAL for a
 * negative offset, an input that cannot be read so (a pipe, a directory)
 * or an output that cannot be written so (O_APPEND, /dev/full), EFAULT for
 * a bad offset pointer.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"

static char in_path[64], out_path[64];
static int in_fd;

static int open_out(int flags)
{
	return open(out_path, O_RDWR | O_CREAT | O_TRUNC | flags, 0644);
}

/* The first @n bytes of the output file, as a string. */
static const char *out_contents(size_t n)
{
	static char buf[64];
	int fd = open(out_path, O_RDONLY);
	ssize_t r = fd < 0 ? -1 : pread(fd, buf, n, 0);

	close(fd);
	buf[r < 0 ? 0 : r] = 0;
	return buf;
}

static void t_file_to_file_at_the_position(void)
{
	int out = open_out(0);

	ASSERT_GE(out, 0);
	ASSERT_EQ(lseek(in_fd, 0, SEEK_SET), 0);
	EXPECT_EQ(sendfile(out, in_fd, NULL, 4), 4);
	EXPECT_EQ(lseek(in_fd, 0, SEEK_CUR), 4);	/* the input moved */
	EXPECT_EQ(lseek(out, 0, SEEK_CUR), 4);		/* and the output */
	EXPECT_EQ(sendfile(out, in_fd, NULL, 100), 6);	/* up to the end */
	EXPECT_EQ(sendfile(out, in_fd, NULL, 100), 0);
	EXPECT_STREQ(out_contents(20), "0123456789");
	close(out);
}

static void t_file_to_file_at_an_offset(void)
{
	int out = open_out(0);
	off_t off = 2;

	ASSERT_GE(out, 0);
	ASSERT_EQ(lseek(in_fd, 7, SEEK_SET), 7);
	EXPECT_EQ(sendfile(out, in_fd, &off, 3), 3);
	EXPECT_EQ(off, 5);
	EXPECT_EQ(lseek(in_fd, 0, SEEK_CUR), 7);	/* the position did not move */
	EXPECT_STREQ(out_contents(20), "234");
	off = 10;
	EXPECT_EQ(sendfile(out, in_fd, &off, 3), 0);	/* at the end */
	EXPECT_EQ(off, 10);
	close(out);
}

static void t_file_to_pipe_and_dev_null(void)
{
	int p[2], null = open("/dev/null", O_WRONLY);
	off_t off = 0;
	char buf[16] = { 0 };

	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(sendfile(p[1], in_fd, &off, 10), 10);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 10);
	EXPECT_STREQ(buf, "0123456789");
	off = 0;
	ASSERT_GE(null, 0);
	EXPECT_EQ(sendfile(null, in_fd, &off, 10), 10);
	EXPECT_EQ(off, 10);
	close(null);
	close(p[0]);
	close(p[1]);
}

static void t_full_nonblocking_pipe_is_eagain(void)
{
	char block[4096] = { 0 };
	int p[2];
	off_t off = 0;

	ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	while (write(p[1], block, sizeof(block)) > 0)
		;
	EXPECT_ERRNO(sendfile(p[1], in_fd, &off, 10), EAGAIN);
	EXPECT_EQ(off, 0);
	close(p[0]);
	close(p[1]);
}

static void t_errors(void)
{
	int out = open_out(0), p[2], wronly = open(in_path, O_WRONLY), dir = open("/", O_RDONLY);
	off_t off = 0, neg = -1;

	ASSERT_GE(out, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(sendfile(out, -1, NULL, 1), EBADF);
	EXPECT_ERRNO(sendfile(-1, in_fd, NULL, 1), EBADF);
	EXPECT_ERRNO(sendfile(out, wronly, NULL, 1), EBADF);	/* input not readable */
	EXPECT_ERRNO(sendfile(in_fd, in_fd, NULL, 1), EBADF);	/* output not writable */
	EXPECT_ERRNO(sendfile(out, p[0], &off, 1), ESPIPE);	/* no offset in a pipe */
	EXPECT_ERRNO(sendfile(out, in_fd, &neg, 1), EINVAL);
	ASSERT_EQ(write(p[1], "x", 1), 1);
	EXPECT_ERRNO(sendfile(out, p[0], NULL, 1), EINVAL);	/* a pipe cannot be the input */
	EXPECT_ERRNO(sendfile(out, dir, NULL, 1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_sendfile, out, in_fd, (void *)8, 1), EFAULT);
	close(out);
	out = open_out(O_APPEND);
	EXPECT_ERRNO(sendfile(out, in_fd, &off, 1), EINVAL);	/* an appending output */
	close(out);
	out = open("/dev/full", O_WRONLY);
	EXPECT_ERRNO(sendfile(out, in_fd, &off, 1), EINVAL);	/* it takes no spliced data */
	close(dir);
	close(wronly);
	close(out);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	int status;

	snprintf(in_path, sizeof(in_path), "/tmp/fs_sendfile.%d.in", getpid());
	snprintf(out_path, sizeof(out_path), "/tmp/fs_sendfile.%d.out", getpid());
	in_fd = open(in_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (in_fd < 0 || write(in_fd, "0123456789", 10) != 10)
		return 1;
	close(in_fd);
	in_fd = open(in_path, O_RDONLY);
	status = ktap_run(KTAP_CASES(t_file_to_file_at_the_position, t_file_to_file_at_an_offset,
				     t_file_to_pipe_and_dev_null, t_full_nonblocking_pipe_is_eagain,
				     t_errors));
	close(in_fd);
	unlink(in_path);
	unlink(out_path);
	return status;
}
