/*
 * tests/kernel/tick.c: tick_jiffies_elapsed (kernel/timer.c), Linux's
 * tick_do_update_jiffies64: jiffies advance by the ticks the clock says
 * have passed, so an interrupt that came late, or two folded into one,
 * still count (make stress's `sleep 600` slept over 1,000 s on a loaded
 * host when each interrupt counted one), and an early one counts none.
 */
#include <linux/ktest.h>
#include <linux/time.h>
#include <linux/timer.h>

static void ticks_follow_the_clock(struct ktest *t)
{
	u64 last = 0, start = 1000 * NSEC_PER_SEC;

	KTEST_EXPECT_EQ(t, tick_jiffies_elapsed(&last, start), 1);	/* the first */
	KTEST_EXPECT_EQ(t, last, start);
	KTEST_EXPECT_EQ(t, tick_jiffies_elapsed(&last, start + TICK_NSEC / 2), 0);	/* early */
	KTEST_EXPECT_EQ(t, last, start);
	KTEST_EXPECT_EQ(t, tick_jiffies_elapsed(&last, start + TICK_NSEC), 1);
	KTEST_EXPECT_EQ(t, tick_jiffies_elapsed(&last, start + 5 * TICK_NSEC + 10), 4);	/* late */
	KTEST_EXPECT_EQ(t, last, start + 5 * TICK_NSEC);	/* the 10 ns count toward the next */
	KTEST_EXPECT_EQ(t, tick_jiffies_elapsed(&last, start + 6 * TICK_NSEC), 1);
}

/* A tick period a little longer than TICK_NSEC (the PIT's) counts one each, and one more now and then. */
static void a_slow_pit_loses_nothing(struct ktest *t)
{
	u64 last = 0, now = NSEC_PER_SEC, period = TICK_NSEC + TICK_NSEC / 100;
	unsigned long total = 0;
	int i;

	for (i = 0; i < 1000; i++) {
		now += period;
		total += tick_jiffies_elapsed(&last, now);
	}
	KTEST_EXPECT_EQ(t, total, 1 + (1000 * period - period) / TICK_NSEC);
}

static struct ktest_case tick_cases[] = {
	KTEST_CASE(ticks_follow_the_clock),
	KTEST_CASE(a_slow_pit_loses_nothing),
	KTEST_END,
};

static struct ktest_suite tick_suite = { .name = "tick", .cases = tick_cases };
KTEST_SUITE(tick_suite);
