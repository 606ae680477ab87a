/*
 * kernel/locking/spinlock.c: what happens when a spinlock is already taken.
 *
 * With one CPU (nr_cpu_ids 1), a holder cannot be running while we spin: we hold
 * preemption (and often interrupts) off, so it never gets the CPU back.
 * A taken lock there is always a bug, a recursion or a lock taken from an
 * interrupt without disabling interrupts: it is reported instead of
 * hanging.  With several CPUs the holder runs elsewhere: wait for our
 * ticket (include/linux/spinlock.h).
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/smp.h>

void spin_lock_contended(spinlock_t *l, u16 ticket)
{
	if (nr_cpu_ids == 1)
		panic("BUG: spinlock recursion on CPU#%d, %s/%d, lock %s", smp_processor_id(),
		      current->comm, task_pid_nr(current), l->name ? l->name : "?");
	/* the acquire pairs with the holder's release in arch_spin_unlock */
	while (__atomic_load_n((volatile u16 *)&l->locked, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}
