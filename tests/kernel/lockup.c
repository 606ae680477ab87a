/*
 * tests/kernel/lockup.c: the soft-lockup and hung-task detectors fire on
 * a CPU that cannot schedule and on a task stuck in D state, and only on
 * those.  The detectors' limits are shortened for the cases (2 s and
 * 1 s); the waits are bounded only to catch a detector that never fires.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/time.h>
#include <linux/watchdog.h>
#include <linux/panic.h>

/* Spins until @t has counted a report, or 60 s passed (the detector is broken). */
static void spin_until_reported(struct ktest *t)
{
	unsigned long start = jiffies;

	while (!READ_ONCE(t->reports) && time_before(jiffies, start + 60 * HZ))
		cpu_relax();
}

static void soft_lockup_is_reported(struct ktest *t)
{
	int thresh = watchdog_thresh;

	watchdog_thresh = 1;			/* stuck for more than 2 s */
	ktest_expect_reports(t, "watchdog: BUG: soft lockup");
	preempt_disable();
	spin_until_reported(t);
	preempt_enable();
	watchdog_thresh = thresh;
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "watchdog: BUG: soft lockup - CPU#0 stuck for ");
	KTEST_EXPECT_LOGGED(t, "s! [swapper:1]");
	KTEST_EXPECT_LOGGED(t, "RIP: 0010:soft_lockup_is_reported+");	/* where it was stuck */
}

/* Busy but preemptible: the scheduler could run others at any tick, no report. */
static void preemptible_busy_loop_is_fine(struct ktest *t)
{
	int thresh = watchdog_thresh;
	unsigned long start = jiffies;

	watchdog_thresh = 1;
	while (time_before(jiffies, start + 5 * HZ / 2))	/* longer than the 2 s limit */
		cpu_relax();
	watchdog_thresh = thresh;
	KTEST_EXPECT_FALSE(t, get_taint() & (1UL << TAINT_SOFTLOCKUP));
}

static DECLARE_COMPLETION(release);

static int sleep_uninterruptibly(void *unused)
{
	(void)unused;
	wait_for_completion(&release);		/* D state until the case releases it */
	return 0;
}

static void hung_task_is_reported(struct ktest *t)
{
	int warnings = sysctl_hung_task_warnings;
	unsigned long start = jiffies;
	struct task_struct *k;

	reinit_completion(&release);
	k = kthread_create(sleep_uninterruptibly, NULL, "ktest-hung");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	get_task_struct(k);			/* it exits by itself once released */
	wake_up_process(k);
	while ((READ_ONCE(k->state) != TASK_UNINTERRUPTIBLE || !k->nvcsw) &&
	       time_before(jiffies, start + 60 * HZ))
		msleep(10);
	check_hung_uninterruptible_tasks(1);	/* the first look notes it */
	KTEST_EXPECT_EQ(t, sysctl_hung_task_warnings, warnings);
	msleep(1500);				/* more than the 1 s timeout, still blocked */
	ktest_expect_reports(t, "INFO: task ktest-hung blocked");
	check_hung_uninterruptible_tasks(1);
	ktest_end_reports(t);			/* the report does not taint, as Linux's */
	KTEST_EXPECT_EQ(t, sysctl_hung_task_warnings, warnings - 1);
	KTEST_EXPECT_LOGGED(t, "INFO: task ktest-hung:");
	KTEST_EXPECT_LOGGED(t, " blocked for more than 1 seconds.");
	KTEST_EXPECT_LOGGED(t, "state:D");
	KTEST_EXPECT_LOGGED(t, " sleep_uninterruptibly+");	/* where it sleeps */
	sysctl_hung_task_warnings = warnings;
	complete(&release);
	kthread_stop(k);
	ktest_wait_freed(k);
}

static struct ktest_case lockup_cases[] = {
	KTEST_CASE(soft_lockup_is_reported),
	KTEST_CASE(preemptible_busy_loop_is_fine),
	KTEST_CASE(hung_task_is_reported),
	KTEST_END,
};

static struct ktest_suite lockup_suite = {
	.name = "lockup", .cases = lockup_cases,
	.init = ktest_one_cpu_init, .exit = ktest_one_cpu_exit,	/* the reports name CPU#0 */
};
KTEST_SUITE(lockup_suite);
