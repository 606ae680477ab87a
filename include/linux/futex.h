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

/* Robust futexes (kernel/futex_robust.c): the list a thread registers, in user memory. */
struct robust_list {
	struct robust_list *next;
};

struct robust_list_head {
	struct robust_list list;	/* the held locks' entries, circular */
	long futex_offset;		/* from an entry to its lock word */
	struct robust_list *list_op_pending;	/* a lock being taken or released */
};

#define FUTEX_WAITERS		0x80000000	/* the lock word: someone sleeps on it */
#define FUTEX_OWNER_DIED	0x40000000	/* its owner died holding it */
#define FUTEX_TID_MASK		0x3fffffff	/* the owner's thread id */

struct task_struct;

long futex_wake(u32 *uaddr, bool shared, int nr, u32 bitset);
void futex_exit_release(struct task_struct *tsk);

#endif
