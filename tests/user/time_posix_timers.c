/*
 * time_posix_timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun and timer_delete on CLOCK_REALTIME, CLOCK_MONOTONIC
 * and CLOCK_BOOTTIME.  A process's timer ids are 0, 1, 2, ... and not
 * reused; without a sigevent a timer sends SIGALRM with its id as value;
 * the signal carries si_code SI_TIMER, si_timerid, si_value; relative and
 * TIMER_ABSTIME expiries; the time left is within the setting and never
 * grows; a periodic timer whose signal stays blocked counts its overruns
 * (si_overrun, timer_getoverrun); SIGEV_NONE queues nothing but counts
 * down; SIGEV_THREAD_ID signals one thread.  Timers are not inherited by a
 * fork child, go at exec with their pending signals, and die with their
 * process.  EINVAL, EOPNOTSUPP and EFAULT as Linux.  The system calls are
 * made directly (libc's timer_t is not the kernel's).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NSEC_PER_SEC	1000000000LL
#define MS		1000000LL

static int sys_timer_create(clockid_t clock, struct sigevent *sev, int *id)
{
	return syscall(SYS_timer_create, clock, sev, id);
}

static int sys_timer_settime(int id, int flags, int64_t value, int64_t interval,
			     struct itimerspec *old)
{
	struct itimerspec its = {
		{ interval / NSEC_PER_SEC, interval % NSEC_PER_SEC },
		{ value / NSEC_PER_SEC, value % NSEC_PER_SEC },
	};

	return syscall(SYS_timer_settime, id, flags, &its, old);
}

static int sys_timer_gettime(int id, struct itimerspec *cur)
{
	return syscall(SYS_timer_gettime, id, cur);
}

static int64_t ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static int64_t now(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ns(&ts);
}

static struct sigevent signal_event(int sig, int value)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = sig };

	sev.sigev_value.sival_int = value;
	return sev;
}

/* In a fresh process (a fork child): ids from 0, SIGALRM and the id by default. */
static void ids_and_default_event(void)
{
	int id[4], i;
	siginfo_t si;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id[i]), 0);
		EXPECT_EQ(id[i], i);
	}
	EXPECT_EQ(syscall(SYS_timer_delete, id[1]), 0);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id[3]), 0);
	EXPECT_EQ(id[3], 3);			/* a freed id is not handed out again */
	block_signal(SIGALRM);
	ASSERT_EQ(sys_timer_settime(id[2], 0, 5 * MS, 0, NULL), 0);
	si = wait_for_signal(SIGALRM);
	EXPECT_EQ(si.si_code, SI_TIMER);
	EXPECT_EQ(si.si_timerid, 2);
	EXPECT_EQ(si.si_value.sival_int, 2);
	EXPECT_EQ(si.si_overrun, 0);
}

static void t_ids_count_up_and_default_event_is_sigalrm(void)
{
	EXPECT_EQ(run_in_child(ids_and_default_event), 0);
}

static void t_signal_carries_value_and_timer_id(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 1 };
	static int cookie;
	siginfo_t si;
	int id;

	sev.sigev_value.sival_ptr = &cookie;
	block_signal(SIGRTMIN + 1);
	ASSERT_EQ(sys_timer_create(CLOCK_REALTIME, &sev, &id), 0);
	ASSERT_EQ(sys_timer_settime(id, 0, 10 * MS, 0, NULL), 0);
	si = wait_for_signal(SIGRTMIN + 1);
	EXPECT_EQ(si.si_code, SI_TIMER);
	EXPECT_EQ(si.si_timerid, id);
	EXPECT_TRUE(si.si_value.sival_ptr == &cookie);
	EXPECT_EQ(si.si_overrun, 0);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
}

/* The signal never comes before the time asked for, on each clock. */
static void t_fires_after_its_time_relative_and_absolute(void)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME };
	struct sigevent sev = signal_event(SIGUSR1, 0);
	int64_t start, deadline;
	unsigned int i;
	int id;

	block_signal(SIGUSR1);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(sys_timer_create(clocks[i], &sev, &id), 0);
		start = now(clocks[i]);
		ASSERT_EQ(sys_timer_settime(id, 0, 20 * MS, 0, NULL), 0);
		wait_for_signal(SIGUSR1);
		EXPECT_GE(now(clocks[i]) - start, 20 * MS);
		deadline = now(clocks[i]) + 20 * MS;
		ASSERT_EQ(sys_timer_settime(id, TIMER_ABSTIME, deadline, 0, NULL), 0);
		wait_for_signal(SIGUSR1);
		EXPECT_GE(now(clocks[i]), deadline);
		/* an absolute time already past fires at once */
		ASSERT_EQ(sys_timer_settime(id, TIMER_ABSTIME, 1, 0, NULL), 0);
		wait_for_signal(SIGUSR1);
		EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	}
}

static void t_gettime_within_setting_and_not_growing(void)
{
	struct sigevent sev = signal_event(SIGUSR1, 0);
	struct itimerspec cur, old;
	int64_t prev = 10 * NSEC_PER_SEC;
	int id, i;

	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), 0);
	ASSERT_EQ(sys_timer_gettime(id, &cur), 0);
	EXPECT_EQ(ns(&cur.it_value), 0);		/* not armed yet */
	ASSERT_EQ(sys_timer_settime(id, 0, 10 * NSEC_PER_SEC, 3 * NSEC_PER_SEC / 2, NULL), 0);
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(sys_timer_gettime(id, &cur), 0);
		EXPECT_GT(ns(&cur.it_value), 0);
		EXPECT_LE(ns(&cur.it_value), prev);
		EXPECT_EQ(ns(&cur.it_interval), 3 * NSEC_PER_SEC / 2);
		prev = ns(&cur.it_value);
	}
	ASSERT_EQ(sys_timer_settime(id, 0, 0, 0, &old), 0);	/* zero disarms */
	EXPECT_GT(ns(&old.it_value), 0);
	EXPECT_LE(ns(&old.it_value), prev);
	EXPECT_EQ(ns(&old.it_interval), 3 * NSEC_PER_SEC / 2);
	ASSERT_EQ(sys_timer_gettime(id, &cur), 0);
	EXPECT_EQ(ns(&cur.it_value), 0);
	EXPECT_EQ(ns(&cur.it_interval), 0);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
}

/*
 * A periodic timer whose signal stays blocked: one signal, and the periods
 * that passed meanwhile as its overruns.  The wait is on the clock.
 */
static void t_blocked_periodic_counts_overruns(void)
{
	struct sigevent sev = signal_event(SIGRTMIN, 0);
	int64_t start, period = 2 * MS;
	struct itimerspec cur;
	siginfo_t si;
	int id;

	block_signal(SIGRTMIN);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), 0);
	ASSERT_EQ(sys_timer_settime(id, 0, period, period, NULL), 0);
	start = now(CLOCK_MONOTONIC);
	while (now(CLOCK_MONOTONIC) < start + 25 * period || !is_pending(SIGRTMIN))
		;
	/* a pending periodic timer still counts down to its next period */
	ASSERT_EQ(sys_timer_gettime(id, &cur), 0);
	EXPECT_GT(ns(&cur.it_value), 0);
	EXPECT_LE(ns(&cur.it_value), period);
	si = wait_for_signal(SIGRTMIN);
	EXPECT_EQ(si.si_code, SI_TIMER);
	/* >= 24 periods went by after the first expiry */
	EXPECT_GE(si.si_overrun, 20);
	EXPECT_EQ(syscall(SYS_timer_getoverrun, id), si.si_overrun);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	if (is_pending(SIGRTMIN))	/* the next period's, if it came before the delete */
		EXPECT_EQ(wait_for_signal(SIGRTMIN).si_code, SI_TIMER);
}

static void t_sigev_none_counts_down_silently(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_NONE };
	struct itimerspec cur;
	int64_t start;
	int id;

	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), 0);
	start = now(CLOCK_MONOTONIC);
	ASSERT_EQ(sys_timer_settime(id, 0, 20 * MS, 0, NULL), 0);
	ASSERT_EQ(sys_timer_gettime(id, &cur), 0);
	EXPECT_GT(ns(&cur.it_value), 0);
	EXPECT_LE(ns(&cur.it_value), 20 * MS);
	while (now(CLOCK_MONOTONIC) < start + 30 * MS)
		;
	ASSERT_EQ(sys_timer_gettime(id, &cur), 0);
	EXPECT_EQ(ns(&cur.it_value), 0);	/* expired, nothing sent */
	ASSERT_EQ(sys_timer_settime(id, 0, 5 * MS, 5 * MS, NULL), 0);
	while (now(CLOCK_MONOTONIC) < start + 60 * MS)
		;
	ASSERT_EQ(sys_timer_gettime(id, &cur), 0);	/* periodic: always its next period */
	EXPECT_GT(ns(&cur.it_value), 0);
	EXPECT_LE(ns(&cur.it_value), 5 * MS);
	EXPECT_TRUE(!is_pending(SIGALRM));
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
}

static volatile pid_t thread_tid;
static volatile int thread_got;

static void *thread_waits(void *arg)
{
	siginfo_t si;
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	thread_tid = gettid();
	if (sigwaitinfo(&set, &si) == SIGUSR2 && si.si_code == SI_TIMER)
		thread_got = si.si_value.sival_int;
	return NULL;
}

static void t_sigev_thread_id_signals_that_thread(void)
{
	struct sigevent sev = signal_event(SIGUSR2, 42);
	pthread_t th;
	int id;

	block_signal(SIGUSR2);			/* the thread inherits the mask */
	thread_tid = 0;
	thread_got = 0;
	ASSERT_EQ(pthread_create(&th, NULL, thread_waits, NULL), 0);
	while (!thread_tid)
		sched_yield();
	sev.sigev_notify = SIGEV_SIGNAL | SIGEV_THREAD_ID;
	sev.sigev_notify_thread_id = thread_tid;
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), 0);
	ASSERT_EQ(sys_timer_settime(id, 0, 5 * MS, 0, NULL), 0);
	pthread_join(th, NULL);
	EXPECT_EQ(thread_got, 42);
	EXPECT_TRUE(!is_pending(SIGUSR2));	/* it was the thread's, not ours */
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	sev.sigev_notify_thread_id = getppid();	/* not a thread of ours */
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), EINVAL);
}

static void t_errors(void)
{
	struct sigevent sev = signal_event(SIGUSR1, 0);
	struct itimerspec its = { { 0, 0 }, { 1, 0 } }, bad = { { 0, 0 }, { 0, NSEC_PER_SEC } };
	int id;

	EXPECT_ERRNO(sys_timer_create(100, &sev, &id), EINVAL);
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC_RAW, &sev, &id), EOPNOTSUPP);
	EXPECT_ERRNO(sys_timer_create(CLOCK_REALTIME_COARSE, &sev, &id), EOPNOTSUPP);
	sev.sigev_notify = 99;
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), EINVAL);
	sev = signal_event(0, 0);
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), EINVAL);
	sev = signal_event(65, 0);
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), EINVAL);
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, (void *)8, &id), EFAULT);
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, NULL, (void *)8), EFAULT);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id), 0);
	EXPECT_ERRNO(syscall(SYS_timer_settime, id, 0, NULL, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_timer_settime, id, 0, &bad, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_timer_settime, id, 0, (void *)8, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_timer_settime, id + 1000, 0, &its, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_timer_settime, -1, 0, &its, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_timer_gettime, id, (void *)8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_timer_gettime, id + 1000, &its), EINVAL);
	EXPECT_ERRNO(syscall(SYS_timer_getoverrun, id + 1000), EINVAL);
	EXPECT_EQ(syscall(SYS_timer_getoverrun, id), 0);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	EXPECT_ERRNO(syscall(SYS_timer_delete, id), EINVAL);
	EXPECT_ERRNO(sys_timer_gettime(id, &its), EINVAL);
}

static void fork_child_has_none(void)
{
	struct itimerspec cur;
	int id;

	EXPECT_ERRNO(sys_timer_gettime(0, &cur), EINVAL);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id), 0);
	EXPECT_EQ(id, 0);
}

static void t_fork_child_inherits_no_timer(void)
{
	int id;

	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id), 0);
	ASSERT_EQ(sys_timer_settime(id, 0, 100 * NSEC_PER_SEC, 0, NULL), 0);
	EXPECT_EQ(run_in_child(fork_child_has_none), 0);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
}

/* The re-executed side: no timer 0, and its signal not pending any more. */
static int after_exec(void)
{
	struct itimerspec cur;

	if (sys_timer_gettime(0, &cur) != -1 || errno != EINVAL)
		return 2;
	return is_pending(SIGRTMIN + 3) ? 3 : 0;
}

static void exec_deletes_timers(void)
{
	struct sigevent sev = signal_event(SIGRTMIN + 3, 0);
	char *argv[] = { self_exe(), "--after-exec", NULL };
	int id, other;

	block_signal(SIGRTMIN + 3);		/* the mask survives exec */
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), 0);
	ASSERT_EQ(id, 0);
	ASSERT_EQ(sys_timer_settime(id, 0, 1 * MS, 0, NULL), 0);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &other), 0);
	ASSERT_EQ(sys_timer_settime(other, 0, 100 * NSEC_PER_SEC, 0, NULL), 0);
	while (!is_pending(SIGRTMIN + 3))
		;
	execv(self_exe(), argv);
	_exit(4);
}

static void t_exec_deletes_timers_and_their_signals(void)
{
	int status = run_in_child(exec_deletes_timers);

	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

/*
 * RLIMIT_SIGPENDING counts a user's queued signals and its timers: past
 * it, timer_create and a real-time sigqueue are EAGAIN, while kill()'s
 * real-time signal is still sent (without its siginfo).  As a user of its
 * own (54321), whose count starts at 0.
 */
static void sigpending_limit(void)
{
	struct rlimit rl = { 2, 2 };
	union sigval v = { 0 };
	int id[3];

	ASSERT_EQ(setresuid(54321, 54321, 54321), 0);
	ASSERT_EQ(setrlimit(RLIMIT_SIGPENDING, &rl), 0);
	block_signal(SIGRTMIN);
	block_signal(SIGRTMIN + 1);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id[0]), 0);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, NULL, &id[1]), 0);
	EXPECT_ERRNO(sys_timer_create(CLOCK_MONOTONIC, NULL, &id[2]), EAGAIN);
	EXPECT_EQ(syscall(SYS_timer_delete, id[1]), 0);
	EXPECT_EQ(sigqueue(getpid(), SIGRTMIN, v), 0);		/* one timer, one signal */
	EXPECT_ERRNO(sigqueue(getpid(), SIGRTMIN, v), EAGAIN);
	EXPECT_EQ(kill(getpid(), SIGRTMIN + 1), 0);
	EXPECT_TRUE(is_pending(SIGRTMIN + 1));
	EXPECT_EQ(wait_for_signal(SIGRTMIN).si_code, SI_QUEUE);
	EXPECT_EQ(sigqueue(getpid(), SIGRTMIN, v), 0);		/* room again */
}

static void t_sigpending_limit_counts_timers_and_signals(void)
{
	EXPECT_EQ(run_in_child(sigpending_limit), 0);
}

/* A process that exits with a fast periodic timer armed: nothing is left firing. */
static void exit_with_timer_armed(void)
{
	struct sigevent sev = signal_event(SIGUSR1, 0);
	int id;

	block_signal(SIGUSR1);
	ASSERT_EQ(sys_timer_create(CLOCK_MONOTONIC, &sev, &id), 0);
	ASSERT_EQ(sys_timer_settime(id, 0, 1 * MS, 1 * MS, NULL), 0);
	wait_for_signal(SIGUSR1);
	_exit(0);
}

static void t_timers_die_with_their_process(void)
{
	struct timespec ms20 = { 0, 20 * MS };
	int i;

	for (i = 0; i < 5; i++)
		EXPECT_EQ(run_in_child(exit_with_timer_armed), 0);
	nanosleep(&ms20, NULL);		/* a timer left behind would fire in here */
	EXPECT_EQ(getpid() > 0, 1);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--after-exec"))
		return after_exec();
	self_exe_init(argv[0]);
	return ktap_run(KTAP_CASES(t_ids_count_up_and_default_event_is_sigalrm,
				   t_signal_carries_value_and_timer_id,
				   t_fires_after_its_time_relative_and_absolute,
				   t_gettime_within_setting_and_not_growing,
				   t_blocked_periodic_counts_overruns,
				   t_sigev_none_counts_down_silently,
				   t_sigev_thread_id_signals_that_thread, t_errors,
				   t_fork_child_inherits_no_timer,
				   t_sigpending_limit_counts_timers_and_signals,
				   t_exec_deletes_timers_and_their_signals,
				   t_timers_die_with_their_process));
}
