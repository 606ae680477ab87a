/*
 * tests/kernel/sysrq.c: the console's Ctrl-T (SysRq-T) and get_wchan.
 *
 * Ctrl-T must print the task dump whatever the console's termios (a test
 * program may leave it raw, without ISIG) and must never reach the line
 * discipline; the dump must name where each sleeping task waits.  The
 * harness's selftest-hang boots check the same from outside, on a hang.
 */
#include <linux/ktest.h>
#include <linux/tty.h>
#include <linux/sysrq.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/kallsyms.h>
#include <linux/string.h>
#include <linux/err.h>

static char log[8192];

/* Feeds @c to the console as the serial interrupt would; the log it printed. */
static const char *console_key(char c)
{
	size_t start = log_buf_len();

	serial_receive_char(c);
	log_buf_copy(log, sizeof(log), start);
	return log;
}

static void ctrl_t_dumps_whatever_the_termios(struct ktest *t)
{
	u32 lflag = console_tty.termios.c_lflag;
	unsigned int readable;

	console_tty.termios.c_lflag &= ~(ISIG | ICANON | ECHO);	/* raw, as a program's */
	readable = n_tty_readable(&console_tty);
	console_key(SYSRQ_CONSOLE_KEY);
	KTEST_EXPECT_TRUE(t, strstr(log, "sysrq: Show State\n") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, " R     1     0 ") != NULL);	/* us, pid 1 */
	KTEST_EXPECT_EQ(t, n_tty_readable(&console_tty), readable);	/* not input */
	console_key('x');				/* an ordinary byte is input */
	KTEST_EXPECT_EQ(t, n_tty_readable(&console_tty), readable + 1);
	KTEST_EXPECT_TRUE(t, strstr(log, "sysrq:") == NULL);
	n_tty_flush_input(&console_tty);
	console_tty.termios.c_lflag = lflag;
	console_key(SYSRQ_CONSOLE_KEY);			/* and in the usual cooked mode */
	KTEST_EXPECT_TRUE(t, strstr(log, "sysrq: Show State\n") != NULL);
	KTEST_EXPECT_EQ(t, n_tty_readable(&console_tty), 0);
}

static DECLARE_COMPLETION(sleeper_started);

static int wchan_sleeper(void *unused)
{
	(void)unused;
	complete(&sleeper_started);
	ktest_wait_for_stop();		/* sleeps in schedule(), called from here */
	return 0;
}

/* A task asleep in schedule() waits in its own function, not the scheduler's. */
static void wchan_names_the_waiting_function(struct ktest *t)
{
	struct task_struct *k = kthread_run(wchan_sleeper, NULL, "wchan-sleeper");
	char name[KSYM_NAME_LEN];

	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	wait_for_completion(&sleeper_started);
	while (READ_ONCE(k->on_rq))	/* until it has gone to sleep in schedule() */
		do_sched_yield();
	sprint_symbol(name, sizeof(name), get_wchan(k), false);
	KTEST_EXPECT_STREQ(t, name, "ktest_wait_for_stop");
	KTEST_EXPECT_FALSE(t, in_sched_functions((unsigned long)wchan_sleeper));
	KTEST_EXPECT_TRUE(t, in_sched_functions((unsigned long)schedule));
	KTEST_EXPECT_EQ(t, get_wchan(current), 0);	/* a running task waits nowhere */
	console_key(SYSRQ_CONSOLE_KEY);
	KTEST_EXPECT_TRUE(t, strstr(log, "wchan-sleeper") != NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, " ktest_wait_for_stop\n") != NULL);
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(k), 0);
}

static struct ktest_case sysrq_cases[] = {
	KTEST_CASE(ctrl_t_dumps_whatever_the_termios),
	KTEST_CASE(wchan_names_the_waiting_function),
	KTEST_END,
};

static struct ktest_suite sysrq_suite = { .name = "sysrq", .cases = sysrq_cases };
KTEST_SUITE(sysrq_suite);
