/*
 * kernel/sched/wait_debug.c: a wait entry must leave its queue before
 * its memory does.
 *
 * Wait entries mostly live in their waiter's stack frame.  If the frame
 * ends (the function returns, the task exits) with the entry still
 * queued, the next wake-up of that queue calls through, and writes into,
 * whatever the dead frame holds by then: a use after free of a stack,
 * the kind of bug that panics only sometimes.  Two checks catch it where
 * it happens:
 *
 *  - DEFINE_WAIT / DECLARE_WAITQUEUE entries are checked when their
 *    scope ends (include/linux/wait.h, gcc's cleanup attribute);
 *  - do_exit scans what is live of the exiting task's stack for entries
 *    of that task still on a queue (an entry in a frame do_exit never
 *    returns to has no scope end).
 *
 * Either reports as a warning (with the stack trace), then takes the
 * entry off its queue so the bug cannot go on to corrupt anything.  The
 * entry does not say which queue it is on, so its lock cannot be taken;
 * instead nobody else may be inside any queue: on one CPU, interrupts
 * off are enough (whoever holds a queue's lock has preemption off and is
 * not running); with several, the unlink runs under stop_machine (the
 * other CPUs spin where they cannot hold a spinlock).  From a context
 * that cannot sleep on several CPUs, the entry is unlinked with
 * interrupts off only, a race with a wake-up of that queue left open.
 *
 * Both are on with debug_objects on the command line: Linux's
 * debug_objects tracks the lifetime of timers, works and on-stack objects
 * and reports one freed while active; here it covers wait entries.  Off,
 * they cost a test of the flag at each scope end and exit.
 */
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/setup.h>
#include <linux/init.h>
#include <linux/stop_machine.h>

bool debug_objects;

static int __init debug_objects_setup(char *s)
{
	return kstrtobool(s ? s : "1", &debug_objects);
}
early_param("debug_objects", debug_objects_setup);

/* From stop_machine, or with interrupts off on one CPU. */
static int unlink_entry_stopped(void *w)
{
	list_del_init(&((struct wait_queue_entry *)w)->entry);
	return 0;
}

static void unlink_entry(struct wait_queue_entry *w)
{
	unsigned long flags;

	if (nr_cpu_ids > 1 && preemptible()) {
		stop_machine(unlink_entry_stopped, w);
		return;
	}
	local_irq_save(flags);
	unlink_entry_stopped(w);
	local_irq_restore(flags);
}

void wait_entry_leaves_scope(struct wait_queue_entry *w)
{
	struct task_struct *t = w->private;

	WARN(1, "BUG: wait entry %px (%ps, task %s:%d) is going out of scope while still on a wait queue (next %px, prev %px)\n",
	     w, w->func, t ? t->comm : "?", t ? t->pid : 0, w->entry.next, w->entry.prev);
	unlink_entry(w);
}

/* Is @p, in a stack, a wait entry of @tsk that is on a queue (its neighbours point back)? */
static bool queued_entry_of(struct task_struct *tsk, struct wait_queue_entry *w)
{
	struct list_head *next, *prev;

	if (w->private != tsk || (char *)w->func < _text || (char *)w->func >= _etext ||
	    !wait_entry_linked(w))
		return false;
	return !copy_from_kernel_nofault(&prev, &w->entry.next->prev, sizeof(prev)) &&
	       !copy_from_kernel_nofault(&next, &w->entry.prev->next, sizeof(next)) &&
	       prev == &w->entry && next == &w->entry;
}

/*
 * Called by do_exit, last: the frames above this one are the exiting
 * task's live ones; none of them may hold a queued entry.
 */
void check_wait_entries_at_exit(struct task_struct *tsk)
{
	unsigned long p = (unsigned long)__builtin_frame_address(0);
	unsigned long top = (unsigned long)tsk->stack + THREAD_SIZE;
	struct wait_queue_entry *w;

	for (; p + sizeof(*w) <= top; p += sizeof(long)) {
		w = (struct wait_queue_entry *)p;
		if (!queued_entry_of(tsk, w))
			continue;
		WARN(1, "BUG: task %s:%d is exiting while its wait entry %px (%ps) is still on a wait queue (next %px, prev %px)\n",
		     tsk->comm, tsk->pid, w, w->func, w->entry.next, w->entry.prev);
		unlink_entry(w);
	}
}
