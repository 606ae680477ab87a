/*
 * tests/kernel/wait_debug.c: a wait entry left on its queue when its
 * scope ends, or when its task exits, is reported and taken off.
 */
#include <linux/ktest.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static DECLARE_WAIT_QUEUE_HEAD(leaky_queue);

/* The bug: returns with its on-stack entry still queued. */
static noinline void forget_to_remove(void)
{
	DECLARE_WAITQUEUE(wait, current);

	add_wait_queue(&leaky_queue, &wait);
}

static void entry_leaving_scope(struct ktest *t)
{
	ktest_expect_reports(t, "a wait entry going out of scope");
	forget_to_remove();
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "is going out of scope while still on a wait queue");
	KTEST_EXPECT_LOGGED(t, "forget_to_remove");	/* the trace names the culprit */
	KTEST_EXPECT_FALSE(t, waitqueue_active(&leaky_queue));	/* taken off */
	wake_up(&leaky_queue);				/* harmless now */
}

static void entry_removed_in_time(struct ktest *t)
{
	DECLARE_WAITQUEUE(wait, current);
	DEFINE_WAIT(other);

	add_wait_queue(&leaky_queue, &wait);
	prepare_to_wait(&leaky_queue, &other, TASK_UNINTERRUPTIBLE);
	finish_wait(&leaky_queue, &other);
	remove_wait_queue(&leaky_queue, &wait);
	KTEST_EXPECT_FALSE(t, waitqueue_active(&leaky_queue));	/* and no report: not tainted */
}

static DECLARE_COMPLETION(queued);

/* The bug: exits from under its queued entry (do_exit does not return: no scope end). */
static int exit_while_queued(void *unused)
{
	struct wait_queue_entry wait;

	(void)unused;
	init_waitqueue_entry_task(&wait, current);
	add_wait_queue(&leaky_queue, &wait);
	complete(&queued);
	do_exit(0);
}

static void task_exiting_while_queued(struct ktest *t)
{
	struct task_struct *k;

	reinit_completion(&queued);
	ktest_expect_reports(t, "a task exiting while on a wait queue");
	k = kthread_create(exit_while_queued, NULL, "ktest-leaky");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	get_task_struct(k);			/* it exits by itself: keep it to stop it */
	wake_up_process(k);
	wait_for_completion(&queued);
	kthread_stop(k);
	ktest_wait_freed(k);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "BUG: task ktest-leaky:");
	KTEST_EXPECT_LOGGED(t, "is exiting while its wait entry");
	KTEST_EXPECT_FALSE(t, waitqueue_active(&leaky_queue));
}

static struct ktest_case wait_debug_cases[] = {
	KTEST_CASE(entry_leaving_scope),
	KTEST_CASE(entry_removed_in_time),
	KTEST_CASE(task_exiting_while_queued),
	KTEST_END,
};

KTEST_SWITCH_ON(wait_debug, debug_objects);	/* the checks are on for these cases */

static struct ktest_suite wait_debug_suite = {
	.name = "wait_debug", .cases = wait_debug_cases, .init = wait_debug_init, .exit = wait_debug_exit,
};
KTEST_SUITE(wait_debug_suite);
