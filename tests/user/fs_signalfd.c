/*
 * fs_signalfd: signalfd and signalfd4.  A read takes the reader's pending
 * signals of the mask, each as a 128-byte struct signalfd_siginfo with
 * the fields of its kind (kill: pid, uid; sigqueue: the value; SIGCHLD:
 * the child's pid and status), as many as fit; waits for one (EAGAIN
 * with SFD_NONBLOCK, EINTR for another signal), and is woken by a signal
 * another process sends.  Calling signalfd on the descriptor again
 * changes the mask; SIGKILL and SIGSTOP never count.  poll says readable
 * with a signal pending; a forked child reads its own signals, not its
 * parent's.  Errors: EINVAL for a short buffer, a wrong mask size,
 * unknown flags or a descriptor that is not a signalfd; EBADF.  fdinfo
 * shows the mask.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "fd_util.h"

static sigset_t set_of(int a, int b)
{
	sigset_t s;

	sigemptyset(&s);
	if (a)
		sigaddset(&s, a);
	if (b)
		sigaddset(&s, b);
	return s;
}

/* Blocks @a and @b, and returns a signalfd reading them. */
static int blocked_signalfd(int a, int b, int flags)
{
	sigset_t s = set_of(a, b);

	sigprocmask(SIG_BLOCK, &s, NULL);
	return signalfd(-1, &s, flags);
}

/* Takes whatever @a and @b left pending, and unblocks them. */
static void unblock_and_drain(int a, int b)
{
	sigset_t s = set_of(a, b);
	struct timespec zero = { 0, 0 };

	while (sigtimedwait(&s, NULL, &zero) > 0)
		;
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void t_reads_kill_info(void)
{
	int fd = blocked_signalfd(SIGUSR1, 0, SFD_NONBLOCK);
	struct signalfd_siginfo si;

	ASSERT_GE(fd, 0);
	EXPECT_ERRNO(read(fd, &si, sizeof(si)), EAGAIN);
	ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
	ASSERT_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	EXPECT_EQ(si.ssi_signo, SIGUSR1);
	EXPECT_EQ(si.ssi_code, SI_USER);
	EXPECT_EQ(si.ssi_pid, getpid());
	EXPECT_EQ(si.ssi_uid, getuid());
	EXPECT_TRUE(!is_pending(SIGUSR1));		/* taken, not delivered */
	EXPECT_ERRNO(read(fd, &si, sizeof(si)), EAGAIN);
	close(fd);
	unblock_and_drain(SIGUSR1, 0);
}

static void t_reads_sigqueue_value_and_many(void)
{
	int fd = blocked_signalfd(SIGUSR1, SIGRTMIN + 1, SFD_NONBLOCK);
	struct signalfd_siginfo si[3];
	union sigval v = { .sival_int = 77 };

	ASSERT_GE(fd, 0);
	ASSERT_EQ(sigqueue(getpid(), SIGRTMIN + 1, v), 0);
	ASSERT_EQ(sigqueue(getpid(), SIGRTMIN + 1, v), 0);	/* real-time: queued twice */
	ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_ERRNO(read(fd, si, sizeof(si[0]) - 1), EINVAL);
	ASSERT_EQ(read(fd, si, sizeof(si)), 3 * sizeof(si[0]));	/* lowest first */
	EXPECT_EQ(si[0].ssi_signo, SIGUSR1);
	EXPECT_EQ(si[1].ssi_signo, SIGRTMIN + 1);
	EXPECT_EQ(si[1].ssi_code, SI_QUEUE);
	EXPECT_EQ(si[1].ssi_int, 77);
	EXPECT_EQ(si[1].ssi_pid, getpid());
	EXPECT_EQ(si[2].ssi_signo, SIGRTMIN + 1);
	close(fd);
	unblock_and_drain(SIGUSR1, SIGRTMIN + 1);
}

static void t_sigchld_info(void)
{
	int fd = blocked_signalfd(SIGCHLD, 0, 0);
	struct signalfd_siginfo si;
	pid_t pid;

	ASSERT_GE(fd, 0);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(7);
	ASSERT_EQ(read(fd, &si, sizeof(si)), sizeof(si));	/* waits for the exit */
	EXPECT_EQ(si.ssi_signo, SIGCHLD);
	EXPECT_EQ(si.ssi_code, CLD_EXITED);
	EXPECT_EQ(si.ssi_pid, pid);
	EXPECT_EQ(si.ssi_status, 7);
	EXPECT_EXIT(wait_status(pid), 7);
	close(fd);
	unblock_and_drain(SIGCHLD, 0);
}

static void t_mask_update(void)
{
	int fd = blocked_signalfd(SIGUSR1, SIGUSR2, SFD_NONBLOCK);
	sigset_t only2 = set_of(SIGUSR2, 0);
	struct signalfd_siginfo si;

	ASSERT_GE(fd, 0);
	ASSERT_EQ(signalfd(fd, &only2, 0), fd);
	ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_ERRNO(read(fd, &si, sizeof(si)), EAGAIN);	/* not in the mask any more */
	ASSERT_EQ(kill(getpid(), SIGUSR2), 0);
	ASSERT_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	EXPECT_EQ(si.ssi_signo, SIGUSR2);
	EXPECT_TRUE(is_pending(SIGUSR1));
	close(fd);
	unblock_and_drain(SIGUSR1, SIGUSR2);
}

static void t_poll(void)
{
	int fd = blocked_signalfd(SIGUSR2, 0, 0);
	struct pollfd p;

	ASSERT_GE(fd, 0);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	EXPECT_EQ(poll(&p, 1, 0), 0);
	ASSERT_EQ(kill(getpid(), SIGUSR2), 0);
	EXPECT_EQ(poll(&p, 1, 0), 1);
	EXPECT_EQ(p.revents, POLLIN);
	close(fd);
	unblock_and_drain(SIGUSR2, 0);
}

static int send_usr2(long unused)
{
	(void)unused;
	return kill(getppid(), SIGUSR2) ? 1 : 0;
}

static void t_read_woken_by_signal(void)
{
	int fd = blocked_signalfd(SIGUSR2, 0, 0);
	struct signalfd_siginfo si;
	pid_t pid;

	ASSERT_GE(fd, 0);
	pid = when_parent_sleeps(send_usr2, 0);
	ASSERT_GE(pid, 0);
	ASSERT_EQ(read(fd, &si, sizeof(si)), sizeof(si));
	EXPECT_EQ(si.ssi_signo, SIGUSR2);
	EXPECT_EQ(si.ssi_pid, pid);
	EXPECT_EXIT(wait_status(pid), 0);
	close(fd);
	unblock_and_drain(SIGUSR2, 0);
}

static void t_other_signal_interrupts(void)
{
	int fd = blocked_signalfd(SIGUSR2, 0, 0);
	struct signalfd_siginfo si;
	pid_t pid;

	ASSERT_GE(fd, 0);
	usr1_interrupts();
	pid = when_parent_sleeps(kill_parent_usr1, 0);
	ASSERT_GE(pid, 0);
	EXPECT_ERRNO(read(fd, &si, sizeof(si)), EINTR);
	EXPECT_EXIT(wait_status(pid), 0);
	signal(SIGUSR1, SIG_DFL);
	close(fd);
	unblock_and_drain(SIGUSR2, 0);
}

static int sfd_for_child = -1;

static void child_reads_own_signals(void)
{
	struct signalfd_siginfo si;

	EXPECT_ERRNO(read(sfd_for_child, &si, sizeof(si)), EAGAIN);	/* the parent's stay */
	ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
	ASSERT_EQ(read(sfd_for_child, &si, sizeof(si)), sizeof(si));
	EXPECT_EQ(si.ssi_pid, getpid());
}

static void t_forked_child_reads_its_own(void)
{
	struct signalfd_siginfo si;

	sfd_for_child = blocked_signalfd(SIGUSR1, 0, SFD_NONBLOCK);
	ASSERT_GE(sfd_for_child, 0);
	ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
	EXPECT_CHILD_OK(child_reads_own_signals);
	ASSERT_EQ(read(sfd_for_child, &si, sizeof(si)), sizeof(si));
	EXPECT_EQ(si.ssi_pid, getpid());
	close(sfd_for_child);
	unblock_and_drain(SIGUSR1, 0);
}

static void t_errors_and_fdinfo(void)
{
	sigset_t s = set_of(SIGUSR1, SIGKILL);
	char buf[64];
	int fd;

	EXPECT_ERRNO(syscall(SYS_signalfd4, -1, &s, 4, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_signalfd4, -1, &s, 8, 1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_signalfd4, -1, NULL, 8, 0), EFAULT);
	EXPECT_ERRNO(signalfd(0, &s, 0), EINVAL);		/* not a signalfd */
	EXPECT_ERRNO(signalfd(-2, &s, 0), EBADF);
	fd = signalfd(-1, &s, SFD_CLOEXEC);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fdinfo_field(fd, "sigmask", buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "\t0000000000000200");		/* SIGUSR1 only */
	EXPECT_STREQ(fd_link(fd, buf, sizeof(buf)), "anon_inode:[signalfd]");
	close(fd);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_reads_kill_info, t_reads_sigqueue_value_and_many,
				   t_sigchld_info, t_mask_update, t_poll, t_read_woken_by_signal,
				   t_other_signal_interrupts, t_forked_child_reads_its_own,
				   t_errors_and_fdinfo));
}
