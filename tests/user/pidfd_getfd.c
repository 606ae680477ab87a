/*
 * pidfd_getfd: taking a duplicate of another process's descriptor.  The
 * new descriptor is the lowest free one, close-on-exec, and the same
 * open file (kcmp, and the file offset the two share); the errors in
 * Linux's order: EINVAL for flags first, EBADF for a file that is no
 * pidfd and for a descriptor not open there, ESRCH once the process has
 * exited (reaped or not), EMFILE for a full table, and EPERM
 * where ptrace would be refused (a non-dumpable process, to a caller
 * without CAP_SYS_PTRACE).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#ifndef SYS_kcmp
#define SYS_kcmp 312
#endif
#define KCMP_FILE 0
#define TARGET_FD 100		/* where the parked children keep their file */

static int pidfd_open(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

static int pidfd_getfd(int pidfd, int fd, unsigned int flags)
{
	return syscall(SYS_pidfd_getfd, pidfd, fd, flags);
}

/* A parked child's set-up: a file of its own at TARGET_FD, offset 3. */
static void open_target(void)
{
	int fd = open("/proc/self/status", O_RDONLY);

	if (dup2(fd, TARGET_FD) != TARGET_FD || lseek(TARGET_FD, 3, SEEK_SET) != 3)
		_exit(3);
	close(fd);
}

static void t_takes_the_same_open_file(void)
{
	struct parked_child c;
	int pidfd, fd, lowest;
	char path[64];

	ASSERT_EQ(park_child(&c, open_target), 0);
	pidfd = pidfd_open(c.pid);
	ASSERT_GE(pidfd, 0);
	lowest = dup(0);
	close(lowest);
	fd = pidfd_getfd(pidfd, TARGET_FD, 0);
	EXPECT_EQ(fd, lowest);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(syscall(SYS_kcmp, getpid(), c.pid, KCMP_FILE, fd, TARGET_FD), 0);
	/* one open file, so one offset: the child's 3, and our move shows there */
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 3);
	EXPECT_EQ(lseek(fd, 7, SEEK_SET), 7);
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", c.pid, TARGET_FD);
	EXPECT_EQ(proc_kb(path, "pos:"), 7);	/* a plain number, read as proc_kb reads one */
	close(fd);
	close(pidfd);
	EXPECT_EQ(release_child(&c), 0);
}

static void t_errors(void)
{
	struct parked_child c;
	int pidfd, devnull = open("/dev/null", O_RDONLY);

	ASSERT_EQ(park_child(&c, open_target), 0);
	pidfd = pidfd_open(c.pid);
	ASSERT_GE(pidfd, 0);
	EXPECT_ERRNO(pidfd_getfd(pidfd, TARGET_FD, 1), EINVAL);
	EXPECT_ERRNO(pidfd_getfd(-1, TARGET_FD, 1), EINVAL);	/* flags are looked at first */
	EXPECT_ERRNO(pidfd_getfd(-1, TARGET_FD, 0), EBADF);
	EXPECT_ERRNO(pidfd_getfd(devnull, TARGET_FD, 0), EBADF);
	EXPECT_ERRNO(pidfd_getfd(pidfd, TARGET_FD + 1, 0), EBADF);
	EXPECT_ERRNO(pidfd_getfd(pidfd, -1, 0), EBADF);
	EXPECT_ERRNO(pidfd_getfd(pidfd, 1 << 30, 0), EBADF);
	EXPECT_EQ(release_child(&c), 0);	/* reaped: its pid is gone */
	EXPECT_ERRNO(pidfd_getfd(pidfd, TARGET_FD, 0), ESRCH);
	close(pidfd);
	close(devnull);
}

/*
 * An exited child, reaped or not, has no descriptors to take: ESRCH, as
 * Debian's Linux 6.1 says (older kernels said EBADF until the reaping).
 */
static void t_exited_is_esrch(void)
{
	siginfo_t si;
	int pidfd;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(0);
	ASSERT_GT(pid, 0);
	pidfd = pidfd_open(pid);
	ASSERT_GE(pidfd, 0);
	ASSERT_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	EXPECT_ERRNO(pidfd_getfd(pidfd, 0, 0), ESRCH);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_ERRNO(pidfd_getfd(pidfd, 0, 0), ESRCH);
	close(pidfd);
}

static int getfd_pidfd;

static void getfd_with_full_table(void)
{
	struct rlimit rl = { 8, 8 };
	int fd;

	ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	for (fd = 0; fd < 8; fd++)
		if (fd != getfd_pidfd && fcntl(fd, F_GETFD) < 0)
			ASSERT_EQ(dup(getfd_pidfd), fd);
	EXPECT_ERRNO(pidfd_getfd(getfd_pidfd, TARGET_FD, 0), EMFILE);
}

static void t_full_table_is_emfile(void)
{
	struct parked_child c;
	int pidfd;

	ASSERT_EQ(park_child(&c, open_target), 0);
	pidfd = pidfd_open(c.pid);
	ASSERT_GE(pidfd, 0);
	/* the pidfd must sit under the limit: at most 7 */
	getfd_pidfd = fcntl(pidfd, F_DUPFD_CLOEXEC, 0);
	ASSERT_GE(getfd_pidfd, 0);
	if (getfd_pidfd >= 8)
		KTAP_SKIP("no descriptor under 8 is free");
	EXPECT_EQ(run_in_child(getfd_with_full_table), 0);
	close(getfd_pidfd);
	close(pidfd);
	EXPECT_EQ(release_child(&c), 0);
}

/* As root with effective uid nobody: no CAP_SYS_PTRACE, real ids still root's. */
static void getfd_as_euid_nobody(void)
{
	int fd;

	ASSERT_EQ(seteuid(65534), 0);
	EXPECT_ERRNO(pidfd_getfd(getfd_pidfd, TARGET_FD, 0), EPERM);
	ASSERT_EQ(seteuid(0), 0);	/* the capability back: allowed again */
	fd = pidfd_getfd(getfd_pidfd, TARGET_FD, 0);
	EXPECT_GE(fd, 0);
	close(fd);
}

/* Same real ids and dumpable: allowed without the capability. */
static void getfd_dumpable_as_euid_nobody(void)
{
	int fd;

	ASSERT_EQ(seteuid(65534), 0);
	fd = pidfd_getfd(getfd_pidfd, TARGET_FD, 0);
	EXPECT_GE(fd, 0);
	close(fd);
}

static void undumpable_target(void)
{
	open_target();
	if (prctl(PR_SET_DUMPABLE, 0))
		_exit(4);
}

/* Parks a target set up by @setup and runs @caller in a child, with the target's pidfd. */
static void getfd_from(void (*setup)(void), void (*caller)(void))
{
	struct parked_child c;

	ASSERT_EQ(park_child(&c, setup), 0);
	getfd_pidfd = pidfd_open(c.pid);
	ASSERT_GE(getfd_pidfd, 0);
	EXPECT_EQ(run_in_child(caller), 0);
	close(getfd_pidfd);
	EXPECT_EQ(release_child(&c), 0);
}

static void t_permission_is_ptraces(void)
{
	if (getuid() != 0)
		KTAP_SKIP("needs root, to drop CAP_SYS_PTRACE by seteuid");
	getfd_from(undumpable_target, getfd_as_euid_nobody);
	getfd_from(open_target, getfd_dumpable_as_euid_nobody);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_takes_the_same_open_file,
				   t_errors,
				   t_exited_is_esrch,
				   t_full_table_is_emfile,
				   t_permission_is_ptraces));
}
