/*
 * vdso/vclock_gettime.c: clock_gettime, gettimeofday, time and
 * clock_getres without a system call (Linux's __cvdso_clock_gettime and
 * friends, lib/vdso/gettimeofday.c).
 *
 * The fine clocks (REALTIME, MONOTONIC, BOOTTIME, MONOTONIC_RAW, TAI) read
 * the TSC and convert it as the kernel's local_clock does; the _COARSE
 * clocks and time() read the last tick's time from the data page.  The
 * CPU-time clocks and unknown ids are the system call's: its result,
 * a negative errno included, is returned as it is, as Linux's vDSO does
 * (libc turns it into errno).
 */
#include "vdso.h"

/* Nanoseconds of a fine clock, read consistently with the data page. */
static u64 do_hres(clockid_t clock)
{
	const struct vdso_data *vd = &vvar_page;
	u64 ns;
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		ns = vdso_cycles_to_ns(vdso_rdtsc(), vd->mult);
		if (clock == CLOCK_REALTIME || clock == CLOCK_TAI)
			ns += vd->realtime_offset;
	} while (vdso_read_retry(vd, seq));
	return ns;
}

static struct vdso_timestamp do_coarse(clockid_t clock)
{
	const struct vdso_data *vd = &vvar_page;
	struct vdso_timestamp t;
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		t = clock == CLOCK_REALTIME_COARSE ? vd->coarse_realtime : vd->coarse_monotonic;
	} while (vdso_read_retry(vd, seq));
	return t;
}

static bool is_hres(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_MONOTONIC || clock == CLOCK_BOOTTIME ||
	       clock == CLOCK_MONOTONIC_RAW || clock == CLOCK_TAI;
}

static bool is_coarse(clockid_t clock)
{
	return clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE;
}

__attribute__((visibility("default")))
int __vdso_clock_gettime(clockid_t clock, struct vdso_timespec *ts)
{
	struct vdso_timestamp t;
	u64 ns;

	if (is_hres(clock)) {
		ns = do_hres(clock);
		ts->tv_sec = ns / NSEC_PER_SEC;
		ts->tv_nsec = ns % NSEC_PER_SEC;
		return 0;
	}
	if (is_coarse(clock)) {
		t = do_coarse(clock);
		ts->tv_sec = t.sec;
		ts->tv_nsec = t.nsec;
		return 0;
	}
	return vdso_syscall2(__NR_clock_gettime, clock, (long)ts);
}

__attribute__((visibility("default")))
int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	u64 ns;

	if (tv) {
		ns = do_hres(CLOCK_REALTIME);
		tv->tv_sec = ns / NSEC_PER_SEC;
		tv->tv_usec = ns % NSEC_PER_SEC / NSEC_PER_USEC;
	}
	if (tz) {
		tz->tz_minuteswest = READ_ONCE(vvar_page.tz_minuteswest);
		tz->tz_dsttime = READ_ONCE(vvar_page.tz_dsttime);
	}
	return 0;
}

/* The seconds of the last tick's CLOCK_REALTIME: one load, no seqcount (as Linux's). */
__attribute__((visibility("default")))
long __vdso_time(long *t)
{
	long now = READ_ONCE(vvar_page.coarse_realtime.sec);

	if (t)
		*t = now;
	return now;
}

__attribute__((visibility("default")))
int __vdso_clock_getres(clockid_t clock, struct vdso_timespec *res)
{
	if (!is_hres(clock) && !is_coarse(clock))
		return vdso_syscall2(__NR_clock_getres, clock, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = is_hres(clock) ? READ_ONCE(vvar_page.hrtimer_res) : TICK_NSEC;
	}
	return 0;
}

/* The names without the prefix, as Linux's vDSO exports them too. */
int clock_gettime(clockid_t, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime"), visibility("default")));
int gettimeofday(struct vdso_timeval *, struct vdso_timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday"), visibility("default")));
long time(long *) __attribute__((weak, alias("__vdso_time"), visibility("default")));
int clock_getres(clockid_t, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres"), visibility("default")));
