/* include/linux/futex.h: futex operations (uapi/linux/futex.h values). */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2	/* gone since Linux 2.6.26 */
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* FUTEX_WAKE_OP's operation on the second word, and its test of the old value */
#define FUTEX_OP_SET		0	/* uaddr2 = oparg */
#define FUTEX_OP_ADD		1	/* uaddr2 += oparg */
#define FUTEX_OP_OR		2	/* uaddr2 |= oparg */
#define FUTEX_OP_ANDN		3	/* uaddr2 &= ~oparg */
#define FUTEX_OP_XOR		4	/* uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT	8	/* oparg is 1 << oparg */
#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

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

long futex_wake(u32 *uaddr, unsigned int flags, int nr_wake, u32 bitset);
long do_futex(u32 *uaddr, int op, u32 val, const s64 *timeout, u32 *uaddr2, u32 val2,
	      u32 val3);
void futex_exit_release(struct task_struct *tsk);

#endif
