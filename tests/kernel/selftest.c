/*
 * tests/kernel/selftest.c: deliberate failures, for testing the test harness.
 *
 * The suite runs only when named (ktest=selftest.fail or
 * ktest=selftest.panic): the harness boots each and checks that it
 * reports a failing case, and a panic with its backtrace, correctly.
 */
#include <linux/ktest.h>

static void fail(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 1 + 1, 3);
}

static noinline void panic_from_a_known_place(void)
{
	panic("ktest selftest: a deliberate panic");
}

static void deliberate_panic(struct ktest *t)
{
	(void)t;
	panic_from_a_known_place();
}

static struct ktest_case selftest_cases[] = {
	KTEST_CASE(fail),
	{ "panic", deliberate_panic },
	KTEST_END,
};

static struct ktest_suite selftest_suite = {
	.name = "selftest", .cases = selftest_cases, .flags = KTEST_EXPLICIT,
};
KTEST_SUITE(selftest_suite);
