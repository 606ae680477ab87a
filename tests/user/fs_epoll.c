/*
 * fs_epoll: epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2.
 * Level-triggered items are reported as long as they are ready, edge-
 * triggered ones once per change, one-shot ones once until re-armed with
 * EPOLL_CTL_MOD; the user's data comes back with the events; EPOLLHUP
 * and EPOLLERR come unasked.  A wait sleeps until another process makes
 * an item ready, or a timeout, or a signal (EINTR); epoll_pwait's mask
 * holds only meanwhile.  The last close of a watched file takes it out of
 * the set; a dup keeps it in.  Sets nest (a set is readable when an item
 * of it is), but never into themselves (ELOOP) nor deeper than Linux's
 * limit (ELOOP).  eventfds, timerfds and signalfds wake sets too, and a
 * set watching a signalfd survives the exit of the process whose signal
 * queue it was hooked on.  Every errno of the checks, in Linux's order,
 * and fdinfo's item lines.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "fd_util.h"

#define CAP_BLOCK_SUSPEND	36

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int mod(int ep, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/* One wait with @timeout ms: the number of events, the first in *@ev. */
static int wait1(int ep, struct epoll_event *ev, int timeout)
{
	return epoll_wait(ep, ev, 1, timeout);
}

static void close2(int p[2])
{
	close(p[0]);
	close(p[1]);
}

static void t_create(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	char buf[64];

	ASSERT_GE(ep, 0);
	EXPECT_EQ(fcntl(ep, F_GETFD), FD_CLOEXEC);
	EXPECT_STREQ(fd_link(ep, buf, sizeof(buf)), "anon_inode:[eventpoll]");
	close(ep);
	EXPECT_ERRNO(epoll_create1(1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_epoll_create, 0), EINVAL);	/* musl's wrapper does not ask */
	EXPECT_ERRNO(syscall(SYS_epoll_create, -1), EINVAL);
	ep = syscall(SYS_epoll_create, 1);
	EXPECT_GE(ep, 0);
	EXPECT_EQ(fcntl(ep, F_GETFD), 0);
	close(ep);
	EXPECT_GT(read_number("/proc/sys/fs/epoll/max_user_watches"), 0);
}

static void t_ctl_errors(void)
{
	int ep = epoll_create1(0), p[2], file, bad = 999;
	struct epoll_event ev = { .events = EPOLLIN };

	ASSERT_GE(ep, 0);
	ASSERT_EQ(pipe(p), 0);
	file = open("/proc/self/exe", O_RDONLY);
	ASSERT_GE(file, 0);
	EXPECT_ERRNO(epoll_ctl(bad, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, bad, &ev), EBADF);
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev), EPERM);	/* cannot be polled */
	EXPECT_ERRNO(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);	/* not a set */
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);	/* itself */
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL), EFAULT);
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
	EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), 0);
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	EXPECT_ERRNO(epoll_ctl(ep, 0, p[0], &ev), EINVAL);
	EXPECT_ERRNO(epoll_ctl(ep, 4, p[0], &ev), EINVAL);
	EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0);	/* DEL reads no event */
	EXPECT_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
	close(file);
	close2(p);
	close(ep);
}

static void t_exclusive_rules(void)
{
	int ep = epoll_create1(0), inner = epoll_create1(0), p[2];

	ASSERT_GE(ep, 0);
	ASSERT_GE(inner, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0), EINVAL);
	EXPECT_ERRNO(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLPRI, 0), EINVAL);
	EXPECT_ERRNO(add(ep, inner, EPOLLIN | EPOLLEXCLUSIVE, 0), EINVAL);
	EXPECT_EQ(add(ep, p[0], EPOLLIN, 0), 0);
	EXPECT_ERRNO(mod(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0), EINVAL);
	EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), 0);
	EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLET, 0), 0);
	EXPECT_ERRNO(mod(ep, p[0], EPOLLIN, 0), EINVAL);		/* an exclusive item */
	EXPECT_EQ(write(p[1], "x", 1), 1);
	close2(p);
	close(inner);
	close(ep);
}

static void t_wait_errors(void)
{
	int ep = epoll_create1(0), bad = 999;
	struct epoll_event ev;
	struct timespec ts = { 0, 1000000000L };
	sigset_t mask;

	ASSERT_GE(ep, 0);
	sigemptyset(&mask);
	EXPECT_ERRNO(epoll_wait(ep, &ev, 0, 0), EINVAL);
	EXPECT_ERRNO(epoll_wait(ep, &ev, -1, 0), EINVAL);
	EXPECT_ERRNO(epoll_wait(ep, (void *)0xffff800000000000UL, 1, 0), EFAULT);
	EXPECT_ERRNO(epoll_wait(bad, &ev, 1, 0), EBADF);
	EXPECT_ERRNO(epoll_wait(0, &ev, 1, 0), EINVAL);		/* not a set */
	EXPECT_ERRNO(syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &mask, 4), EINVAL);
	EXPECT_ERRNO(syscall(SYS_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8), EINVAL);
	ts.tv_nsec = 0;
	EXPECT_EQ(syscall(SYS_epoll_pwait2, ep, &ev, 1, &ts, NULL, 8), 0);
	EXPECT_EQ(epoll_wait(ep, &ev, 1, 0), 0);
	EXPECT_EQ(epoll_wait(ep, &ev, 1, 5), 0);			/* times out */
	close(ep);
}

static void t_level_triggered(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev[2];

	ASSERT_GE(ep, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(add(ep, p[0], EPOLLIN, 0x1122334455667788ULL), 0);
	EXPECT_EQ(add(ep, p[1], EPOLLOUT, 2), 0);
	EXPECT_EQ(epoll_wait(ep, ev, 2, 0), 1);
	EXPECT_EQ(ev[0].events, EPOLLOUT);
	EXPECT_EQ(ev[0].data.u64, 2);
	EXPECT_EQ(write(p[1], "ab", 2), 2);
	EXPECT_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL), 0);
	EXPECT_EQ(wait1(ep, ev, 0), 1);
	EXPECT_EQ(ev[0].events, EPOLLIN);
	EXPECT_EQ(ev[0].data.u64, 0x1122334455667788ULL);
	EXPECT_EQ(wait1(ep, ev, 0), 1);				/* still ready */
	close(p[1]);
	EXPECT_EQ(wait1(ep, ev, 0), 1);
	EXPECT_EQ(ev[0].events, EPOLLIN | EPOLLHUP);		/* unasked */
	close(p[0]);
	close(ep);
}

static void t_edge_triggered_and_oneshot(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev;

	ASSERT_GE(ep, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLET, 1), 0);
	EXPECT_EQ(write(p[1], "a", 1), 1);
	EXPECT_EQ(wait1(ep, &ev, 0), 1);
	EXPECT_EQ(wait1(ep, &ev, 0), 0);			/* no new edge */
	EXPECT_EQ(write(p[1], "b", 1), 1);
	EXPECT_EQ(wait1(ep, &ev, 0), 1);
	EXPECT_EQ(mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 3), 0);
	EXPECT_EQ(wait1(ep, &ev, 0), 1);			/* ready: reported once */
	EXPECT_EQ(ev.data.u64, 3);
	EXPECT_EQ(wait1(ep, &ev, 0), 0);
	EXPECT_EQ(write(p[1], "c", 1), 1);
	EXPECT_EQ(wait1(ep, &ev, 0), 0);			/* disarmed */
	EXPECT_EQ(mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 4), 0);
	EXPECT_EQ(wait1(ep, &ev, 0), 1);
	EXPECT_EQ(ev.data.u64, 4);
	close2(p);
	close(ep);
}

static int write_to_fd;

static int child_writes(long unused)
{
	(void)unused;
	return write(write_to_fd, "w", 1) == 1 ? 0 : 1;
}

static void t_wait_sleeps_until_ready(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event ev;
	pid_t pid;

	ASSERT_GE(ep, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(add(ep, p[0], EPOLLIN, 9), 0);
	write_to_fd = p[1];
	pid = when_parent_sleeps(child_writes, 0);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(wait1(ep, &ev, -1), 1);
	EXPECT_EQ(ev.data.u64, 9);
	EXPECT_EXIT(wait_status(pid), 0);
	close2(p);
	close(ep);
}

static void t_signal_interrupts_and_pwait_mask(void)
{
	int ep = epoll_create1(0);
	struct epoll_event ev;
	sigset_t usr1, none, now;
	pid_t pid;

	ASSERT_GE(ep, 0);
	usr1_interrupts();
	pid = when_parent_sleeps(kill_parent_usr1, 0);
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(epoll_wait(ep, &ev, 1, -1), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	raise(SIGUSR1);
	EXPECT_EQ(epoll_pwait(ep, &ev, 1, 0, &usr1), 0);	/* still blocked */
	EXPECT_ERRNO(epoll_pwait(ep, &ev, 1, -1, &none), EINTR);
	sigprocmask(SIG_SETMASK, NULL, &now);
	EXPECT_TRUE(sigismember(&now, SIGUSR1));
	EXPECT_TRUE(!is_pending(SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	signal(SIGUSR1, SIG_DFL);
	close(ep);
}

static void t_close_removes_but_dup_keeps(void)
{
	int ep = epoll_create1(0), p[2], d;
	struct epoll_event ev;

	ASSERT_GE(ep, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(add(ep, p[1], EPOLLOUT, 5), 0);
	d = dup(p[1]);
	close(p[1]);
	EXPECT_EQ(wait1(ep, &ev, 0), 1);			/* the file is still open */
	EXPECT_EQ(ev.data.u64, 5);
	EXPECT_EQ(fdinfo_number(ep, "tfd", 10), p[1]);
	close(d);						/* its last reference */
	EXPECT_EQ(wait1(ep, &ev, 0), 0);
	EXPECT_EQ(fdinfo_number(ep, "tfd", 10), -1);		/* no item line */
	close(p[0]);
	close(ep);
}

static void t_nested_sets(void)
{
	int outer = epoll_create1(0), inner = epoll_create1(0), p[2];
	struct epoll_event ev;
	struct pollfd pfd;

	ASSERT_GE(outer, 0);
	ASSERT_GE(inner, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(add(inner, p[0], EPOLLIN, 1), 0);
	EXPECT_EQ(add(outer, inner, EPOLLIN, 2), 0);
	EXPECT_ERRNO(add(inner, outer, EPOLLIN, 3), ELOOP);
	EXPECT_EQ(wait1(outer, &ev, 0), 0);
	pfd = (struct pollfd){ .fd = inner, .events = POLLIN };
	EXPECT_EQ(poll(&pfd, 1, 0), 0);
	EXPECT_EQ(write(p[1], "x", 1), 1);
	EXPECT_EQ(poll(&pfd, 1, 0), 1);
	EXPECT_EQ(pfd.revents, POLLIN);
	EXPECT_EQ(wait1(outer, &ev, 0), 1);
	EXPECT_EQ(ev.data.u64, 2);
	EXPECT_EQ(wait1(inner, &ev, 0), 1);
	EXPECT_EQ(ev.data.u64, 1);
	close2(p);
	close(inner);
	EXPECT_EQ(wait1(outer, &ev, 0), 0);
	close(outer);
}

/* Five sets in a chain are allowed, a sixth is one too deep. */
static void t_nesting_limit(void)
{
	int e[6], i;

	for (i = 0; i < 6; i++)
		ASSERT_GE(e[i] = epoll_create1(0), 0);
	for (i = 1; i < 5; i++)
		EXPECT_EQ(add(e[i], e[i - 1], EPOLLIN, 0), 0);
	EXPECT_ERRNO(add(e[5], e[4], EPOLLIN, 0), ELOOP);
	EXPECT_ERRNO(add(e[0], e[4], EPOLLIN, 0), ELOOP);	/* a loop */
	for (i = 0; i < 6; i++)
		close(e[i]);
}

static void t_eventfd_timerfd_signalfd(void)
{
	int ep = epoll_create1(0), efd, tfd, sfd;
	struct itimerspec t = { .it_value = { 0, 2000000 } };
	struct epoll_event ev;
	sigset_t usr2;
	uint64_t v = 1;

	ASSERT_GE(ep, 0);
	efd = eventfd(0, EFD_NONBLOCK);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	sfd = signalfd(-1, &usr2, SFD_NONBLOCK);
	ASSERT_GE(efd, 0);
	ASSERT_GE(tfd, 0);
	ASSERT_GE(sfd, 0);
	EXPECT_EQ(add(ep, efd, EPOLLIN | EPOLLET, 1), 0);
	EXPECT_EQ(add(ep, tfd, EPOLLIN, 2), 0);
	EXPECT_EQ(add(ep, sfd, EPOLLIN, 3), 0);
	EXPECT_EQ(wait1(ep, &ev, 0), 0);
	EXPECT_EQ(write(efd, &v, sizeof(v)), sizeof(v));
	EXPECT_EQ(wait1(ep, &ev, 0), 1);
	EXPECT_EQ(ev.data.u64, 1);
	EXPECT_EQ(read(efd, &v, sizeof(v)), sizeof(v));
	EXPECT_EQ(timerfd_settime(tfd, 0, &t, NULL), 0);
	EXPECT_EQ(wait1(ep, &ev, -1), 1);			/* 2 ms later */
	EXPECT_EQ(ev.data.u64, 2);
	EXPECT_EQ(read(tfd, &v, sizeof(v)), sizeof(v));
	EXPECT_EQ(kill(getpid(), SIGUSR2), 0);
	EXPECT_EQ(wait1(ep, &ev, -1), 1);
	EXPECT_EQ(ev.data.u64, 3);
	EXPECT_EQ(ev.events, EPOLLIN);
	{
		struct signalfd_siginfo si;

		EXPECT_EQ(read(sfd, &si, sizeof(si)), sizeof(si));
	}
	EXPECT_EQ(wait1(ep, &ev, 0), 0);
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	close(efd);
	close(tfd);
	close(sfd);
	close(ep);
}

/*
 * A child hooks a set on its own signal queue (through a signalfd) and
 * exits while its child keeps the set; once the child is reaped, its
 * signal queue is freed: the set must have let go of it (POLLFREE), and
 * go on working in the grandchild.
 */
static int go[2];	/* the grandchild goes on at its end of file: the child was reaped */

static void grandchild_keeps_set(int ep, int sfd)
{
	struct epoll_event ev;
	char c;

	if (read(go[0], &c, 1) != 0)
		_exit(2);
	if (epoll_wait(ep, &ev, 1, 0) < 0)
		_exit(3);
	if (epoll_ctl(ep, EPOLL_CTL_DEL, sfd, NULL) && errno != ENOENT)
		_exit(4);
	close(sfd);
	close(ep);
	_exit(0);
}

static void child_hooks_and_exits(int out)
{
	int ep = epoll_create1(0), sfd;
	sigset_t usr2;
	pid_t pid;

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sfd = signalfd(-1, &usr2, SFD_NONBLOCK);
	if (ep < 0 || sfd < 0 || add(ep, sfd, EPOLLIN, 0))
		_exit(1);
	pid = fork();
	if (pid == 0)
		grandchild_keeps_set(ep, sfd);
	_exit(pid < 0 || write(out, &pid, sizeof(pid)) != sizeof(pid));
}

static void t_set_outlives_signal_queue(void)
{
	pid_t child, grandchild = 0;
	int out[2];

	ASSERT_EQ(pipe(out), 0);
	ASSERT_EQ(pipe(go), 0);
	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	fflush(stdout);
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		close(go[1]);
		close(out[0]);
		child_hooks_and_exits(out[1]);
	}
	close(out[1]);
	close(go[0]);
	EXPECT_EQ(read(out[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
	close(out[0]);
	EXPECT_EXIT(wait_status(child), 0);	/* reaped: its sighand is gone */
	close(go[1]);
	if (grandchild > 0)
		EXPECT_EXIT(wait_status(grandchild), 0);	/* reparented to us */
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

static void t_wakeup_flag_and_fdinfo(void)
{
	int ep = epoll_create1(0), p[2];
	long long events;
	char buf[256];

	ASSERT_GE(ep, 0);
	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(add(ep, p[0], EPOLLIN | EPOLLWAKEUP | EPOLLET, 0xabc), 0);
	ASSERT_EQ(fdinfo_field(ep, "tfd", buf, sizeof(buf)), 0);
	EXPECT_EQ(atoi(buf), p[0]);
	ASSERT_TRUE(strstr(buf, "events:") != NULL);
	events = strtoll(strstr(buf, "events:") + 7, NULL, 16);
	EXPECT_EQ(events & ~EPOLLWAKEUP, EPOLLIN | EPOLLET | EPOLLERR | EPOLLHUP);
	/* kept only for a holder of CAP_BLOCK_SUSPEND, on a kernel that can suspend */
	EXPECT_TRUE(!(events & EPOLLWAKEUP) || has_cap(CAP_BLOCK_SUSPEND));
	ASSERT_TRUE(strstr(buf, "data:") != NULL);
	EXPECT_EQ(strtoll(strstr(buf, "data:") + 5, NULL, 16), 0xabc);
	EXPECT_TRUE(strstr(buf, " pos:0 ino:") != NULL);
	close2(p);
	close(ep);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_create, t_ctl_errors, t_exclusive_rules, t_wait_errors,
				   t_level_triggered, t_edge_triggered_and_oneshot,
				   t_wait_sleeps_until_ready, t_signal_interrupts_and_pwait_mask,
				   t_close_removes_but_dup_keeps, t_nested_sets, t_nesting_limit,
				   t_eventfd_timerfd_signalfd, t_set_outlives_signal_queue,
				   t_wakeup_flag_and_fdinfo));
}
