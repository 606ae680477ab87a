/*
 * kernel/hung_task.c: the hung-task detector (Linux's, its core).
 *
 * A task in uninterruptible sleep (D state: a mutex, a wait_event, I/O)
 * cannot be killed; if what it waits for never comes it hangs forever,
 * silently, and whoever waits for it hangs too.  khungtaskd wakes every
 * kernel.hung_task_timeout_secs seconds and looks at every task in
 * TASK_UNINTERRUPTIBLE: one that has not been switched in since its last
 * look, and not for the whole timeout, is reported:
 *
 *	INFO: task comm:pid blocked for more than 120 seconds.
 *	      Not tainted 6.1.0-matryoshka #1
 *	"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.
 *	task:comm            state:D stack:0     pid:42    ppid:1      flags:0x00000000
 *	Call Trace:
 *	 ...where it sleeps...
 *
 * at most kernel.hung_task_warnings times (10; -1 is no limit), then, with
 * kernel.hung_task_panic=1, a panic.  As in Linux 6.1 only exactly
 * TASK_UNINTERRUPTIBLE counts: a killable sleep can be ended by SIGKILL.
 * 120 s is Linux's default and is generous under TCG: no working wait of
 * this kernel takes seconds.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/time.h>
#include <linux/panic.h>
#include <linux/proc_fs.h>
#include <linux/uts.h>
#include <linux/watchdog.h>
#include <linux/nmi.h>

int sysctl_hung_task_timeout_secs = 120;	/* 0: no checks */
int sysctl_hung_task_warnings = 10;		/* reports left; -1: no limit */
static int sysctl_hung_task_panic;
static int sysctl_hung_task_all_cpu_backtrace;	/* and every CPU's backtrace, by NMI */

static void report_hung_task(struct task_struct *t)
{
	if (!sysctl_hung_task_warnings)
		return;
	if (sysctl_hung_task_warnings > 0)
		sysctl_hung_task_warnings--;
	pr_err("INFO: task %s:%d blocked for more than %lu seconds.\n", t->comm, t->pid,
	       (jiffies - t->last_switch_time) / HZ);
	pr_err("      %s %s #1\n", print_tainted(), UTS_RELEASE);
	pr_err("\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n");
	pr_info("task:%-15.15s state:D stack:0     pid:%-5d ppid:%-6d flags:0x%08x\n", t->comm,
		t->pid, t->real_parent ? t->real_parent->pid : 0, t->flags);
	show_stack(t);
}

/* Has @t slept, uninterruptibly and without a switch, for @timeout seconds? */
static bool check_hung_task(struct task_struct *t, unsigned long timeout)
{
	unsigned long switch_count = t->nvcsw + t->nivcsw;

	if (!switch_count)		/* never ran: a new task, not a hung one */
		return false;
	if (switch_count != t->last_switch_count) {
		t->last_switch_count = switch_count;
		t->last_switch_time = jiffies;
		return false;
	}
	if (time_before(jiffies, t->last_switch_time + timeout * HZ))
		return false;
	report_hung_task(t);
	return true;
}

/* Looks at every task once; reports the hung ones (khungtaskd, and tests with a short timeout). */
void check_hung_uninterruptible_tasks(unsigned long timeout)
{
	struct task_struct *t;
	bool hung = false;

	spin_lock_irq(&tasklist_lock);
	for_each_process(t)
		if (READ_ONCE(t->state) == TASK_UNINTERRUPTIBLE)
			hung |= check_hung_task(t, timeout);
	spin_unlock_irq(&tasklist_lock);
	if (hung && sysctl_hung_task_all_cpu_backtrace)
		trigger_all_cpu_backtrace();
	if (hung && sysctl_hung_task_panic)
		panic("hung_task: blocked tasks");
}

static int watchdog(void *unused)
{
	unsigned long timeout;

	(void)unused;
	for (;;) {
		timeout = READ_ONCE(sysctl_hung_task_timeout_secs);
		schedule_timeout_interruptible(timeout ? timeout * HZ : MAX_SCHEDULE_TIMEOUT);
		timeout = READ_ONCE(sysctl_hung_task_timeout_secs);
		if (timeout)
			check_hung_uninterruptible_tasks(timeout);
	}
	return 0;
}

static const struct int_sysctl timeout_ctl = { &sysctl_hung_task_timeout_secs, 0, INT_MAX / HZ };
static const struct int_sysctl warnings_ctl = { &sysctl_hung_task_warnings, -1, INT_MAX };
static const struct int_sysctl panic_ctl = { &sysctl_hung_task_panic, 0, 1 };
static const struct int_sysctl all_cpu_bt_ctl = { &sysctl_hung_task_all_cpu_backtrace, 0, 1 };

static int __init hung_task_init(void)
{
	proc_create_int("sys/kernel/hung_task_timeout_secs", 0644, &timeout_ctl);
	proc_create_int("sys/kernel/hung_task_warnings", 0644, &warnings_ctl);
	proc_create_int("sys/kernel/hung_task_panic", 0644, &panic_ctl);
	proc_create_int("sys/kernel/hung_task_all_cpu_backtrace", 0644, &all_cpu_bt_ctl);
	kthread_run(watchdog, NULL, "khungtaskd");
	return 0;
}
subsys_initcall(hung_task_init);
