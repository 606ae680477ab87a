/*
 * tests/kernel/cputime.c: CPU-time accounting.  cputime_adjust splits the
 * exact runtime in the ratio of the sampled ticks and never lets a part
 * go back; task_sched_runtime charges the running task up to the call,
 * with no tick needed; a kernel thread's ticks are all system time.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sched/cputime.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/time.h>

/* One step of a task's life: its ticks and its total so far, and what it is shown. */
static void adjust(struct prev_cputime *prev, u64 uticks, u64 sticks, u64 rtime,
		   u64 *ut, u64 *st)
{
	struct task_cputime c = {
		.utime = uticks * TICK_NSEC,
		.stime = sticks * TICK_NSEC,
		.sum_exec_runtime = rtime,
	};

	cputime_adjust(&c, prev, ut, st);
}

static void split_follows_the_ticks(struct ktest *t)
{
	struct prev_cputime prev;
	u64 ut, st;

	prev_cputime_init(&prev);
	adjust(&prev, 3, 1, 1000, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 750);
	KTEST_EXPECT_EQ(t, st, 250);
}

/* No system tick: all user time.  No user tick: all system time. */
static void one_kind_of_tick_takes_it_all(struct ktest *t)
{
	struct prev_cputime a, b, c;
	u64 ut, st;

	prev_cputime_init(&a);
	adjust(&a, 0, 0, 500, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 500);
	KTEST_EXPECT_EQ(t, st, 0);
	prev_cputime_init(&b);
	adjust(&b, 5, 0, 500, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 500);
	KTEST_EXPECT_EQ(t, st, 0);
	prev_cputime_init(&c);
	adjust(&c, 0, 2, 500, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 0);
	KTEST_EXPECT_EQ(t, st, 500);
}

/* The ratio swings both ways; each part keeps what it was shown, the sum is the total. */
static void neither_part_goes_back(struct ktest *t)
{
	struct prev_cputime prev;
	u64 ut, st;

	prev_cputime_init(&prev);
	adjust(&prev, 3, 1, 1000, &ut, &st);		/* 750 + 250 */
	adjust(&prev, 3, 9, 1100, &ut, &st);		/* 275 + 825 would take user time back */
	KTEST_EXPECT_EQ(t, ut, 750);
	KTEST_EXPECT_EQ(t, st, 350);
	adjust(&prev, 30, 1, 1200, &ut, &st);		/* 1161 + 38 would take system time back */
	KTEST_EXPECT_EQ(t, ut, 850);
	KTEST_EXPECT_EQ(t, st, 350);
	adjust(&prev, 30, 1, 31000, &ut, &st);		/* enough new time: the real ratio again */
	KTEST_EXPECT_EQ(t, ut, 30000);
	KTEST_EXPECT_EQ(t, st, 1000);
}

/* A total no larger than the last one changes nothing. */
static void no_new_time_keeps_the_last_split(struct ktest *t)
{
	struct prev_cputime prev;
	u64 ut, st;

	prev_cputime_init(&prev);
	adjust(&prev, 1, 1, 1000, &ut, &st);
	adjust(&prev, 1, 9, 1000, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 500);
	KTEST_EXPECT_EQ(t, st, 500);
	adjust(&prev, 1, 9, 900, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 500);
	KTEST_EXPECT_EQ(t, st, 500);
}

/* With interrupts off no tick comes, and the running task's runtime still moves. */
static void running_task_is_charged_to_now(struct ktest *t)
{
	u64 before, after, charged;
	unsigned long flags;
	int i;

	local_irq_save(flags);
	before = task_sched_runtime(current);
	for (i = 0; i < 10000; i++)
		cpu_relax();
	after = task_sched_runtime(current);
	charged = current->se.sum_exec_runtime;	/* it was charged, not just computed */
	local_irq_restore(flags);
	KTEST_EXPECT_GT(t, after, before);
	KTEST_EXPECT_EQ(t, charged, after);
}

static DECLARE_COMPLETION(spun);

/*
 * Spins until ticks have sampled it at least twice (however long the host
 * takes to deliver them: a fixed 40 ms of CPU time could pass with no
 * tick at all while QEMU was not scheduled), then waits to be stopped.
 */
static int kernel_spinner(void *arg)
{
	(void)arg;
	while (READ_ONCE(current->utime) + READ_ONCE(current->stime) < 2 * TICK_NSEC)
		cpu_relax();
	complete(&spun);
	ktest_wait_for_stop();
	return 0;
}

/* A kernel thread never runs in user mode: every tick it takes is system time. */
static void kernel_thread_time_is_system_time(struct ktest *t)
{
	struct task_struct *k = kthread_run(kernel_spinner, NULL, "cputime-spin");
	u64 ut, st;

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	wait_for_completion(&spun);
	ktest_info(t, "utime %llu ns, stime %llu ns, runtime %llu ns", k->utime, k->stime,
		   k->se.sum_exec_runtime);
	KTEST_EXPECT_EQ(t, k->utime, 0);
	KTEST_EXPECT_GE(t, k->stime, 2 * TICK_NSEC);
	task_cputime_adjusted(k, &ut, &st);
	KTEST_EXPECT_EQ(t, ut, 0);
	KTEST_EXPECT_EQ(t, st, k->se.sum_exec_runtime);
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(k), 0);
}

static struct ktest_case cputime_cases[] = {
	KTEST_CASE(split_follows_the_ticks),
	KTEST_CASE(one_kind_of_tick_takes_it_all),
	KTEST_CASE(neither_part_goes_back),
	KTEST_CASE(no_new_time_keeps_the_last_split),
	KTEST_CASE(running_task_is_charged_to_now),
	KTEST_CASE(kernel_thread_time_is_system_time),
	KTEST_END,
};

static struct ktest_suite cputime_suite = { .name = "cputime", .cases = cputime_cases };
KTEST_SUITE(cputime_suite);
