/*
 * tests/kernel/initcall.c: the initcall levels run in Linux's order.
 *
 * One recorder per level appends its level's name to a trace; the test
 * checks the trace (rootfs runs as the tail of fs, before device).  An
 * initcall that returns with preemption or interrupts off is a warning
 * (Linux's "initcall X returned with ..."), and both are put back.
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/errno.h>

static char trace[128];

static void record(const char *level)
{
	strlcat(trace, level, sizeof(trace));
	strlcat(trace, " ", sizeof(trace));
}

#define RECORDER(name, level) \
	static int record_##name(void) { record(#name); return 0; } \
	level(record_##name)

RECORDER(late, late_initcall);
RECORDER(device, device_initcall);
RECORDER(rootfs, rootfs_initcall);
RECORDER(fs, fs_initcall);
RECORDER(subsys, subsys_initcall);
RECORDER(arch, arch_initcall);
RECORDER(postcore, postcore_initcall);
RECORDER(core, core_initcall);
RECORDER(pure, pure_initcall);
RECORDER(early, early_initcall);

static void levels_ran_in_order(struct ktest *t)
{
	KTEST_EXPECT_STREQ(t, trace,
			   "early pure core postcore arch subsys fs rootfs device late ");
}

static void ran_as_pid_1(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, task_pid_nr(current), 1);	/* ktests run in kernel_init */
}

static char log[1024];

static int leaves_irqs_off(void)
{
	local_irq_disable();
	return 0;
}

static int leaves_preemption_off(void)
{
	preempt_disable();
	preempt_disable();
	return -ENODEV;			/* an error alone is no warning, as in Linux */
}

static int behaves(void)
{
	return -EINVAL;
}

/* Runs @fn as an initcall; its return value, with what it printed in log[]. */
static int run_initcall(initcall_t fn)
{
	size_t start = log_buf_len();
	int ret = do_one_initcall(fn);

	log_buf_copy(log, sizeof(log), start);
	return ret;
}

static void an_unbalanced_initcall_is_reported_and_undone(struct ktest *t)
{
	int count = preempt_count();

	ktest_expect_reports(t, "two warnings of unbalanced initcalls");
	KTEST_EXPECT_EQ(t, run_initcall(leaves_irqs_off), 0);
	KTEST_EXPECT_FALSE(t, irqs_disabled());
	KTEST_EXPECT_TRUE(t, strstr(log, "initcall leaves_irqs_off+0x0/") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, "returned with disabled interrupts") != NULL);
	KTEST_EXPECT_EQ(t, run_initcall(leaves_preemption_off), -ENODEV);
	KTEST_EXPECT_EQ(t, preempt_count(), count);
	KTEST_EXPECT_TRUE(t, strstr(log, "initcall leaves_preemption_off+0x0/") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, "returned with preemption imbalance") != NULL);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 2);
	KTEST_EXPECT_EQ(t, run_initcall(behaves), -EINVAL);
	KTEST_EXPECT_STREQ(t, log, "");
}

static struct ktest_case initcall_cases[] = {
	KTEST_CASE(levels_ran_in_order),
	KTEST_CASE(ran_as_pid_1),
	KTEST_CASE(an_unbalanced_initcall_is_reported_and_undone),
	KTEST_END,
};

static struct ktest_suite initcall_suite = { .name = "initcall", .cases = initcall_cases };
KTEST_SUITE(initcall_suite);
