/*
 * include/linux/ratelimit.h: at most @burst events per @interval jiffies,
 * as Linux's ratelimit_state: what printk_ratelimit() and the "segfault
 * at" lines use so that a program faulting in a loop cannot flood the
 * console.
 */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#include <linux/spinlock.h>

struct ratelimit_state {
	spinlock_t lock;		/* protects the fields below */
	int interval;			/* in jiffies; 0: no limit */
	int burst;			/* events allowed per interval */
	int printed;			/* events allowed in this interval */
	int missed;			/* events refused in this interval */
	unsigned long begin;		/* jiffies at the start of the interval; 0: none yet */
};

#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) {	\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.interval = interval_init,					\
	.burst = burst_init,						\
}

#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)	\
	struct ratelimit_state name = RATELIMIT_STATE_INIT(name, interval_init, burst_init)

/* A state that is not static (on the stack, in an object): its lock gets a class key. */
static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
	*rs = (struct ratelimit_state){ .interval = interval, .burst = burst };
	spin_lock_init(&rs->lock);
}

#define DEFAULT_RATELIMIT_INTERVAL	(5 * HZ)
#define DEFAULT_RATELIMIT_BURST		10

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

#endif
