/*
 * include/linux/spinlock.h: spinlocks.
 *
 * Matryoshka runs on one CPU, but the locks are real test-and-set locks
 * taken with interrupts saved, so the code is written as SMP code would
 * be and a lock taken twice is caught instead of silently "working".
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/processor.h>
#include <linux/preempt.h>

typedef struct spinlock {
	volatile int locked;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)	{ .locked = 0, .name = #n }
#define DEFINE_SPINLOCK(n)	spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
	l->name = "spinlock";
}

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

/* A held spinlock forbids preemption: the holder must not be switched out. */
static inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	arch_spin_lock(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(l);
	preempt_enable();
}

static inline bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (!__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		return true;
	preempt_enable_no_resched();
	return false;
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return READ_ONCE(l->locked);
}

#define spin_lock_irqsave(l, flags) do { \
	local_irq_save(flags); \
	preempt_disable(); \
	arch_spin_lock(l); \
} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	arch_spin_unlock(l);
	local_irq_restore(flags);
	preempt_enable();
}

static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	preempt_disable();
	arch_spin_lock(l);
}

static inline void spin_unlock_irq(spinlock_t *l)
{
	arch_spin_unlock(l);
	local_irq_enable();
	preempt_enable();
}

#endif
