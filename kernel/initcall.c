/*
 * kernel/initcall.c: running the initcalls, level by level.
 *
 * As init/main.c's do_initcalls(): linker.ld lays the .initcallN sections
 * out in level order and records where each level starts; we walk them,
 * and with initcall_debug print Linux's two lines around each call.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/time.h>
#include <linux/sched.h>
#include <linux/string.h>

extern initcall_t __initcall_start[], __initcall0_start[], __initcall1_start[],
	__initcall2_start[], __initcall3_start[], __initcall4_start[],
	__initcall5_start[], __initcall6_start[], __initcall7_start[],
	__initcall_end[];

static initcall_t *initcall_levels[] = {
	__initcall0_start, __initcall1_start, __initcall2_start, __initcall3_start,
	__initcall4_start, __initcall5_start, __initcall6_start, __initcall7_start,
	__initcall_end,
};

/* Linux's names for the levels, for the boot log. */
static const char *const initcall_level_names[] = {
	"pure", "core", "postcore", "arch", "subsys", "fs", "device", "late",
};

int initcall_debug;
int initcall_current_level = -1;	/* for the ordering test */

/*
 * initcall_debug's lines are KERN_DEBUG, as in Linux; unlike Linux we
 * also raise the console level so they show without a separate "debug".
 */
static int initcall_debug_setup(char *s)
{
	(void)s;
	initcall_debug = 1;
	console_loglevel = 8;
	return 0;
}
early_param("initcall_debug", initcall_debug_setup);

/*
 * As Linux's: an error return is shown only with initcall_debug (the
 * second line), but an initcall that leaves preemption or interrupts
 * off is a warning, and both are put back.
 */
int do_one_initcall(initcall_t fn)
{
	int count = preempt_count(), ret;
	char msgbuf[128];
	u64 t0 = 0;

	if (initcall_debug) {
		printk(KERN_DEBUG "calling  %pS @ %d\n", fn, task_pid_nr(current));
		t0 = local_clock();
	}
	ret = fn();
	if (initcall_debug)
		printk(KERN_DEBUG "initcall %pS returned %d after %llu usecs\n", fn, ret,
		       (unsigned long long)(local_clock() - t0) / 1000);
	msgbuf[0] = '\0';
	if (preempt_count() != count) {
		strlcat(msgbuf, "preemption imbalance ", sizeof(msgbuf));
		preempt_count_add(count - preempt_count());
	}
	if (irqs_disabled()) {
		strlcat(msgbuf, "disabled interrupts ", sizeof(msgbuf));
		local_irq_enable();
	}
	WARN(msgbuf[0], "initcall %pS returned with %s\n", fn, msgbuf);
	return ret;
}

static void do_initcall_level(int level)
{
	initcall_t *fn;

	initcall_current_level = level;
	if (initcall_debug)
		pr_debug("initcall level %d (%s)\n", level, initcall_level_names[level]);
	for (fn = initcall_levels[level]; fn < initcall_levels[level + 1]; fn++)
		do_one_initcall(*fn);
}

/* early_initcall()s: Linux runs them just before the other CPUs come up. */
void do_pre_smp_initcalls(void)
{
	initcall_t *fn;

	for (fn = __initcall_start; fn < __initcall0_start; fn++)
		do_one_initcall(*fn);
}

void do_initcalls(void)
{
	int level;

	for (level = 0; level < (int)ARRAY_SIZE(initcall_level_names); level++)
		do_initcall_level(level);
	initcall_current_level = -1;
}
