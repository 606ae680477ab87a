/*
 * signal_tgsigqueueinfo: rt_tgsigqueueinfo(2), the call under glibc's
 * pthread_sigqueue (stress-ng's pthread stressor found it missing: ENOSYS),
 * and rt_sigqueueinfo's signal 0.  The caller's siginfo reaches one thread
 * of one thread group, with si_signo set to the signal whatever the caller
 * wrote; the errors in Linux's order: EFAULT for the siginfo, EINVAL for a
 * tgid or tid <= 0, EPERM for a non-negative si_code (or SI_TKILL) sent to
 * another thread, ESRCH for a thread not in the group, EINVAL for a bad
 * signal; signal 0 only checks that it could be sent.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

static long tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, siginfo_t *si)
{
	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, si);
}

static pid_t gettid_(void)
{
	return syscall(SYS_gettid);
}

/* A siginfo as sigqueue() makes it: SI_QUEUE, our pid and uid, @value. */
static void queue_info(siginfo_t *si, int value)
{
	memset(si, 0, sizeof(*si));
	si->si_code = SI_QUEUE;
	si->si_pid = getpid();
	si->si_uid = getuid();
	si->si_value.sival_int = value;
}

static void unblock_signal(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* To ourselves: the siginfo arrives as we wrote it, si_signo corrected. */
static void t_to_self(void)
{
	siginfo_t si, got;
	sigset_t set;

	block_signal(SIGUSR1);
	queue_info(&si, 4242);
	si.si_signo = SIGUSR2;		/* the kernel writes the signal it sends */
	EXPECT_EQ(tgsigqueueinfo(getpid(), gettid_(), SIGUSR1, &si), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	memset(&got, 0, sizeof(got));
	EXPECT_EQ(sigwaitinfo(&set, &got), SIGUSR1);
	EXPECT_EQ(got.si_signo, SIGUSR1);
	EXPECT_EQ(got.si_code, SI_QUEUE);
	EXPECT_EQ(got.si_pid, getpid());
	EXPECT_EQ(got.si_value.sival_int, 4242);
	unblock_signal(SIGUSR1);
}

static volatile pid_t waiter_tid;
static siginfo_t waiter_got;

static void *waiter(void *arg)
{
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	waiter_tid = gettid_();
	sigwaitinfo(&set, &waiter_got);
	return NULL;
}

/* To another thread: it alone has the signal pending, not the process. */
static void t_to_another_thread(void)
{
	pthread_t thread;
	siginfo_t si;
	sigset_t pending;

	block_signal(SIGUSR2);	/* the thread inherits the mask */
	waiter_tid = 0;
	memset(&waiter_got, 0, sizeof(waiter_got));
	ASSERT_EQ(pthread_create(&thread, NULL, waiter, NULL), 0);
	while (!waiter_tid)
		sched_yield();
	queue_info(&si, 77);
	EXPECT_EQ(tgsigqueueinfo(getpid(), waiter_tid, SIGUSR2, &si), 0);
	sigpending(&pending);
	EXPECT_EQ(sigismember(&pending, SIGUSR2), 0);
	pthread_join(thread, NULL);
	EXPECT_EQ(waiter_got.si_signo, SIGUSR2);
	EXPECT_EQ(waiter_got.si_code, SI_QUEUE);
	EXPECT_EQ(waiter_got.si_value.sival_int, 77);
	unblock_signal(SIGUSR2);
}

static void t_errors(void)
{
	pid_t tid = gettid_(), gone = reaped_pid();
	siginfo_t si;

	ASSERT_GT(gone, 0);
	queue_info(&si, 0);
	EXPECT_ERRNO(tgsigqueueinfo(0, 0, SIGUSR1, (siginfo_t *)8), EFAULT);
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), 0, 0, &si), EINVAL);
	EXPECT_ERRNO(tgsigqueueinfo(0, tid, 0, &si), EINVAL);
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), -1, 0, &si), EINVAL);
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), gone, 0, &si), ESRCH);
	EXPECT_ERRNO(tgsigqueueinfo(getppid(), tid, 0, &si), ESRCH);	/* not its thread */
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), tid, 65, &si), EINVAL);
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), tid, -1, &si), EINVAL);
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), gone, 65, &si), ESRCH);	/* no thread first */
	EXPECT_EQ(tgsigqueueinfo(getpid(), tid, 0, &si), 0);
}

/* Only a thread signalling itself may pose as the kernel or as tkill. */
static void t_kernel_codes_only_to_self(void)
{
	pid_t tid = gettid_();
	siginfo_t si;

	queue_info(&si, 0);
	si.si_code = SI_USER;
	EXPECT_ERRNO(tgsigqueueinfo(getppid(), getppid(), 0, &si), EPERM);
	EXPECT_ERRNO(tgsigqueueinfo(getpid(), 0, 0, &si), EINVAL);	/* EINVAL first */
	EXPECT_EQ(tgsigqueueinfo(getpid(), tid, 0, &si), 0);
	si.si_code = SI_TKILL;
	EXPECT_ERRNO(tgsigqueueinfo(getppid(), getppid(), 0, &si), EPERM);
	EXPECT_EQ(tgsigqueueinfo(getpid(), tid, 0, &si), 0);
	si.si_code = 1;
	EXPECT_ERRNO(tgsigqueueinfo(getppid(), getppid(), 0, &si), EPERM);
}

/* rt_sigqueueinfo's signal 0 probes; a bad signal is EINVAL once the process is found. */
static void t_sigqueueinfo_signal_0(void)
{
	pid_t gone = reaped_pid();
	siginfo_t si;

	ASSERT_GT(gone, 0);
	queue_info(&si, 0);
	EXPECT_EQ(syscall(SYS_rt_sigqueueinfo, getpid(), 0, &si), 0);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, getpid(), 65, &si), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, gone, 65, &si), ESRCH);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, gone, 0, &si), ESRCH);
	EXPECT_ERRNO(syscall(SYS_rt_sigqueueinfo, getpid(), 0, (siginfo_t *)8), EFAULT);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_to_self, t_to_another_thread, t_errors,
		t_kernel_codes_only_to_self, t_sigqueueinfo_signal_0));
}
