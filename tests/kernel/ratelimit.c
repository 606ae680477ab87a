/*
 * tests/kernel/ratelimit.c: ___ratelimit (lib/ratelimit.c) lets @burst
 * events through per interval and reports the refused ones when the next
 * interval begins; unhandled_signal (kernel/signal.c) says which faults
 * the "segfault at" and "traps:" lines are printed for.
 */
#include <linux/ktest.h>
#include <linux/ratelimit.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/signal.h>

static char log[256];

static void burst_then_refused(struct ktest *t)
{
	struct ratelimit_state rs;

	ratelimit_state_init(&rs, 1000 * HZ, 3);	/* on the stack: not DEFINE_RATELIMIT_STATE */
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 1);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 1);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 1);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 0);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 0);
	KTEST_EXPECT_EQ(t, rs.printed, 3);
	KTEST_EXPECT_EQ(t, rs.missed, 2);
}

static void next_interval_reports_the_missed(struct ktest *t)
{
	struct ratelimit_state rs;
	size_t start;

	ratelimit_state_init(&rs, 10 * HZ, 1);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 1);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 0);
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 0);
	rs.begin = jiffies - rs.interval - 1;		/* the interval is over */
	start = log_buf_len();
	KTEST_EXPECT_EQ(t, __ratelimit(&rs), 1);
	log_buf_copy(log, sizeof(log), start);
	KTEST_EXPECT_TRUE(t, strstr(log, "next_interval_reports_the_missed: 2 callbacks "
				     "suppressed\n") != NULL);
	KTEST_EXPECT_EQ(t, rs.missed, 0);
	KTEST_EXPECT_EQ(t, rs.printed, 1);
}

static void no_interval_no_limit(struct ktest *t)
{
	struct ratelimit_state rs;

	ratelimit_state_init(&rs, 0, 1);
	for (int i = 0; i < 20; i++)
		KTEST_EXPECT_EQ(t, __ratelimit(&rs), 1);
}

/* init_task (pid 0, not init) with SIGSEGV's handler set to each kind in turn. */
static void handled_faults_are_not_logged(struct ktest *t)
{
	struct sigaction *sa = &init_task.sighand->action[SIGSEGV - 1].sa;
	void *saved = sa->sa_handler;

	sa->sa_handler = SIG_DFL;
	KTEST_EXPECT_TRUE(t, unhandled_signal(&init_task, SIGSEGV));
	sa->sa_handler = SIG_IGN;
	KTEST_EXPECT_TRUE(t, unhandled_signal(&init_task, SIGSEGV));
	sa->sa_handler = (void *)0x401000;
	KTEST_EXPECT_FALSE(t, unhandled_signal(&init_task, SIGSEGV));
	KTEST_EXPECT_TRUE(t, unhandled_signal(&init_task, SIGBUS) ==
			  (init_task.sighand->action[SIGBUS - 1].sa.sa_handler == SIG_DFL ||
			   init_task.sighand->action[SIGBUS - 1].sa.sa_handler == SIG_IGN));
	sa->sa_handler = saved;
}

static struct ktest_case ratelimit_cases[] = {
	KTEST_CASE(burst_then_refused),
	KTEST_CASE(next_interval_reports_the_missed),
	KTEST_CASE(no_interval_no_limit),
	KTEST_CASE(handled_faults_are_not_logged),
	KTEST_END,
};

static struct ktest_suite ratelimit_suite = { .name = "ratelimit", .cases = ratelimit_cases };
KTEST_SUITE(ratelimit_suite);
