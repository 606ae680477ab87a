/* include/linux/time.h: jiffies, HZ and the nanosecond clocks. */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>

#define HZ		250	/* as Debian's Linux */
#define NSEC_PER_SEC	1000000000L
#define NSEC_PER_MSEC	1000000L
#define NSEC_PER_USEC	1000L
#define USEC_PER_SEC	1000000L
#define MSEC_PER_SEC	1000L
#define TICK_NSEC	(NSEC_PER_SEC / HZ)

extern volatile unsigned long jiffies;
extern unsigned long tsc_khz;

u64 local_clock(void);		/* ns since boot, from the TSC */
u64 ktime_get_ns(void);		/* CLOCK_MONOTONIC */
u64 ktime_get_real_ns(void);	/* CLOCK_REALTIME, from the CMOS clock at boot */

void time_init(void);
void tsc_init(void);
u64 tsc_to_ns(u64 cycles);
void timer_interrupt(void);

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

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)

#endif
