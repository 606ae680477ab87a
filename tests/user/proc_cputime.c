/*
 * proc_cputime: the CPU time a process is told it used.  The CPU-time
 * clocks move across a busy loop and never go back; getrusage, times(2)
 * and /proc/PID/stat agree with them to within their units; a child that
 * spun in user mode shows user time to its parent (wait4's rusage,
 * RUSAGE_CHILDREN, times' cutime, SIGCHLD's si_utime) and at least the
 * CPU time it measured itself; a joined thread's time stays in its
 * process's; bad arguments are EINVAL and EFAULT.
 *
 * No case depends on how fast the machine is: each spins until its own
 * CPU-time clock has moved far enough, and checks only relations that
 * hold however long that took.  The kernel calls go through syscall() so
 * that no vDSO answers instead.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktap.h"
#include "child.h"
#include "textfile.h"

#define NSEC_PER_SEC	1000000000LL
#define NSEC_PER_MSEC	1000000LL
#define TICK_NS		(NSEC_PER_SEC / 100)	/* a clock_t of times(2) and /proc: USER_HZ */

static int64_t cpu_clock_ns(clockid_t clock)
{
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clock, &ts))
		return -1;
	return ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static volatile unsigned long sink;

/* User-mode work only: no system call, no fault. */
static void busy_loop(unsigned long n)
{
	unsigned long i, x = sink;

	for (i = 0; i < n; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	sink = x;
}

/* Spins in user mode until this thread has used @ns more CPU time; returns its clock. */
static int64_t spin_for(int64_t ns)
{
	int64_t start = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID), now;

	do {
		busy_loop(20000);	/* long enough that the clock's system calls are few */
		now = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	} while (now - start < ns);
	return now;
}

static int64_t tv_ns(const struct timeval *tv)
{
	return tv->tv_sec * NSEC_PER_SEC + tv->tv_usec * 1000LL;
}

/* ru_utime + ru_stime in ns (each truncated to a microsecond). */
static int64_t rusage_ns(const struct rusage *ru)
{
	return tv_ns(&ru->ru_utime) + tv_ns(&ru->ru_stime);
}

static int get_rusage(int who, struct rusage *ru)
{
	return syscall(SYS_getrusage, who, ru);
}

static long get_times(struct tms *t)
{
	return syscall(SYS_times, t);
}

/* /proc/PID/stat (or a thread's): the state and fields 14-17, utime stime cutime cstime. */
struct stat_times {
	char state;
	unsigned long utime, stime, cutime, cstime;
};

static int read_stat_times(const char *path, struct stat_times *st)
{
	char buf[1024], *p;

	if (read_text(path, buf, sizeof(buf)) <= 0)
		return -1;
	p = strrchr(buf, ')');	/* the name may hold spaces */
	if (!p || sscanf(p + 2, "%c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu %lu %lu",
			 &st->state, &st->utime, &st->stime, &st->cutime, &st->cstime) != 5)
		return -1;
	return 0;
}

static void t_thread_clock_moves_across_a_busy_loop(void)
{
	int64_t before, after;
	int i;

	for (i = 0; i < 5; i++) {
		before = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
		busy_loop(200000);
		after = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
		ASSERT_GT(before, 0);
		/* charged up to the moment of the call, not the last tick */
		EXPECT_GT(after, before);
	}
}

static void t_process_clock_covers_the_thread_clock(void)
{
	int64_t thread, process;

	spin_for(20 * NSEC_PER_MSEC);
	thread = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	process = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	EXPECT_GE(process, thread);
}

/* Every measure of our own time, each part, read again and again: none goes back. */
static void t_cpu_times_never_decrease(void)
{
	struct rusage self, prev_self, thr, prev_thr;
	int64_t th, pr, prev_th = 0, prev_pr = 0;
	struct tms t, prev_t;
	int i;

	memset(&prev_self, 0, sizeof(prev_self));
	memset(&prev_thr, 0, sizeof(prev_thr));
	memset(&prev_t, 0, sizeof(prev_t));
	for (i = 0; i < 200; i++) {
		busy_loop(i % 7 * 3000);
		th = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
		pr = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
		ASSERT_EQ(get_rusage(RUSAGE_SELF, &self), 0);
		ASSERT_EQ(get_rusage(RUSAGE_THREAD, &thr), 0);
		ASSERT_TRUE(get_times(&t) != -1);
		EXPECT_GE(th, prev_th);
		EXPECT_GE(pr, prev_pr);
		EXPECT_GE(tv_ns(&self.ru_utime), tv_ns(&prev_self.ru_utime));
		EXPECT_GE(tv_ns(&self.ru_stime), tv_ns(&prev_self.ru_stime));
		EXPECT_GE(tv_ns(&thr.ru_utime), tv_ns(&prev_thr.ru_utime));
		EXPECT_GE(tv_ns(&thr.ru_stime), tv_ns(&prev_thr.ru_stime));
		EXPECT_GE(t.tms_utime, prev_t.tms_utime);
		EXPECT_GE(t.tms_stime, prev_t.tms_stime);
		if (ktap_failed)
			return;
		prev_th = th, prev_pr = pr, prev_self = self, prev_thr = thr, prev_t = t;
	}
}

/*
 * getrusage's total is the process's CPU time at the moment of the call:
 * at least the thread clock read before, at most the process clock read
 * after (less the two microsecond truncations).  RUSAGE_THREAD may lag
 * the clock by up to a tick (Linux counts it at the last tick or switch).
 */
static void t_getrusage_agrees_with_the_clocks(void)
{
	struct rusage self, thr;
	int64_t th_before, pr_after, th_after;

	spin_for(20 * NSEC_PER_MSEC);
	th_before = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	ASSERT_EQ(get_rusage(RUSAGE_SELF, &self), 0);
	ASSERT_EQ(get_rusage(RUSAGE_THREAD, &thr), 0);
	pr_after = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	th_after = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	EXPECT_GE(rusage_ns(&self) + 2000, th_before);
	EXPECT_LE(rusage_ns(&self), pr_after);
	EXPECT_LE(rusage_ns(&thr), th_after);
	EXPECT_GE(rusage_ns(&thr) + 2 * TICK_NS, th_before);
	EXPECT_GE(self.ru_utime.tv_usec, 0);
	EXPECT_LT(self.ru_utime.tv_usec, 1000000);
	EXPECT_GE(self.ru_stime.tv_usec, 0);
	EXPECT_LT(self.ru_stime.tv_usec, 1000000);
}

/* times(2) and /proc/self/stat: the process's time in clock ticks, each part truncated. */
static void t_times_and_proc_stat_agree_with_the_clock(void)
{
	struct stat_times st;
	int64_t before, after;
	struct tms t;

	spin_for(30 * NSEC_PER_MSEC);
	before = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	ASSERT_TRUE(get_times(&t) != -1);
	ASSERT_EQ(read_stat_times("/proc/self/stat", &st), 0);
	after = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	EXPECT_GE(t.tms_utime + t.tms_stime, before / TICK_NS - 1);
	EXPECT_LE(t.tms_utime + t.tms_stime, after / TICK_NS);
	EXPECT_GE((int64_t)(st.utime + st.stime), before / TICK_NS - 1);
	EXPECT_LE((int64_t)(st.utime + st.stime), after / TICK_NS);
	/* read later, neither part is behind times(2)'s */
	EXPECT_GE(st.utime, (unsigned long)t.tms_utime);
	EXPECT_GE(st.stime, (unsigned long)t.tms_stime);
	/* the reaped children's, from the same sums, in the same unit */
	EXPECT_EQ(st.cutime, (unsigned long)t.tms_cutime);
	EXPECT_EQ(st.cstime, (unsigned long)t.tms_cstime);
}

/* A child that spins in user mode, tells us its CPU time, and exits. */
static pid_t fork_spinner(int64_t ns, int64_t *reported)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int64_t c;

		close(p[0]);
		spin_for(ns);
		c = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
		_exit(write(p[1], &c, sizeof(c)) == sizeof(c) ? 0 : 1);
	}
	close(p[1]);
	if (pid > 0 && read(p[0], reported, sizeof(*reported)) != sizeof(*reported))
		*reported = -1;
	close(p[0]);
	return pid;
}

/*
 * What the parent learns of a spinning child: user time in wait4's
 * rusage, at least the time the child measured, and the same amounts
 * added to RUSAGE_CHILDREN and times' cutime/cstime.
 */
static void t_reaped_child_shows_its_user_time(void)
{
	struct rusage before, after, ru;
	struct tms tb, ta;
	int64_t c, added;
	int status;
	pid_t pid;

	ASSERT_EQ(get_rusage(RUSAGE_CHILDREN, &before), 0);
	ASSERT_TRUE(get_times(&tb) != -1);
	pid = fork_spinner(50 * NSEC_PER_MSEC, &c);
	ASSERT_GT(pid, 0);
	ASSERT_GE(c, 50 * NSEC_PER_MSEC);
	ASSERT_EQ(wait4(pid, &status, 0, &ru), pid);
	EXPECT_EQ(status, 0);
	EXPECT_GT(tv_ns(&ru.ru_utime), 0);
	EXPECT_GE(rusage_ns(&ru) + 2000, c);
	ASSERT_EQ(get_rusage(RUSAGE_CHILDREN, &after), 0);
	ASSERT_TRUE(get_times(&ta) != -1);
	EXPECT_GT(tv_ns(&after.ru_utime), tv_ns(&before.ru_utime));
	added = rusage_ns(&after) - rusage_ns(&before);
	EXPECT_GE(added + 2000, rusage_ns(&ru));
	EXPECT_LE(added, rusage_ns(&ru) + 4000);
	EXPECT_GT(ta.tms_cutime, tb.tms_cutime);
	EXPECT_GE((ta.tms_cutime - tb.tms_cutime) + (ta.tms_cstime - tb.tms_cstime),
		  c / TICK_NS - 2);
}

/*
 * A zombie's /proc/PID/stat shows its final times, which its reaping then
 * reports: neither part may be more than wait4 gives (each only grows).
 */
static void t_zombie_stat_shows_its_times(void)
{
	struct stat_times st;
	struct rusage ru;
	siginfo_t info;
	char path[64];
	int64_t c;
	pid_t pid;

	pid = fork_spinner(30 * NSEC_PER_MSEC, &c);
	ASSERT_GT(pid, 0);
	ASSERT_GE(c, 30 * NSEC_PER_MSEC);
	ASSERT_EQ(waitid(P_PID, pid, &info, WEXITED | WNOWAIT), 0);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ASSERT_EQ(read_stat_times(path, &st), 0);
	EXPECT_EQ(st.state, 'Z');
	EXPECT_GE((int64_t)(st.utime + st.stime), c / TICK_NS - 1);
	EXPECT_GT(st.utime, 0);
	ASSERT_EQ(wait4(pid, NULL, 0, &ru), pid);
	EXPECT_LE((int64_t)st.utime, tv_ns(&ru.ru_utime) / TICK_NS);
	EXPECT_LE((int64_t)st.stime, tv_ns(&ru.ru_stime) / TICK_NS);
}

/*
 * SIGCHLD carries the child's sampled ticks: a child that spun in user
 * mode has some.  Ticks sample whoever runs when they come, and a pause
 * of the host can let 50 ms of the child's clock pass with no tick at
 * all, so the child gets five tries; a kernel that never fills si_utime
 * fails all five.
 */
static void t_sigchld_carries_user_time(void)
{
	sigset_t set, old;
	siginfo_t info;
	int64_t c;
	pid_t pid;
	int try;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	ASSERT_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	for (try = 0; try < 5; try++) {
		pid = fork_spinner(50 * NSEC_PER_MSEC, &c);
		ASSERT_GT(pid, 0);
		memset(&info, 0, sizeof(info));
		EXPECT_EQ(sigwaitinfo(&set, &info), SIGCHLD);
		EXPECT_EQ(info.si_pid, pid);
		EXPECT_EQ(info.si_code, CLD_EXITED);
		EXPECT_EQ(wait_status(pid), 0);
		if (info.si_utime > 0)
			break;
	}
	EXPECT_GT(info.si_utime, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static int64_t thread_spun;

static void *spinning_thread(void *arg)
{
	(void)arg;
	thread_spun = spin_for(30 * NSEC_PER_MSEC);
	return NULL;
}

/* A thread's time stays in its process's after it is gone. */
static void t_joined_thread_time_stays_in_the_process(void)
{
	int64_t mine, process;
	struct rusage self;
	pthread_t t;

	ASSERT_EQ(pthread_create(&t, NULL, spinning_thread, NULL), 0);
	ASSERT_EQ(pthread_join(t, NULL), 0);
	ASSERT_GE(thread_spun, 30 * NSEC_PER_MSEC);
	mine = cpu_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	process = cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	ASSERT_EQ(get_rusage(RUSAGE_SELF, &self), 0);
	EXPECT_GE(process, mine + thread_spun);
	EXPECT_GE(rusage_ns(&self) + 2000, mine + thread_spun);
}

/* RUSAGE_BOTH (-2) is the kernel's own, not a caller's; bad buffers are EFAULT. */
static void t_bad_arguments(void)
{
	struct rusage ru;
	void *wild = (void *)16;

	EXPECT_ERRNO(get_rusage(2, &ru), EINVAL);
	EXPECT_ERRNO(get_rusage(-2, &ru), EINVAL);
	EXPECT_ERRNO(get_rusage(RUSAGE_SELF, wild), EFAULT);
	EXPECT_ERRNO(get_rusage(RUSAGE_CHILDREN, wild), EFAULT);
	EXPECT_ERRNO(syscall(SYS_times, wild), EFAULT);
	EXPECT_GT(syscall(SYS_times, NULL), 0);		/* the buffer is optional */
}

int main(void)
{
	return ktap_run(KTAP_CASES(t_thread_clock_moves_across_a_busy_loop,
		t_process_clock_covers_the_thread_clock, t_cpu_times_never_decrease,
		t_getrusage_agrees_with_the_clocks, t_times_and_proc_stat_agree_with_the_clock,
		t_reaped_child_shows_its_user_time, t_zombie_stat_shows_its_times,
		t_sigchld_carries_user_time, t_joined_thread_time_stays_in_the_process,
		t_bad_arguments));
}
