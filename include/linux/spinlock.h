/*
 * include/linux/spinlock.h: spinlocks.
 *
 * Ticket locks, as Linux's x86 had before queued spinlocks: the lock word
 * holds two 16-bit counters, the ticket now served (low half, "head") and
 * the next ticket to hand out (high half, "tail").  A locker takes a
 * ticket with one atomic add to the tail and waits until the head reaches
 * it, so CPUs get the lock in the order they asked (no starvation); the
 * holder releases by moving the head on, a plain store (only the holder
 * writes the head).  The lock is free when head == tail.  On a machine
 * of one CPU a lock found taken is always a bug (a recursion, or a lock taken
 * from an interrupt without disabling interrupts): kernel/locking/
 * spinlock.c reports it instead of spinning for ever.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/processor.h>
#include <linux/preempt.h>

typedef struct spinlock {
	volatile u32 locked;		/* tail << 16 | head: the tickets, above */
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)	{ .locked = 0, .name = #n }
#define DEFINE_SPINLOCK(n)	spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
	l->name = "spinlock";
}

#define TICKET_SHIFT	16

/* Waits until the head reaches @ticket (Linux's __ticket_lock_spinning). */
void spin_lock_contended(spinlock_t *l, u16 ticket);

static inline bool arch_spin_value_unlocked(u32 v)
{
	return (u16)v == (u16)(v >> TICKET_SHIFT);
}

static inline void arch_spin_lock(spinlock_t *l)
{
	u32 old = __atomic_fetch_add(&l->locked, 1U << TICKET_SHIFT, __ATOMIC_ACQUIRE);

	if (unlikely(!arch_spin_value_unlocked(old)))
		spin_lock_contended(l, old >> TICKET_SHIFT);
}

static inline bool arch_spin_trylock(spinlock_t *l)
{
	u32 old = READ_ONCE(l->locked);

	return arch_spin_value_unlocked(old) &&
	       __atomic_compare_exchange_n(&l->locked, &old, old + (1U << TICKET_SHIFT), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Serves the next ticket: the head is the lock word's low half (x86 is little-endian). */
static inline void arch_spin_unlock(spinlock_t *l)
{
	volatile u16 *head = (volatile u16 *)&l->locked;

	__atomic_store_n(head, (u16)(*head + 1), __ATOMIC_RELEASE);
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
	if (arch_spin_trylock(l))
		return true;
	preempt_enable_no_resched();
	return false;
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return !arch_spin_value_unlocked(READ_ONCE(l->locked));
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
