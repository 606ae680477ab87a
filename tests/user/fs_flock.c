/*
 * fs_flock: flock(2).  Shared locks coexist, an exclusive one excludes
 * every other open file's (EWOULDBLOCK under LOCK_NB); a lock belongs to
 * the open file, so a dup or a forked child shares it and a second flock
 * through it converts it; it goes with the last close of that file, or
 * with LOCK_UN.  A blocked request sleeps until the lock in its way goes,
 * or a signal comes (EINTR).  A process that dies holding a lock frees
 * it.  EINVAL for a bad operation, EBADF for a closed or O_PATH
 * descriptor; LOCK_MAND is ignored.  fdinfo shows the lock.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "fd_util.h"

#define PATH	"/tmp/fs_flock.lock"
#ifndef LOCK_MAND
#define LOCK_MAND	32
#endif

static int open_lockfile(int flags)
{
	return open(PATH, flags | O_CREAT, 0600);
}

static void t_shared_and_exclusive(void)
{
	int a = open_lockfile(O_RDWR), b = open_lockfile(O_RDONLY);

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(flock(a, LOCK_SH), 0);
	EXPECT_EQ(flock(b, LOCK_SH | LOCK_NB), 0);		/* shared with shared */
	EXPECT_ERRNO(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	EXPECT_EQ(flock(a, LOCK_UN), 0);
	EXPECT_EQ(flock(b, LOCK_EX | LOCK_NB), 0);		/* converted: b's own SH is no obstacle */
	EXPECT_ERRNO(flock(a, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	EXPECT_EQ(flock(b, LOCK_SH), 0);			/* back to shared */
	EXPECT_EQ(flock(a, LOCK_SH | LOCK_NB), 0);
	close(a);
	close(b);
	unlink(PATH);
}

static void t_dup_shares_last_close_releases(void)
{
	int a = open_lockfile(O_RDWR), b = open_lockfile(O_RDWR), d;

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(flock(a, LOCK_EX), 0);
	d = dup(a);
	ASSERT_GE(d, 0);
	EXPECT_EQ(flock(d, LOCK_EX | LOCK_NB), 0);		/* the same open file */
	close(a);
	EXPECT_ERRNO(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);	/* d still holds it */
	close(d);
	EXPECT_EQ(flock(b, LOCK_EX | LOCK_NB), 0);
	close(b);
	unlink(PATH);
}

static int lock_fd_for_child;

static void child_shares_and_unlocks(void)
{
	EXPECT_EQ(flock(lock_fd_for_child, LOCK_EX | LOCK_NB), 0);	/* inherited: ours too */
	close(lock_fd_for_child);				/* not the last reference */
}

static void t_fork_shares(void)
{
	int b = open_lockfile(O_RDWR);

	lock_fd_for_child = open_lockfile(O_RDWR);
	ASSERT_GE(lock_fd_for_child, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(flock(lock_fd_for_child, LOCK_EX), 0);
	EXPECT_CHILD_OK(child_shares_and_unlocks);
	EXPECT_ERRNO(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);	/* still held */
	close(lock_fd_for_child);
	EXPECT_EQ(flock(b, LOCK_SH | LOCK_NB), 0);
	close(b);
	unlink(PATH);
}

static int unlock_fd;

static int child_unlocks(long unused)
{
	(void)unused;
	return flock(unlock_fd, LOCK_UN) ? 1 : 0;
}

static void t_blocked_request_waits(void)
{
	int b = open_lockfile(O_RDWR);
	pid_t pid;

	unlock_fd = open_lockfile(O_RDWR);
	ASSERT_GE(unlock_fd, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(flock(unlock_fd, LOCK_SH), 0);
	pid = when_parent_sleeps(child_unlocks, 0);	/* the child shares unlock_fd's file */
	ASSERT_GE(pid, 0);
	EXPECT_EQ(flock(b, LOCK_EX), 0);		/* until the child unlocks */
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_ERRNO(flock(unlock_fd, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	close(unlock_fd);
	close(b);
	unlink(PATH);
}

static void t_signal_interrupts(void)
{
	int a = open_lockfile(O_RDWR), b = open_lockfile(O_RDWR);
	pid_t pid;

	ASSERT_GE(a, 0);
	ASSERT_GE(b, 0);
	EXPECT_EQ(flock(a, LOCK_EX), 0);
	usr1_interrupts();
	pid = when_parent_sleeps(kill_parent_usr1, 0);
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(flock(b, LOCK_SH), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	signal(SIGUSR1, SIG_DFL);
	EXPECT_ERRNO(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);	/* nothing was granted */
	close(a);
	close(b);
	unlink(PATH);
}

static void child_locks_and_dies(void)
{
	int fd = open_lockfile(O_RDWR);

	if (fd < 0 || flock(fd, LOCK_EX))
		_exit(1);
	kill(getpid(), SIGKILL);
}

static void t_death_releases(void)
{
	int b = open_lockfile(O_RDWR);

	ASSERT_GE(b, 0);
	EXPECT_EQ(WTERMSIG(run_in_child(child_locks_and_dies)), SIGKILL);
	EXPECT_EQ(flock(b, LOCK_EX | LOCK_NB), 0);
	close(b);
	unlink(PATH);
}

static void t_errors(void)
{
	int fd = open_lockfile(O_RDWR), path;

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(flock(fd, 0), EINVAL);
	EXPECT_ERRNO(flock(fd, LOCK_NB), EINVAL);
	EXPECT_ERRNO(flock(fd, LOCK_SH | LOCK_EX), EINVAL);
	EXPECT_ERRNO(flock(fd, 16), EINVAL);
	EXPECT_EQ(flock(fd, LOCK_MAND | LOCK_EX), 0);		/* ignored */
	EXPECT_ERRNO(flock(999, LOCK_SH), EBADF);
	path = open(PATH, O_PATH);
	ASSERT_GE(path, 0);
	EXPECT_ERRNO(flock(path, LOCK_SH), EBADF);
	close(path);
	EXPECT_EQ(flock(fd, LOCK_UN), 0);			/* nothing to unlock: fine */
	close(fd);
	unlink(PATH);
}

static void t_fdinfo_lock_line(void)
{
	int fd = open_lockfile(O_RDWR);
	char buf[128], expect[128];
	struct stat st;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(fdinfo_field(fd, "lock", buf, sizeof(buf)), -1);	/* no line yet */
	ASSERT_EQ(flock(fd, LOCK_EX), 0);
	ASSERT_EQ(fdinfo_field(fd, "lock", buf, sizeof(buf)), 0);
	snprintf(expect, sizeof(expect), "\t1: FLOCK  ADVISORY  WRITE %d %02x:%02x:%lu 0 EOF",
		 getpid(), major(st.st_dev), minor(st.st_dev), (unsigned long)st.st_ino);
	EXPECT_STREQ(buf, expect);
	ASSERT_EQ(flock(fd, LOCK_SH), 0);
	ASSERT_EQ(fdinfo_field(fd, "lock", buf, sizeof(buf)), 0);
	EXPECT_TRUE(strstr(buf, "ADVISORY  READ ") != NULL);
	close(fd);
	unlink(PATH);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_shared_and_exclusive, t_dup_shares_last_close_releases,
				   t_fork_shares, t_blocked_request_waits, t_signal_interrupts,
				   t_death_releases, t_errors, t_fdinfo_lock_line));
}
