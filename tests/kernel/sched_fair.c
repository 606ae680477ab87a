/*
 * tests/kernel/sched_fair.c: the fair class's bookkeeping, seen from the
 * outside: vruntime grows by 1024/weight of the runtime, min_vruntime only
 * moves forward, a new task starts a slice ahead (START_DEBIT), a sleeper
 * wakes at most half a latency behind (GENTLE_FAIR_SLEEPERS), and a
 * yield lets the next task run.  Each checks values, not speed: the time
 * a task gets decides nothing, only what the scheduler wrote down for it.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/signal.h>
#include <linux/time.h>
#include "../../kernel/sched/sched.h"

static int spin(void *arg)
{
	(void)arg;
	while (!kthread_should_stop())
		cpu_relax();
	return 0;
}

/* @p's runtime and vruntime, read together. */
static void sample(struct task_struct *p, u64 *sum, u64 *vruntime)
{
	unsigned long flags;

	spin_lock_irqsave(&this_rq()->lock, flags);
	*sum = p->se.sum_exec_runtime;
	*vruntime = p->se.vruntime;
	spin_unlock_irqrestore(&this_rq()->lock, flags);
}

static u64 min_vruntime(void)
{
	unsigned long flags;
	u64 v;

	spin_lock_irqsave(&this_rq()->lock, flags);
	v = this_rq()->cfs.min_vruntime;
	spin_unlock_irqrestore(&this_rq()->lock, flags);
	return v;
}

/* A spinner at @nice: its vruntime must grow by its runtime * 1024 / weight. */
static void check_growth(struct ktest *t, long nice)
{
	struct task_struct *p = kthread_create(spin, NULL, "vrt-spin");
	u64 s0, v0, s1, v1, want;

	KTEST_ASSERT_TRUE(t, !IS_ERR(p));
	set_user_nice(p, nice);
	wake_up_process(p);
	msleep(20);
	sample(p, &s0, &v0);
	msleep(60);
	sample(p, &s1, &v1);
	ktest_kthread_stop(p);
	KTEST_ASSERT_GE(t, s1 - s0, 5 * NSEC_PER_MSEC);		/* it ran */
	want = (s1 - s0) * 1024 / sched_prio_to_weight[nice + 20];
	ktest_info(t, "nice %ld: ran %llu ns, vruntime +%llu ns, want %llu", nice, s1 - s0,
		   v1 - v0, want);
	KTEST_EXPECT_GE(t, v1 - v0, want - want / 100 - 1000);
	KTEST_EXPECT_LE(t, v1 - v0, want + want / 100 + 1000);
}

static void vruntime_grows_by_weight(struct ktest *t)
{
	check_growth(t, 0);
	check_growth(t, 5);		/* weight 335: 3.06 times faster */
	check_growth(t, -5);		/* weight 3121: 3.05 times slower */
}

/* With a task running, min_vruntime follows it, never backwards. */
static void min_vruntime_moves_only_forward(struct ktest *t)
{
	struct task_struct *p = kthread_run(spin, NULL, "min-spin");
	u64 first, prev, now;
	int i, back = 0;

	KTEST_ASSERT_TRUE(t, !IS_ERR(p));
	msleep(10);
	first = prev = min_vruntime();
	for (i = 0; i < 10; i++) {
		msleep(10);
		now = min_vruntime();
		back += (s64)(now - prev) < 0;
		prev = now;
	}
	ktest_kthread_stop(p);
	KTEST_EXPECT_EQ(t, back, 0);
	KTEST_EXPECT_GE(t, (s64)(prev - first), 20 * (s64)NSEC_PER_MSEC);
}

static atomic_t child_ran, child_release;

static int wait_for_release(void *arg)
{
	(void)arg;
	atomic_set(&child_ran, 1);
	while (!atomic_read(&child_release))
		msleep(1);
	do_exit(0);
}

/*
 * A new task is placed one slice (6 ms * 1024 / the queue's weight with
 * it) after min_vruntime, read before it first runs; a tick that lets it
 * run first makes the case try again.
 */
static void new_task_starts_a_slice_ahead(struct ktest *t)
{
	struct task_struct *p;
	unsigned long flags;
	s64 ahead = 0, slice = 0;
	u64 ran = 1;
	pid_t pid;
	int tries;

	for (tries = 0; tries < 5 && ran; tries++) {
		atomic_set(&child_release, 0);
		pid = kernel_thread(wait_for_release, NULL, SIGCHLD);
		KTEST_ASSERT_GE(t, pid, 1);
		spin_lock_irq(&tasklist_lock);
		p = find_task_by_vpid(pid);
		if (p) {
			spin_lock_irqsave(&this_rq()->lock, flags);
			ran = p->se.sum_exec_runtime;
			ahead = (s64)(p->se.vruntime - this_rq()->cfs.min_vruntime);
			slice = (s64)sysctl_sched_latency * 1024 / this_rq()->cfs.load.weight;
			spin_unlock_irqrestore(&this_rq()->lock, flags);
		}
		spin_unlock_irq(&tasklist_lock);
		atomic_set(&child_release, 1);
		ktest_reap(pid);
	}
	KTEST_ASSERT_EQ(t, ran, 0);
	ktest_info(t, "a slice is %lld ns; the new task is %lld ns ahead", slice, ahead);
	KTEST_EXPECT_LE(t, ahead, slice);
	KTEST_EXPECT_GE(t, ahead, slice - (s64)NSEC_PER_MSEC);
}

static struct completion sleeper_go;
static s64 sleeper_behind;

static int sleeper(void *arg)
{
	unsigned long flags;

	(void)arg;
	wait_for_completion(&sleeper_go);
	spin_lock_irqsave(&this_rq()->lock, flags);
	sleeper_behind = (s64)(current->se.vruntime - this_rq()->cfs.min_vruntime);
	spin_unlock_irqrestore(&this_rq()->lock, flags);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/*
 * A task that slept while another ran for 200 ms wakes at most half a
 * latency (3 ms) behind min_vruntime: it cannot spend the time it slept.
 */
static void sleeper_wakes_at_most_half_a_latency_behind(struct ktest *t)
{
	struct task_struct *s, *p;

	init_completion(&sleeper_go);
	sleeper_behind = (s64)(U64_MAX >> 1);
	s = kthread_run(sleeper, NULL, "sleeper");
	KTEST_ASSERT_TRUE(t, !IS_ERR(s));
	msleep(10);
	p = kthread_run(spin, NULL, "busy");
	KTEST_ASSERT_TRUE(t, !IS_ERR(p));
	msleep(200);
	complete(&sleeper_go);
	msleep(20);
	ktest_kthread_stop(p);
	ktest_kthread_stop(s);
	ktest_info(t, "the sleeper woke %lld ns after min_vruntime", sleeper_behind);
	KTEST_EXPECT_GE(t, sleeper_behind, -(s64)sysctl_sched_latency / 2 - 100000);
	KTEST_EXPECT_LE(t, sleeper_behind, 0);
}

/* sched_yield: the task queued behind us runs before we come back. */
static void yield_runs_the_next_task(struct ktest *t)
{
	pid_t pid;
	int ran;

	atomic_set(&child_ran, 0);
	atomic_set(&child_release, 1);
	pid = kernel_thread(wait_for_release, NULL, SIGCHLD);	/* a slice ahead of us */
	KTEST_ASSERT_GE(t, pid, 1);
	do_sched_yield();
	ran = atomic_read(&child_ran);
	ktest_reap(pid);
	KTEST_EXPECT_EQ(t, ran, 1);
}

static struct ktest_case sched_fair_cases[] = {
	KTEST_CASE(vruntime_grows_by_weight),
	KTEST_CASE(min_vruntime_moves_only_forward),
	KTEST_CASE(new_task_starts_a_slice_ahead),
	KTEST_CASE(sleeper_wakes_at_most_half_a_latency_behind),
	KTEST_CASE(yield_runs_the_next_task),
	KTEST_END,
};

static struct ktest_suite sched_fair_suite = {
	.name = "sched_fair", .cases = sched_fair_cases,
	.init = ktest_one_cpu_init, .exit = ktest_one_cpu_exit,	/* one run queue's vruntimes */
};
KTEST_SUITE(sched_fair_suite);
