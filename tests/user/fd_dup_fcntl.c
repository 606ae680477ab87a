/*
 * fd_dup_fcntl: file descriptors and what they share.  dup takes the
 * lowest free number and shares the file offset and status flags (also
 * with a forked child, which gets a grown table's descriptors and flags)
 * but not FD_CLOEXEC; dup2 and dup3 replace a
 * descriptor (dup3 with the same fd is EINVAL); fcntl F_DUPFD and
 * F_DUPFD_CLOEXEC, F_GETFD/F_SETFD with FD_CLOEXEC honoured by execve,
 * F_GETFL/F_SETFL (O_APPEND, O_NONBLOCK giving EAGAIN on an empty pipe,
 * the access mode fixed); and EBADF/EINVAL for bad descriptors, commands
 * and flags.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define CLOEXEC_FD 50	/* across the exec in t_fd_cloexec_across_execve */
#define KEPT_FD 51

static char path[64];

/* A fresh temporary file holding "abcdef", open read-write. */
static int open_abcdef(void)
{
	int fd;

	snprintf(path, sizeof(path), "/tmp/fd_dup_fcntl.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0 && write(fd, "abcdef", 6) != 6) {
		close(fd);
		fd = -1;
	}
	unlink(path);	/* the open descriptor keeps it alive */
	return fd;
}

/* A descriptor number that is certainly not open. */
static int closed_fd(void)
{
	int fd = open("/dev/null", O_RDONLY);

	close(fd);
	return fd;
}

/* The lowest descriptor number >= @from that is not open. */
static int lowest_free(int from)
{
	while (fcntl(from, F_GETFD) >= 0)
		from++;
	return from;
}

static void t_dup_takes_lowest_free(void)
{
	int want = lowest_free(0), a, b;

	a = open("/dev/null", O_RDONLY);
	EXPECT_EQ(a, want);		/* open takes the lowest free too */
	want = lowest_free(0);
	b = dup(a);
	EXPECT_EQ(b, want);
	ASSERT_GE(b, 0);
	close(a);			/* a hole below b: reused first */
	EXPECT_EQ(dup(b), a);
	close(a);
	close(b);
}

static void t_dup_shares_offset(void)
{
	int a = open_abcdef(), b;
	char c = 0;

	ASSERT_GE(a, 0);
	ASSERT_EQ(lseek(a, 2, SEEK_SET), 2);
	b = dup(a);
	ASSERT_GE(b, 0);
	EXPECT_EQ(read(b, &c, 1), 1);
	EXPECT_EQ(c, 'c');
	EXPECT_EQ(lseek(a, 0, SEEK_CUR), 3);	/* moved through b */
	close(a);
	EXPECT_EQ(read(b, &c, 1), 1);		/* b outlives a */
	EXPECT_EQ(c, 'd');
	close(b);
}

static void t_offset_shared_with_forked_child(void)
{
	int fd = open_abcdef();
	pid_t pid;
	char c = 0;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(read(fd, &c, 2) == 2 ? 0 : 1);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(read(fd, &c, 1), 1);	/* the child's read moved it */
	EXPECT_EQ(c, 'c');
	close(fd);
}

/*
 * A table grown past 64 descriptors is copied by fork up to its last
 * open one: the child has the same descriptors with the same FD_CLOEXEC,
 * the same lowest free number, and its closes are its own.
 */
static void t_fork_copies_a_grown_table(void)
{
	int a = open("/dev/null", O_RDONLY), lowest;
	pid_t pid;

	ASSERT_GE(a, 0);
	ASSERT_EQ(dup2(a, 300), 300);
	ASSERT_EQ(dup2(a, 70), 70);
	ASSERT_EQ(fcntl(300, F_SETFD, FD_CLOEXEC), 0);
	lowest = dup(a);
	ASSERT_GE(lowest, 0);
	close(lowest);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		int ok = fcntl(300, F_GETFD) == FD_CLOEXEC && fcntl(70, F_GETFD) == 0 &&
			 fcntl(299, F_GETFD) == -1 && fcntl(301, F_GETFD) == -1 &&
			 dup(a) == lowest && close(300) == 0;
		_exit(ok ? 0 : 1);
	}
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(fcntl(300, F_GETFD), FD_CLOEXEC);	/* the child's close was its own */
	close(300);
	close(70);
	close(a);
}

static void t_dup_bad_fd(void)
{
	EXPECT_ERRNO(dup(-1), EBADF);
	EXPECT_ERRNO(dup(closed_fd()), EBADF);
	EXPECT_ERRNO(dup(1 << 20), EBADF);
}

static void t_dup2_replaces_target(void)
{
	int a = open_abcdef(), b = open("/dev/null", O_RDONLY);
	char c = 0;

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	ASSERT_EQ(lseek(a, 5, SEEK_SET), 5);
	EXPECT_EQ(dup2(a, b), b);	/* closes /dev/null first */
	EXPECT_EQ(read(b, &c, 1), 1);
	EXPECT_EQ(c, 'f');
	close(a);
	close(b);
}

static void t_dup2_same_fd_and_errors(void)
{
	int a = open("/dev/null", O_RDONLY), gone = closed_fd();

	ASSERT_GE(a, 0);
	EXPECT_EQ(dup2(a, a), a);	/* a no-op that checks a is open */
	EXPECT_ERRNO(dup2(gone, gone), EBADF);
	EXPECT_ERRNO(dup2(-1, a), EBADF);
	EXPECT_ERRNO(dup2(a, -1), EBADF);
	EXPECT_ERRNO(dup2(a, 1 << 30), EBADF);	/* past RLIMIT_NOFILE */
	EXPECT_EQ(fcntl(a, F_GETFD), 0);	/* untouched by the failures */
	close(a);
}

/* The system call: musl's dup3() checks some cases itself, and calls
 * dup2 when no O_CLOEXEC is asked. */
static long sys_dup3(int old, int new, int flags)
{
	return syscall(SYS_dup3, old, new, flags);
}

static void t_dup3(void)
{
	int a = open("/dev/null", O_RDONLY), b = closed_fd();

	ASSERT_GE(a, 0);
	EXPECT_ERRNO(sys_dup3(a, a, 0), EINVAL);	/* unlike dup2 */
	EXPECT_ERRNO(sys_dup3(a, b, O_NONBLOCK), EINVAL);
	EXPECT_ERRNO(sys_dup3(-1, b, 0), EBADF);
	EXPECT_EQ(sys_dup3(a, b, O_CLOEXEC), b);
	EXPECT_EQ(fcntl(b, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(sys_dup3(a, b, 0), b);		/* replaces it */
	EXPECT_EQ(fcntl(b, F_GETFD), 0);
	close(a);
	close(b);
}

static void t_dup_does_not_copy_cloexec(void)
{
	int a = open("/dev/null", O_RDONLY | O_CLOEXEC), b;

	ASSERT_GE(a, 0);
	EXPECT_EQ(fcntl(a, F_GETFD), FD_CLOEXEC);
	b = dup(a);
	EXPECT_EQ(fcntl(b, F_GETFD), 0);	/* a descriptor flag, not shared */
	close(a);
	close(b);
}

static void t_fcntl_dupfd(void)
{
	int a = open("/dev/null", O_RDONLY), b, c, want;

	ASSERT_GE(a, 0);
	want = lowest_free(60);
	b = fcntl(a, F_DUPFD, 60);
	EXPECT_EQ(b, want);		/* the lowest free one >= 60 */
	want = lowest_free(60);
	c = fcntl(a, F_DUPFD_CLOEXEC, 60);
	EXPECT_EQ(c, want);
	EXPECT_EQ(fcntl(b, F_GETFD), 0);
	EXPECT_EQ(fcntl(c, F_GETFD), FD_CLOEXEC);
	EXPECT_ERRNO(fcntl(a, F_DUPFD, -1), EINVAL);
	close(a);
	close(b);
	close(c);
}

static void t_fcntl_setfd_getfd(void)
{
	int a = open("/dev/null", O_RDONLY);

	ASSERT_GE(a, 0);
	EXPECT_EQ(fcntl(a, F_GETFD), 0);
	EXPECT_EQ(fcntl(a, F_SETFD, FD_CLOEXEC), 0);
	EXPECT_EQ(fcntl(a, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(a, F_SETFD, 0), 0);
	EXPECT_EQ(fcntl(a, F_GETFD), 0);
	close(a);
}

static void t_fd_cloexec_across_execve(void)
{
	char *argv[] = { self_exe(), "--fd-check", NULL };
	int a = open("/dev/null", O_RDONLY);
	pid_t pid;

	ASSERT_GE(a, 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		dup2(a, CLOEXEC_FD);
		dup2(a, KEPT_FD);
		fcntl(CLOEXEC_FD, F_SETFD, FD_CLOEXEC);
		execve(self_exe(), argv, argv + 2);
		_exit(127);
	}
	/* --fd-check exits with bit 0 for CLOEXEC_FD open, bit 1 for KEPT_FD. */
	EXPECT_EXIT(wait_status(pid), 2);
	close(a);
}

static void t_fcntl_getfl_access_modes(void)
{
	int r = open("/dev/null", O_RDONLY), w = open("/dev/null", O_WRONLY);
	int rw = open("/dev/null", O_RDWR | O_APPEND);

	ASSERT_GE(r, 0);
	ASSERT_GE(w, 0);
	ASSERT_GE(rw, 0);
	EXPECT_EQ(fcntl(r, F_GETFL) & O_ACCMODE, O_RDONLY);
	EXPECT_EQ(fcntl(w, F_GETFL) & O_ACCMODE, O_WRONLY);
	EXPECT_EQ(fcntl(rw, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_EQ(fcntl(rw, F_GETFL) & O_APPEND, O_APPEND);
	EXPECT_EQ(fcntl(r, F_GETFL) & O_APPEND, 0);
	close(r);
	close(w);
	close(rw);
}

static void t_fcntl_setfl(void)
{
	int fd = open_abcdef();
	char c;

	ASSERT_GE(fd, 0);
	/* O_APPEND on: writes go to the end whatever the offset. */
	EXPECT_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_APPEND, O_APPEND);
	ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
	EXPECT_EQ(write(fd, "g", 1), 1);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), 7);
	EXPECT_EQ(pread(fd, &c, 1, 6), 1);
	EXPECT_EQ(c, 'g');
	/* The access mode cannot be changed this way. */
	EXPECT_EQ(fcntl(fd, F_SETFL, O_RDONLY), 0);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_APPEND, 0);
	close(fd);
}

static void t_o_nonblock_on_pipe_and_dups(void)
{
	int p[2], d;
	char c;

	ASSERT_EQ(pipe(p), 0);
	d = dup(p[0]);
	EXPECT_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	EXPECT_ERRNO(read(p[0], &c, 1), EAGAIN);	/* empty, and not waiting */
	/* A file status flag: shared by the duplicate. */
	EXPECT_EQ(fcntl(d, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	EXPECT_ERRNO(read(d, &c, 1), EAGAIN);
	EXPECT_EQ(fcntl(p[0], F_SETFL, 0), 0);
	EXPECT_EQ(fcntl(d, F_GETFL) & O_NONBLOCK, 0);
	close(p[0]);
	close(p[1]);
	close(d);
}

static void t_fcntl_and_close_errors(void)
{
	int a = open("/dev/null", O_RDONLY), gone = closed_fd();

	ASSERT_GE(a, 0);
	EXPECT_ERRNO(fcntl(gone, F_GETFD), EBADF);
	EXPECT_ERRNO(fcntl(-1, F_GETFL), EBADF);
	EXPECT_ERRNO(fcntl(gone, F_DUPFD, 0), EBADF);
	EXPECT_ERRNO(fcntl(a, 9999), EINVAL);
	EXPECT_EQ(close(a), 0);
	EXPECT_ERRNO(close(a), EBADF);
	EXPECT_ERRNO(close(-1), EBADF);
}

/* The re-executed side of t_fd_cloexec_across_execve. */
static int fd_check(void)
{
	return (fcntl(CLOEXEC_FD, F_GETFD) >= 0) | (fcntl(KEPT_FD, F_GETFD) >= 0) << 1;
}

/*
 * O_PATH keeps only O_PATH, O_DIRECTORY and O_NOFOLLOW of the open flags
 * (Linux's build_open_flags).  An O_PATH|O_ASYNC descriptor of a symlink,
 * whose file has no operations, once crashed the kernel at its close
 * (found by the fuzzer, tools/fuzz).
 */
static void t_o_path_drops_other_flags(void)
{
	char link[64];
	int fd, flags;

	snprintf(link, sizeof(link), "/tmp/fd_dup_fcntl.%d.link", getpid());
	ASSERT_EQ(symlink("nowhere", link), 0);
	fd = open(link, O_PATH | O_NOFOLLOW | O_ASYNC | O_APPEND | O_NONBLOCK);
	ASSERT_GE(fd, 0);
	flags = fcntl(fd, F_GETFL);
	EXPECT_TRUE(flags & O_PATH);
	EXPECT_TRUE(flags & O_NOFOLLOW);
	EXPECT_EQ(flags & (O_ASYNC | O_APPEND | O_NONBLOCK), 0);
	EXPECT_EQ(close(fd), 0);
	fd = open("/", O_PATH | O_ASYNC | O_DIRECTORY);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFL) & (O_PATH | O_DIRECTORY | O_ASYNC), O_PATH | O_DIRECTORY);
	EXPECT_EQ(close(fd), 0);
	unlink(link);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--fd-check"))
		return fd_check();
	self_exe_init(argv[0]);
	return ktap_run(KTAP_CASES(t_dup_takes_lowest_free, t_dup_shares_offset,
		t_offset_shared_with_forked_child, t_fork_copies_a_grown_table, t_dup_bad_fd,
		t_dup2_replaces_target, t_dup2_same_fd_and_errors, t_dup3,
		t_dup_does_not_copy_cloexec, t_fcntl_dupfd, t_fcntl_setfd_getfd,
		t_fd_cloexec_across_execve, t_fcntl_getfl_access_modes,
		t_fcntl_setfl, t_o_nonblock_on_pipe_and_dups,
		t_fcntl_and_close_errors, t_o_path_drops_other_flags));
}
