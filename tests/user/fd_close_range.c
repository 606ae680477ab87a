/*
 * fd_close_range: close_range(2).  It closes every open descriptor in a
 * range (past the table is fine), or with CLOSE_RANGE_CLOEXEC only marks
 * them close-on-exec.  With CLOSE_RANGE_UNSHARE a process sharing its
 * table (CLONE_FILES) first gets a private copy, so the other sharers
 * keep their descriptors; without it they lose them too.  EINVAL for an
 * unknown flag or a start past the end.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "ns_util.h"

#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

static int close_range_(unsigned int fd, unsigned int max_fd, unsigned int flags)
{
	return syscall(SYS_close_range, fd, max_fd, flags);
}

static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

static void t_closes_range(void)
{
	int a = dup(0), b = dup(0), c = dup(0);

	ASSERT_GE(a, 0);
	ASSERT_GT(b, a);
	ASSERT_GT(c, b);
	EXPECT_EQ(close_range_(a, b, 0), 0);
	EXPECT_TRUE(!is_open(a));
	EXPECT_TRUE(!is_open(b));
	EXPECT_TRUE(is_open(c));
	EXPECT_EQ(close_range_(c, ~0U, 0), 0);		/* to the end of the table and past */
	EXPECT_TRUE(!is_open(c));
	EXPECT_EQ(close_range_(5000, 6000, 0), 0);	/* nothing there */
	EXPECT_TRUE(is_open(0));
}

static void t_cloexec(void)
{
	int a = dup(0), b = dup(0);

	ASSERT_GE(a, 0);
	ASSERT_GT(b, a);
	EXPECT_EQ(close_range_(a, a, CLOSE_RANGE_CLOEXEC), 0);
	EXPECT_EQ(fcntl(a, F_GETFD), FD_CLOEXEC);		/* still open */
	EXPECT_EQ(fcntl(b, F_GETFD), 0);
	close(a);
	close(b);
}

static void t_errors(void)
{
	EXPECT_ERRNO(close_range_(5, 4, 0), EINVAL);
	EXPECT_ERRNO(close_range_(3, 4, 1), EINVAL);
	EXPECT_ERRNO(close_range_(3, 4, 1U << 3), EINVAL);
	EXPECT_ERRNO(close_range_(5, 4, CLOSE_RANGE_CLOEXEC), EINVAL);
}

/* A CLONE_FILES child runs close_range on descriptor @fd with @flags, then exits. */
static int shared_child_close(int fd, unsigned int flags)
{
	pid_t pid = ns_clone(CLONE_FILES);

	if (pid == 0)
		_exit(close_range_(fd, fd, flags) ? 1 : 0);
	return pid < 0 ? -1 : wait_status(pid);
}

static void t_unshare(void)
{
	int fd = dup(0);

	ASSERT_GE(fd, 0);
	EXPECT_EXIT(shared_child_close(fd, CLOSE_RANGE_UNSHARE), 0);
	EXPECT_TRUE(is_open(fd));			/* the child closed its own copy */
	EXPECT_EXIT(shared_child_close(fd, CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), 0);
	EXPECT_EXIT(shared_child_close(fd, CLOSE_RANGE_CLOEXEC), 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);	/* the shared table */
	EXPECT_EXIT(shared_child_close(fd, 0), 0);
	EXPECT_TRUE(!is_open(fd));
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_closes_range, t_cloexec, t_errors, t_unshare));
}
