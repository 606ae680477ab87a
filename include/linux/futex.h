/* include/linux/futex.h: futex operations (uapi/linux/futex.h values). */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

long futex_wake(u32 *uaddr, bool shared, int nr, u32 bitset);

#endif
