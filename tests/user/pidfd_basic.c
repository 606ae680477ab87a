/*
 * pidfd_basic: process file descriptors.  pidfd_open (flags, errors,
 * close-on-exec, what /proc/self/fd shows, no read/write/seek), poll()
 * saying POLLIN when the process exits and POLLHUP once it is reaped,
 * waitid(P_PIDFD) with and without PIDFD_NONBLOCK, pidfd_send_signal
 * (with kill's siginfo, its own siginfo's rules and its scope flags),
 * clone(CLONE_PIDFD) and clone3's pidfd, a PIDFD_THREAD pidfd of one
 * thread, a pidfd of a process outside the caller's pid namespace, what
 * /proc/self/fdinfo shows of a pidfd (Pid:, NSpid:, -1 once reaped), and
 * an open /proc/PID directory as pidfd_send_signal's target.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define PIDFD_NONBLOCK		O_NONBLOCK
#define PIDFD_THREAD		O_EXCL
#define PIDFD_SIGNAL_THREAD		(1U << 0)
#define PIDFD_SIGNAL_THREAD_GROUP	(1U << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP	(1U << 2)
#define CLONE_PIDFD_		0x00001000UL

static int pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static int pidfd_send_signal(int fd, int sig, siginfo_t *info, unsigned int flags)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, info, flags);
}

/*
 * A child that waits until @ctl's write end is closed, then exits with
 * 5.  The parent keeps ctl[1]; closing it lets the child go.
 */
static pid_t blocked_child(int ctl[2])
{
	pid_t pid;
	char c;

	if (pipe(ctl))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ctl[1]);
		while (read(ctl[0], &c, 1) > 0)
			;
		_exit(5);
	}
	close(ctl[0]);
	return pid;
}

/* blocked_child() and a pidfd for it (with @flags) in *@fd; ends the case on failure. */
static pid_t blocked_child_pidfd(int ctl[2], unsigned int flags, int *fd)
{
	pid_t pid = blocked_child(ctl);

	ASSERT_GT(pid, 0);
	*fd = pidfd_open(pid, flags);
	ASSERT_GE(*fd, 0);
	return pid;
}

static int poll_one(int fd, int timeout)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, timeout) < 0)
		return -1;
	return p.revents;
}

static void t_pidfd_open_self(void)
{
	char link[64], want[] = "anon_inode:[pidfd]", path[64];
	int fd = pidfd_open(getpid(), 0);
	ssize_t n;

	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	ASSERT_EQ(n, (ssize_t)strlen(want));
	link[n] = 0;
	EXPECT_STREQ(link, want);
	EXPECT_EQ(poll_one(fd, 0), 0);			/* we are running */
	close(fd);
}

static void t_pidfd_open_errors(void)
{
	EXPECT_ERRNO(pidfd_open(getpid(), 1), EINVAL);
	EXPECT_ERRNO(pidfd_open(getpid(), O_CLOEXEC), EINVAL);
	EXPECT_ERRNO(pidfd_open(0, 0), EINVAL);
	EXPECT_ERRNO(pidfd_open(-1, 0), EINVAL);
	EXPECT_ERRNO(pidfd_open(4194304 + 7, 0), ESRCH);
}

static void t_pidfd_is_no_file_to_read(void)
{
	int fd = pidfd_open(getpid(), 0);
	char c;

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(read(fd, &c, 1), EINVAL);
	EXPECT_ERRNO(write(fd, &c, 1), EINVAL);
	EXPECT_ERRNO(lseek(fd, 0, SEEK_SET), ESPIPE);
	close(fd);
}

/* poll: nothing while the child runs, POLLIN once it exits, POLLHUP too once reaped. */
static void t_pidfd_poll_follows_exit(void)
{
	int ctl[2], fd;
	pid_t pid = blocked_child_pidfd(ctl, 0, &fd);
	siginfo_t info;

	EXPECT_EQ(poll_one(fd, 0), 0);
	close(ctl[1]);
	EXPECT_EQ(poll_one(fd, -1), POLLIN);		/* a zombie: exited, not reaped */
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(waitid(P_PIDFD, fd, &info, WEXITED), 0);
	EXPECT_EQ(info.si_pid, pid);
	EXPECT_EQ(info.si_code, CLD_EXITED);
	EXPECT_EQ(info.si_status, 5);
	EXPECT_EQ(poll_one(fd, 0), POLLIN | POLLHUP);
	EXPECT_ERRNO(waitid(P_PIDFD, fd, &info, WEXITED), ECHILD);
	close(fd);
}

static void t_waitid_pidfd_errors(void)
{
	int p[2];
	siginfo_t info;

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(waitid(P_PIDFD, p[0], &info, WEXITED), EBADF);
	EXPECT_ERRNO(waitid(P_PIDFD, 1000, &info, WEXITED), EBADF);
	EXPECT_ERRNO(waitid(P_PIDFD, -1, &info, WEXITED), EINVAL);
	close(p[0]);
	close(p[1]);
}

/* PIDFD_NONBLOCK: waiting for a running child is EAGAIN, not a sleep. */
static void t_pidfd_nonblock_wait_is_eagain(void)
{
	int ctl[2], fd;
	pid_t pid = blocked_child_pidfd(ctl, PIDFD_NONBLOCK, &fd);
	siginfo_t info;

	EXPECT_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	EXPECT_ERRNO(waitid(P_PIDFD, fd, &info, WEXITED), EAGAIN);
	close(ctl[1]);
	EXPECT_EQ(poll_one(fd, -1), POLLIN);
	EXPECT_EQ(waitid(P_PIDFD, fd, &info, WEXITED), 0);
	EXPECT_EQ(info.si_pid, pid);
	close(fd);
}

static void t_pidfd_send_signal_kills(void)
{
	int ctl[2], fd;
	siginfo_t info;

	blocked_child_pidfd(ctl, 0, &fd);
	EXPECT_EQ(pidfd_send_signal(fd, 0, NULL, 0), 0);	/* a probe */
	EXPECT_ERRNO(pidfd_send_signal(fd, SIGKILL, NULL, 1 << 3), EINVAL);
	EXPECT_ERRNO(pidfd_send_signal(fd, SIGKILL, NULL,
				       PIDFD_SIGNAL_THREAD | PIDFD_SIGNAL_THREAD_GROUP), EINVAL);
	EXPECT_ERRNO(pidfd_send_signal(fd, 65, NULL, 0), EINVAL);
	EXPECT_EQ(pidfd_send_signal(fd, SIGKILL, NULL, 0), 0);
	EXPECT_EQ(waitid(P_PIDFD, fd, &info, WEXITED), 0);
	EXPECT_EQ(info.si_code, CLD_KILLED);
	EXPECT_EQ(info.si_status, SIGKILL);
	EXPECT_ERRNO(pidfd_send_signal(fd, SIGKILL, NULL, 0), ESRCH);	/* reaped */
	close(fd);
	close(ctl[1]);
}

static void t_pidfd_send_signal_errors(void)
{
	int p[2];

	ASSERT_EQ(pipe(p), 0);
	EXPECT_ERRNO(pidfd_send_signal(p[0], 0, NULL, 0), EBADF);
	EXPECT_ERRNO(pidfd_send_signal(1000, 0, NULL, 0), EBADF);
	EXPECT_ERRNO(pidfd_send_signal(-1, 0, NULL, 0), EBADF);
	close(p[0]);
	close(p[1]);
}

static volatile sig_atomic_t usr1_code, usr1_pid, usr1_value;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	usr1_code = si->si_code;
	usr1_pid = si->si_pid;
	usr1_value = si->si_value.sival_int;
}

/*
 * Our own siginfo: si_signo must match; to ourselves any si_code goes, to
 * another process only a negative one other than SI_TKILL (EPERM).
 */
static void t_pidfd_send_signal_own_siginfo(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	int self = pidfd_open(getpid(), 0), ctl[2], other;
	pid_t pid = blocked_child(ctl);
	siginfo_t info;

	ASSERT_GE(self, 0);
	ASSERT_GT(pid, 0);
	sigaction(SIGUSR1, &sa, NULL);
	memset(&info, 0, sizeof(info));
	info.si_signo = SIGUSR2;
	info.si_code = SI_QUEUE;
	EXPECT_ERRNO(pidfd_send_signal(self, SIGUSR1, &info, 0), EINVAL);
	info.si_signo = SIGUSR1;
	info.si_value.sival_int = 42;
	EXPECT_EQ(pidfd_send_signal(self, SIGUSR1, &info, 0), 0);
	EXPECT_EQ(usr1_code, SI_QUEUE);
	EXPECT_EQ(usr1_value, 42);
	other = pidfd_open(pid, 0);
	ASSERT_GE(other, 0);
	info.si_code = SI_USER;				/* 0: posing as kill() */
	EXPECT_ERRNO(pidfd_send_signal(other, SIGUSR1, &info, 0), EPERM);
	info.si_code = SI_TKILL;
	EXPECT_ERRNO(pidfd_send_signal(other, SIGUSR1, &info, 0), EPERM);
	EXPECT_ERRNO(pidfd_send_signal(self, SIGUSR1, (siginfo_t *)8, 0), EFAULT);
	/* without a siginfo, the kernel's: SI_USER from us */
	EXPECT_EQ(pidfd_send_signal(self, SIGUSR1, NULL, 0), 0);
	EXPECT_EQ(usr1_code, SI_USER);
	EXPECT_EQ(usr1_pid, getpid());
	EXPECT_EQ(pidfd_send_signal(self, SIGUSR1, NULL, PIDFD_SIGNAL_THREAD), 0);
	EXPECT_EQ(usr1_code, SI_TKILL);
	signal(SIGUSR1, SIG_DFL);
	close(ctl[1]);
	wait_status(pid);
	close(self);
	close(other);
}

/* PIDFD_SIGNAL_PROCESS_GROUP: every member of the group the pidfd's process leads. */
static void t_pidfd_send_signal_process_group(void)
{
	int ctl[2], fd;
	pid_t leader = blocked_child(ctl), member;

	ASSERT_GT(leader, 0);
	ASSERT_EQ(setpgid(leader, leader), 0);
	member = fork();
	if (member == 0) {
		close(ctl[1]);
		pause();
		_exit(0);
	}
	ASSERT_GT(member, 0);
	ASSERT_EQ(setpgid(member, leader), 0);
	fd = pidfd_open(leader, 0);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(pidfd_send_signal(fd, SIGTERM, NULL, PIDFD_SIGNAL_PROCESS_GROUP), 0);
	EXPECT_EQ(wait_status(leader), SIGTERM);
	EXPECT_EQ(wait_status(member), SIGTERM);
	close(fd);
	close(ctl[1]);
}

/* clone(CLONE_PIDFD) puts the pidfd where the parent's tid would go. */
static void t_clone_pidfd_returns_pidfd(void)
{
	int pidfd = -1;
	long pid;
	siginfo_t info;

	pid = syscall(SYS_clone, CLONE_PIDFD_ | SIGCHLD, NULL, &pidfd, NULL, 0);
	if (pid == 0)
		_exit(9);
	ASSERT_GT(pid, 0);
	ASSERT_GE(pidfd, 0);
	EXPECT_EQ(fcntl(pidfd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(waitid(P_PIDFD, pidfd, &info, WEXITED), 0);
	EXPECT_EQ(info.si_pid, pid);
	EXPECT_EQ(info.si_status, 9);
	close(pidfd);
	/* the same word cannot take both the pidfd and the parent's tid */
	EXPECT_ERRNO(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_PARENT_SETTID | SIGCHLD,
			     NULL, &pidfd, NULL, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clone, CLONE_PIDFD_ | CLONE_DETACHED | SIGCHLD,
			     NULL, &pidfd, NULL, 0), EINVAL);
}

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static void t_clone3_pidfd_and_parent_tid(void)
{
	int pidfd = -1, ptid = 0;
	struct clone_args args = {
		.flags = CLONE_PIDFD_ | CLONE_PARENT_SETTID, .exit_signal = SIGCHLD,
		.pidfd = (uint64_t)(uintptr_t)&pidfd, .parent_tid = (uint64_t)(uintptr_t)&ptid,
	};
	siginfo_t info;
	long pid;

	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(4);
	ASSERT_GT(pid, 0);
	EXPECT_EQ(ptid, pid);
	ASSERT_GE(pidfd, 0);
	EXPECT_EQ(waitid(P_PIDFD, pidfd, &info, WEXITED), 0);
	EXPECT_EQ(info.si_status, 4);
	close(pidfd);
}

struct waiter {
	int ready[2], go[2];
	pid_t tid;
};

/* A thread that says its tid, then waits until go's write end is closed. */
static void *waiter_thread(void *arg)
{
	struct waiter *w = arg;
	char c;

	w->tid = syscall(SYS_gettid);
	write(w->ready[1], "r", 1);
	while (read(w->go[0], &c, 1) > 0)
		;
	return NULL;
}

/*
 * PIDFD_THREAD: only such a pidfd may name a thread that is not a leader
 * (ENOENT otherwise);
 * it polls readable when that thread exits, while the process's own
 * pidfd stays quiet.
 */
static void t_pidfd_thread_names_one_thread(void)
{
	struct waiter w;
	pthread_t th;
	int fd, proc;
	char c;

	ASSERT_EQ(pipe(w.ready), 0);
	ASSERT_EQ(pipe(w.go), 0);
	ASSERT_EQ(pthread_create(&th, NULL, waiter_thread, &w), 0);
	ASSERT_EQ(read(w.ready[0], &c, 1), 1);
	EXPECT_ERRNO(pidfd_open(w.tid, 0), ENOENT);
	fd = pidfd_open(w.tid, PIDFD_THREAD);
	proc = pidfd_open(getpid(), 0);
	ASSERT_GE(fd, 0);
	ASSERT_GE(proc, 0);
	EXPECT_EQ(fcntl(fd, F_GETFL) & PIDFD_THREAD, PIDFD_THREAD);
	EXPECT_EQ(poll_one(fd, 0), 0);
	EXPECT_EQ(pidfd_send_signal(fd, 0, NULL, 0), 0);
	close(w.go[1]);
	pthread_join(th, NULL);
	EXPECT_EQ(poll_one(fd, -1) & POLLIN, POLLIN);
	EXPECT_EQ(poll_one(proc, 0), 0);
	close(fd);
	close(proc);
	close(w.go[0]);
	close(w.ready[0]);
	close(w.ready[1]);
}

/*
 * From inside a new pid namespace, our own pidfd names a process the
 * child cannot see: signalling it is EINVAL.
 */
static void t_pidfd_outside_pid_namespace(void)
{
	struct clone_args args = { .flags = CLONE_NEWPID, .exit_signal = SIGCHLD };
	int fd = pidfd_open(getpid(), 0);
	long pid;

	ASSERT_GE(fd, 0);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		errno = 0;
		_exit(pidfd_send_signal(fd, 0, NULL, 0) == -1 && errno == EINVAL ? 0 : 1);
	}
	ASSERT_GT(pid, 0);
	EXPECT_EQ(wait_status(pid), 0);
	close(fd);
}

/* The line of /proc/self/fdinfo/@fd that starts with @key, from its tab to its end. */
static const char *fdinfo_value(int fd, const char *key, char *buf, size_t size)
{
	char path[64], *line;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if (read_text(path, buf, size) <= 0)
		return "(unreadable)";
	for (line = buf; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, key, strlen(key))) {
			line += strlen(key);
			line[strcspn(line, "\n")] = '\0';
			return line;
		}
	return "(missing)";
}

/*
 * fdinfo: "Pid:" and "NSpid:" give the number in the reader's proc's
 * namespace, NSpid the ones below it after, and both say -1 once the
 * process has exited and been reaped (Linux's pidfd_show_fdinfo).
 */
static void t_pidfd_fdinfo_shows_the_pid(void)
{
	struct clone_args args = { .flags = CLONE_NEWPID | CLONE_PIDFD_, .exit_signal = SIGCHLD };
	char buf[1024], want[64];
	int ctl[2], fd;
	long pid;

	ASSERT_EQ(pipe(ctl), 0);
	args.pidfd = (uintptr_t)&fd;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		char c;

		close(ctl[1]);
		_exit(read(ctl[0], &c, 1) == 0 ? 0 : 1);
	}
	ASSERT_GT(pid, 0);
	close(ctl[0]);
	snprintf(want, sizeof(want), "\t%ld", pid);
	EXPECT_STREQ(fdinfo_value(fd, "Pid:", buf, sizeof(buf)), want);
	snprintf(want, sizeof(want), "\t%ld\t1", pid);
	EXPECT_STREQ(fdinfo_value(fd, "NSpid:", buf, sizeof(buf)), want);
	close(ctl[1]);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_STREQ(fdinfo_value(fd, "Pid:", buf, sizeof(buf)), "\t-1");
	EXPECT_STREQ(fdinfo_value(fd, "NSpid:", buf, sizeof(buf)), "\t-1");
	close(fd);
}

/* An open /proc/PID directory names the process too; /proc/PID/task/TID does not. */
static void t_pidfd_send_signal_to_a_proc_directory(void)
{
	char path[64];
	int ctl[2], dir, task;
	pid_t pid = blocked_child(ctl);

	ASSERT_GT(pid, 0);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	dir = open(path, O_DIRECTORY | O_CLOEXEC);
	ASSERT_GE(dir, 0);
	snprintf(path, sizeof(path), "/proc/%d/task/%d", pid, pid);
	task = open(path, O_DIRECTORY | O_CLOEXEC);
	ASSERT_GE(task, 0);
	EXPECT_EQ(pidfd_send_signal(dir, 0, NULL, 0), 0);
	EXPECT_ERRNO(pidfd_send_signal(task, 0, NULL, 0), EBADF);
	EXPECT_EQ(pidfd_send_signal(dir, SIGKILL, NULL, 0), 0);
	EXPECT_EQ(wait_status(pid), SIGKILL);
	EXPECT_ERRNO(pidfd_send_signal(dir, 0, NULL, 0), ESRCH);
	close(task);
	close(dir);
	close(ctl[1]);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_pidfd_open_self,
				   t_pidfd_open_errors,
				   t_pidfd_is_no_file_to_read,
				   t_pidfd_poll_follows_exit,
				   t_waitid_pidfd_errors,
				   t_pidfd_nonblock_wait_is_eagain,
				   t_pidfd_send_signal_kills,
				   t_pidfd_send_signal_errors,
				   t_pidfd_send_signal_own_siginfo,
				   t_pidfd_send_signal_process_group,
				   t_clone_pidfd_returns_pidfd,
				   t_clone3_pidfd_and_parent_tid,
				   t_pidfd_thread_names_one_thread,
				   t_pidfd_outside_pid_namespace,
				   t_pidfd_fdinfo_shows_the_pid,
				   t_pidfd_send_signal_to_a_proc_directory));
}
