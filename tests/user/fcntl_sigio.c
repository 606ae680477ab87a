/*
 * fcntl_sigio: signal-driven I/O.  F_SETOWN/F_GETOWN (a process, a
 * process group as a negative number, 0 for none; ESRCH, EINVAL),
 * F_SETOWN_EX/F_GETOWN_EX (a thread, a process, a group), F_GETOWNER_UIDS,
 * F_SETSIG/F_GETSIG.  With O_ASYNC a write to a pipe or a FIFO signals its
 * reading end's owner and a read signals the writing end's: a plain SIGIO
 * from the kernel, or F_SETSIG's signal with si_code POLL_IN/POLL_OUT
 * (SI_SIGIO for a signal with codes of its own), si_fd and si_band.  A
 * group owner signals every member, a thread owner that thread alone;
 * the owner is named in the caller's pid namespace, so one set inside a
 * child namespace is signalled and reads back outside as its outer pid.
 * An owner set by another, unprivileged user is not signalled.  The
 * signals are sent during the write or read, so they are checked as
 * pending right after it.  The terminal's SIGIO is tests/scenarios/sigio_tty.scn,
 * which runs this program with --tty.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define SI_KERNEL_CODE	0x80

/* Takes a pending @sig (blocked) and returns its siginfo. */
static siginfo_t take(int sig)
{
	struct timespec zero = { 0, 0 };
	siginfo_t si = { 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	EXPECT_EQ(sigtimedwait(&set, &si, &zero), sig);
	return si;
}

/* Takes whatever of @sig an earlier case left pending (a close signals too). */
static void drain(int sig)
{
	while (is_pending(sig))
		take(sig);
}

/* @fd gets O_ASYNC (and O_NONBLOCK), its owner @owner, its signal @sig. */
static void make_async(int fd, pid_t owner, int sig)
{
	ASSERT_EQ(fcntl(fd, F_SETOWN, owner), 0);
	ASSERT_EQ(fcntl(fd, F_SETSIG, sig), 0);
	ASSERT_EQ(fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK), 0);
}

static void t_owner_defaults_and_errors(void)
{
	struct f_owner_ex ex = { 99, 99 };
	int p[2], path;

	ASSERT_EQ(pipe(p), 0);
	EXPECT_EQ(fcntl(p[0], F_GETOWN), 0);
	EXPECT_EQ(fcntl(p[0], F_GETSIG), 0);
	ASSERT_EQ(fcntl(p[0], F_GETOWN_EX, &ex), 0);
	EXPECT_EQ(ex.type, F_OWNER_TID);	/* a fresh file's */
	EXPECT_EQ(ex.pid, 0);
	EXPECT_ERRNO(fcntl(p[0], F_SETOWN, 0x3fffff), ESRCH);
	EXPECT_ERRNO(fcntl(p[0], F_SETOWN, INT_MIN), EINVAL);
	ex.type = 7;
	ex.pid = getpid();
	EXPECT_ERRNO(fcntl(p[0], F_SETOWN_EX, &ex), EINVAL);
	ex.type = F_OWNER_PID;
	ex.pid = 0x3fffff;
	EXPECT_ERRNO(fcntl(p[0], F_SETOWN_EX, &ex), ESRCH);
	EXPECT_ERRNO(fcntl(p[0], F_SETOWN_EX, (void *)8), EFAULT);
	EXPECT_ERRNO(fcntl(p[0], F_GETOWN_EX, (void *)8), EFAULT);
	EXPECT_ERRNO(fcntl(p[0], F_SETSIG, 65), EINVAL);
	EXPECT_ERRNO(fcntl(p[0], F_SETSIG, -1), EINVAL);
	EXPECT_EQ(fcntl(p[0], F_SETSIG, 64), 0);
	EXPECT_EQ(fcntl(p[0], F_GETSIG), 64);
	path = open("/", O_PATH);
	ASSERT_GE(path, 0);
	EXPECT_ERRNO(fcntl(path, F_SETOWN, getpid()), EBADF);	/* not for O_PATH */
	EXPECT_ERRNO(fcntl(path, F_GETSIG), EBADF);
	close(path);
	close(p[0]);
	close(p[1]);
}

static void t_setown_getown(void)
{
	struct f_owner_ex ex;
	uid_t uids[2] = { 99, 99 };
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(fcntl(p[0], F_SETOWN, getpid()), 0);
	EXPECT_EQ(fcntl(p[0], F_GETOWN), getpid());
	ASSERT_EQ(fcntl(p[0], F_GETOWN_EX, &ex), 0);
	EXPECT_EQ(ex.type, F_OWNER_PID);
	EXPECT_EQ(ex.pid, getpid());
	ASSERT_EQ(fcntl(p[0], F_GETOWNER_UIDS, uids), 0);
	EXPECT_EQ(uids[0], getuid());
	EXPECT_EQ(uids[1], geteuid());
	ASSERT_EQ(fcntl(p[0], F_SETOWN, -getpgrp()), 0);	/* a group */
	EXPECT_EQ(fcntl(p[0], F_GETOWN), -getpgrp());
	ASSERT_EQ(fcntl(p[0], F_GETOWN_EX, &ex), 0);
	EXPECT_EQ(ex.type, F_OWNER_PGRP);
	EXPECT_EQ(ex.pid, getpgrp());
	ex.type = F_OWNER_TID;
	ex.pid = gettid();
	ASSERT_EQ(fcntl(p[0], F_SETOWN_EX, &ex), 0);
	ex.pid = 0;
	ASSERT_EQ(fcntl(p[0], F_GETOWN_EX, &ex), 0);
	EXPECT_EQ(ex.type, F_OWNER_TID);
	EXPECT_EQ(ex.pid, gettid());
	ASSERT_EQ(fcntl(p[0], F_SETOWN, 0), 0);
	EXPECT_EQ(fcntl(p[0], F_GETOWN), 0);
	close(p[0]);
	close(p[1]);
}

/* A plain SIGIO, from the kernel, for data in and room out; nothing without O_ASYNC. */
static void t_pipe_plain_sigio(void)
{
	char c;
	int p[2];

	block_signal(SIGIO);
	drain(SIGIO);
	ASSERT_EQ(pipe(p), 0);
	make_async(p[0], getpid(), 0);
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ASYNC, O_ASYNC);
	ASSERT_EQ(write(p[1], "x", 1), 1);
	ASSERT_TRUE(is_pending(SIGIO));
	EXPECT_EQ(take(SIGIO).si_code, SI_KERNEL_CODE);
	ASSERT_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);	/* O_ASYNC off */
	EXPECT_EQ(fcntl(p[0], F_GETFL) & O_ASYNC, 0);
	ASSERT_EQ(write(p[1], "y", 1), 1);
	EXPECT_TRUE(!is_pending(SIGIO));
	make_async(p[1], getpid(), 0);	/* the writing end hears of reads */
	ASSERT_EQ(read(p[0], &c, 1), 1);
	EXPECT_TRUE(is_pending(SIGIO));
	take(SIGIO);
	close(p[0]);
	close(p[1]);
}

/* F_SETSIG: the signal carries POLL_IN or POLL_OUT, the descriptor and the band. */
static void t_pipe_setsig_siginfo(void)
{
	siginfo_t si;
	int p[2], rfd, wfd;
	char c;

	block_signal(SIGRTMIN);
	block_signal(SIGRTMIN + 1);
	ASSERT_EQ(pipe(p), 0);
	rfd = dup2(p[0], 20);		/* si_fd is the descriptor O_ASYNC was set on */
	wfd = dup2(p[1], 21);
	make_async(rfd, getpid(), SIGRTMIN);
	make_async(wfd, getpid(), SIGRTMIN + 1);
	ASSERT_EQ(write(p[1], "x", 1), 1);
	si = take(SIGRTMIN);
	EXPECT_EQ(si.si_code, POLL_IN);
	EXPECT_EQ(si.si_fd, 20);
	EXPECT_EQ(si.si_band, POLLIN | POLLRDNORM);
	ASSERT_EQ(read(p[0], &c, 1), 1);
	si = take(SIGRTMIN + 1);
	EXPECT_EQ(si.si_code, POLL_OUT);
	EXPECT_EQ(si.si_fd, 21);
	EXPECT_EQ(si.si_band, POLLOUT | POLLWRNORM | POLLWRBAND);
	drain(SIGRTMIN);
	drain(SIGRTMIN + 1);
	/* SIGIO named explicitly keeps POLL_IN; a signal with codes of its own gets SI_SIGIO */
	ASSERT_EQ(fcntl(rfd, F_SETSIG, SIGIO), 0);
	block_signal(SIGIO);
	drain(SIGIO);
	ASSERT_EQ(write(p[1], "x", 1), 1);
	EXPECT_EQ(take(SIGIO).si_code, POLL_IN);
	ASSERT_EQ(fcntl(rfd, F_SETSIG, SIGCHLD), 0);
	block_signal(SIGCHLD);
	ASSERT_EQ(write(p[1], "x", 1), 1);
	EXPECT_EQ(take(SIGCHLD).si_code, SI_SIGIO);
	drain(SIGRTMIN + 1);
	close(rfd);
	close(wfd);
	close(p[0]);
	close(p[1]);
}

static void t_fifo(void)
{
	char path[64];
	int r, w;

	snprintf(path, sizeof(path), "/tmp/fcntl_sigio.%d", getpid());
	ASSERT_EQ(mkfifo(path, 0600), 0);
	r = open(path, O_RDONLY | O_NONBLOCK);
	w = open(path, O_WRONLY);
	unlink(path);
	ASSERT_GE(r, 0);
	ASSERT_GE(w, 0);
	block_signal(SIGIO);
	drain(SIGIO);
	make_async(r, getpid(), 0);
	ASSERT_EQ(write(w, "x", 1), 1);
	EXPECT_TRUE(is_pending(SIGIO));
	take(SIGIO);
	close(r);
	close(w);
}

/* A group owner: every process of the group, here us and a child. */
static void t_group_owner_signals_every_member(void)
{
	int p[2], go[2];
	pid_t child;
	char c;

	block_signal(SIGIO);			/* the child inherits the mask */
	drain(SIGIO);
	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(pipe(go), 0);
	child = fork();
	if (child == 0) {
		siginfo_t si;
		sigset_t set;

		sigemptyset(&set);
		sigaddset(&set, SIGIO);
		write(go[1], "r", 1);
		_exit(sigwaitinfo(&set, &si) == SIGIO ? 0 : 1);
	}
	ASSERT_GT(child, 0);
	ASSERT_EQ(read(go[0], &c, 1), 1);
	make_async(p[0], -getpgrp(), 0);
	ASSERT_EQ(write(p[1], "x", 1), 1);
	EXPECT_TRUE(is_pending(SIGIO));
	take(SIGIO);
	EXPECT_EQ(wait_status(child), 0);
	close(p[0]);
	close(p[1]);
	close(go[0]);
	close(go[1]);
}

static volatile pid_t owner_tid;
static volatile int thread_state;	/* 1: owner set; 2: write done; 3: signal seen */

static void *thread_owns(void *arg)
{
	int fd = *(int *)arg;
	struct f_owner_ex ex = { F_OWNER_TID, gettid() };

	if (fcntl(fd, F_SETOWN_EX, &ex) == 0)
		thread_state = 1;
	while (thread_state != 2)
		sched_yield();
	if (is_pending(SIGIO))		/* the thread's own pending set */
		thread_state = 3;
	return NULL;
}

/* A thread owner: only that thread gets it. */
static void t_thread_owner(void)
{
	pthread_t th;
	int p[2];

	block_signal(SIGIO);
	drain(SIGIO);
	ASSERT_EQ(pipe(p), 0);
	ASSERT_EQ(fcntl(p[0], F_SETFL, O_ASYNC), 0);
	thread_state = 0;
	ASSERT_EQ(pthread_create(&th, NULL, thread_owns, &p[0]), 0);
	while (!thread_state)
		sched_yield();
	ASSERT_EQ(write(p[1], "x", 1), 1);
	EXPECT_TRUE(!is_pending(SIGIO));	/* not ours */
	thread_state = 2;
	pthread_join(th, NULL);
	EXPECT_EQ(thread_state, 3);
	close(p[0]);
	close(p[1]);
}

static int ns_pipe[2], ns_ready[2], ns_hold[2];

/* Pid 1 of a new pid namespace owns the pipe, by its own number, and is signalled. */
static void owner_inside_namespace(void)
{
	char c;

	EXPECT_EQ(getpid(), 1);
	block_signal(SIGIO);
	make_async(ns_pipe[0], getpid(), 0);
	EXPECT_EQ(fcntl(ns_pipe[0], F_GETOWN), 1);
	ASSERT_EQ(write(ns_pipe[1], "x", 1), 1);
	EXPECT_TRUE(is_pending(SIGIO));
	write(ns_ready[1], "r", 1);
	read(ns_hold[0], &c, 1);	/* until the outside has looked */
}

/* In a child of its own, so that the unshare touches no other case. */
static void namespace_case(void)
{
	pid_t child;
	char c;

	ASSERT_EQ(pipe(ns_pipe), 0);
	ASSERT_EQ(pipe(ns_ready), 0);
	ASSERT_EQ(pipe(ns_hold), 0);
	ASSERT_EQ(unshare(CLONE_NEWPID), 0);
	child = fork();
	if (child == 0) {
		ktap_failed = 0;
		if (!setjmp(ktap_abort))
			owner_inside_namespace();
		_exit(ktap_failed);
	}
	ASSERT_GT(child, 0);
	ASSERT_EQ(read(ns_ready[0], &c, 1), 1);
	/* the same owner read from outside: its pid here, not 1 */
	EXPECT_EQ(fcntl(ns_pipe[0], F_GETOWN), child);
	write(ns_hold[1], "g", 1);
	EXPECT_EQ(wait_status(child), 0);
}

static void t_owner_in_a_child_pid_namespace(void)
{
	EXPECT_EQ(run_in_child(namespace_case), 0);
}

static int perm_pipe[2];

static void set_owner_as_nobody(void)
{
	setresuid(65534, 65534, 65534);
	ASSERT_EQ(fcntl(perm_pipe[0], F_SETOWN, getppid()), 0);
	ASSERT_EQ(fcntl(perm_pipe[0], F_SETFL, O_ASYNC), 0);
}

/* A root process is not signalled for an owner an unprivileged user set. */
static void t_owner_set_by_another_user_is_not_signalled(void)
{
	ASSERT_EQ(pipe(perm_pipe), 0);
	block_signal(SIGIO);
	drain(SIGIO);
	EXPECT_EQ(run_in_child(set_owner_as_nobody), 0);
	EXPECT_EQ(fcntl(perm_pipe[0], F_GETOWN), getpid());
	ASSERT_EQ(write(perm_pipe[1], "x", 1), 1);
	EXPECT_TRUE(!is_pending(SIGIO));
	close(perm_pipe[0]);
	close(perm_pipe[1]);
}

static void noatime_as_nobody(void)
{
	int fd;

	setresuid(65534, 65534, 65534);
	fd = open("/proc/self/status", O_RDONLY);	/* not our file: root's */
	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(fcntl(fd, F_SETFL, O_NOATIME), EPERM);
}

static void t_setfl_noatime_needs_the_owner(void)
{
	EXPECT_EQ(run_in_child(noatime_as_nobody), 0);
}

/* --tty (the scenario): O_ASYNC on the terminal, then report the SIGIO a typed line gives. */
static int tty_mode(void)
{
	siginfo_t si;
	sigset_t set;
	char line[64];
	ssize_t n;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (fcntl(0, F_SETSIG, SIGRTMIN) || fcntl(0, F_SETFL, O_ASYNC) ||
	    fcntl(0, F_GETOWN) != -getpgrp())	/* the foreground group, by default */
		return 1;
	printf("sigio ready\n");
	fflush(stdout);
	if (sigwaitinfo(&set, &si) != SIGRTMIN)
		return 2;
	n = read(0, line, sizeof(line));
	printf("sigio code %d fd %d band %#lx read %zd\n", si.si_code, si.si_fd, si.si_band, n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--tty"))
		return tty_mode();
	return ktap_run(KTAP_CASES(t_owner_defaults_and_errors, t_setown_getown,
				   t_pipe_plain_sigio, t_pipe_setsig_siginfo, t_fifo,
				   t_group_owner_signals_every_member, t_thread_owner,
				   t_owner_set_by_another_user_is_not_signalled,
				   t_setfl_noatime_needs_the_owner,
				   t_owner_in_a_child_pid_namespace));
}
