/*
 * time_itimer: alarm, setitimer and getitimer.  ITIMER_REAL sends
 * SIGALRM (si_code SI_KERNEL), wakes pause(), kills a process without a
 * handler, and a periodic one keeps coming; its remaining time never
 * exceeds what was set and never grows; a periodic one whose SIGALRM is
 * still pending is re-armed only when the signal is taken.  alarm returns
 * the old alarm's seconds, rounded.  ITIMER_VIRTUAL and ITIMER_PROF count
 * CPU time and send SIGVTALRM and SIGPROF.  A fork child starts with no
 * timer; exec keeps them.  EINVAL and EFAULT as Linux.  Every wait for a
 * timer is for its signal, with no time limit of the test's own.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define USEC_PER_SEC	1000000LL
#define SI_KERNEL_CODE	0x80

static volatile sig_atomic_t got_sig, got_code;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
}

static void handle(int sig)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };

	sigaction(sig, &sa, NULL);
}

static int64_t usec(const struct timeval *tv)
{
	return tv->tv_sec * USEC_PER_SEC + tv->tv_usec;
}

static void set_timer(int which, int64_t value_us, int64_t interval_us)
{
	struct itimerval it = {
		{ interval_us / USEC_PER_SEC, interval_us % USEC_PER_SEC },
		{ value_us / USEC_PER_SEC, value_us % USEC_PER_SEC },
	};

	ASSERT_EQ(setitimer(which, &it, NULL), 0);
}

/*
 * Disarms ITIMER_REAL and unblocks SIGALRM, taking first the one it may
 * have sent meanwhile: its default action would end the test.
 */
static void stop_real_and_unblock(void)
{
	struct timespec zero = { 0, 0 };
	sigset_t set;

	set_timer(ITIMER_REAL, 0, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	while (sigtimedwait(&set, NULL, &zero) == SIGALRM)
		;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void t_alarm_sends_sigalrm_from_the_kernel(void)
{
	sigset_t none;

	handle(SIGALRM);
	got_sig = 0;
	EXPECT_EQ(alarm(1), 0);
	sigemptyset(&none);
	while (!got_sig)
		sigsuspend(&none);
	EXPECT_EQ(got_sig, SIGALRM);
	EXPECT_EQ(got_code, SI_KERNEL_CODE);
	EXPECT_EQ(alarm(0), 0);		/* it went off: nothing left */
	signal(SIGALRM, SIG_DFL);
}

/* The selftests' way to bound a test: alarm, then pause until it comes. */
static void t_alarm_ends_pause(void)
{
	handle(SIGALRM);
	got_sig = 0;
	alarm(1);
	EXPECT_ERRNO(pause(), EINTR);
	EXPECT_EQ(got_sig, SIGALRM);
	signal(SIGALRM, SIG_DFL);
}

static void t_alarm_returns_the_old_seconds(void)
{
	struct itimerval it;
	unsigned int left;

	EXPECT_EQ(alarm(100), 0);
	left = alarm(50);
	EXPECT_GE(left, 99);
	EXPECT_LE(left, 100);
	ASSERT_EQ(getitimer(ITIMER_REAL, &it), 0);
	EXPECT_GT(usec(&it.it_value), 0);
	EXPECT_LE(usec(&it.it_value), 50 * USEC_PER_SEC);
	EXPECT_EQ(usec(&it.it_interval), 0);
	left = alarm(0);
	EXPECT_GE(left, 49);
	EXPECT_LE(left, 50);
	ASSERT_EQ(getitimer(ITIMER_REAL, &it), 0);
	EXPECT_EQ(usec(&it.it_value), 0);
}

static void t_real_remaining_within_value_and_not_growing(void)
{
	struct itimerval it, old;
	int64_t prev = 10 * USEC_PER_SEC;
	int i;

	set_timer(ITIMER_REAL, 10 * USEC_PER_SEC, 2500000);
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(getitimer(ITIMER_REAL, &it), 0);
		EXPECT_GT(usec(&it.it_value), 0);
		EXPECT_LE(usec(&it.it_value), prev);
		EXPECT_EQ(it.it_interval.tv_sec, 2);
		EXPECT_EQ(it.it_interval.tv_usec, 500000);
		prev = usec(&it.it_value);
	}
	memset(&it, 0, sizeof(it));
	ASSERT_EQ(setitimer(ITIMER_REAL, &it, &old), 0);	/* the old setting comes back */
	EXPECT_GT(usec(&old.it_value), 0);
	EXPECT_LE(usec(&old.it_value), prev);
	EXPECT_EQ(usec(&old.it_interval), 2500000);
	ASSERT_EQ(getitimer(ITIMER_REAL, &it), 0);
	EXPECT_EQ(usec(&it.it_value), 0);
	EXPECT_EQ(usec(&it.it_interval), 0);	/* a zero value disarms, interval too */
}

static void t_real_periodic_keeps_coming(void)
{
	siginfo_t si;
	int i;

	block_signal(SIGALRM);
	set_timer(ITIMER_REAL, 10000, 10000);
	for (i = 0; i < 3; i++) {
		si = wait_for_signal(SIGALRM);
		EXPECT_EQ(si.si_signo, SIGALRM);
		EXPECT_EQ(si.si_code, SI_KERNEL_CODE);
	}
	stop_real_and_unblock();
}

/*
 * While its SIGALRM is pending a periodic ITIMER_REAL is not running (its
 * value reads 0); taking the signal starts the next period.
 */
static void t_real_periodic_rearms_when_the_signal_is_taken(void)
{
	struct itimerval it;
	sigset_t set, pending;
	siginfo_t si;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	set_timer(ITIMER_REAL, 10000, 10000);
	do
		sigpending(&pending);
	while (!sigismember(&pending, SIGALRM));
	ASSERT_EQ(getitimer(ITIMER_REAL, &it), 0);
	EXPECT_EQ(usec(&it.it_value), 0);
	EXPECT_EQ(usec(&it.it_interval), 10000);
	EXPECT_EQ(sigwaitinfo(&set, &si), SIGALRM);
	ASSERT_EQ(getitimer(ITIMER_REAL, &it), 0);
	EXPECT_GT(usec(&it.it_value), 0);
	EXPECT_LE(usec(&it.it_value), 10000);
	stop_real_and_unblock();
}

static void sigalrm_kills(void)
{
	set_timer(ITIMER_REAL, 10000, 0);
	pause();
	_exit(0);
}

static void t_sigalrm_without_handler_kills(void)
{
	int status = run_in_child(sigalrm_kills);

	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGALRM);
}

/*
 * A CPU itimer: it fires only after the process used that much time, on
 * the clock it counts (VIRT: user time, PROF: user and system time, both
 * sampled by the tick, so they may be ahead of the runtime clock).
 */
static void cpu_itimer_fires(int which, int sig)
{
	clockid_t clock = (~0U << 3) | (which == ITIMER_VIRTUAL ? 1 : 0);	/* ours */
	struct itimerval it;
	struct timespec ts;
	int64_t cpu;

	handle(sig);
	got_sig = 0;
	set_timer(which, 50000, 0);
	ASSERT_EQ(getitimer(which, &it), 0);
	/* Linux starts it at the next tick: up to 1/HZ (HZ >= 100) more */
	EXPECT_GT(usec(&it.it_value), 0);
	EXPECT_LE(usec(&it.it_value), 50000 + 10000);
	while (!got_sig)
		;
	EXPECT_EQ(got_sig, sig);
	EXPECT_EQ(got_code, SI_KERNEL_CODE);
	ASSERT_EQ(clock_gettime(clock, &ts), 0);
	cpu = ts.tv_sec * USEC_PER_SEC + ts.tv_nsec / 1000;
	EXPECT_GE(cpu, 50000);
	ASSERT_EQ(getitimer(which, &it), 0);
	EXPECT_EQ(usec(&it.it_value), 0);	/* a one-shot: done */
	signal(sig, SIG_DFL);
}

static void t_virtual_sends_sigvtalrm(void)
{
	cpu_itimer_fires(ITIMER_VIRTUAL, SIGVTALRM);
}

static void t_prof_sends_sigprof(void)
{
	cpu_itimer_fires(ITIMER_PROF, SIGPROF);
}

static void t_prof_periodic(void)
{
	int i;

	handle(SIGPROF);
	set_timer(ITIMER_PROF, 10000, 10000);
	for (i = 0; i < 3; i++) {
		got_sig = 0;
		while (!got_sig)
			;
		EXPECT_EQ(got_sig, SIGPROF);
	}
	set_timer(ITIMER_PROF, 0, 0);
	signal(SIGPROF, SIG_DFL);
}

static void t_errors(void)
{
	struct itimerval it = { { 0, 0 }, { 1, 0 } }, bad_usec = { { 0, 0 }, { 0, 1000000 } };
	struct itimerval neg_sec = { { 0, 0 }, { -1, 0 } }, neg_interval = { { 0, -1 }, { 1, 0 } };

	EXPECT_ERRNO(getitimer(3, &it), EINVAL);
	EXPECT_ERRNO(getitimer(-1, &it), EINVAL);
	EXPECT_ERRNO(setitimer(3, &it, NULL), EINVAL);
	EXPECT_ERRNO(setitimer(ITIMER_REAL, &bad_usec, NULL), EINVAL);
	EXPECT_ERRNO(setitimer(ITIMER_REAL, &neg_sec, NULL), EINVAL);
	EXPECT_ERRNO(setitimer(ITIMER_PROF, &neg_interval, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_getitimer, ITIMER_REAL, (void *)8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_setitimer, ITIMER_REAL, (void *)8, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_setitimer, ITIMER_REAL, &it, (void *)8), EFAULT);
	set_timer(ITIMER_REAL, 0, 0);	/* the last one did set it */
}

static void fork_child_has_no_timers(void)
{
	struct itimerval it;
	int which;

	for (which = ITIMER_REAL; which <= ITIMER_PROF; which++) {
		ASSERT_EQ(getitimer(which, &it), 0);
		EXPECT_EQ(usec(&it.it_value), 0);
		EXPECT_EQ(usec(&it.it_interval), 0);
	}
	EXPECT_EQ(alarm(0), 0);
}

static void t_fork_child_starts_without_timers(void)
{
	set_timer(ITIMER_REAL, 100 * USEC_PER_SEC, 0);
	set_timer(ITIMER_VIRTUAL, 100 * USEC_PER_SEC, USEC_PER_SEC);
	set_timer(ITIMER_PROF, 100 * USEC_PER_SEC, 0);
	EXPECT_EQ(run_in_child(fork_child_has_no_timers), 0);
	set_timer(ITIMER_REAL, 0, 0);
	set_timer(ITIMER_VIRTUAL, 0, 0);
	set_timer(ITIMER_PROF, 0, 0);
}

/* The re-executed side: the alarm and ITIMER_VIRTUAL set before the exec are still there. */
static int after_exec(void)
{
	struct itimerval it;
	unsigned int left;

	if (getitimer(ITIMER_VIRTUAL, &it) || usec(&it.it_interval) != 3 * USEC_PER_SEC ||
	    usec(&it.it_value) <= 0 || usec(&it.it_value) > 100 * USEC_PER_SEC + 10000)
		return 2;
	left = alarm(0);
	return left >= 99 && left <= 100 ? 0 : 3;
}

static void exec_keeps_timers(void)
{
	char *argv[] = { self_exe(), "--after-exec", NULL };

	alarm(100);
	set_timer(ITIMER_VIRTUAL, 100 * USEC_PER_SEC, 3 * USEC_PER_SEC);
	execv(self_exe(), argv);
	_exit(4);
}

static void t_exec_keeps_the_alarm_and_itimers(void)
{
	int status = run_in_child(exec_keeps_timers);

	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--after-exec"))
		return after_exec();
	self_exe_init(argv[0]);
	return ktap_run(KTAP_CASES(t_alarm_sends_sigalrm_from_the_kernel, t_alarm_ends_pause,
				   t_alarm_returns_the_old_seconds,
				   t_real_remaining_within_value_and_not_growing,
				   t_real_periodic_keeps_coming,
				   t_real_periodic_rearms_when_the_signal_is_taken,
				   t_sigalrm_without_handler_kills, t_virtual_sends_sigvtalrm,
				   t_prof_sends_sigprof, t_prof_periodic, t_errors,
				   t_fork_child_starts_without_timers,
				   t_exec_keeps_the_alarm_and_itimers));
}
