/* include/linux/time.h: jiffies, HZ and the nanosecond clocks. */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>

struct pt_regs;

#define HZ		250	/* as Debian's Linux */
#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_MSEC	1000000L
#define NSEC_PER_USEC	1000L
#define USEC_PER_SEC	1000000L
#define MSEC_PER_SEC	1000L
#define TICK_NSEC	(NSEC_PER_SEC / HZ)
#define USER_HZ		100	/* the clock_t of times(2), /proc and SIGCHLD: fixed by the ABI */

/* The clocks' ids (uapi/linux/time.h); negative ids are CPU clocks (posix-timers.h) */
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11
#define MAX_CLOCKS			16
#define TIMER_ABSTIME			1

extern volatile unsigned long jiffies;
extern unsigned long tsc_khz;
extern u64 tsc_mult;

u64 local_clock(void);		/* ns since boot, from the TSC */
u64 ktime_get_ns(void);		/* CLOCK_MONOTONIC */
u64 ktime_get_real_ns(void);	/* CLOCK_REALTIME, from the CMOS clock at boot */
u64 ktime_get_clocktai_ns(void);	/* CLOCK_TAI: CLOCK_REALTIME, no leap-second offset set */
u64 ktime_get_coarse_ns(void);		/* CLOCK_MONOTONIC_COARSE: CLOCK_MONOTONIC at the last tick */
u64 ktime_get_coarse_real_ns(void);	/* CLOCK_REALTIME_COARSE, time(2) */
s64 ktime_mono_to_real(s64 mono);	/* CLOCK_REALTIME's offset from CLOCK_MONOTONIC, plus @mono */
void timerfd_clock_was_set(void);	/* fs/timerfd.c: for whoever sets CLOCK_REALTIME */
void update_wall_time(void);		/* the tick's: the coarse clocks and the vDSO's data page */
void update_vsyscall(u64 now, u64 mult, u64 realtime_offset);

void time_init(void);
void tsc_early_calibrate(void);
void tsc_init(void);
u64 tsc_to_ns(u64 cycles);
void timer_interrupt(struct pt_regs *regs);
void update_process_times(int user_tick);

static inline unsigned long msecs_to_jiffies(unsigned long ms)
{
	return (ms * HZ + MSEC_PER_SEC - 1) / MSEC_PER_SEC;
}

static inline unsigned long nsecs_to_jiffies(u64 ns)
{
	return (ns + TICK_NSEC - 1) / TICK_NSEC;
}

static inline u64 jiffies_to_nsecs(unsigned long j)
{
	return (u64)j * TICK_NSEC;
}

/* Nanoseconds as user space's clock ticks (truncated), Linux's nsec_to_clock_t. */
static inline unsigned long nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* struct timeval as system calls pass it (timeval of utimes, gettimeofday, rusage). */
struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

static inline struct __kernel_old_timeval ns_to_kernel_old_timeval(u64 ns)
{
	struct __kernel_old_timeval tv = { ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / NSEC_PER_USEC };

	return tv;
}

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)

#endif
