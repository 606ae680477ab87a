/*
 * include/linux/posix-timers.h: interval timers and POSIX timers.
 *
 * A process has three interval timers (setitimer): ITIMER_REAL on an
 * hrtimer, ITIMER_VIRTUAL and ITIMER_PROF on its CPU time (struct
 * cpu_itimer, checked at the tick).  It also has any number of POSIX
 * timers (timer_create), each a struct k_itimer with a per-process id,
 * on a clock: an hrtimer for the wall and monotonic clocks, or a CPU-time
 * clock of a thread or a process (struct cpu_timer, checked at the tick).
 * A struct k_clock holds what differs between the two kinds.
 *
 * CPU clock ids are negative: ~pid << 3, the clock (PROF, VIRT, SCHED)
 * in the low two bits and bit 2 set for a thread; pid 0 means the caller
 * (CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID name those).
 */
#ifndef _LINUX_POSIX_TIMERS_H
#define _LINUX_POSIX_TIMERS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/futex.h>	/* struct timespec64 */

/* A k_clock's timer_set/timer_del: its function runs on another CPU, unlock and retry. */
#define TIMER_RETRY	1

struct pid;
struct kernel_siginfo;
struct sigqueue;
struct signal_struct;
struct task_struct;
typedef union sigval sigval_t;

#define CPUCLOCK_PID(clock)		((pid_t)~((clock) >> 3))
#define CPUCLOCK_PERTHREAD(clock)	(((clock) & (clockid_t)CPUCLOCK_PERTHREAD_MASK) != 0)
#define CPUCLOCK_PERTHREAD_MASK		4
#define CPUCLOCK_WHICH(clock)		((clock) & (clockid_t)CPUCLOCK_CLOCK_MASK)
#define CPUCLOCK_CLOCK_MASK		3
#define CPUCLOCK_PROF			0	/* user + system time (ITIMER_PROF) */
#define CPUCLOCK_VIRT			1	/* user time (ITIMER_VIRTUAL) */
#define CPUCLOCK_SCHED			2	/* the scheduler's runtime, to the ns */
#define CPUCLOCK_MAX			3
#define CLOCKFD				CPUCLOCK_MAX	/* a dynamic clock's fd (none here) */
#define CLOCKFD_MASK			(CPUCLOCK_PERTHREAD_MASK | CPUCLOCK_CLOCK_MASK)
#define MAKE_PROCESS_CPUCLOCK(pid, clock)	((int)(~(unsigned int)(pid) << 3) | (clock))
#define MAKE_THREAD_CPUCLOCK(tid, clock) \
	MAKE_PROCESS_CPUCLOCK(tid, (clock) | CPUCLOCK_PERTHREAD_MASK)

#define ITIMER_REAL		0
#define ITIMER_VIRTUAL		1
#define ITIMER_PROF		2

/* ITIMER_VIRTUAL, ITIMER_PROF: absolute process CPU time of the expiry, in ns. */
struct cpu_itimer {
	u64 expires;			/* 0: disarmed */
	u64 incr;			/* the interval */
};

/* A POSIX timer on a CPU-time clock. */
struct cpu_timer {
	struct list_head entry;		/* on the target's cpu_timers while armed; tasklist_lock;
					 * while firing, on the tick's private list: only that
					 * CPU touches it */
	u64 expires;			/* absolute, of the clock; 0: disarmed */
	int firing;			/* set under tasklist_lock as the tick collects it,
					 * cleared under it_lock as it fires: set and del
					 * meanwhile return TIMER_RETRY (Linux's cpu.firing) */
	struct pid *pid;		/* the thread or process whose time it is */
};

struct itimerspec64 {
	struct timespec64 it_interval;
	struct timespec64 it_value;
};

#define REQUEUE_PENDING		1	/* in it_requeue_pending: a signal queued, rearm on dequeue */

struct k_itimer {
	struct list_head list;		/* in signal->posix_timers, under siglock */
	atomic_t it_refs;		/* the process's list holds one; lock_timer one
					 * between siglock and it_lock; freed at zero */
	spinlock_t it_lock;		/* protects everything below */
	struct signal_struct *it_signal; /* the owner, set before it is listed;
					 * NULL once deleted (cleared under it_lock) */
	const struct k_clock *kclock;
	clockid_t it_clock;
	int it_id;			/* the timer_t user space holds */
	int it_active;			/* armed (not SIGEV_NONE, not expired) */
	s64 it_overrun;			/* expiries since the signal was queued, -1 based */
	s64 it_overrun_last;		/* what the last delivered signal reported */
	int it_requeue_pending;		/* a generation count; REQUEUE_PENDING bit */
	int it_sigev_notify;
	s64 it_interval;		/* ns; 0: one shot */
	struct pid *it_pid;		/* who gets the signal */
	struct sigqueue *sigq;		/* the timer's own, queued at each expiry */
	struct task_struct *it_process;	/* no sigq: clock_nanosleep's sleeper, to wake */
	union {
		struct hrtimer real;	/* wall and monotonic clocks */
		struct cpu_timer cpu;	/* CPU-time clocks */
	} it;
};

/* How a kind of clock runs timers (Linux's struct k_clock, the timer part). */
struct k_clock {
	int (*timer_create)(struct k_itimer *timer);
	int (*timer_set)(struct k_itimer *timr, int flags, struct itimerspec64 *new,
			 struct itimerspec64 *old);
	void (*timer_get)(struct k_itimer *timr, struct itimerspec64 *cur);
	int (*timer_del)(struct k_itimer *timr);
	void (*timer_rearm)(struct k_itimer *timr);
};

extern const struct k_clock clock_posix_cpu;

/* kernel/posix_timers.c */
int posix_timer_event(struct k_itimer *timr, int si_private);
void posixtimer_rearm(struct kernel_siginfo *info);
void exit_itimers(struct task_struct *tsk);

/* kernel/posix_cpu_timers.c */
int posix_cpu_clock_get(clockid_t clock, u64 *ns);
int posix_cpu_clock_getres(clockid_t clock, u64 *ns);
long posix_cpu_nsleep(clockid_t clock, int flags, u64 ns, struct timespec64 *rmtp);
u64 cpu_clock_sample_group(int clkid, struct task_struct *p);
void set_process_cpu_timer(struct task_struct *tsk, int clkid, u64 *newval, u64 *oldval);
void run_posix_cpu_timers(void);
void posix_cpu_timers_exit(struct task_struct *tsk);
void posix_cpu_timers_exit_group(struct signal_struct *sig);

/* kernel/itimer.c */
enum hrtimer_restart it_real_fn(struct hrtimer *timer);
void itimer_real_rearm(struct signal_struct *sig);

/* A timespec as ns, clamped to KTIME_MAX (Linux's timespec64_to_ktime). */
static inline s64 timespec64_to_ktime(const struct timespec64 *ts)
{
	if (ts->tv_sec >= KTIME_MAX / 1000000000L)
		return KTIME_MAX;
	return ts->tv_sec * 1000000000L + ts->tv_nsec;
}

static inline struct timespec64 ns_to_timespec64(s64 ns)
{
	return (struct timespec64){ ns / 1000000000L, ns % 1000000000L };
}

static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000L;
}

#endif
