/*
 * kernel/locking/lockdep_proc.c: /proc/lockdep and /proc/lockdep_stats,
 * the lock validator's classes and its counts, in Linux's layout.
 *
 * /proc/lockdep lists every class: its key, how often it was taken
 * (OPS), its edges forward (FD: classes taken while it was held) and
 * backward (BD: classes held when it was taken), its usage letters and
 * name, then the classes it leads to.  Linux's FD and BD count every
 * class reachable; here they count the direct edges, the ones listed.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include "lockdep_internals.h"

static void print_name(struct seq_file *m, const struct lock_class *class)
{
	char name[96];

	print_lock_name(name, sizeof(name), class);
	seq_puts(m, name);
}

static void class_show(struct seq_file *m, const struct lock_class *class)
{
	const struct lock_list *e;
	char usage[128], *letters;

	print_lock_usage(usage, sizeof(usage), class);
	letters = strchr(usage, '{') + 1;
	letters[4] = '\0';
	seq_printf(m, "%016lx OPS:%8lu FD:%5u BD:%5u %s: ", (unsigned long)class->key,
		   class->ops, class->nr_after, class->nr_before, letters);
	print_name(m, class);
	seq_puts(m, "\n");
	for (e = class->locks_after; e; e = e->next) {
		seq_printf(m, " -> [%016lx] ", (unsigned long)e->class->key);
		print_name(m, e->class);
		seq_puts(m, "\n");
	}
	seq_puts(m, "\n");
}

/* The classes are only ever added to, at the end: read them without the lock up to a count. */
static int lockdep_show(struct seq_file *m, void *v)
{
	unsigned long i, n = READ_ONCE(nr_lock_classes);

	(void)v;
	seq_puts(m, "all lock classes:\n");
	for (i = 0; i < n; i++)
		class_show(m, &lock_classes[i]);
	return 0;
}

static int lockdep_stats_show(struct seq_file *m, void *v)
{
	unsigned long i, n = READ_ONCE(nr_lock_classes), safe = 0, unsafe = 0;

	(void)v;
	for (i = 0; i < n; i++) {
		safe += !!(lock_classes[i].usage_mask & (1UL << LOCK_USED_IN_HARDIRQ));
		unsafe += !!(lock_classes[i].usage_mask & (1UL << LOCK_ENABLED_HARDIRQ));
	}
	seq_printf(m, " lock-classes:                         %11lu [max: %u]\n", n,
		   MAX_LOCKDEP_KEYS);
	seq_printf(m, " direct dependencies:                  %11lu [max: %u]\n",
		   READ_ONCE(nr_list_entries), MAX_LOCKDEP_ENTRIES);
	seq_printf(m, " hardirq-safe locks:                   %11lu\n", safe);
	seq_printf(m, " hardirq-unsafe locks:                 %11lu\n", unsafe);
	seq_printf(m, " cyclic checks:                        %11lu\n", nr_cyclic_checks);
	seq_printf(m, " redundant checks:                     %11lu\n", nr_redundant_checks);
	seq_printf(m, " find-mask forwards checks:            %11lu\n", nr_find_usage_checks);
	seq_printf(m, " max locking depth:                    %11u\n", max_lockdep_depth);
	seq_printf(m, " debug_locks:                          %11u\n", READ_ONCE(debug_locks));
	return 0;
}

/* Only with the validator on, as Linux has them only with CONFIG_LOCKDEP. */
static int __init lockdep_proc_init(void)
{
	if (!prove_locking)
		return 0;
	proc_create_single("lockdep", 0400, lockdep_show, NULL);
	proc_create_single("lockdep_stats", 0400, lockdep_stats_show, NULL);
	return 0;
}
fs_initcall(lockdep_proc_init);
