/*
 * pipe_basic: pipe and pipe2.  Bytes come out in order and short reads
 * return what is there; a blocking read waits for a writer; EOF once every
 * writer is closed; writing with no reader gives EPIPE and SIGPIPE (which
 * kills by default); O_CLOEXEC and O_NONBLOCK from pipe2 (EAGAIN on an
 * empty or full pipe); EBADF for the wrong end and EINVAL for bad flags;
 * and a large transfer between two processes arrives intact.  A pipe end
 * reopened through /proc/self/fd/N or /dev/fd/N (a link to /proc/self/fd,
 * as are /dev/stdin, /dev/stdout and /dev/stderr to 0, 1 and 2) opens at
 * once even when the other end is gone: only FIFOs on disk wait for a
 * partner or fail with ENXIO (Linux's fifo_open, is_pipe).  A FIFO opened
 * O_RDWR is one file that a reader and a writer can share: a read blocked
 * on it does not hold up a write through the same file (only regular files
 * and directories serialize their users on the file position).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "ns_util.h"	/* wait_sleeping */

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static void close_pipe(int p[2])
{
	close(p[0]);
	close(p[1]);
}

static void t_pipe_roundtrip(void)
{
	int p[2];
	char buf[16] = { 0 };
	struct stat st;

	ASSERT_EQ(pipe(p), 0);
	EXPECT_NE(p[0], p[1]);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	ASSERT_EQ(fstat(p[0], &st), 0);
	EXPECT_TRUE(S_ISFIFO(st.st_mode));
	EXPECT_EQ(write(p[1], "hello", 5), 5);
	EXPECT_EQ(write(p[1], " you", 4), 4);
	EXPECT_EQ(read(p[0], buf, 3), 3);		/* in order, */
	EXPECT_EQ(read(p[0], buf + 3, sizeof(buf) - 4), 6);	/* then the rest */
	EXPECT_STREQ(buf, "hello you");
	EXPECT_EQ(read(p[0], buf, 0), 0);		/* zero bytes: no wait */
	close_pipe(p);
}

static void t_blocking_read_waits_for_writer(void)
{
	int p[2];
	char c = 0;
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		struct timespec ms20 = { 0, 20 * 1000 * 1000 };

		nanosleep(&ms20, NULL);	/* most likely we are reading by now */
		_exit(write(p[1], "w", 1) == 1 ? 0 : 1);
	}
	close(p[1]);
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT_EQ(c, 'w');
	EXPECT_EXIT(wait_status(pid), 0);
	close(p[0]);
}

static void t_eof_when_all_writers_close(void)
{
	int p[2];
	char c;
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		struct timespec ms20 = { 0, 20 * 1000 * 1000 };

		nanosleep(&ms20, NULL);
		_exit(0);	/* closes the last writer */
	}
	close(p[1]);
	/* The child still holds a write end: this waits for its exit. */
	EXPECT_EQ(read(p[0], &c, 1), 0);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(read(p[0], &c, 1), 0);
	close(p[0]);
}

static void t_epipe_without_reader(void)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	close(p[0]);
	ASSERT_TRUE(signal(SIGPIPE, SIG_IGN) != SIG_ERR);
	EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
}

static void t_sigpipe_handler_and_epipe(void)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	close(p[0]);
	ASSERT_TRUE(signal(SIGPIPE, on_sigpipe) != SIG_ERR);
	sigpipes = 0;
	EXPECT_ERRNO(write(p[1], "x", 1), EPIPE);
	EXPECT_EQ(sigpipes, 1);		/* sent to the writer, and handled */
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
}

static void t_sigpipe_kills_by_default(void)
{
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	close(p[0]);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	EXPECT_KILLED(wait_status(pid), SIGPIPE);
	close(p[1]);
}

static void t_pipe2_cloexec(void)
{
	int p[2];

	ASSERT_EQ(pipe2(p, O_CLOEXEC), 0);
	EXPECT_EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(p[1], F_GETFD), FD_CLOEXEC);
	close_pipe(p);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(fcntl(p[0], F_GETFD), 0);
	close_pipe(p);
}

static void t_pipe2_nonblock(void)
{
	int p[2];
	char c;

	ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	EXPECT_EQ(fcntl(p[1], F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	EXPECT_ERRNO(read(p[0], &c, 1), EAGAIN);
	close_pipe(p);
}

static void t_pipe2_bad_flags(void)
{
	int p[2];

	EXPECT_ERRNO(syscall(SYS_pipe2, p, O_APPEND), EINVAL);
	EXPECT_ERRNO(syscall(SYS_pipe2, p, O_RDWR), EINVAL);
}

static void t_wrong_end_ebadf(void)
{
	int p[2];
	char c;

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(write(p[0], "x", 1), EBADF);
	EXPECT_ERRNO(read(p[1], &c, 1), EBADF);
	close_pipe(p);
}

static void t_full_pipe_nonblocking_write(void)
{
	static char chunk[4096], drain[4096];
	long total = 0, n;
	int p[2];

	ASSERT_EQ(pipe2(p, O_NONBLOCK), 0);
	while ((n = write(p[1], chunk, sizeof(chunk))) > 0 && total < (1 << 24))
		total += n;
	EXPECT_EQ(n, -1);
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_GE(total, 4096);		/* at least PIPE_BUF fits */
	printf("# pipe capacity: %ld bytes\n", total);
	/* Room again once a reader takes some. */
	EXPECT_EQ(read(p[0], drain, sizeof(drain)), sizeof(drain));
	EXPECT_EQ(write(p[1], chunk, 1), 1);
	close_pipe(p);
}

static void t_large_transfer_intact(void)
{
	enum { TOTAL = 256 * 1024, CHUNK = 10000 };
	static unsigned char buf[TOTAL];
	long got = 0, n, bad = 0, i;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		close(p[0]);
		for (i = 0; i < TOTAL; i++)
			buf[i] = (unsigned char)(i % 251);
		for (i = 0; i < TOTAL; i += n) {
			n = write(p[1], buf + i, TOTAL - i < CHUNK ? TOTAL - i : CHUNK);
			if (n <= 0)
				_exit(1);
		}
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf + got, TOTAL - got)) > 0)
		got += n;
	EXPECT_EQ(got, TOTAL);
	for (i = 0; i < got; i++)
		bad += buf[i] != (unsigned char)(i % 251);
	EXPECT_EQ(bad, 0);
	EXPECT_EXIT(wait_status(pid), 0);
	close(p[0]);
}

/* open() of "DIR/N" for descriptor @fd: the new descriptor or -1. */
static int reopen(const char *dir, int fd, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/%d", dir, fd);
	return open(path, flags);
}

/* The write end is gone: the reopened read end reads what is left, then EOF. */
static void t_reopen_read_end_after_writer_left(void)
{
	int p[2], fd;
	char buf[8];

	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(write(p[1], "hi", 2), 2);
	close(p[1]);
	fd = reopen("/proc/self/fd", p[0], O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 2);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	close(p[0]);
}

/* The read end is gone: a nonblocking reopen of the write end is no ENXIO, writing is EPIPE. */
static void t_reopen_write_end_after_reader_left(void)
{
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	int p[2], fd;

	ASSERT_EQ(pipe(p), 0);
	close(p[0]);
	fd = reopen("/proc/self/fd", p[1], O_WRONLY | O_NONBLOCK);
	EXPECT_GE(fd, 0);
	EXPECT_ERRNO(write(fd, "x", 1), EPIPE);
	if (fd >= 0)
		close(fd);
	fd = reopen("/dev/fd", p[1], O_WRONLY);
	EXPECT_GE(fd, 0);
	if (fd >= 0)
		close(fd);
	close(p[1]);
	signal(SIGPIPE, old);
}

static void expect_link(const char *path, const char *target)
{
	char buf[64];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	EXPECT_GT(n, 0);
	buf[n < 0 ? 0 : n] = '\0';
	EXPECT_STREQ(buf, target);
}

/* bash's "cat <(echo hi)": the reader opens /dev/fd/N of a pipe whose writer may have exited. */
static void t_dev_fd_links_reopen_a_pipe(void)
{
	int p[2], fd, saved = dup(0);
	char buf[8];

	expect_link("/dev/fd", "/proc/self/fd");
	expect_link("/dev/stdin", "/proc/self/fd/0");
	expect_link("/dev/stdout", "/proc/self/fd/1");
	expect_link("/dev/stderr", "/proc/self/fd/2");
	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(write(p[1], "hi", 2), 2);
	close(p[1]);
	fd = reopen("/dev/fd", p[0], O_RDONLY);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 2);
	close(fd);
	ASSERT_EQ(dup2(p[0], 0), 0);
	fd = open("/dev/stdin", O_RDONLY);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
	if (fd >= 0)
		close(fd);
	dup2(saved, 0);
	close(saved);
	close(p[0]);
}

/*
 * A reader blocked on a FIFO opened O_RDWR and a writer through the same
 * file: the write goes through and wakes it.  Were the write to wait for
 * the read (a position lock held across the blocked read), the reader is
 * killed after 30 s, which releases the writer and fails the case.
 */
static void t_shared_fifo_reader_does_not_block_writer(void)
{
	char path[64], buf[8] = "";
	pid_t reader, killer;
	int fd, status;

	snprintf(path, sizeof(path), "/tmp/pipe_basic.%d", getpid());
	ASSERT_EQ(mkfifo(path, 0600), 0);
	fd = open(path, O_RDWR);
	unlink(path);
	ASSERT_GE(fd, 0);
	reader = fork();
	if (reader == 0)
		_exit(read(fd, buf, sizeof(buf)) == 3 && !memcmp(buf, "abc", 3) ? 0 : 1);
	ASSERT_GT(reader, 0);
	EXPECT_EQ(wait_sleeping(reader), 0);	/* blocked in its read of the empty FIFO */
	killer = kill_later(reader, 30);
	EXPECT_EQ(write(fd, "abc", 3), 3);
	status = wait_status(reader);
	kill(killer, SIGKILL);
	wait_status(killer);
	EXPECT_EXIT(status, 0);
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_pipe_roundtrip, t_blocking_read_waits_for_writer,
		t_shared_fifo_reader_does_not_block_writer,
		t_eof_when_all_writers_close, t_epipe_without_reader,
		t_sigpipe_handler_and_epipe, t_sigpipe_kills_by_default,
		t_pipe2_cloexec, t_pipe2_nonblock, t_pipe2_bad_flags,
		t_wrong_end_ebadf, t_full_pipe_nonblocking_write,
		t_large_transfer_intact, t_reopen_write_end_after_reader_left,
		t_dev_fd_links_reopen_a_pipe, t_reopen_read_end_after_writer_left));
}
