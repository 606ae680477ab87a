/*
 * tests/kernel/rest_init.c: a boot thread that cannot be made panics, naming why.
 *
 * Runs only when named (ktest=rest_init): it makes alloc_pid fail, as it
 * does once a pid namespace's init has died, then asks rest_init_thread
 * (what rest_init makes kernel_init and kthreadd with) for a thread.  It
 * must panic with "rest_init: kernel_thread(kernel_init) failed (error
 * -12)", not return and leave a boot to hang in the idle loop;
 * tests/scenarios/rest_init_fails.scn boots this and checks the panic.
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/pid_namespace.h>

static int never_runs(void *unused)
{
	(void)unused;
	return 0;
}

static void kernel_thread_failure_panics(struct ktest *t)
{
	disable_pid_allocation(&init_pid_ns);
	rest_init_thread(never_runs, "kernel_init", CLONE_FS);
	ktest_fail(t, __FILE__, __LINE__, "rest_init_thread returned although kernel_thread failed");
}

static struct ktest_case rest_init_cases[] = {
	KTEST_CASE(kernel_thread_failure_panics),
	KTEST_END,
};

static struct ktest_suite rest_init_suite = {
	.name = "rest_init", .cases = rest_init_cases, .flags = KTEST_EXPLICIT,
};
KTEST_SUITE(rest_init_suite);
