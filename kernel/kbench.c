/*
 * kernel/kbench.c: in-kernel benchmarks, for `make bench`.
 *
 * kbench=GLOB on the command line runs the selected ones after the
 * initcalls and prints, as the user-space benchmarks do, one line each:
 * "BENCH name=<name> iters=<n> ns_per_op=<x>", then powers off.  Each
 * loop is sized (by doubling) to take at least 100 ms of guest time.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/time.h>
#include <linux/string.h>
#include <linux/reboot.h>

static char *kbench_glob;

static int kbench_setup(char *s)
{
	kbench_glob = s;
	return 0;
}
__setup("kbench", kbench_setup);

struct switch_pair {
	struct completion ping, pong;
	bool stop;		/* written before the last ping: the partner returns */
};

/*
 * The partner answers each ping until told to stop.  It cannot poll
 * kthread_should_stop() instead: the last ping could wake it before
 * kthread_stop() sets that flag, and it would sleep on a ping that never
 * comes while kthread_stop() waits for it to exit.
 */
static int switch_partner(void *arg)
{
	struct switch_pair *sp = arg;

	for (;;) {
		wait_for_completion(&sp->ping);
		if (READ_ONCE(sp->stop))
			return 0;
		complete(&sp->pong);
	}
}

/*
 * One round trip: wake the partner and sleep until it wakes us, so two
 * context switches (and two wake-ups through completions) per iteration.
 */
static u64 switch_roundtrip(unsigned long iters)
{
	struct switch_pair sp;
	struct task_struct *k;
	unsigned long i;
	u64 t0, t1;

	init_completion(&sp.ping);
	init_completion(&sp.pong);
	sp.stop = false;
	k = kthread_run(switch_partner, &sp, "kbench-switch");
	if (IS_ERR(k))
		return 0;
	get_task_struct(k);	/* it may exit before kthread_stop() looks at it */
	complete(&sp.ping);		/* let it start and settle */
	wait_for_completion(&sp.pong);
	t0 = local_clock();
	for (i = 0; i < iters; i++) {
		complete(&sp.ping);
		wait_for_completion(&sp.pong);
	}
	t1 = local_clock();
	WRITE_ONCE(sp.stop, true);
	complete(&sp.ping);
	kthread_stop(k);
	put_task_struct(k);
	return t1 - t0;
}

struct kbench {
	const char *name;
	u64 (*run)(unsigned long iters);	/* ns taken by @iters operations */
};

static const struct kbench kbenches[] = {
	{ "kthread_switch_roundtrip", switch_roundtrip },
};

static void run_one(const struct kbench *b)
{
	unsigned long iters = 16;
	u64 ns;

	for (;;) {
		ns = b->run(iters);
		if (!ns || ns >= 100 * NSEC_PER_MSEC || iters >= (1UL << 24))
			break;
		iters *= 2;
	}
	printk("BENCH name=%s iters=%lu ns_per_op=%llu.%llu\n", b->name, iters,
	       ns / iters, (ns * 10 / iters) % 10);
}

/* Called by kernel_init after the initcalls, as the in-kernel tests are. */
void run_kbenches(void)
{
	unsigned int i;

	if (!kbench_glob)
		return;
	for (i = 0; i < ARRAY_SIZE(kbenches); i++)
		if (glob_match(kbench_glob, kbenches[i].name) || !strcmp(kbench_glob, "all"))
			run_one(&kbenches[i]);
	printk("kbench: done\n");
	machine_power_off();
}
