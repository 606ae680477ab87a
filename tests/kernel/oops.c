/*
 * tests/kernel/oops.c: the oops and panic paths survive garbage.
 *
 * Each case ends the machine on purpose, so the suite runs only when
 * named; the harness boots each alone and checks that the console still
 * ends in a clean "Kernel panic - not syncing" line with what it expects
 * (EXPECTED_PANICS in tools/harness.py).
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

/*
 * The spinlock of a freed object, taken twice: the report names the lock
 * through a poisoned pointer.  "lock (efault)", not a second fault inside
 * vsnprintf and a QEMU gone "without a panic message".
 */
static void garbage_lock_name(struct ktest *t)
{
	spinlock_t lock = { .locked = 0, .dep_map.name = (const char *)0x6b6b6b6b6b6b6b6bUL };

	(void)t;
	lockdep_disable();	/* spin_lock_contended's report is tested, not the validator's */
	spin_lock(&lock);
	spin_lock(&lock);
}

/*
 * A NULL dereference with little stack left: reporting the oops overflows
 * the stack into its guard, a double fault while oopsing.  The console
 * must still show both and end in the panic line.
 */
static noinline int fault_near_the_bottom(int n)
{
	volatile char frame[128];
	unsigned long sp = (unsigned long)__builtin_frame_address(0);

	frame[0] = n;
	if (sp - (unsigned long)current->stack < 1200)
		return *(volatile int *)(unsigned long)frame[1] * 0 + *(volatile int *)0;
	return fault_near_the_bottom(n + 1) + frame[0];
}

static void fault_while_oopsing(struct ktest *t)
{
	(void)t;
	fault_near_the_bottom(0);
}

static struct ktest_case oops_cases[] = {
	KTEST_CASE(garbage_lock_name),
	KTEST_CASE(fault_while_oopsing),
	KTEST_END,
};

static struct ktest_suite oops_suite = {
	.name = "oops", .cases = oops_cases, .flags = KTEST_EXPLICIT,
	.init = ktest_one_cpu_init,	/* the reports name CPU#0 */
};
KTEST_SUITE(oops_suite);
