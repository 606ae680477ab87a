/*
 * include/linux/spinlock.h: spinlocks.
 *
 * Matryoshka runs on one CPU, but the locks are real test-and-set locks
 * taken with interrupts saved, so the code is written as SMP code would
 * be and a lock taken twice is caught instead of silently "working".
 * The wrappers tell the lock validator (include/linux/lockdep.h) of each
 * lock and unlock; arch_spin_lock/arch_spin_unlock do the locking.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/processor.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>

typedef struct spinlock {
	volatile int locked;
	struct lockdep_map dep_map;	/* its name and class (include/linux/lockdep.h) */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)	\
	{ .locked = 0, .dep_map = STATIC_LOCKDEP_MAP_INIT(#n, LD_WAIT_SPIN) }
#define DEFINE_SPINLOCK(n)	spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

static inline void __spin_lock_init(spinlock_t *l, const char *name, struct lock_class_key *key)
{
	l->locked = 0;
	lockdep_init_map(&l->dep_map, name, key, LD_WAIT_SPIN);
}

/* A macro, as Linux's: each call site is a lock class of its own. */
#define spin_lock_init(l) do { \
	static struct lock_class_key __key; \
	__spin_lock_init((l), #l, &__key); \
} while (0)

void spin_lock_contended(spinlock_t *l);

static inline void arch_spin_lock(spinlock_t *l)
{
	if (unlikely(__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)))
		spin_lock_contended(l);
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/*
 * A held spinlock forbids preemption: the holder must not be switched out.
 * The validator hears of a lock before it is taken (so a deadlock is
 * reported, not entered) and of its release as preemption comes back on,
 * through hooks that cost nothing while it is off (include/linux/lockdep.h).
 */
static inline void spin_lock(spinlock_t *l)
{
	preempt_disable_acquire(l, 0);
	arch_spin_lock(l);
}

/* A second lock of @l's class, taken on purpose in a fixed order (Linux's). */
static inline void spin_lock_nested(spinlock_t *l, unsigned int subclass)
{
	preempt_disable_acquire(l, subclass);
	arch_spin_lock(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(l);
	preempt_enable_release(l);
}

static inline bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (!__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		lockdep_map_acquire(&l->dep_map, LOCKDEP_TRYLOCK, _THIS_IP_);
		return true;
	}
	preempt_enable_no_resched();
	return false;
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return READ_ONCE(l->locked);
}

#define spin_lock_irqsave(l, flags) do { \
	local_irq_save(flags); \
	preempt_disable_acquire(l, 0); \
	arch_spin_lock(l); \
} while (0)

#define spin_lock_irqsave_nested(l, flags, subclass) do { \
	local_irq_save(flags); \
	preempt_disable_acquire(l, subclass); \
	arch_spin_lock(l); \
} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	arch_spin_unlock(l);
	local_irq_restore(flags);
	preempt_enable_release(l);
}

static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	preempt_disable_acquire(l, 0);
	arch_spin_lock(l);
}

static inline void spin_unlock_irq(spinlock_t *l)
{
	arch_spin_unlock(l);
	local_irq_enable();
	preempt_enable_release(l);
}

#endif
