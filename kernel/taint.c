/*
 * kernel/taint.c: the taint mask, /proc/sys/kernel/tainted.
 *
 * A kernel that has warned (WARN_ON: TAINT_WARN) or was told by root that
 * something untrustworthy happened remembers it in one bit mask, which
 * only grows, as Linux's tainted_mask (kept in kernel/panic.c there).
 * Test suites read it before and after a run to see whether the kernel
 * warned meanwhile.  Every debug check that reports a bug taints with
 * Linux's letter for it (B a bad page or slab object, W a warning, L a
 * soft lockup, D an oops), and every trace shows the letters.
 *
 * A test that provokes a report on purpose brackets it with
 * expect_reports(&count) ... expect_reports(NULL): while armed, add_taint
 * only counts, so the test can check the report came and the kernel stays
 * clean (as SLUB's slab_errors counter does under KUnit).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/capability.h>
#include <linux/panic.h>

static unsigned long tainted_mask;	/* bits only ever set, with atomic ors */
static unsigned long *expected_reports;	/* armed by a test: count, do not taint */

/* Linux's letters, by bit number (kernel/panic.c's taint_flags there). */
static const char taint_letters[TAINT_FLAGS_COUNT + 1] = "PFSRMBUDAWCIOELKXTN";

void add_taint(unsigned int flag)
{
	if (expected_reports) {
		(*expected_reports)++;
		return;
	}
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}

unsigned long get_taint(void)
{
	return READ_ONCE(tainted_mask);
}

/*
 * While @count is set, reports are counted there instead of tainting the
 * kernel; NULL disarms.  Only for tests: a real bug meanwhile is counted too.
 */
void expect_reports(unsigned long *count)
{
	expected_reports = count;
}

/* "Not tainted", or "Tainted: G    B" as Linux prints it (trailing blanks cut). */
const char *print_tainted(void)
{
	static char buf[sizeof("Tainted: ") + TAINT_FLAGS_COUNT];
	char *s = buf + strlcpy(buf, "Tainted: ", sizeof(buf)), *last = s;
	unsigned long mask = get_taint();
	int i;

	if (!mask)
		return "Not tainted";
	for (i = 0; i < TAINT_FLAGS_COUNT; i++) {
		*s++ = (mask & (1UL << i)) ? taint_letters[i] : i ? ' ' : 'G';
		if (s[-1] != ' ')
			last = s;
	}
	*last = '\0';
	return buf;
}

static int tainted_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "%lu\n", get_taint());
	return 0;
}

/*
 * Writing adds the bits written, never clears one, and needs
 * CAP_SYS_ADMIN beyond the file's mode (Linux's proc_taint).
 */
static ssize_t tainted_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	unsigned int i;
	int val, ret;

	(void)f;
	(void)pos;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = proc_write_int(ubuf, n, &val);
	if (ret < 0)
		return ret;
	if (val < 0)
		return -EINVAL;
	for (i = 0; i < TAINT_FLAGS_COUNT; i++)
		if (val & (1UL << i))
			add_taint(i);
	return ret;
}

static int __init taint_sysctl_init(void)
{
	proc_create_rw("sys/kernel/tainted", 0644, tainted_show, tainted_write, NULL);
	return 0;
}
fs_initcall(taint_sysctl_init);
