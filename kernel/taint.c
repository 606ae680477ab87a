/*
 * kernel/taint.c: the taint mask, /proc/sys/kernel/tainted.
 *
 * A kernel that has warned (WARN_ON: TAINT_WARN) or was told by root that
 * something untrustworthy happened remembers it in one bit mask, which
 * only grows, as Linux's tainted_mask (kept in kernel/panic.c there).
 * Test suites read it before and after a run to see whether the kernel
 * warned meanwhile.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/capability.h>
#include <linux/panic.h>

static unsigned long tainted_mask;	/* bits only ever set, with atomic ors */

void add_taint(unsigned int flag)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}

unsigned long get_taint(void)
{
	return READ_ONCE(tainted_mask);
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
