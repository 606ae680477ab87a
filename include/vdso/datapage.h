/*
 * include/vdso/datapage.h: the vDSO's data page, [vvar]: what the kernel
 * writes and every process reads to tell the time without a system call
 * (Linux's struct vdso_data).  Shared by the kernel (kernel/vdso.c) and
 * the vDSO's code (vdso/), which is user code: nothing here may need
 * more than the compiler.
 *
 * CLOCK_MONOTONIC is the TSC since power-on scaled by mult (local_clock,
 * kernel/tsc.c); CLOCK_REALTIME adds realtime_offset.  The _COARSE clocks
 * and time() read the last tick's time, which update_vsyscall writes at
 * every tick.  A reader takes seq (odd: a write is under way, wait), reads,
 * and starts again if seq moved meanwhile: the kernel's tick may come
 * between any two of its loads (Linux's vdso_read_begin/vdso_read_retry).
 */
#ifndef _VDSO_DATAPAGE_H
#define _VDSO_DATAPAGE_H

#include <linux/types.h>

/* A clock's seconds and nanoseconds (Linux's struct vdso_timestamp). */
struct vdso_timestamp {
	u64 sec;
	u64 nsec;
};

struct vdso_data {
	u32 seq;			/* the seqcount: odd while the kernel writes */
	u32 hrtimer_res;		/* clock_getres of the fine clocks, ns */
	u64 mult;			/* ns per TSC cycle, << 32 */
	u64 realtime_offset;		/* CLOCK_REALTIME - CLOCK_MONOTONIC, ns */
	struct vdso_timestamp coarse_realtime;	/* at the last tick */
	struct vdso_timestamp coarse_monotonic;	/* at the last tick */
	s32 tz_minuteswest;		/* gettimeofday's struct timezone */
	s32 tz_dsttime;
};

/*
 * TSC cycles to ns: the one conversion both sides use, so a vDSO read and
 * a system call's read of the same clock agree to the nanosecond.
 */
static inline u64 vdso_cycles_to_ns(u64 cycles, u64 mult)
{
	return (u64)(((unsigned __int128)cycles * mult) >> 32);
}

#endif
