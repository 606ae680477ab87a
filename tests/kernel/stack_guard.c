/*
 * tests/kernel/stack_guard.c: a kernel stack overflow hits the guard
 * below the stack and is reported, not a silent triple fault.
 *
 * Each case ends the machine (an overflow is fatal), so the suite runs
 * only when named; the harness boots each case alone and checks the
 * report (EXPECTED_PANICS in tools/harness.py).  The in-kernel checks
 * that do not end the machine are the first two cases, run with ktest=*.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <asm/vmap_stack.h>
#include <asm/pgtable.h>

/* The task's stack has a guard: the page below is not mapped, the stack is. */
static void stack_has_a_guard(struct ktest *t)
{
	unsigned long stack = (unsigned long)current->stack;

	KTEST_EXPECT_TRUE(t, stack >= VMAP_STACK_START);
	KTEST_EXPECT_NULL(t, lookup_pte(init_top_pgt, stack - PAGE_SIZE, NULL));
	KTEST_EXPECT_NULL(t, lookup_pte(init_top_pgt, stack - THREAD_SIZE, NULL));
	KTEST_EXPECT_TRUE(t, lookup_pte(init_top_pgt, stack, NULL) != NULL);
	KTEST_EXPECT_TRUE(t, lookup_pte(init_top_pgt, stack + THREAD_SIZE - 1, NULL) != NULL);
	KTEST_EXPECT_TRUE(t, stack_guard_hit(current, stack - 8));
	KTEST_EXPECT_FALSE(t, stack_guard_hit(current, stack));
	KTEST_EXPECT_FALSE(t, stack_guard_hit(current, stack + THREAD_SIZE));
}

/* The boot task's stack, in the kernel image, has its unmapped page too. */
static void boot_stack_has_a_guard(struct ktest *t)
{
	unsigned long stack = (unsigned long)init_task.stack;

	KTEST_EXPECT_NULL(t, lookup_pte(init_top_pgt, stack - PAGE_SIZE, NULL));
	KTEST_EXPECT_TRUE(t, lookup_pte(init_top_pgt, stack, NULL) != NULL);
	KTEST_EXPECT_TRUE(t, stack_guard_hit(&init_task, stack - 1));
}

static volatile int depth_limit = 1 << 30;	/* never reached: keeps gcc's recursion check quiet */

static noinline int recurse_deeply(int n)
{
	volatile char frame[256];

	frame[0] = n;
	if (n > depth_limit)
		return 0;
	return recurse_deeply(n + 1) + frame[0];	/* not a tail call: every frame stays */
}

/* Ends the machine: "BUG: stack guard page was hit", "kernel stack overflow (double-fault)". */
static void overflow(struct ktest *t)
{
	(void)t;
	recurse_deeply(0);
}

/* Ends the machine: a write into the guard from a stack with room left, "(page fault)". */
static void write_below(struct ktest *t)
{
	(void)t;
	*(volatile char *)((char *)current->stack - 100) = 1;
}

static struct ktest_case stack_guard_cases[] = {
	KTEST_CASE(stack_has_a_guard),
	KTEST_CASE(boot_stack_has_a_guard),
	KTEST_END,
};

static struct ktest_suite stack_guard_suite = { .name = "stack_guard", .cases = stack_guard_cases };
KTEST_SUITE(stack_guard_suite);

static struct ktest_case stack_overflow_cases[] = {
	KTEST_CASE(overflow),
	KTEST_CASE(write_below),
	KTEST_END,
};

static struct ktest_suite stack_overflow_suite = {
	.name = "stack_overflow", .cases = stack_overflow_cases, .flags = KTEST_EXPLICIT,
};
KTEST_SUITE(stack_overflow_suite);
