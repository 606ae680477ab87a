/*
 * kernel/locking/spinlock.c: what happens when a spinlock is already taken.
 *
 * With one CPU, a holder cannot be running while we spin: we hold
 * preemption (and often interrupts) off, so it never gets the CPU back.
 * A taken lock here is therefore always a bug, a recursion or a lock
 * taken from an interrupt without disabling interrupts: report it
 * instead of hanging.  On SMP this is where the spinning would go.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

void spin_lock_contended(spinlock_t *l)
{
	panic("BUG: spinlock recursion on CPU#0, %s/%d, lock %s", current->comm,
	      task_pid_nr(current), l->dep_map.name ? l->dep_map.name : "?");
}
