/*
 * kernel/locking/lockdep_print.c: the lock validator's reports, in the
 * words and layout of Linux's lockdep, so that a student who learns to
 * read them here can read Linux's (docs/locking.md walks through one).
 *
 * A lock is printed as its address, its class name with the subclass
 * ("&p->lock/1"), the usage letters {hardirq-W hardirq-R softirq-W
 * softirq-R} ('+' taken with interrupts on, '-' taken in a handler, '?'
 * both, '.' neither; the read and softirq letters are always '.' here:
 * there are no softirqs and reads are not told apart) and the wait type
 * {2:2} for a spinlock, {3:3} for a sleeping lock.
 *
 * Each report taints the kernel with TAINT_WARN, so a test that expects
 * one (ktest_expect_reports) counts it and any other fails its case.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/panic.h>
#include <linux/uts.h>
#include "lockdep_internals.h"

static const char *const usage_str[LOCK_USAGE_STATES] = {
	[LOCK_USED_IN_HARDIRQ] = "IN-HARDIRQ-W",
	[LOCK_ENABLED_HARDIRQ] = "HARDIRQ-ON-W",
};

void print_lock_name(char *buf, size_t size, const struct lock_class *class)
{
	if (class->subclass)
		snprintf(buf, size, "%s/%u", class->name, class->subclass);
	else
		snprintf(buf, size, "%s", class->name);
}

static char usage_char(const struct lock_class *class)
{
	bool on = class->usage_mask & (1UL << LOCK_ENABLED_HARDIRQ);
	bool in = class->usage_mask & (1UL << LOCK_USED_IN_HARDIRQ);

	return on ? (in ? '?' : '+') : (in ? '-' : '.');
}

/* " (name){+...}-{2:2}", as Linux's print_lock_name. */
void print_lock_usage(char *buf, size_t size, const struct lock_class *class)
{
	char name[96];

	print_lock_name(name, sizeof(name), class);
	snprintf(buf, size, " (%s){%c...}-{%d:%d}", name, usage_char(class),
		 class->wait_type_inner, class->wait_type_inner);
}

static void print_kernel_ident(void)
{
	printk("%s #1 %s\n", UTS_RELEASE, print_tainted());
}

/* @prefix, then the lock as Linux's print_lock shows it, on one line. */
static void print_lock(const char *prefix, struct held_lock *hl)
{
	char usage[128];

	print_lock_usage(usage, sizeof(usage), hl->class);
	printk("%s%px%s, at: %pS\n", prefix, hl->instance, usage, (void *)hl->acquire_ip);
}

void lockdep_print_held_locks(struct task_struct *p)
{
	int i, depth = READ_ONCE(p->lockdep_depth);

	if (!depth)
		printk("no locks held by %s/%d.\n", p->comm, task_pid_nr(p));
	else
		printk("%d lock%s held by %s/%d:\n", depth, depth > 1 ? "s" : "", p->comm,
		       task_pid_nr(p));
	if (p != current && p->state == TASK_RUNNING)
		return;		/* its stack changes under us */
	for (i = 0; i < depth; i++) {
		char prefix[16];

		snprintf(prefix, sizeof(prefix), " #%d: ", i);
		print_lock(prefix, &p->held_locks[i]);
	}
}

/* The report's title between rules of its length, as Linux's; false if the checks were off. */
static bool print_report_header(const char *title)
{
	static const char rule[] = "==========================================================";
	int n = strlen(title);

	if (!debug_locks_off())
		return false;
	pr_warn("\n");
	pr_warn("%.*s\n", n, rule);
	pr_warn("%s\n", title);
	print_kernel_ident();
	pr_warn("%.*s\n", n, "----------------------------------------------------------");
	return true;
}

/* Who wants which lock, holding which (the circular and recursive reports). */
static void print_acquire_pair(struct task_struct *curr, struct held_lock *next,
			       struct held_lock *prev)
{
	pr_warn("%s/%d is trying to acquire lock:\n", curr->comm, task_pid_nr(curr));
	print_lock("", next);
	pr_warn("\nbut task is already holding lock:\n");
	print_lock("", prev);
}

static void print_lock_trace(const struct lock_trace *t, int spaces)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		printk("%*c%pS\n", 1 + spaces, ' ', (void *)t->entries[i]);
}

static void print_circular_bug_entry(struct lock_list *e, int depth)
{
	char usage[128];

	print_lock_usage(usage, sizeof(usage), e->class);
	printk("\n-> #%u%s:\n", depth, usage);
	print_lock_trace(&e->trace, 6);
}

static void print_circular_lock_scenario(struct held_lock *src, struct held_lock *tgt,
					 struct lock_list *prt)
{
	char source[96], target[96], parent[96];

	print_lock_name(source, sizeof(source), src->class);
	print_lock_name(target, sizeof(target), tgt->class);
	print_lock_name(parent, sizeof(parent), prt->class);
	if (prt->class != src->class)
		printk("Chain exists of:\n  %s --> %s --> %s\n\n", source, parent, target);
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0                    CPU1\n");
	printk("       ----                    ----\n");
	printk("  %s(%s);\n", tgt->read ? "rlock" : "lock", target);
	printk("                               lock(%s);\n", parent);
	printk("                               lock(%s);\n", target);
	printk("  %s(%s);\n", src->read ? "rlock" : "lock", source);
	printk("\n *** DEADLOCK ***\n\n");
}

static void print_report_end(struct task_struct *curr)
{
	lockdep_print_held_locks(curr);
	printk("\nstack backtrace:\n");
	dump_stack();
	add_taint(TAINT_WARN);
}

static int lock_depth(struct lock_list *e)
{
	int depth = 0;

	for (; e->parent; e = e->parent)
		depth++;
	return depth;
}

/*
 * @check_src (being taken) would close the cycle @target -> ... -> @root:
 * @target's edges, back to @root, were recorded earlier; @root is the
 * acquisition now (Linux's print_circular_bug).
 */
void print_circular_bug(struct lock_list *root, struct lock_list *target,
			struct held_lock *check_src, struct held_lock *check_tgt)
{
	struct task_struct *curr = current;
	struct lock_list *e, *first_parent = target->parent ? target->parent : root;
	int depth = lock_depth(target);

	if (!print_report_header("WARNING: possible circular locking dependency detected"))
		return;
	print_acquire_pair(curr, check_src, check_tgt);
	pr_warn("\nwhich lock already depends on the new lock.\n\n");
	pr_warn("\nthe existing dependency chain (in reverse order) is:\n");
	for (e = target; e; e = e->parent)
		print_circular_bug_entry(e, depth--);
	printk("\nother info that might help us debug this:\n\n");
	print_circular_lock_scenario(check_src, check_tgt, first_parent);
	print_report_end(curr);
}

void print_deadlock_bug(struct task_struct *curr, struct held_lock *prev, struct held_lock *next)
{
	char name[96];

	if (!print_report_header("WARNING: possible recursive locking detected"))
		return;
	print_lock_name(name, sizeof(name), next->class);
	print_acquire_pair(curr, next, prev);
	pr_warn("\nother info that might help us debug this:\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0\n");
	printk("       ----\n");
	printk("  lock(%s);\n", name);
	printk("  lock(%s);\n", name);
	printk("\n *** DEADLOCK ***\n\n");
	printk(" May be due to missing lock nesting notation\n\n");
	print_report_end(curr);
}

void print_usage_bug(struct task_struct *curr, struct held_lock *this,
		     enum lock_usage_bit prev_bit, enum lock_usage_bit new_bit)
{
	char name[96];

	if (!print_report_header("WARNING: inconsistent lock state"))
		return;
	print_lock_name(name, sizeof(name), this->class);
	pr_warn("inconsistent {%s} -> {%s} usage.\n", usage_str[prev_bit], usage_str[new_bit]);
	pr_warn("%s/%d [HC%u[%u]:SC0[0]:HE%u:SE1] takes:\n", curr->comm, task_pid_nr(curr),
		this->irq_context, curr->hardirq_context, new_bit == LOCK_ENABLED_HARDIRQ);
	print_lock("", this);
	pr_warn("{%s} state was registered at:\n", usage_str[prev_bit]);
	printk("  %pS\n", (void *)this->class->usage_ip[prev_bit]);
	pr_warn("\nother info that might help us debug this:\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0\n");
	printk("       ----\n");
	printk("  lock(%s);\n", name);
	printk("  <Interrupt>\n");
	printk("    lock(%s);\n", name);
	printk("\n *** DEADLOCK ***\n\n");
	print_report_end(curr);
}
