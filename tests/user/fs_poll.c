/*
 * fs_poll: poll, ppoll, select and pselect6 over pipes and files.  What
 * is ready is reported at once (POLLIN, POLLOUT, POLLHUP once the writers
 * are gone, POLLERR once the readers are, POLLNVAL for a closed
 * descriptor, nothing for a negative one; a regular file is always
 * readable and writable); a call with nothing ready sleeps until another
 * process makes a descriptor ready, even the last of a hundred (more wait
 * queues than fit in the poll table's first block); a signal ends the
 * sleep with EINTR; ppoll's mask holds only while it waits; select
 * reports by bitmap and fails with EBADF for a closed descriptor in its
 * sets, EINVAL for a negative count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "ns_util.h"	/* wait_sleeping */

static void on_usr1(int sig)
{
	(void)sig;
}

static void t_pipe_events(void)
{
	struct pollfd pfd[2];
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	pfd[0] = (struct pollfd){ .fd = p[0], .events = POLLIN | POLLOUT };
	pfd[1] = (struct pollfd){ .fd = p[1], .events = POLLIN | POLLOUT };
	EXPECT_EQ(poll(pfd, 2, 0), 1);			/* only the write end */
	EXPECT_EQ(pfd[0].revents, 0);
	EXPECT_EQ(pfd[1].revents, POLLOUT);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	EXPECT_EQ(poll(pfd, 2, 0), 2);
	EXPECT_EQ(pfd[0].revents, POLLIN);
	close(p[1]);
	EXPECT_EQ(poll(pfd, 1, 0), 1);			/* data and no writer */
	EXPECT_EQ(pfd[0].revents, POLLIN | POLLHUP);
	pfd[0].events = 0;				/* POLLHUP comes unasked */
	EXPECT_EQ(poll(pfd, 1, 0), 1);
	EXPECT_EQ(pfd[0].revents, POLLHUP);
	close(p[0]);
	ASSERT_EQ(pipe(p), 0);
	close(p[0]);
	pfd[0] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	EXPECT_EQ(poll(pfd, 1, 0), 1);			/* no reader */
	EXPECT_EQ(pfd[0].revents, POLLOUT | POLLERR);
	close(p[1]);
}

static void t_nval_and_negative(void)
{
	struct pollfd pfd[2] = { { .fd = -1, .events = POLLIN }, { .fd = 0, .events = POLLIN } };
	int fd = dup(0);

	ASSERT_GE(fd, 0);
	close(fd);
	pfd[1].fd = fd;
	EXPECT_EQ(poll(pfd, 2, 0), 1);
	EXPECT_EQ(pfd[0].revents, 0);
	EXPECT_EQ(pfd[1].revents, POLLNVAL);
}

static void t_regular_file_always_ready(void)
{
	struct pollfd pfd;
	int fd = open("/proc/self/exe", O_RDONLY);

	ASSERT_GE(fd, 0);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
	EXPECT_EQ(poll(&pfd, 1, -1), 1);
	EXPECT_EQ(pfd.revents, POLLIN | POLLOUT);
	close(fd);
}

/* The child writes to @fd once the parent sleeps (in poll or select), then exits. */
static pid_t write_when_asleep(int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (wait_sleeping(getppid()))
			_exit(2);
		_exit(write(fd, "w", 1) == 1 ? 0 : 1);
	}
	return pid;
}

static void t_sleeps_until_ready(void)
{
	struct pollfd pfd;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = write_when_asleep(p[1]);
	ASSERT_GE(pid, 0);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	EXPECT_EQ(poll(&pfd, 1, -1), 1);
	EXPECT_EQ(pfd.revents, POLLIN);
	EXPECT_EXIT(wait_status(pid), 0);
	close(p[0]);
	close(p[1]);
}

#define MANY	100

/* A hundred pipes: each is one wait queue, more than the table's inline entries. */
static void t_last_of_many_wakes(void)
{
	static struct pollfd pfd[MANY];
	static int p[MANY][2];
	pid_t pid;
	int i;

	for (i = 0; i < MANY; i++) {
		ASSERT_EQ(pipe(p[i]), 0);
		pfd[i] = (struct pollfd){ .fd = p[i][0], .events = POLLIN };
	}
	pid = write_when_asleep(p[MANY - 1][1]);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(poll(pfd, MANY, -1), 1);
	EXPECT_EQ(pfd[MANY - 1].revents, POLLIN);
	EXPECT_EQ(pfd[0].revents, 0);
	EXPECT_EXIT(wait_status(pid), 0);
	for (i = 0; i < MANY; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

/* The child sends SIGUSR1 to the parent once it sleeps. */
static pid_t signal_when_asleep(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (wait_sleeping(getppid()))
			_exit(2);
		_exit(kill(getppid(), SIGUSR1) ? 1 : 0);
	}
	return pid;
}

static void t_signal_interrupts(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };	/* no SA_RESTART */
	struct pollfd pfd;
	fd_set rd;
	int p[2];
	pid_t pid;

	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	ASSERT_EQ(pipe(p), 0);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pid = signal_when_asleep();
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(poll(&pfd, 1, -1), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	pid = signal_when_asleep();
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(select(p[0] + 1, &rd, NULL, NULL, NULL), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

static volatile sig_atomic_t usr1_seen;

static void count_usr1(int sig)
{
	(void)sig;
	usr1_seen++;
}

/* ppoll unblocks SIGUSR1 only while it waits: the pending one interrupts it at once. */
static void t_ppoll_mask(void)
{
	struct sigaction sa = { .sa_handler = count_usr1 };
	struct timespec zero = { 0, 0 };
	sigset_t block, during, now;
	struct pollfd pfd;
	int p[2];

	ASSERT_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	ASSERT_EQ(pipe(p), 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	ASSERT_EQ(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	usr1_seen = 0;
	raise(SIGUSR1);
	EXPECT_EQ(usr1_seen, 0);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	EXPECT_EQ(ppoll(&pfd, 1, &zero, NULL), 0);	/* still blocked: no interruption */
	sigemptyset(&during);
	EXPECT_ERRNO(ppoll(&pfd, 1, NULL, &during), EINTR);
	EXPECT_EQ(usr1_seen, 1);
	sigprocmask(SIG_SETMASK, NULL, &now);
	EXPECT_TRUE(sigismember(&now, SIGUSR1));	/* the mask is back */
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}

static void t_select_sets(void)
{
	struct timeval tv = { 0, 0 };
	fd_set rd, wr, ex;
	int p[2], fd;

	ASSERT_EQ(pipe(p), 0);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	FD_SET(p[0], &ex);
	EXPECT_EQ(select(p[1] + 1, &rd, &wr, &ex, &tv), 1);
	EXPECT_TRUE(!FD_ISSET(p[0], &rd));
	EXPECT_TRUE(FD_ISSET(p[1], &wr));
	EXPECT_TRUE(!FD_ISSET(p[0], &ex));
	EXPECT_EQ(write(p[1], "x", 1), 1);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	EXPECT_EQ(select(p[1] + 1, &rd, &wr, NULL, &tv), 2);
	EXPECT_TRUE(FD_ISSET(p[0], &rd));
	fd = dup(0);
	ASSERT_GE(fd, 0);
	close(fd);
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	EXPECT_ERRNO(select(fd + 1, &rd, NULL, NULL, &tv), EBADF);
	EXPECT_ERRNO(select(-1, NULL, NULL, NULL, &tv), EINVAL);
	close(p[0]);
	close(p[1]);
}

static void t_select_sleeps_until_ready(void)
{
	fd_set rd;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = write_when_asleep(p[1]);
	ASSERT_GE(pid, 0);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	EXPECT_EQ(select(p[0] + 1, &rd, NULL, NULL, NULL), 1);
	EXPECT_TRUE(FD_ISSET(p[0], &rd));
	EXPECT_EXIT(wait_status(pid), 0);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_pipe_events, t_nval_and_negative, t_regular_file_always_ready,
				   t_sleeps_until_ready, t_last_of_many_wakes, t_signal_interrupts,
				   t_ppoll_mask, t_select_sets, t_select_sleeps_until_ready));
}
