/*
 * tests/kernel/initcall.c: the initcall levels run in Linux's order.
 *
 * One recorder per level appends its level's name to a trace; the test
 * checks the trace (rootfs runs as the tail of fs, before device).
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/sched.h>

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

static struct ktest_case initcall_cases[] = {
	KTEST_CASE(levels_ran_in_order),
	KTEST_CASE(ran_as_pid_1),
	KTEST_END,
};

static struct ktest_suite initcall_suite = { .name = "initcall", .cases = initcall_cases };
KTEST_SUITE(initcall_suite);
