/*
 * proc_fork_wait: process creation and reaping as Linux does it: fork and
 * vfork return values, getpid/getppid/gettid, exit and exit_group, the
 * wait status encoding, wait4/waitpid/waitid with WNOHANG and WNOWAIT,
 * ECHILD and EINVAL, zombies, and orphans re-parented to a subreaper.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

/* Reads exactly @len bytes (a pipe may deliver them in pieces). */
static int read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

/*
 * A child that blocks reading pipe @p until the parent closes p[1]; the
 * parent keeps only p[1].
 */
static pid_t fork_blocked_child(int p[2])
{
	pid_t pid = fork();

	if (pid == 0) {
		char c;

		close(p[1]);
		while (read(p[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	return pid;
}

static void t_fork_pids(void)
{
	int p[2];
	pid_t ids[2], pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		ids[0] = getpid();
		ids[1] = getppid();
		write(p[1], ids, sizeof(ids));
		_exit(0);
	}
	close(p[1]);
	ASSERT_EQ(read_full(p[0], ids, sizeof(ids)), 0);
	close(p[0]);
	EXPECT_EQ(ids[0], pid);		/* fork's return is the child's pid */
	EXPECT_EQ(ids[1], getpid());	/* and the child's parent is us */
	EXPECT_NE(pid, getpid());
	EXPECT_EXIT(wait_status(pid), 0);
}

static void t_gettid_is_pid(void)
{
	/* A single-threaded process: its only thread is the group leader. */
	EXPECT_EQ(syscall(SYS_gettid), getpid());
	EXPECT_GT(getpid(), 1);
}

static void t_exit_status_encoding(void)
{
	pid_t pid = fork();
	int status;

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(42);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	/* Linux's encoding: the exit code in bits 8..15, low byte 0. */
	EXPECT_EQ(status, 42 << 8);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
}

static void t_exit_code_truncated_to_8_bits(void)
{
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(256 + 7);
	EXPECT_EXIT(wait_status(pid), 7);
}

static void t_exit_group_and_exit_syscalls(void)
{
	pid_t a, b;

	a = fork();
	ASSERT_GE(a, 0);
	if (a == 0)
		syscall(SYS_exit_group, 3);
	b = fork();
	ASSERT_GE(b, 0);
	if (b == 0)
		syscall(SYS_exit, 5);	/* the last thread: the process ends */
	EXPECT_EXIT(wait_status(a), 3);
	EXPECT_EXIT(wait_status(b), 5);
}

static void t_signal_status_encoding(void)
{
	int p[2], status;
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork_blocked_child(p);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	close(p[1]);
	/* The signal number in the low 7 bits, no core flag for SIGKILL. */
	EXPECT_EQ(status, SIGKILL);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
	EXPECT_TRUE(!WIFEXITED(status));
}

static void t_wnohang_running_child(void)
{
	int p[2], status = -1;
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork_blocked_child(p);
	ASSERT_GE(pid, 0);
	/* The child cannot exit before we close p[1]. */
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	EXPECT_EQ(wait4(pid, &status, WNOHANG, NULL), 0);
	close(p[1]);
	EXPECT_EXIT(wait_status(pid), 0);
}

static void t_echild(void)
{
	siginfo_t info;

	/* Every earlier case reaped its children. */
	EXPECT_ERRNO(wait(NULL), ECHILD);
	EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
	EXPECT_ERRNO(waitpid(getppid(), NULL, 0), ECHILD);
	EXPECT_ERRNO(waitid(P_ALL, 0, &info, WEXITED), ECHILD);
}

static void t_wait_bad_options(void)
{
	siginfo_t info;

	EXPECT_ERRNO(wait4(-1, NULL, 0x10000, NULL), EINVAL);
	/* waitid needs at least one of WEXITED, WSTOPPED, WCONTINUED. */
	EXPECT_ERRNO(waitid(P_ALL, 0, &info, WNOHANG), EINVAL);
	EXPECT_ERRNO(waitid((idtype_t)99, 0, &info, WEXITED), EINVAL);
}

static void t_waitpid_picks_the_named_child(void)
{
	pid_t a = fork(), b;

	ASSERT_GE(a, 0);
	if (a == 0)
		_exit(1);
	b = fork();
	ASSERT_GE(b, 0);
	if (b == 0)
		_exit(2);
	EXPECT_EXIT(wait_status(b), 2);
	EXPECT_EXIT(wait_status(a), 1);
}

static void t_wait_any_reaps_every_child(void)
{
	pid_t pids[8];
	int i, seen = 0, status;

	for (i = 0; i < 8; i++) {
		pids[i] = fork();
		ASSERT_GE(pids[i], 0);
		if (pids[i] == 0)
			_exit(i);
	}
	for (i = 0; i < 8; i++) {
		pid_t pid = wait(&status);
		int j;

		for (j = 0; j < 8; j++)
			if (pid == pids[j] && WIFEXITED(status) && WEXITSTATUS(status) == j)
				seen |= 1 << j;
	}
	EXPECT_EQ(seen, 0xff);		/* each child once, with its own status */
	EXPECT_ERRNO(wait(NULL), ECHILD);
}

static void t_waitid_exited_info(void)
{
	siginfo_t info;
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(9);
	memset(&info, 0xff, sizeof(info));
	ASSERT_EQ(waitid(P_PID, pid, &info, WEXITED), 0);
	EXPECT_EQ(info.si_signo, SIGCHLD);
	EXPECT_EQ(info.si_code, CLD_EXITED);
	EXPECT_EQ(info.si_pid, pid);
	EXPECT_EQ(info.si_uid, getuid());
	EXPECT_EQ(info.si_status, 9);
}

static void t_waitid_killed_info(void)
{
	siginfo_t info;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork_blocked_child(p);
	ASSERT_GE(pid, 0);
	EXPECT_EQ(kill(pid, SIGTERM), 0);
	ASSERT_EQ(waitid(P_PID, pid, &info, WEXITED), 0);
	close(p[1]);
	EXPECT_EQ(info.si_code, CLD_KILLED);
	EXPECT_EQ(info.si_status, SIGTERM);
	EXPECT_EQ(info.si_pid, pid);
}

static void t_waitid_wnohang_clears_info(void)
{
	siginfo_t info;
	int p[2];
	pid_t pid;

	ASSERT_EQ(pipe(p), 0);
	pid = fork_blocked_child(p);
	ASSERT_GE(pid, 0);
	memset(&info, 0xff, sizeof(info));
	EXPECT_EQ(waitid(P_PID, pid, &info, WEXITED | WNOHANG), 0);
	EXPECT_EQ(info.si_pid, 0);	/* nothing to report */
	close(p[1]);
	EXPECT_EXIT(wait_status(pid), 0);
}

static void t_zombie_until_reaped(void)
{
	siginfo_t info;
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(0);
	/* WNOWAIT waits for the exit but leaves the child a zombie... */
	ASSERT_EQ(waitid(P_PID, pid, &info, WEXITED | WNOWAIT), 0);
	EXPECT_EQ(info.si_pid, pid);
	EXPECT_EQ(kill(pid, 0), 0);	/* a zombie still has its pid */
	/* ... which the next wait reaps, freeing the pid. */
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_ERRNO(kill(pid, 0), ESRCH);
	EXPECT_ERRNO(waitpid(pid, NULL, 0), ECHILD);
}

static void t_waitpid_zero_means_own_group(void)
{
	pid_t pid = fork();
	int status;

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		setpgid(0, 0);
		_exit(4);
	}
	/* Set it from both sides, so it holds whichever runs first. */
	setpgid(pid, pid);
	/* Our only child is in another group: nothing to wait for in ours. */
	EXPECT_ERRNO(waitpid(0, NULL, WNOHANG), ECHILD);
	EXPECT_EQ(waitpid(-pid, &status, 0), pid);
	EXPECT_EXIT(status, 4);
}

/* Runs as the middle process: a subreaper whose child orphans a grandchild. */
static void orphan_middle(void)
{
	int go[2], report[2], status;
	pid_t b, c, ppid = 0;

	ASSERT_EQ(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
	ASSERT_EQ(pipe(go), 0);
	ASSERT_EQ(pipe(report), 0);
	b = fork();
	ASSERT_GE(b, 0);
	if (b == 0) {
		if (fork() == 0) {
			char x;
			pid_t p;

			read(go[0], &x, 1);	/* wait until our parent is gone */
			p = getppid();
			write(report[1], &p, sizeof(p));
			_exit(0);
		}
		_exit(0);
	}
	/* Once b is reaped, its child must have been handed to us. */
	EXPECT_EXIT(wait_status(b), 0);
	EXPECT_EQ(write(go[1], "g", 1), 1);
	EXPECT_EQ(read_full(report[0], &ppid, sizeof(ppid)), 0);
	EXPECT_EQ(ppid, getpid());
	c = wait(&status);		/* and it is ours to reap */
	EXPECT_GT(c, 0);
	EXPECT_EXIT(status, 0);
}

static void t_orphan_reparented_to_subreaper(void)
{
	EXPECT_CHILD_OK(orphan_middle);
}

static volatile pid_t vfork_child_pid;

static void t_vfork_shares_memory_and_waits(void)
{
	pid_t pid = vfork();

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		/* The parent is suspended and shares this memory until _exit. */
		vfork_child_pid = getpid();
		_exit(7);
	}
	EXPECT_EQ(vfork_child_pid, pid);
	EXPECT_EXIT(wait_status(pid), 7);
}

static void t_vfork_exec_failure(void)
{
	char *argv[] = { "nonexistent", NULL };
	pid_t pid = vfork();

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		execve("/nonexistent/program", argv, argv + 1);
		_exit(errno);
	}
	EXPECT_EXIT(wait_status(pid), ENOENT);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_fork_pids, t_gettid_is_pid,
		t_exit_status_encoding, t_exit_code_truncated_to_8_bits,
		t_exit_group_and_exit_syscalls, t_signal_status_encoding,
		t_wnohang_running_child, t_echild, t_wait_bad_options,
		t_waitpid_picks_the_named_child, t_wait_any_reaps_every_child,
		t_waitid_exited_info, t_waitid_killed_info,
		t_waitid_wnohang_clears_info, t_zombie_until_reaped,
		t_waitpid_zero_means_own_group, t_orphan_reparented_to_subreaper,
		t_vfork_shares_memory_and_waits, t_vfork_exec_failure));
}
