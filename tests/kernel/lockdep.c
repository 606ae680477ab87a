/*
 * tests/kernel/lockdep.c: the lock validator (kernel/locking/lockdep.c)
 * reports each kind of locking bug in Linux's words the first time the
 * pattern is seen, and stays quiet for correct code: two orders of two
 * locks (ABBA), a cycle through three, a second lock of a held class
 * without a nesting annotation, a lock taken in an interrupt handler and
 * with interrupts on, and sleeping (mutex_lock, a GFP_KERNEL kmalloc,
 * a user copy, schedule) with a spinlock held or interrupts off.
 *
 * Every lock here is the test's own, so the classes and edges it leaves
 * in the graph concern no other code.  A lock-order report turns the
 * checks off (debug_locks), as Linux's does; each case turns them on.
 */
#include <linux/ktest.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/uaccess.h>

static spinlock_t abba_a, abba_b;
static spinlock_t chain_a, chain_b, chain_c;
static spinlock_t good_outer, good_inner;
static spinlock_t irq_lock;
static spinlock_t atomic_lock;
static DEFINE_MUTEX(test_mutex);

static bool was_on;

/* On for the case whatever the command line says, and back as it was after. */
static int lockdep_case_init(struct ktest *t)
{
	(void)t;
	was_on = prove_locking;
	debug_locks = 1;	/* an earlier case's report turned the checks off */
	return lockdep_enable();
}

static void lockdep_case_exit(struct ktest *t)
{
	(void)t;
	debug_locks = 1;
	if (!was_on)
		lockdep_disable();
}

/* Two locks of one class: initialized at the same call site. */
static void init_same_class(spinlock_t *same_class)
{
	spin_lock_init(same_class);
}

static void abba_is_reported(struct ktest *t)
{
	spin_lock_init(&abba_a);
	spin_lock_init(&abba_b);
	spin_lock(&abba_a);
	spin_lock(&abba_b);		/* records &abba_a -> &abba_b */
	spin_unlock(&abba_b);
	spin_unlock(&abba_a);
	ktest_expect_reports(t, "a circular locking dependency");
	spin_lock(&abba_b);
	spin_lock(&abba_a);		/* &abba_b -> &abba_a closes the cycle */
	spin_unlock(&abba_a);
	spin_unlock(&abba_b);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "WARNING: possible circular locking dependency detected");
	KTEST_EXPECT_LOGGED(t, "/1 is trying to acquire lock:");
	KTEST_EXPECT_LOGGED(t, " (&abba_a){+...}-{2:2}, at: abba_is_reported+0x");
	KTEST_EXPECT_LOGGED(t, "but task is already holding lock:");
	KTEST_EXPECT_LOGGED(t, "the existing dependency chain (in reverse order) is:");
	KTEST_EXPECT_LOGGED(t, "-> #1 (&abba_b){+...}-{2:2}:\n");
	KTEST_EXPECT_LOGGED(t, "-> #0 (&abba_a){+...}-{2:2}:\n");
	KTEST_EXPECT_LOGGED(t, "       abba_is_reported+0x");
	KTEST_EXPECT_LOGGED(t, "  lock(&abba_b);\n");
	KTEST_EXPECT_LOGGED(t, "                               lock(&abba_a);\n");
	KTEST_EXPECT_LOGGED(t, " *** DEADLOCK ***");
	KTEST_EXPECT_LOGGED(t, "1 lock held by ");
	KTEST_EXPECT_LOGGED(t, "stack backtrace:");
	KTEST_EXPECT_EQ(t, debug_locks, 0);
}

/* A -> B, B -> C, then C -> A: the path found runs through B. */
static void cycle_through_three(struct ktest *t)
{
	spin_lock_init(&chain_a);
	spin_lock_init(&chain_b);
	spin_lock_init(&chain_c);
	spin_lock(&chain_a);
	spin_lock(&chain_b);
	spin_unlock(&chain_b);
	spin_unlock(&chain_a);
	spin_lock(&chain_b);
	spin_lock(&chain_c);
	spin_unlock(&chain_c);
	spin_unlock(&chain_b);
	ktest_expect_reports(t, "a circular locking dependency");
	spin_lock(&chain_c);
	spin_lock(&chain_a);
	spin_unlock(&chain_a);
	spin_unlock(&chain_c);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "-> #2 (&chain_c){+...}-{2:2}:\n");
	KTEST_EXPECT_LOGGED(t, "-> #1 (&chain_b){+...}-{2:2}:\n");
	KTEST_EXPECT_LOGGED(t, "-> #0 (&chain_a){+...}-{2:2}:\n");
	KTEST_EXPECT_LOGGED(t, "Chain exists of:");
	KTEST_EXPECT_LOGGED(t, "  &chain_a --> &chain_b --> &chain_c\n");
}

/* One order, however often, and each lock alone: nothing to report. */
static void one_order_is_quiet(struct ktest *t)
{
	int i;

	spin_lock_init(&good_outer);
	spin_lock_init(&good_inner);
	ktest_expect_reports(t, "nothing");
	for (i = 0; i < 3; i++) {
		spin_lock(&good_outer);
		spin_lock(&good_inner);
		spin_unlock(&good_inner);
		spin_unlock(&good_outer);
		spin_lock(&good_inner);
		spin_unlock(&good_inner);
	}
	mutex_lock(&test_mutex);
	spin_lock(&good_outer);
	spin_unlock(&good_outer);
	mutex_unlock(&test_mutex);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 0);
	KTEST_EXPECT_EQ(t, debug_locks, 1);
	KTEST_EXPECT_EQ(t, current->lockdep_depth, 0);
}

static void recursion_is_reported(struct ktest *t)
{
	spinlock_t x, y;

	init_same_class(&x);
	init_same_class(&y);
	spin_lock(&x);
	ktest_expect_reports(t, "recursive locking");
	spin_lock(&y);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	spin_unlock(&y);
	spin_unlock(&x);
	KTEST_EXPECT_LOGGED(t, "WARNING: possible recursive locking detected");
	KTEST_EXPECT_LOGGED(t, " (same_class){+...}-{2:2}, at: recursion_is_reported+0x");
	KTEST_EXPECT_LOGGED(t, "  lock(same_class);\n");
	KTEST_EXPECT_LOGGED(t, " May be due to missing lock nesting notation");
	KTEST_EXPECT_LOGGED(t, "1 lock held by ");	/* at the report: y is not held yet */
}

/* The same two locks with spin_lock_nested: a subclass of its own, no report. */
static void nesting_annotation_is_quiet(struct ktest *t)
{
	spinlock_t x, y;

	init_same_class(&x);
	init_same_class(&y);
	ktest_expect_reports(t, "nothing");
	spin_lock(&x);
	spin_lock_nested(&y, SINGLE_DEPTH_NESTING);
	spin_unlock(&y);
	spin_unlock(&x);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 0);
	KTEST_EXPECT_EQ(t, debug_locks, 1);
}

/* Taken with interrupts on, then in an interrupt handler (which do_irq brackets). */
static void irq_inconsistency_is_reported(struct ktest *t)
{
	unsigned long flags;

	spin_lock_init(&irq_lock);
	spin_lock(&irq_lock);
	spin_unlock(&irq_lock);
	ktest_expect_reports(t, "an inconsistent lock state");
	local_irq_save(flags);
	lockdep_hardirq_enter();
	spin_lock(&irq_lock);
	spin_unlock(&irq_lock);
	lockdep_hardirq_exit();
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "WARNING: inconsistent lock state");
	KTEST_EXPECT_LOGGED(t, "inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.");
	KTEST_EXPECT_LOGGED(t, " [HC1[1]:SC0[0]:HE0:SE1] takes:");
	KTEST_EXPECT_LOGGED(t, "{HARDIRQ-ON-W} state was registered at:");
	KTEST_EXPECT_LOGGED(t, "  <Interrupt>\n");
	KTEST_EXPECT_LOGGED(t, "    lock(&irq_lock);\n");
}

/* At most one sleep report a second, as Linux's: wait out the last one's. */
static void after_the_last_sleep_report(void)
{
	schedule_timeout_uninterruptible(HZ + 1);
}

static void mutex_under_spinlock_is_reported(struct ktest *t)
{
	after_the_last_sleep_report();
	spin_lock_init(&atomic_lock);
	ktest_expect_reports(t, "a sleeping function called from invalid context");
	spin_lock(&atomic_lock);
	mutex_lock(&test_mutex);	/* free: it does not sleep this time, but it may */
	mutex_unlock(&test_mutex);
	spin_unlock(&atomic_lock);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	KTEST_EXPECT_LOGGED(t, "BUG: sleeping function called from invalid context at "
			    "kernel/locking/mutex.c:");
	KTEST_EXPECT_LOGGED(t, "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 1, name: ");
	KTEST_EXPECT_LOGGED(t, "1 lock held by ");
	KTEST_EXPECT_LOGGED(t, " (&atomic_lock){+...}-{2:2}, at: "
			    "mutex_under_spinlock_is_reported+0x");
	KTEST_EXPECT_LOGGED(t, "Call Trace:");
}

static void gfp_kernel_with_irqs_off_is_reported(struct ktest *t)
{
	unsigned long flags;
	void *p;

	after_the_last_sleep_report();
	ktest_expect_reports(t, "a sleeping function called from invalid context");
	local_irq_save(flags);
	p = kmalloc(64, GFP_KERNEL);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 1);
	kfree(p);
	KTEST_EXPECT_LOGGED(t, "BUG: sleeping function called from invalid context at mm/");
	KTEST_EXPECT_LOGGED(t, "in_atomic(): 0, irqs_disabled(): 1, non_block: 0, pid: 1");
	KTEST_EXPECT_LOGGED(t, "no locks held by ");
}

/* A user copy may fault; schedule() may switch: neither under a spinlock. */
static void user_copy_and_schedule_under_spinlock(struct ktest *t)
{
	after_the_last_sleep_report();
	spin_lock_init(&atomic_lock);
	ktest_expect_reports(t, "a user copy and a schedule() in atomic context");
	spin_lock(&atomic_lock);
	KTEST_EXPECT_EQ(t, clear_user(NULL, 0), 0);	/* nothing to copy, but it might fault */
	schedule_debug();		/* what schedule() checks first */
	spin_unlock(&atomic_lock);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 2);
	KTEST_EXPECT_LOGGED(t, "BUG: sleeping function called from invalid context at "
			    "include/linux/uaccess.h:");
	KTEST_EXPECT_LOGGED(t, "BUG: scheduling while atomic: ");
	KTEST_EXPECT_LOGGED(t, "/1/0x00000001\n");
}

/* pagefault_disable: a fault just fails, so a copy may be made under a spinlock. */
static void user_copy_with_pagefaults_disabled_is_quiet(struct ktest *t)
{
	after_the_last_sleep_report();
	spin_lock_init(&atomic_lock);
	ktest_expect_reports(t, "nothing");
	spin_lock(&atomic_lock);
	pagefault_disable();
	KTEST_EXPECT_EQ(t, clear_user(NULL, 0), 0);
	pagefault_enable();
	spin_unlock(&atomic_lock);
	KTEST_EXPECT_EQ(t, ktest_end_reports(t), 0);
}

static struct ktest_case lockdep_cases[] = {
	KTEST_CASE(abba_is_reported),
	KTEST_CASE(cycle_through_three),
	KTEST_CASE(one_order_is_quiet),
	KTEST_CASE(recursion_is_reported),
	KTEST_CASE(nesting_annotation_is_quiet),
	KTEST_CASE(irq_inconsistency_is_reported),
	KTEST_CASE(mutex_under_spinlock_is_reported),
	KTEST_CASE(gfp_kernel_with_irqs_off_is_reported),
	KTEST_CASE(user_copy_and_schedule_under_spinlock),
	KTEST_CASE(user_copy_with_pagefaults_disabled_is_quiet),
	KTEST_END,
};

static struct ktest_suite lockdep_suite = {
	.name = "lockdep", .cases = lockdep_cases,
	.init = lockdep_case_init, .exit = lockdep_case_exit,
};
KTEST_SUITE(lockdep_suite);
