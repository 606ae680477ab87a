/*
 * include/linux/ktest.h: in-kernel unit tests, in KUnit's manner.
 *
 * A suite is a named array of cases; KTEST_SUITE() puts it in a section
 * the runner walks.  ktest=<glob>[,<glob>...] on the command line selects
 * "suite" or "suite.case" names; results go to the console as KTAP
 * version 1, one nested subtest per suite.  Suites marked KTEST_EXPLICIT
 * (deliberate failures that test the harness) run only when named.
 */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H

#include <linux/kernel.h>
#include <linux/string.h>

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	const char *skip_reason;
	void *priv;			/* for the suite's init/exit */
	unsigned long reports;		/* counted between ktest_expect_reports and _end */
	bool expecting;
	size_t log_start;		/* the log's length at ktest_expect_reports */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

#define KTEST_EXPLICIT	0x1

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;
	int (*init)(struct ktest *t);	/* before each case; non-zero fails the case */
	void (*exit)(struct ktest *t);	/* after each case */
	unsigned int flags;
};

#define KTEST_CASE(fn)	{ #fn, fn }
#define KTEST_END	{ NULL, NULL }

#define KTEST_SUITE(s) \
	static struct ktest_suite *__ktest_suite_##s __used \
	__section(".ktest_suites") __aligned(8) = &(s)

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);
void ktest_skip(struct ktest *t, const char *reason);
void ktest_info(struct ktest *t, const char *fmt, ...) __printf(2, 3);

/*
 * A case that provokes a kernel report on purpose (a corrupted list, a
 * write after free) brackets it: the reports printed in between are
 * counted in t->reports instead of tainting the kernel, and the harness
 * knows them by the two lines these print.  Any other report during a
 * case (the kernel gets tainted) fails it.
 */
void ktest_expect_reports(struct ktest *t, const char *what);
unsigned long ktest_end_reports(struct ktest *t);
bool ktest_log_contains(struct ktest *t, const char *text);

/*
 * A suite's init and exit that turn a debug switch (debug_list, ...) on for
 * its cases whatever the command line says, and back as it was after.
 */
#define KTEST_SWITCH_ON(prefix, flag) \
static bool prefix##_was_on; \
static int prefix##_init(struct ktest *t) \
{ \
	(void)t; \
	prefix##_was_on = flag; \
	flag = true; \
	return 0; \
} \
static void prefix##_exit(struct ktest *t) \
{ \
	(void)t; \
	flag = prefix##_was_on; \
}

/* The kernel log since ktest_expect_reports has a line with @text in it. */
#define KTEST_EXPECT_LOGGED(t, text) do { \
	if (!ktest_log_contains(t, text)) \
		ktest_fail(t, __FILE__, __LINE__, "Expected the log to say \"%s\"", text); \
} while (0)
int ktest_run_selected(const char *globs);

/*
 * A test that measures memory must not see a task from an earlier case
 * being freed meanwhile: these return only once the task is gone for good.
 */
struct task_struct;
void ktest_wait_freed(struct task_struct *tsk);
pid_t ktest_reap(pid_t pid);
int ktest_kthread_stop(struct task_struct *k);
int ktest_one_cpu_init(struct ktest *t);
void ktest_one_cpu_exit(struct ktest *t);
void ktest_wait_for_stop(void);
extern char *ktest_glob;

#define KTEST_EXPECT_TRUE(t, c) do { \
	if (!(c)) \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s to be true", #c); \
} while (0)

#define KTEST_EXPECT_FALSE(t, c) do { \
	if (c) \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s to be false", #c); \
} while (0)

#define __KTEST_CMP(t, a, op, b, ret) do { \
	long long __a = (long long)(a), __b = (long long)(b); \
	if (!(__a op __b)) { \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s %s %s, but %s == %lld, %s == %lld", \
			   #a, #op, #b, #a, __a, #b, __b); \
		ret; \
	} \
} while (0)

#define KTEST_EXPECT_EQ(t, a, b)	__KTEST_CMP(t, a, ==, b, (void)0)
#define KTEST_EXPECT_NE(t, a, b)	__KTEST_CMP(t, a, !=, b, (void)0)
#define KTEST_EXPECT_LT(t, a, b)	__KTEST_CMP(t, a, <, b, (void)0)
#define KTEST_EXPECT_LE(t, a, b)	__KTEST_CMP(t, a, <=, b, (void)0)
#define KTEST_EXPECT_GT(t, a, b)	__KTEST_CMP(t, a, >, b, (void)0)
#define KTEST_EXPECT_GE(t, a, b)	__KTEST_CMP(t, a, >=, b, (void)0)
#define KTEST_ASSERT_EQ(t, a, b)	__KTEST_CMP(t, a, ==, b, return)
#define KTEST_ASSERT_GE(t, a, b)	__KTEST_CMP(t, a, >=, b, return)

#define KTEST_EXPECT_PTR_EQ(t, a, b) do { \
	const void *__a = (a), *__b = (b); \
	if (__a != __b) \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s == %s, but %px != %px", \
			   #a, #b, __a, __b); \
} while (0)

#define KTEST_EXPECT_NULL(t, p)		KTEST_EXPECT_PTR_EQ(t, p, NULL)

#define KTEST_ASSERT_NOT_NULL(t, p) do { \
	if (!(p)) { \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s to be non-NULL", #p); \
		return; \
	} \
} while (0)

#define KTEST_ASSERT_TRUE(t, c) do { \
	if (!(c)) { \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s to be true", #c); \
		return; \
	} \
} while (0)

#define KTEST_EXPECT_STREQ(t, a, b) do { \
	const char *__a = (a), *__b = (b); \
	if (strcmp(__a, __b)) \
		ktest_fail(t, __FILE__, __LINE__, "Expected %s == %s, but \"%s\" != \"%s\"", \
			   #a, #b, __a, __b); \
} while (0)

#endif
