/*
 * time_cpu_timers: the CPU-time clocks and their timers.  Clock ids made
 * from a pid (clock_getcpuclockid) or a thread id (pthread_getcpuclockid)
 * read that process's or thread's time, for another process too; a
 * thread clock of another process, a process clock of a thread (except
 * the caller's own, for clock_gettime), a pid that does not exist are
 * EINVAL.  A POSIX timer on CLOCK_PROCESS_CPUTIME_ID, on
 * CLOCK_THREAD_CPUTIME_ID or on another process's clock fires only once
 * that much CPU time was used; a periodic one with its signal blocked
 * counts the periods as overruns.  RLIMIT_CPU sends SIGXCPU at the soft
 * limit and SIGKILL at the hard one.  The waits are for the signals.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"

#define NSEC_PER_SEC	1000000000LL
#define MS		1000000LL
#define CPUCLOCK_PROF	0
#define CPUCLOCK_VIRT	1
#define CPUCLOCK_SCHED	2
#define PROCESS_CLOCK(pid, which)	((clockid_t)((~(unsigned int)(pid) << 3) | (which)))
#define THREAD_CLOCK(tid, which)	PROCESS_CLOCK(tid, (which) | 4)

static int64_t clock_ns(clockid_t clock)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clock, &ts))
		return -1;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static int64_t res_ns(clockid_t clock)
{
	struct timespec ts;

	if (syscall(SYS_clock_getres, clock, &ts))
		return -1;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* Runs on the CPU until @clock has moved @ns on. */
static void spin_for(clockid_t clock, int64_t ns)
{
	int64_t end = clock_ns(clock) + ns;

	while (clock_ns(clock) < end)
		;
}

static volatile sig_atomic_t got_sig;

static void on_signal(int sig)
{
	got_sig = sig;
}

static void t_process_clock_ids(void)
{
	clockid_t clock;
	int64_t a, b;

	ASSERT_EQ(clock_getcpuclockid(getpid(), &clock), 0);
	EXPECT_EQ(clock, PROCESS_CLOCK(getpid(), CPUCLOCK_SCHED));
	a = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	b = clock_ns(clock);
	EXPECT_GE(b, a);
	EXPECT_GE(clock_ns(CLOCK_PROCESS_CPUTIME_ID), b);
	EXPECT_EQ(res_ns(clock), 1);
	/* the sampled clocks: user + system time, user time; resolution a tick */
	spin_for(CLOCK_PROCESS_CPUTIME_ID, 30 * MS);
	a = clock_ns(PROCESS_CLOCK(0, CPUCLOCK_PROF));
	b = clock_ns(PROCESS_CLOCK(0, CPUCLOCK_VIRT));
	EXPECT_GE(b, 0);
	EXPECT_GE(a, b);
	EXPECT_GE(res_ns(PROCESS_CLOCK(getpid(), CPUCLOCK_PROF)), 1 * MS);
	EXPECT_LE(res_ns(PROCESS_CLOCK(getpid(), CPUCLOCK_PROF)), 10 * MS);
	EXPECT_ERRNO(clock_ns(PROCESS_CLOCK(getpid(), 3)), EINVAL);	/* a dynamic clock's fd */
	EXPECT_ERRNO(clock_ns(PROCESS_CLOCK(0x3fffff, CPUCLOCK_SCHED)), EINVAL);
	EXPECT_ERRNO(res_ns(PROCESS_CLOCK(0x3fffff, CPUCLOCK_SCHED)), EINVAL);
}

static volatile pid_t thread_tid;
static volatile int thread_result;

static void *thread_checks_clocks(void *arg)
{
	pid_t tid = gettid();

	(void)arg;
	thread_tid = tid;
	/* its own tid as a process clock: clock_gettime reads the process */
	if (clock_ns(PROCESS_CLOCK(tid, CPUCLOCK_SCHED)) < 0)
		thread_result = 1;
	else if (res_ns(PROCESS_CLOCK(tid, CPUCLOCK_SCHED)) != -1 || errno != EINVAL)
		thread_result = 2;	/* but it is no process id */
	else if (clock_ns(THREAD_CLOCK(tid, CPUCLOCK_SCHED)) < 0)
		thread_result = 3;
	while (thread_tid)
		;			/* until the main thread has read our clock */
	return NULL;
}

static void t_thread_clock_ids(void)
{
	clockid_t clock;
	pthread_t th;
	pid_t child;

	ASSERT_EQ(pthread_getcpuclockid(pthread_self(), &clock), 0);
	EXPECT_GE(clock_ns(clock), 0);
	thread_result = 0;
	thread_tid = 0;
	ASSERT_EQ(pthread_create(&th, NULL, thread_checks_clocks, NULL), 0);
	while (!thread_tid)
		sched_yield();
	EXPECT_GE(clock_ns(THREAD_CLOCK(thread_tid, CPUCLOCK_SCHED)), 0);
	EXPECT_EQ(res_ns(THREAD_CLOCK(thread_tid, CPUCLOCK_SCHED)), 1);
	EXPECT_ERRNO(clock_ns(PROCESS_CLOCK(thread_tid, CPUCLOCK_SCHED)), EINVAL);
	thread_tid = 0;
	pthread_join(th, NULL);
	EXPECT_EQ(thread_result, 0);
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	ASSERT_GT(child, 0);
	EXPECT_ERRNO(clock_ns(THREAD_CLOCK(child, CPUCLOCK_SCHED)), EINVAL);	/* not ours */
	kill(child, SIGKILL);
	wait_status(child);
}

/* Another process's clock: readable, and gone with it. */
static void t_another_process_clock(void)
{
	int ready[2];
	pid_t child;
	clockid_t clock;
	char byte;

	ASSERT_EQ(pipe(ready), 0);
	child = fork();
	if (child == 0) {
		spin_for(CLOCK_PROCESS_CPUTIME_ID, 20 * MS);
		write(ready[1], "r", 1);
		pause();
		_exit(0);
	}
	ASSERT_GT(child, 0);
	ASSERT_EQ(read(ready[0], &byte, 1), 1);
	ASSERT_EQ(clock_getcpuclockid(child, &clock), 0);
	EXPECT_GE(clock_ns(clock), 20 * MS);
	kill(child, SIGKILL);
	wait_status(child);
	EXPECT_ERRNO(clock_ns(clock), EINVAL);
	EXPECT_EQ(clock_getcpuclockid(child, &clock), EINVAL);	/* returned, not in errno */
	close(ready[0]);
	close(ready[1]);
}

static int make_timer(clockid_t clock, int sig)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = sig };
	int id = -1;

	sev.sigev_value.sival_int = 7;
	if (syscall(SYS_timer_create, clock, &sev, &id))
		return -1;
	return id;
}

static int arm(int id, int64_t value, int64_t interval)
{
	struct itimerspec its = {
		{ interval / NSEC_PER_SEC, interval % NSEC_PER_SEC },
		{ value / NSEC_PER_SEC, value % NSEC_PER_SEC },
	};

	return syscall(SYS_timer_settime, id, 0, &its, NULL);
}

/* A timer on @clock fires, and only after @clock used the time. */
static void cpu_timer_fires_after(clockid_t clock)
{
	struct itimerspec cur;
	int64_t start;
	int id;

	signal(SIGUSR1, on_signal);
	got_sig = 0;
	id = make_timer(clock, SIGUSR1);
	ASSERT_GE(id, 0);
	start = clock_ns(clock);
	ASSERT_EQ(arm(id, 30 * MS, 0), 0);
	ASSERT_EQ(syscall(SYS_timer_gettime, id, &cur), 0);
	EXPECT_GT(cur.it_value.tv_nsec, 0);
	EXPECT_LE(cur.it_value.tv_nsec, 30 * MS);
	while (!got_sig)
		;
	EXPECT_GE(clock_ns(clock) - start, 30 * MS);
	ASSERT_EQ(syscall(SYS_timer_gettime, id, &cur), 0);
	EXPECT_EQ(cur.it_value.tv_sec + cur.it_value.tv_nsec, 0);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	signal(SIGUSR1, SIG_DFL);
}

static void t_process_cputime_timer(void)
{
	cpu_timer_fires_after(CLOCK_PROCESS_CPUTIME_ID);
}

static void t_thread_cputime_timer(void)
{
	cpu_timer_fires_after(CLOCK_THREAD_CPUTIME_ID);
}

static void t_periodic_cpu_timer_counts_overruns(void)
{
	int64_t start, period = 5 * MS;
	siginfo_t si;
	sigset_t set;
	int id;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	id = make_timer(CLOCK_PROCESS_CPUTIME_ID, SIGRTMIN);
	ASSERT_GE(id, 0);
	ASSERT_EQ(arm(id, period, period), 0);
	start = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	spin_for(CLOCK_PROCESS_CPUTIME_ID, 14 * period);
	ASSERT_EQ(sigwaitinfo(&set, &si), SIGRTMIN);
	EXPECT_GE(clock_ns(CLOCK_PROCESS_CPUTIME_ID) - start, 14 * period);
	EXPECT_EQ(si.si_code, SI_TIMER);
	EXPECT_EQ(si.si_value.sival_int, 7);
	EXPECT_GE(si.si_overrun, 10);		/* >= 12 periods after the first expiry */
	EXPECT_EQ(syscall(SYS_timer_getoverrun, id), si.si_overrun);
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	while (is_pending(SIGRTMIN))	/* the next period's, if it came before the delete */
		sigwaitinfo(&set, &si);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* A timer on a child's CPU time fires while we sleep: the child runs. */
static void t_timer_on_another_process(void)
{
	struct itimerspec cur;
	clockid_t clock;
	siginfo_t si;
	sigset_t set;
	pid_t child;
	int id;

	child = fork();
	if (child == 0)
		for (;;)
			;
	ASSERT_GT(child, 0);
	ASSERT_EQ(clock_getcpuclockid(child, &clock), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	id = make_timer(clock, SIGUSR2);
	ASSERT_GE(id, 0);
	ASSERT_EQ(arm(id, 20 * MS, 0), 0);
	EXPECT_EQ(sigwaitinfo(&set, &si), SIGUSR2);
	EXPECT_EQ(si.si_code, SI_TIMER);
	EXPECT_GE(clock_ns(clock), 20 * MS);
	ASSERT_EQ(arm(id, 100 * NSEC_PER_SEC, 0), 0);
	kill(child, SIGKILL);
	wait_status(child);
	ASSERT_EQ(syscall(SYS_timer_gettime, id, &cur), 0);
	EXPECT_EQ(cur.it_value.tv_sec + cur.it_value.tv_nsec, 0);	/* its process is gone */
	EXPECT_EQ(syscall(SYS_timer_delete, id), 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* clock_nanosleep on a CPU clock ends once that clock has moved on that much. */
static void t_nanosleep_on_a_cpu_clock(void)
{
	struct timespec ms20 = { 0, 20 * MS };
	clockid_t clock;
	int64_t start;
	pid_t child;

	child = fork();
	if (child == 0)
		for (;;)
			;
	ASSERT_GT(child, 0);
	ASSERT_EQ(clock_getcpuclockid(child, &clock), 0);
	start = clock_ns(clock);
	EXPECT_EQ(syscall(SYS_clock_nanosleep, clock, 0, &ms20, NULL), 0);
	EXPECT_GE(clock_ns(clock) - start, 20 * MS);
	kill(child, SIGKILL);
	wait_status(child);
	/* our own thread's clock cannot move while we sleep */
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, THREAD_CLOCK(0, CPUCLOCK_SCHED), 0, &ms20, NULL),
		     EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, THREAD_CLOCK(gettid(), CPUCLOCK_SCHED), 0, &ms20,
			     NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, clock, 0, &ms20, NULL), EINVAL);	/* reaped */
}

static void t_errors(void)
{
	EXPECT_ERRNO(make_timer(PROCESS_CLOCK(0x3fffff, CPUCLOCK_SCHED), SIGUSR1), EINVAL);
	EXPECT_ERRNO(make_timer(THREAD_CLOCK(getppid(), CPUCLOCK_SCHED), SIGUSR1), EINVAL);
	EXPECT_ERRNO(make_timer(PROCESS_CLOCK(getpid(), 3), SIGUSR1), EOPNOTSUPP);
}

/* RLIMIT_CPU: SIGXCPU at the soft limit (handled), then SIGKILL at the hard one. */
static void cpu_limit(void)
{
	struct rlimit rl = { 1, 2 };

	signal(SIGXCPU, on_signal);
	got_sig = 0;
	ASSERT_EQ(setrlimit(RLIMIT_CPU, &rl), 0);
	while (!got_sig)
		;
	/* the limit is on user + system time, the PROF clock */
	if (clock_ns(PROCESS_CLOCK(0, CPUCLOCK_PROF)) < NSEC_PER_SEC)
		_exit(2);		/* too early */
	for (;;)
		;
}

static void t_rlimit_cpu(void)
{
	int status = run_in_child(cpu_limit);

	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_process_clock_ids, t_thread_clock_ids,
				   t_another_process_clock, t_process_cputime_timer,
				   t_thread_cputime_timer, t_periodic_cpu_timer_counts_overruns,
				   t_timer_on_another_process, t_nanosleep_on_a_cpu_clock, t_errors,
				   t_rlimit_cpu));
}
