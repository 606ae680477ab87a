/*
 * include/linux/spinlock.h: spinlocks.
 *
 * Ticket locks, as Linux's x86 had before queued spinlocks (with 8-bit
 * tickets, for fewer than 256 CPUs): the lock's low byte is the ticket
 * now served ("head"), the next byte the next ticket to hand out
 * ("tail").  A locker takes a ticket with one atomic add to the tail
 * (lock xadd on the 16 bits, which returns both) and waits until the
 * head reaches it, so CPUs get the lock in the order they asked; the
 * holder releases by adding one to the head, an add without lock prefix
 * (only the holder writes the head, and a locker's xadd rewrites the
 * head byte with the value it read, atomically).  The lock is free when
 * head == tail.  The fast paths are as short as the test-and-set lock's
 * they replace (one atomic, one compare; one add), so one CPU pays
 * nothing for SMP.  A lock found taken goes to kernel/locking/spinlock.c,
 * which spins, or reports a recursion instead of spinning for ever.
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

extern unsigned int nr_cpu_ids;

typedef struct spinlock {
	volatile u32 locked;		/* byte 0 head, byte 1 tail: the tickets, above */
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

#define TICKET_INC	0x100		/* one ticket: the tail is the second byte */

/* Waits until the head reaches @ticket (Linux's __ticket_lock_spinning). */
void spin_lock_contended(spinlock_t *l, u8 ticket);

static inline bool arch_spin_value_unlocked(u32 v)
{
	return (u8)v == (u8)(v >> 8);
}

static inline void arch_spin_lock(spinlock_t *l)
{
	u16 tickets = TICKET_INC;
	bool taken;

	__asm__ __volatile__("lock xaddw %w0, %1\n\tcmpb %h0, %b0"
			     : "+Q"(tickets), "+m"(*(volatile u16 *)&l->locked), "=@ccne"(taken)
			     :: "memory");
	if (unlikely(taken))
		spin_lock_contended(l, tickets >> 8);
}

static inline bool arch_spin_trylock(spinlock_t *l)
{
	u16 old = READ_ONCE(*(volatile u16 *)&l->locked);

	return arch_spin_value_unlocked(old) &&
	       __atomic_compare_exchange_n((u16 *)&l->locked, &old, (u16)(old + TICKET_INC),
					   false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Serves the next ticket (x86 stores are released in order: no fence needed). */
static inline void arch_spin_unlock(spinlock_t *l)
{
	__asm__ __volatile__("addb $1, %0" : "+m"(*(volatile u8 *)&l->locked) :: "memory");
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

/* arch_spin_trylock's compare-and-exchange carries the validator's hook, run on success. */
static inline bool spin_trylock(spinlock_t *l)
{
	u16 old = READ_ONCE(*(volatile u16 *)&l->locked);
	bool taken;

	preempt_disable();
	if (arch_spin_value_unlocked(old)) {
		__asm__ __volatile__(LOCKDEP_FUSED("lock cmpxchgw %[new], %[lk]",
					"lock cmpxchgw %[new], %[lk]\n\tjne 663b\n\t"
					LOCKDEP_CALL3("__lockdep_acquire_thunk", "%q[l]", "%[fl]",
						      "$661b"))
				     : "=@ccz"(taken), [lk] "+m"(*(volatile u16 *)&l->locked),
				       "+a"(old)
				     : [new] "r"((u16)(old + TICKET_INC)), [l] "r"(l),
				       [fl] "i"(LOCKDEP_TRYLOCK) : "memory");
		if (taken)
			return true;
	}
	preempt_enable_no_resched();
	return false;
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return !arch_spin_value_unlocked(READ_ONCE(l->locked));
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

/* Always inline: the compiler, counting the hook's trampoline, would not always. */
static __always_inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	preempt_disable_acquire(l, 0);
	arch_spin_lock(l);
}

static __always_inline void spin_unlock_irq(spinlock_t *l)
{
	arch_spin_unlock(l);
	local_irq_enable();
	preempt_enable_release(l);
}

/*
 * For data that only interrupts-off protected on one CPU (the page
 * allocator's pcp list, the quicklists): with one CPU that is still
 * enough, and the lock is skipped (two instructions instead of eight:
 * Linux builds such locks away when !CONFIG_SMP); with several, it is
 * taken.  nr_cpu_ids never changes once an AP may run.  The holder's
 * preemption count goes up as any spinlock holder's: a CPU spinning on
 * a lock for a second decides it is a recursion only if no other CPU
 * counts one (spin_lock_contended), and under TCG a holder's host thread
 * may well be off its core that long.
 */
#define spin_lock_irqsave_smp(l, flags) do { \
	local_irq_save(flags); \
	if (nr_cpu_ids > 1) { \
		preempt_count_add(1); \
		arch_spin_lock(l); \
	} \
} while (0)

static inline void spin_unlock_irqrestore_smp(spinlock_t *l, unsigned long flags)
{
	if (nr_cpu_ids > 1) {
		arch_spin_unlock(l);
		preempt_count_add(-1);
	}
	local_irq_restore(flags);
}

#endif
