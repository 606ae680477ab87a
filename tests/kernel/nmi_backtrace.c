/*
 * tests/kernel/nmi_backtrace.c: every CPU's backtrace by NMI
 * (lib/nmi_backtrace.c): each online CPU answers, an idle one in one
 * line, and a CPU that spins with interrupts off, which no IPI reaches,
 * shows where it spins.
 */
#include <linux/ktest.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/nmi.h>
#include <linux/preempt.h>
#include <linux/err.h>
#include <asm/apic.h>
#include <asm/processor.h>

static char log[16384];

/* What the kernel printed since @start. */
static const char *log_since(size_t start)
{
	log_buf_copy(log, sizeof(log), start);
	return log;
}

static void every_online_cpu_answers(struct ktest *t)
{
	unsigned long before[NR_CPUS];
	size_t start = log_buf_len();
	char line[48];
	int cpu, self;

	for_each_online_cpu(cpu)
		before[cpu] = READ_ONCE(nmi_count[cpu]);
	preempt_disable();
	self = smp_processor_id();
	trigger_all_cpu_backtrace();
	preempt_enable();
	log_since(start);
	for_each_online_cpu(cpu) {
		snprintf(line, sizeof(line), "NMI backtrace for cpu %d", cpu);
		KTEST_EXPECT_TRUE(t, strstr(log, line) != NULL);
		/* each other CPU took one NMI; this one printed its own without */
		KTEST_EXPECT_EQ(t, READ_ONCE(nmi_count[cpu]) - before[cpu], cpu == self ? 0UL : 1UL);
	}
	if (num_online_cpus() > 1)
		KTEST_EXPECT_TRUE(t, strstr(log, "Sending NMI from CPU ") != NULL);
}

static int spinning;		/* the spinner is on its CPU with interrupts off */
static int stop_spinning;

static noinline void spin_with_irqs_off(void)
{
	local_irq_disable();
	WRITE_ONCE(spinning, 1);
	while (!READ_ONCE(stop_spinning))
		cpu_relax();
	local_irq_enable();
}

static int spinner(void *unused)
{
	(void)unused;
	spin_with_irqs_off();
	ktest_wait_for_stop();
	return 0;
}

static void a_cpu_spinning_with_irqs_off_answers(struct ktest *t)
{
	unsigned int cpu = nr_cpu_ids - 1;
	struct task_struct *k;
	char line[64];
	size_t start;

	if (nr_cpu_ids < 2) {
		ktest_skip(t, "one CPU: nothing to spin beside us");
		return;
	}
	WRITE_ONCE(spinning, 0);
	WRITE_ONCE(stop_spinning, 0);
	k = kthread_create(spinner, NULL, "nmi-spinner");
	KTEST_ASSERT_TRUE(t, !IS_ERR(k));
	kthread_bind(k, cpu);
	wake_up_process(k);
	while (!READ_ONCE(spinning))
		do_sched_yield();
	start = log_buf_len();
	trigger_all_cpu_backtrace();
	WRITE_ONCE(stop_spinning, 1);
	log_since(start);
	snprintf(line, sizeof(line), "NMI backtrace for cpu %u\n", cpu);
	KTEST_EXPECT_TRUE(t, strstr(log, line) != NULL);
	snprintf(line, sizeof(line), "CPU: %u PID: %d Comm: nmi-spinner ", cpu, k->pid);
	KTEST_EXPECT_TRUE(t, strstr(log, line) != NULL);
	KTEST_EXPECT_TRUE(t, strstr(log, "RIP: 0010:spin_with_irqs_off+0x") != NULL);
	KTEST_EXPECT_EQ(t, ktest_kthread_stop(k), 0);
}

static struct ktest_case nmi_backtrace_cases[] = {
	KTEST_CASE(every_online_cpu_answers),
	KTEST_CASE(a_cpu_spinning_with_irqs_off_answers),
	KTEST_END,
};

static struct ktest_suite nmi_backtrace_suite = {
	.name = "nmi_backtrace", .cases = nmi_backtrace_cases,
};
KTEST_SUITE(nmi_backtrace_suite);

/*
 * panic() stops the other CPUs (smp_send_stop): every other CPU spins
 * with interrupts off, so the stop IPI cannot get in and the NMI must
 * (the harness's EXPECTED_PANICS case smp_stop.panic_stops_spinning_cpus
 * looks for "Shutting down cpus with NMI").  On one CPU there is nothing
 * to stop, and the panic line says so.
 */
static int stop_spinner(void *unused)
{
	(void)unused;
	local_irq_disable();
	__atomic_add_fetch(&spinning, 1, __ATOMIC_SEQ_CST);
	for (;;)
		cpu_relax();
	return 0;
}

static void panic_stops_spinning_cpus(struct ktest *t)
{
	struct cpumask cpu0 = CPU_MASK_NONE;
	unsigned int cpu, others = 0;
	struct task_struct *k;

	cpumask_set_cpu(0, &cpu0);
	KTEST_ASSERT_EQ(t, set_cpus_allowed_ptr(current, &cpu0), 0);	/* we panic on CPU 0 */
	WRITE_ONCE(spinning, 0);
	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		k = kthread_create(stop_spinner, NULL, "stop-spinner");
		KTEST_ASSERT_TRUE(t, !IS_ERR(k));
		kthread_bind(k, cpu);
		wake_up_process(k);
		others++;
	}
	while (READ_ONCE(spinning) != (int)others)
		do_sched_yield();
	panic("ktest: %u other CPUs spinning with interrupts off", others);
}

static struct ktest_case smp_stop_cases[] = {
	KTEST_CASE(panic_stops_spinning_cpus),
	KTEST_END,
};

static struct ktest_suite smp_stop_suite = {
	.name = "smp_stop", .cases = smp_stop_cases, .flags = KTEST_EXPLICIT,
};
KTEST_SUITE(smp_stop_suite);
