/*
 * signal_kill: sending signals and their default actions.  kill and tgkill
 * with signal 0 probes and their errors (ESRCH, EINVAL, EPERM for a
 * non-root sender); rt_sigqueueinfo reaching only one process by pid; the default actions terminate, ignore, stop and
 * continue, seen through waitpid(WUNTRACED/WCONTINUED) and waitid; SIGKILL
 * and SIGSTOP cannot be caught; SIGCHLD for a child's exit and stop
 * (SA_NOCLDSTOP), and SIGCHLD ignored meaning children are not kept as
 * zombies.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

static volatile sig_atomic_t got_sig, got_code, got_pid, got_status;

static void on_signal_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_status = si->si_status;
}

/* Installs on_signal_info for @sig with @flags (plus SA_SIGINFO). */
static void catch_signal(int sig, int flags)
{
	struct sigaction sa = { 0 };

	sa.sa_sigaction = on_signal_info;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	got_sig = got_code = got_pid = got_status = 0;
}

static void set_mask(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(how, &set, NULL);
}

static long tgkill(pid_t tgid, pid_t tid, int sig)
{
	return syscall(SYS_tgkill, tgid, tid, sig);
}

static void t_kill_probe_with_signal_0(void)
{
	pid_t gone = reaped_pid();

	EXPECT_EQ(kill(getpid(), 0), 0);
	EXPECT_EQ(kill(0, 0), 0);		/* our process group */
	EXPECT_EQ(kill(-getpgrp(), 0), 0);
	ASSERT_GT(gone, 0);
	EXPECT_ERRNO(kill(gone, 0), ESRCH);
	EXPECT_ERRNO(kill(gone, SIGTERM), ESRCH);
}

static void t_kill_bad_signal(void)
{
	EXPECT_ERRNO(kill(getpid(), 65), EINVAL);
	EXPECT_ERRNO(kill(getpid(), -1), EINVAL);
	EXPECT_ERRNO(tgkill(getpid(), getpid(), 65), EINVAL);
}

static void probe_as_nobody(void)
{
	pid_t parent = getppid();

	ASSERT_EQ(setuid(65534), 0);
	/* An unprivileged sender may only signal its own user's processes. */
	EXPECT_ERRNO(kill(parent, 0), EPERM);
	EXPECT_ERRNO(kill(1, 0), EPERM);
	EXPECT_EQ(kill(getpid(), 0), 0);
}

static void t_kill_eperm_for_other_user(void)
{
	EXPECT_CHILD_OK(probe_as_nobody);
}

static void t_tgkill_delivers_to_thread(void)
{
	pid_t tid = syscall(SYS_gettid);

	catch_signal(SIGUSR1, 0);
	EXPECT_EQ(tgkill(getpid(), tid, SIGUSR1), 0);
	/* A signal to ourselves is delivered before the call returns. */
	EXPECT_EQ(got_sig, SIGUSR1);
	EXPECT_EQ(got_code, SI_TKILL);
	EXPECT_EQ(got_pid, getpid());
	signal(SIGUSR1, SIG_DFL);
}

static void t_tgkill_errors(void)
{
	pid_t tid = syscall(SYS_gettid), gone = reaped_pid();

	ASSERT_GT(gone, 0);
	EXPECT_EQ(tgkill(getpid(), tid, 0), 0);
	EXPECT_ERRNO(tgkill(getpid(), gone, 0), ESRCH);
	EXPECT_ERRNO(tgkill(getppid(), tid, 0), ESRCH);	/* not its thread */
	EXPECT_ERRNO(tgkill(getpid(), 0, 0), EINVAL);
	EXPECT_ERRNO(tgkill(0, tid, 0), EINVAL);
	EXPECT_ERRNO(tgkill(getpid(), -1, 0), EINVAL);
}

/*
 * rt_sigqueueinfo names one process: 0 and negative pids are ESRCH, not
 * kill()'s groups (with SIGUSR1 blocked nothing could end the test);
 * a positive si_code for another process is EPERM.
 */
static void t_sigqueueinfo_takes_only_a_pid(void)
{
	siginfo_t si;
	sigset_t block, old;

	memset(&si, 0, sizeof(si));
	si.si_code = SI_QUEUE;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, -1, SIGUSR1, &si), ESRCH);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, 0, SIGUSR1, &si), ESRCH);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, -getpgrp(), SIGUSR1, &si), ESRCH);
	si.si_code = SI_USER;
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &si), EPERM);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void t_default_action_terminates(void)
{
	static const int sigs[] = { SIGTERM, SIGUSR1, SIGHUP, SIGINT, SIGALRM };
	unsigned i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct parked_child c;

		ASSERT_EQ(park_child(&c, NULL), 0);
		EXPECT_EQ(kill(c.pid, sigs[i]), 0);
		EXPECT_KILLED(wait_status(c.pid), sigs[i]);
		close(c.hold);
	}
}

static void ignore_defaults(void)
{
	/* Default action "ignore": the process carries on. */
	EXPECT_EQ(kill(getpid(), SIGCHLD), 0);
	EXPECT_EQ(kill(getpid(), SIGURG), 0);
	EXPECT_EQ(kill(getpid(), SIGWINCH), 0);
	/* And SIG_IGN for one that would kill. */
	ASSERT_TRUE(signal(SIGTERM, SIG_IGN) != SIG_ERR);
	EXPECT_EQ(kill(getpid(), SIGTERM), 0);
	EXPECT_EQ(is_pending(SIGTERM), 0);	/* discarded, not kept */
}

static void t_default_action_ignore_and_sig_ign(void)
{
	EXPECT_CHILD_OK(ignore_defaults);
}

static void t_sigkill_sigstop_cannot_be_caught(void)
{
	struct sigaction sa = { 0 }, old;

	sa.sa_handler = SIG_IGN;
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	EXPECT_EQ(sigaction(SIGKILL, NULL, &old), 0);	/* reading is allowed */
	EXPECT_TRUE(old.sa_handler == SIG_DFL);
}

static void t_sigkill_while_ignoring_everything(void)
{
	struct parked_child c;
	int sig;

	for (sig = 1; sig < 32; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_IGN);
	/* The child inherits the SIG_IGN dispositions. */
	ASSERT_EQ(park_child(&c, NULL), 0);
	for (sig = 1; sig < 32; sig++)
		signal(sig, SIG_DFL);
	EXPECT_EQ(kill(c.pid, SIGTERM), 0);	/* ignored, */
	EXPECT_EQ(kill(c.pid, SIGKILL), 0);	/* but not this one */
	EXPECT_KILLED(wait_status(c.pid), SIGKILL);
	close(c.hold);
}

/* Stops a parked child with @sig and continues it, checking both waits. */
static void stop_and_continue(int sig)
{
	struct parked_child c;
	int status;

	ASSERT_EQ(park_child(&c, NULL), 0);
	/* Its own group, whose parent (us) is outside it: not an orphaned
	 * group, in which Linux would discard SIGTSTP. */
	ASSERT_EQ(setpgid(c.pid, c.pid), 0);
	EXPECT_EQ(kill(c.pid, sig), 0);
	ASSERT_EQ(waitpid(c.pid, &status, WUNTRACED), c.pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), sig);
	EXPECT_EQ(status, (sig << 8) | 0x7f);
	EXPECT_EQ(kill(c.pid, SIGCONT), 0);
	ASSERT_EQ(waitpid(c.pid, &status, WCONTINUED), c.pid);
	EXPECT_TRUE(WIFCONTINUED(status));
	EXPECT_EQ(status, 0xffff);
	EXPECT_EXIT(release_child(&c), 0);	/* running again */
}

static void t_sigstop_sigcont(void)
{
	stop_and_continue(SIGSTOP);
}

static void t_sigtstp_default_stops(void)
{
	stop_and_continue(SIGTSTP);
}

static void t_waitid_stopped_and_continued(void)
{
	struct parked_child c;
	siginfo_t info;

	ASSERT_EQ(park_child(&c, NULL), 0);
	EXPECT_EQ(kill(c.pid, SIGSTOP), 0);
	ASSERT_EQ(waitid(P_PID, c.pid, &info, WSTOPPED), 0);
	EXPECT_EQ(info.si_code, CLD_STOPPED);
	EXPECT_EQ(info.si_status, SIGSTOP);
	EXPECT_EQ(info.si_pid, c.pid);
	EXPECT_EQ(kill(c.pid, SIGCONT), 0);
	ASSERT_EQ(waitid(P_PID, c.pid, &info, WCONTINUED), 0);
	EXPECT_EQ(info.si_code, CLD_CONTINUED);
	EXPECT_EQ(info.si_status, SIGCONT);
	EXPECT_EXIT(release_child(&c), 0);
}

static void t_sigkill_ends_stopped_child(void)
{
	struct parked_child c;
	int status;

	ASSERT_EQ(park_child(&c, NULL), 0);
	EXPECT_EQ(kill(c.pid, SIGSTOP), 0);
	ASSERT_EQ(waitpid(c.pid, &status, WUNTRACED), c.pid);
	EXPECT_EQ(kill(c.pid, SIGKILL), 0);
	EXPECT_KILLED(wait_status(c.pid), SIGKILL);
	close(c.hold);
}

static void t_sigchld_on_child_exit(void)
{
	sigset_t none;
	pid_t pid;

	catch_signal(SIGCHLD, 0);
	set_mask(SIG_BLOCK, SIGCHLD);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(3);
	/* SIGCHLD is blocked, so it waits for sigsuspend: no race. */
	sigemptyset(&none);
	EXPECT_ERRNO(sigsuspend(&none), EINTR);
	EXPECT_EQ(got_sig, SIGCHLD);
	EXPECT_EQ(got_code, CLD_EXITED);
	EXPECT_EQ(got_pid, pid);
	EXPECT_EQ(got_status, 3);
	EXPECT_EXIT(wait_status(pid), 3);
	set_mask(SIG_UNBLOCK, SIGCHLD);
	signal(SIGCHLD, SIG_DFL);
}

/* Whether a child stopping sends us SIGCHLD, with @flags on the handler. */
static int sigchld_on_stop(int flags)
{
	struct parked_child c;
	int status, pending;

	catch_signal(SIGCHLD, flags);
	set_mask(SIG_BLOCK, SIGCHLD);
	if (park_child(&c, NULL))
		return -1;
	kill(c.pid, SIGSTOP);
	waitpid(c.pid, &status, WUNTRACED);
	/* The stop was reported: its SIGCHLD, if any, is pending by now. */
	pending = is_pending(SIGCHLD);
	kill(c.pid, SIGKILL);
	wait_status(c.pid);
	close(c.hold);
	signal(SIGCHLD, SIG_IGN);	/* drops the pending one */
	signal(SIGCHLD, SIG_DFL);
	set_mask(SIG_UNBLOCK, SIGCHLD);
	return pending;
}

static void t_sigchld_on_stop_unless_nocldstop(void)
{
	EXPECT_EQ(sigchld_on_stop(0), 1);
	EXPECT_EQ(sigchld_on_stop(SA_NOCLDSTOP), 0);
}

static void t_ignored_sigchld_means_no_zombies(void)
{
	pid_t pid;

	ASSERT_TRUE(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(0);
	/* The child is reaped by the kernel: wait blocks until it is gone
	 * and then has nobody to report. */
	EXPECT_ERRNO(waitpid(pid, NULL, 0), ECHILD);
	signal(SIGCHLD, SIG_DFL);
}

static void t_fork_child_has_no_pending_signals(void)
{
	pid_t pid;

	set_mask(SIG_BLOCK, SIGUSR1);
	ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_EQ(is_pending(SIGUSR1), 1);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(is_pending(SIGUSR1) ? 1 : 0);
	EXPECT_EXIT(wait_status(pid), 0);
	EXPECT_EQ(is_pending(SIGUSR1), 1);	/* ours is still there */
	signal(SIGUSR1, SIG_IGN);		/* discard it */
	EXPECT_EQ(is_pending(SIGUSR1), 0);
	signal(SIGUSR1, SIG_DFL);
	set_mask(SIG_UNBLOCK, SIGUSR1);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_kill_probe_with_signal_0, t_kill_bad_signal,
		t_kill_eperm_for_other_user, t_tgkill_delivers_to_thread,
		t_tgkill_errors, t_sigqueueinfo_takes_only_a_pid, t_default_action_terminates,
		t_default_action_ignore_and_sig_ign,
		t_sigkill_sigstop_cannot_be_caught,
		t_sigkill_while_ignoring_everything, t_sigstop_sigcont,
		t_sigtstp_default_stops, t_waitid_stopped_and_continued,
		t_sigkill_ends_stopped_child, t_sigchld_on_child_exit,
		t_sigchld_on_stop_unless_nocldstop,
		t_ignored_sigchld_means_no_zombies,
		t_fork_child_has_no_pending_signals));
}
