/*
 * kernel/locking/spinlock.c: what happens when a spinlock is already taken.
 *
 * With one CPU (nr_cpu_ids 1), a holder cannot be running while we spin:
 * we hold preemption (and often interrupts) off, so it never gets the CPU
 * back.  A taken lock there is always a bug, a recursion or a lock taken
 * from an interrupt without disabling interrupts: it is reported instead
 * of hanging.  With several CPUs the holder runs elsewhere: wait for our
 * ticket (include/linux/spinlock.h).  If the lock does not move for a
 * second while no other CPU holds any spinlock (every holder has a
 * preemption count, and theirs are all 0), the holder can only be this
 * CPU: the same report, where Linux's debug spinlocks would say it from
 * the owner they record at every lock (which would cost one CPU time).
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/time.h>

static void __noreturn spin_bug_recursion(spinlock_t *l)
{
	panic("BUG: spinlock recursion on CPU#%d, %s/%d, lock %s", smp_processor_id(),
	      current->comm, task_pid_nr(current), l->dep_map.name ? l->dep_map.name : "?");
}

/* Does another online CPU run with a preemption count, so perhaps with a lock? */
static bool other_cpu_may_hold(void)
{
	unsigned int cpu, self = smp_processor_id();

	for_each_online_cpu(cpu)
		if (cpu != self &&
		    (READ_ONCE(per_cpu_pcpu[cpu]->preempt_count) & ~PREEMPT_NEED_RESCHED))
			return true;
	return false;
}

void spin_lock_contended(spinlock_t *l, u8 ticket)
{
	volatile u8 *head = (volatile u8 *)&l->locked;
	u64 since = rdtsc(), second = (u64)tsc_khz * 1000;
	u8 seen = *head, now;

	if (nr_cpu_ids == 1)
		spin_bug_recursion(l);
	/* the acquire pairs with the holder's release in arch_spin_unlock */
	while ((now = __atomic_load_n(head, __ATOMIC_ACQUIRE)) != ticket) {
		cpu_relax();
		if (now != seen) {
			seen = now;
			since = rdtsc();
		} else if (rdtsc() - since > second && !other_cpu_may_hold()) {
			spin_bug_recursion(l);
		}
	}
}
