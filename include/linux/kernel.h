/* include/linux/kernel.h: the small helpers every kernel file reaches for. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/lockdep.h>

/*
 * might_sleep(): this code may sleep, so its caller must not hold a
 * spinlock or have interrupts off.  With the lock validator on it checks
 * and reports "BUG: sleeping function called from invalid context" with
 * this file and line (kernel/sched/might_sleep.c).  The hot callers (the
 * mutex and rwsem fast paths, the allocators) fuse the check into an
 * instruction they run anyway (include/linux/lockdep.h), which costs
 * nothing while the validator is off; this form tests the switch.
 */
void __might_sleep(const char *file, int line);
#define might_sleep() do { \
	if (unlikely(READ_ONCE(prove_locking))) \
		__might_sleep(__FILE__, __LINE__); \
} while (0)

/* Linux's system_state: the sleep checks start once the scheduler runs. */
enum system_states {
	SYSTEM_BOOTING,		/* one task, interrupts off: nothing can sleep yet */
	SYSTEM_SCHEDULING,	/* rest_init has forked: the scheduler runs */
	SYSTEM_RUNNING,		/* the initcalls are done */
};
extern enum system_states system_state;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b)	min((t)(a), (t)(b))
#define max_t(t, a, b)	max((t)(a), (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define clamp_t(t, v, lo, hi) clamp((t)(v), (t)(lo), (t)(hi))

/* Exchanges the values of @a and @b. */
#define swap(a, b) do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define swap(a, b) \
	do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

/* @value with bit @index as its sign bit (Linux's sign_extend32). */
static inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}

#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

/* A user pointer carried in a u64 field (clone3's struct clone_args, ...). */
#define u64_to_user_ptr(x)	((void *)(uintptr_t)(x))

/* fls: 1-based index of the most significant set bit, 0 for 0 (as Linux). */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline int ilog2_u64(u64 x)
{
	return fls64(x) - 1;
}

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

#endif
