/*
 * kernel/sched/might_sleep.c: "this may sleep" checked where it is said
 * (Linux's __might_sleep and schedule_debug, kernel/sched/core.c there).
 *
 * Code that may sleep (mutex_lock, down_read, a GFP_KERNEL allocation, a
 * copy from user memory that may fault) says so with might_sleep(); if
 * its caller holds a spinlock (preempt_count() > 0) or has interrupts
 * off, a sleep there would deadlock or corrupt the scheduler, even if
 * this time it happened not to sleep.  With the lock validator on
 * ("lockdep" on the command line) it is reported in Linux's words, at
 * most once a second as Linux does, with the locks the task holds.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/panic.h>
#include <linux/gfp.h>

static bool sleep_allowed(void)
{
	return preempt_count() == 0 && !irqs_disabled() && !is_idle_task(current);
}

void __might_sleep(const char *file, int line)
{
	static unsigned long prev_jiffy;	/* the last report: at most one a second */

	if (sleep_allowed() || system_state == SYSTEM_BOOTING)
		return;
	if (prev_jiffy && time_before(jiffies, prev_jiffy + HZ))
		return;
	prev_jiffy = jiffies;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: %d, pid: %d, name: %s\n",
	       preempt_count() != 0, irqs_disabled(), 0, current->pid, current->comm);
	pr_err("preempt_count: %x, expected: %x\n", preempt_count(), 0);
	lockdep_print_held_locks(current);
	dump_stack();
	add_taint(TAINT_WARN);
}

void __might_alloc(gfp_t gfp, const char *file, int line)
{
	if (gfpflags_allow_blocking(gfp))
		__might_sleep(file, line);
}

void __might_fault(const char *file, int line)
{
	if (current->pagefault_disabled)
		return;
	__might_sleep(file, line);
}

/* From schedule(), before it disables preemption itself: nothing may be held. */
void schedule_debug(void)
{
	struct task_struct *prev = current;

	if (likely(preempt_count() == 0) || system_state == SYSTEM_BOOTING)
		return;
	pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n", prev->comm, task_pid_nr(prev),
	       preempt_count());
	lockdep_print_held_locks(prev);
	dump_stack();
	add_taint(TAINT_WARN);
}
