/*
 * kernel/ktest.c: the in-kernel test runner.
 *
 * Runs the suites selected by ktest= and prints KTAP version 1, nested
 * the way KUnit nests it: the top level counts suites, each suite is an
 * indented subtest with its cases.  Failure messages are KTAP diagnostic
 * lines ("# ...") printed before the case's "not ok" line.
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/kthread.h>
#include <linux/pid.h>
#include <linux/wait_api.h>
#include <linux/panic.h>
#include <linux/slab.h>

extern struct ktest_suite *__start_ktest_suites[], *__stop_ktest_suites[];

char *ktest_glob;

static int ktest_setup(char *s)
{
	ktest_glob = s;
	return 0;
}
__setup("ktest", ktest_setup);

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed = true;
	printk("    # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	printk("    # %s\n", msg);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	t->skip_reason = reason;
}

void ktest_info(struct ktest *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("    # %s: %s\n", t->name, msg);
}

void ktest_expect_reports(struct ktest *t, const char *what)
{
	t->reports = 0;
	t->expecting = true;
	t->log_start = log_buf_len();
	printk("    # %s: expecting %s: the report below is part of the test\n", t->name, what);
	expect_reports(&t->reports);
}

/* Returns how many reports came since ktest_expect_reports. */
unsigned long ktest_end_reports(struct ktest *t)
{
	expect_reports(NULL);
	t->expecting = false;
	printk("    # %s: end of expected reports (%lu)\n", t->name, t->reports);
	return t->reports;
}

/* Does the kernel log since ktest_expect_reports hold @text? */
bool ktest_log_contains(struct ktest *t, const char *text)
{
	size_t len = log_buf_len() - t->log_start;
	char *log = kmalloc(len + 1, GFP_KERNEL);
	bool found;

	if (!log)
		return false;
	log_buf_copy(log, len + 1, t->log_start);
	found = strstr(log, text) != NULL;
	kfree(log);
	return found;
}

/* A case must leave the kernel as clean as it found it: no report it did not expect. */
static void check_untainted(struct ktest *t, unsigned long taint_before)
{
	if (t->expecting) {
		ktest_end_reports(t);
		ktest_fail(t, __FILE__, __LINE__, "the case did not end its expected reports");
	}
	if (get_taint() != taint_before)
		ktest_fail(t, __FILE__, __LINE__,
			   "the kernel got tainted (%s) during the case: see the report above",
			   print_tainted());
}

/* Is @pat (a suite.case glob) spelling out @suite's name, not just matching it? */
static bool names_suite(const char *pat, const char *suite)
{
	size_t n = strlen(suite);

	return !strncmp(pat, suite, n) && pat[n] == '.';
}

/* Does any comma-separated glob of @globs select case @c of @s? */
static bool case_selected(const char *globs, const struct ktest_suite *s, const char *c)
{
	char full[128], pat[128];
	const char *p, *end;

	snprintf(full, sizeof(full), "%s.%s", s->name, c);
	for (p = globs; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ',');
		strlcpy(pat, p, min((size_t)(end - p) + 1, sizeof(pat)));
		if (!strchr(pat, '.'))
			strlcat(pat, ".*", sizeof(pat));
		if ((s->flags & KTEST_EXPLICIT) && !names_suite(pat, s->name))
			continue;	/* deliberate failures run only when named */
		if (glob_match(pat, full))
			return true;
	}
	return false;
}

static int count_selected(const char *globs, const struct ktest_suite *s)
{
	struct ktest_case *c;
	int n = 0;

	for (c = s->cases; c->name; c++)
		n += case_selected(globs, s, c->name);
	return n;
}

static bool run_case(const struct ktest_suite *s, struct ktest_case *c, int nr)
{
	struct ktest t = { .name = c->name };
	unsigned long taint = get_taint();

	if (s->init && s->init(&t))
		ktest_fail(&t, __FILE__, __LINE__, "suite init failed");
	else {
		c->run(&t);
		if (s->exit)
			s->exit(&t);
	}
	check_untainted(&t, taint);
	if (t.skipped && !t.failed)
		printk("    ok %d %s # SKIP %s\n", nr, c->name, t.skip_reason);
	else
		printk("    %s %d %s\n", t.failed ? "not ok" : "ok", nr, c->name);
	return !t.failed;
}

static bool run_suite(const char *globs, const struct ktest_suite *s, int nr)
{
	struct ktest_case *c;
	bool ok = true;
	int n = 0;

	printk("    KTAP version 1\n");
	printk("    # Subtest: %s\n", s->name);
	printk("    1..%d\n", count_selected(globs, s));
	for (c = s->cases; c->name; c++)
		if (case_selected(globs, s, c->name))
			ok &= run_case(s, c, ++n);
	printk("%s %d %s\n", ok ? "ok" : "not ok", nr, s->name);
	return ok;
}

/* Runs every selected case; returns the number of failed suites. */
int ktest_run_selected(const char *globs)
{
	struct ktest_suite **s;
	int nsuites = 0, nr = 0, failed = 0;

	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		nsuites += count_selected(globs, *s) > 0;
	printk("KTAP version 1\n");
	printk("1..%d\n", nsuites);
	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		if (count_selected(globs, *s))
			failed += !run_suite(globs, *s, ++nr);
	return failed;
}

/*
 * Drops our reference on @tsk once it is the last: the task has exited,
 * been reaped and made its last switch.  The task that
 * reaped or stopped it may run before the dead task's final schedule(),
 * whose finish_task_switch drops the reference that frees its stack.
 */
void ktest_wait_freed(struct task_struct *tsk)
{
	while (atomic_read(&tsk->usage) > 1)
		do_sched_yield();
	put_task_struct(tsk);
}

/* Reaps our child @pid and waits until it is freed: its pid, or an error. */
pid_t ktest_reap(pid_t pid)
{
	struct task_struct *tsk;

	if (pid < 1)
		return pid;
	tsk = get_pid_task(find_vpid(pid), PIDTYPE_PID);
	if (!tsk)
		return -ESRCH;
	pid = kernel_wait4(pid, NULL, __WALL, NULL);
	ktest_wait_freed(tsk);
	return pid;
}

/*
 * The end of a test's kernel thread: it must not exit before kthread_stop()
 * tells it to (Linux's contract: the stopper needs the task to still be there).
 */
void ktest_wait_for_stop(void)
{
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
}

/*
 * A suite that measures one CPU's scheduling (shares, preemption) runs on
 * CPU 0, and so does every thread it makes: kernel threads inherit
 * kthreadd's mask, forked ones the test's.  Its init and exit hooks.
 */
int ktest_one_cpu_init(struct ktest *t)
{
	struct cpumask cpu0 = CPU_MASK_NONE;

	(void)t;
	cpumask_set_cpu(0, &cpu0);
	set_cpus_allowed_ptr(kthreadd_task, &cpu0);
	return set_cpus_allowed_ptr(current, &cpu0);
}

void ktest_one_cpu_exit(struct ktest *t)
{
	struct cpumask all = CPU_MASK_ALL;

	(void)t;
	set_cpus_allowed_ptr(kthreadd_task, &all);
	set_cpus_allowed_ptr(current, &all);
}

/* kthread_stop(), returning only once the thread is freed (kthreadd reaps it). */
int ktest_kthread_stop(struct task_struct *k)
{
	int ret;

	get_task_struct(k);
	ret = kthread_stop(k);
	ktest_wait_freed(k);
	return ret;
}
