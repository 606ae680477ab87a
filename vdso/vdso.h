/*
 * vdso/vdso.h: what the vDSO's functions share: the data page, its
 * seqcount, and the system calls they fall back on (Linux's
 * lib/vdso/gettimeofday.c and its x86 gettimeofday.h).
 *
 * The vDSO is user code: it is built -fPIC into build/vdso/vdso64.so
 * (the Makefile), which the kernel carries as bytes (vdso/vdso-image.S)
 * and maps into every process (kernel/vdso.c).  It has no relocations,
 * so it runs wherever it is mapped; it must not call anything outside
 * itself, nor write anything but its caller's memory.
 */
#ifndef _VDSO_VDSO_H
#define _VDSO_VDSO_H

#include <linux/types.h>
#include <linux/time.h>
#include <asm/unistd.h>
#include <vdso/datapage.h>

/*
 * [vvar], mapped the page below the image: vdso.lds puts this symbol
 * there, and hidden visibility makes every use of it PC-relative.
 */
extern struct vdso_data vvar_page __attribute__((visibility("hidden")));

/* The user ABI's structures (uapi's __kernel_timespec, __kernel_old_timeval, timezone). */
struct vdso_timespec {
	long tv_sec;
	long tv_nsec;
};

struct vdso_timeval {
	long tv_sec;
	long tv_usec;
};

struct vdso_timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))

/* Waits out a write in progress; the count to check against afterwards. */
static inline u32 vdso_read_begin(const struct vdso_data *vd)
{
	u32 seq;

	while ((seq = READ_ONCE(vd->seq)) & 1)
		__asm__ __volatile__("pause");
	__asm__ __volatile__("" ::: "memory");	/* x86 keeps loads in order: a compiler barrier */
	return seq;
}

/* Did the kernel write while we read? */
static inline bool vdso_read_retry(const struct vdso_data *vd, u32 start)
{
	__asm__ __volatile__("" ::: "memory");
	return READ_ONCE(vd->seq) != start;
}

/* The TSC, not read ahead of the loads before it (Linux's rdtsc_ordered). */
static inline u64 vdso_rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((u64)hi << 32) | lo;
}

/* The system call itself, for what the data page cannot answer: its raw result. */
static inline long vdso_syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("syscall" : "=a"(ret) : "0"(nr), "D"(a), "S"(b)
			     : "rcx", "r11", "memory");
	return ret;
}

#endif
