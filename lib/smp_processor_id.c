/*
 * lib/smp_processor_id.c: smp_processor_id()'s check that its answer
 * stays true (Linux's CONFIG_DEBUG_PREEMPT, the same file).
 *
 * The CPU number a task reads is only still its CPU while the task cannot
 * be moved: preemption or interrupts off, or a task allowed on one CPU
 * only.  Read with preemption on, a tick can switch the task away and
 * another CPU's balancer pull it; whatever the caller then does with
 * "its" CPU's data (a run queue, a per-CPU list) is done to another's.
 * With the lock validator on (the test build), smp_processor_id() comes
 * here and reports the first such caller, with Linux's words.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/preempt.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/bug.h>

static atomic_t preempt_reported = ATOMIC_INIT(0);

/* The caller's CPU number; reported once if the caller could be migrated meanwhile. */
int debug_smp_processor_id(void)
{
	int cpu = raw_smp_processor_id();

	if (preempt_count() || irqs_disabled() || nr_cpu_ids == 1 ||
	    system_state < SYSTEM_SCHEDULING || cpumask_weight(&current->cpus_mask) == 1)
		return cpu;	/* it cannot move: the answer stays true */
	if (atomic_cmpxchg(&preempt_reported, 0, 1))
		return cpu;
	pr_err("BUG: using smp_processor_id() in preemptible [%08x] code: %s/%d\n",
	       preempt_count(), current->comm, task_pid_nr(current));
	pr_err("caller is %pS\n", __builtin_return_address(0));
	dump_stack();
	return cpu;
}
