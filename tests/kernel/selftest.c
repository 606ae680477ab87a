/*
 * tests/kernel/selftest.c: deliberate failures, for testing the test harness.
 *
 * The suite runs only when named (ktest=selftest.fail, selftest.panic,
 * selftest.hang, selftest.hang_irqs_off): the harness boots each and
 * checks that it reports a failing case, a panic with its backtrace, and
 * a hang with the task dump it asks for (Ctrl-T, or an NMI when
 * interrupts are off), correctly.
 */
#include <linux/ktest.h>
#include <linux/preempt.h>
#include <asm/processor.h>

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

/*
 * A kernel hang with interrupts on and preemption off: nothing else ever
 * runs again, but the console's Ctrl-T still interrupts it.  The harness
 * takes the line below as the hang (so it need not wait out its limit).
 */
static noinline void hang_with_interrupts_on(void)
{
	preempt_disable();
	pr_info("ktest selftest: hanging on purpose\n");
	for (;;)
		cpu_relax();
}

static void deliberate_hang(struct ktest *t)
{
	(void)t;
	hang_with_interrupts_on();
}

/* The same with interrupts off: only an NMI gets through (kernel/nmi.c). */
static noinline void hang_with_interrupts_off(void)
{
	local_irq_disable();
	pr_info("ktest selftest: hanging on purpose\n");
	for (;;)
		cpu_relax();
}

static void deliberate_hang_irqs_off(struct ktest *t)
{
	(void)t;
	hang_with_interrupts_off();
}

static struct ktest_case selftest_cases[] = {
	KTEST_CASE(fail),
	{ "panic", deliberate_panic },
	{ "hang", deliberate_hang },
	{ "hang_irqs_off", deliberate_hang_irqs_off },
	KTEST_END,
};

static struct ktest_suite selftest_suite = {
	.name = "selftest", .cases = selftest_cases, .flags = KTEST_EXPLICIT,
	.init = ktest_one_cpu_init,	/* Ctrl-T's dump shows CPU 0, where the serial IRQ comes */
};
KTEST_SUITE(selftest_suite);
