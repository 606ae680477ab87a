/*
 * kcmp: kcmp(2) says whether two processes share a kernel object.  The
 * same open file behind a dup()ed or inherited descriptor and a new
 * open() of the same path not; an address space, descriptor table, fs
 * and signal handlers shared by clone flags and not by fork; an order
 * (1 or 2) that is antisymmetric and transitive; the file an epoll set
 * watches (KCMP_EPOLL_TFD), also when it watches two files under one
 * number; the errors (ESRCH, EBADF, EINVAL, EFAULT, ENOENT) and EPERM
 * for a process the caller may not look into.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#ifndef SYS_kcmp
#define SYS_kcmp 312
#endif

enum { KCMP_FILE, KCMP_VM, KCMP_FILES, KCMP_FS, KCMP_SIGHAND, KCMP_IO, KCMP_SYSVSEM,
       KCMP_EPOLL_TFD };

struct kcmp_epoll_slot {
	uint32_t efd, tfd, toff;
};

static long kcmp(pid_t pid1, pid_t pid2, int type, unsigned long idx1, unsigned long idx2)
{
	return syscall(SYS_kcmp, pid1, pid2, type, idx1, idx2);
}

static long kcmp_self(int type, unsigned long idx1, unsigned long idx2)
{
	return kcmp(getpid(), getpid(), type, idx1, idx2);
}

static int open_null(void)
{
	return open("/dev/null", O_RDONLY | O_CLOEXEC);
}

static void t_dup_is_the_same_file_a_new_open_is_not(void)
{
	int a = open_null(), b = dup(a), c = open_null();

	ASSERT_GE(a, 0);
	EXPECT_EQ(kcmp_self(KCMP_FILE, a, b), 0);
	EXPECT_EQ(kcmp_self(KCMP_FILE, a, a), 0);
	EXPECT_NE(kcmp_self(KCMP_FILE, a, c), 0);
	/* as Linux's, a descriptor is the low 32 bits of idx */
	EXPECT_EQ(kcmp_self(KCMP_FILE, (1UL << 32) | a, b), 0);
	close(a);
	close(b);
	close(c);
}

/* 1 and 2 order the objects: swapping the two swaps the answer, and it is transitive. */
static void t_order_is_antisymmetric_and_transitive(void)
{
	int fd[4], i, j, k;
	long r[4][4];

	for (i = 0; i < 4; i++)
		ASSERT_GE(fd[i] = open_null(), 0);
	for (i = 0; i < 4; i++)
		for (j = 0; j < 4; j++)
			r[i][j] = kcmp_self(KCMP_FILE, fd[i], fd[j]);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(r[i][i], 0);
		for (j = 0; j < 4; j++) {
			if (i == j)
				continue;
			EXPECT_TRUE(r[i][j] == 1 || r[i][j] == 2);
			EXPECT_EQ(r[i][j] + r[j][i], 3);
			for (k = 0; k < 4; k++)
				if (k != i && k != j && r[i][j] == 1 && r[j][k] == 1)
					EXPECT_EQ(r[i][k], 1);
		}
	}
	for (i = 0; i < 4; i++)
		close(fd[i]);
}

/* A parked child's set-up: a file of its own, at the lowest free number. */
static void open_own_file(void)
{
	open_null();
}

/* A forked child: the inherited file is the same, its tables and spaces are not. */
static void t_fork_shares_files_not_tables(void)
{
	struct parked_child c;
	int inherited_fd = open_null();

	ASSERT_GE(inherited_fd, 0);
	ASSERT_EQ(park_child(&c, NULL), 0);
	EXPECT_EQ(kcmp(getpid(), c.pid, KCMP_FILE, inherited_fd, inherited_fd), 0);
	EXPECT_NE(kcmp(getpid(), c.pid, KCMP_VM, 0, 0), 0);
	EXPECT_NE(kcmp(getpid(), c.pid, KCMP_FILES, 0, 0), 0);
	EXPECT_NE(kcmp(getpid(), c.pid, KCMP_FS, 0, 0), 0);
	EXPECT_NE(kcmp(getpid(), c.pid, KCMP_SIGHAND, 0, 0), 0);
	EXPECT_EQ(kcmp(c.pid, c.pid, KCMP_VM, 0, 0), 0);
	EXPECT_EQ(release_child(&c), 0);
	close(inherited_fd);
}

/* The child's own open (the lowest free number in its copy of our table) is its own file. */
static void t_childs_own_open_is_another_file(void)
{
	struct parked_child c;
	int probe = open_null();	/* the number the child's open() gets, freed below */

	ASSERT_GE(probe, 0);
	close(probe);
	ASSERT_EQ(park_child(&c, open_own_file), 0);
	ASSERT_EQ(probe, open_null());
	EXPECT_NE(kcmp(getpid(), c.pid, KCMP_FILE, probe, probe), 0);
	EXPECT_EQ(kcmp(c.pid, c.pid, KCMP_FILE, probe, probe), 0);
	EXPECT_EQ(release_child(&c), 0);
	close(probe);
}

static pid_t thread_tid;
static int thread_hold[2];

static void *parked_thread(void *arg)
{
	char byte;

	(void)arg;
	__atomic_store_n(&thread_tid, gettid(), __ATOMIC_SEQ_CST);
	while (read(thread_hold[0], &byte, 1) > 0)
		;
	return NULL;
}

/* A thread (by its tid) shares everything a thread shares. */
static void t_thread_shares_everything(void)
{
	pthread_t t;
	int type;

	thread_tid = 0;
	ASSERT_EQ(pipe(thread_hold), 0);
	ASSERT_EQ(pthread_create(&t, NULL, parked_thread, NULL), 0);
	while (!__atomic_load_n(&thread_tid, __ATOMIC_SEQ_CST))
		sched_yield();
	for (type = KCMP_VM; type <= KCMP_SYSVSEM; type++)
		EXPECT_EQ(kcmp(getpid(), thread_tid, type, 0, 0), 0);
	EXPECT_EQ(kcmp(getpid(), thread_tid, KCMP_FILE, thread_hold[0], thread_hold[0]), 0);
	close(thread_hold[1]);
	pthread_join(t, NULL);
	close(thread_hold[0]);
}

/* clone(CLONE_FILES) without CLONE_VM: one table, two address spaces. */
static void t_clone_files_shares_only_the_table(void)
{
	int hold[2];
	pid_t pid;
	char byte;

	ASSERT_EQ(pipe(hold), 0);
	fflush(stdout);
	pid = syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, NULL, NULL, 0);
	if (pid == 0) {
		while (read(hold[0], &byte, 1) > 0)
			;
		_exit(0);
	}
	ASSERT_GT(pid, 0);
	EXPECT_EQ(kcmp(getpid(), pid, KCMP_FILES, 0, 0), 0);
	EXPECT_NE(kcmp(getpid(), pid, KCMP_VM, 0, 0), 0);
	EXPECT_NE(kcmp(getpid(), pid, KCMP_FS, 0, 0), 0);
	close(hold[1]);		/* closes the child's too: it shares the table */
	EXPECT_EQ(wait_status(pid), 0);
	close(hold[0]);
}

static void t_errors(void)
{
	pid_t gone = reaped_pid();
	int fd = open_null();

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(kcmp(gone, getpid(), KCMP_VM, 0, 0), ESRCH);
	EXPECT_ERRNO(kcmp(getpid(), gone, KCMP_VM, 0, 0), ESRCH);
	EXPECT_ERRNO(kcmp(-1, getpid(), KCMP_VM, 0, 0), ESRCH);
	EXPECT_ERRNO(kcmp_self(KCMP_EPOLL_TFD + 1, 0, 0), EINVAL);
	EXPECT_ERRNO(kcmp_self(-1, 0, 0), EINVAL);
	EXPECT_ERRNO(kcmp_self(KCMP_FILE, fd, 1000000), EBADF);
	EXPECT_ERRNO(kcmp_self(KCMP_FILE, 1000000, fd), EBADF);
	EXPECT_ERRNO(kcmp_self(KCMP_FILE, -1UL, fd), EBADF);
	EXPECT_EQ(kcmp_self(KCMP_SYSVSEM, 0, 0), 0);
	EXPECT_EQ(kcmp_self(KCMP_IO, 0, 0), 0);
	close(fd);
}

/* The file epoll set @ep watches as @tfd (the @toff-th of them): 0 if it is @fd's. */
static long epoll_target(int fd, int ep, int tfd, int toff)
{
	struct kcmp_epoll_slot slot = { ep, tfd, toff };

	return kcmp_self(KCMP_EPOLL_TFD, fd, (unsigned long)&slot);
}

/* A file epoll can watch (not /dev/null). */
static int pollable(void)
{
	return eventfd(0, EFD_CLOEXEC);
}

static void t_epoll_target(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = epoll_create1(EPOLL_CLOEXEC), a = pollable(), b = pollable();
	struct kcmp_epoll_slot slot = { ep, a, 0 };

	ASSERT_GE(ep, 0);
	ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev), 0);
	EXPECT_EQ(epoll_target(a, ep, a, 0), 0);
	EXPECT_NE(epoll_target(b, ep, a, 0), 0);
	EXPECT_ERRNO(epoll_target(a, ep, a, 1), ENOENT);
	EXPECT_ERRNO(epoll_target(a, ep, b, 0), ENOENT);
	EXPECT_ERRNO(epoll_target(a, b, a, 0), EINVAL);
	EXPECT_ERRNO(epoll_target(a, 1000000, a, 0), EBADF);
	EXPECT_ERRNO(epoll_target(1000000, ep, a, 0), EBADF);
	EXPECT_ERRNO(kcmp_self(KCMP_EPOLL_TFD, a, 8), EFAULT);
	EXPECT_EQ(kcmp_self(KCMP_EPOLL_TFD, a, (unsigned long)&slot), 0);
	close(a);
	close(b);
	close(ep);
}

/*
 * A set watching two files under one number: file X added as fd n, X
 * kept open elsewhere, then Y put at n and added.  toff 0 and 1 name
 * the two, one each; toff 2 nothing.
 */
static void t_epoll_target_two_files_one_number(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int ep = epoll_create1(EPOLL_CLOEXEC), n = pollable(), x = dup(n), y = pollable();

	ASSERT_GE(y, 0);
	ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, n, &ev), 0);
	ASSERT_EQ(dup2(y, n), n);
	ASSERT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, n, &ev), 0);
	EXPECT_TRUE((epoll_target(x, ep, n, 0) == 0) != (epoll_target(y, ep, n, 0) == 0));
	EXPECT_TRUE((epoll_target(x, ep, n, 1) == 0) != (epoll_target(y, ep, n, 1) == 0));
	EXPECT_TRUE((epoll_target(x, ep, n, 0) == 0) != (epoll_target(x, ep, n, 1) == 0));
	EXPECT_ERRNO(epoll_target(x, ep, n, 2), ENOENT);
	close(n);
	close(x);
	close(y);
	close(ep);
}

static pid_t root_pid;

/* As an unprivileged user: the root-owned parent is out of reach, ourselves not. */
static void kcmp_as_nobody(void)
{
	ASSERT_EQ(setresgid(65534, 65534, 65534), 0);
	ASSERT_EQ(setresuid(65534, 65534, 65534), 0);
	EXPECT_ERRNO(kcmp(getpid(), root_pid, KCMP_VM, 0, 0), EPERM);
	EXPECT_ERRNO(kcmp(root_pid, getpid(), KCMP_VM, 0, 0), EPERM);
	EXPECT_ERRNO(kcmp(root_pid, 999999999, KCMP_VM, 0, 0), ESRCH);
	EXPECT_ERRNO(kcmp(getpid(), getpid(), KCMP_FILE, 0, 1000000), EBADF);
	EXPECT_EQ(kcmp(getpid(), getpid(), KCMP_VM, 0, 0), 0);
}

static void t_needs_access_to_both(void)
{
	if (getuid() != 0)
		KTAP_SKIP("needs root, to become another user");
	root_pid = getpid();
	EXPECT_EQ(run_in_child(kcmp_as_nobody), 0);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_dup_is_the_same_file_a_new_open_is_not,
				   t_order_is_antisymmetric_and_transitive,
				   t_fork_shares_files_not_tables,
				   t_childs_own_open_is_another_file,
				   t_thread_shares_everything,
				   t_clone_files_shares_only_the_table,
				   t_errors,
				   t_epoll_target,
				   t_epoll_target_two_files_one_number,
				   t_needs_access_to_both));
}
