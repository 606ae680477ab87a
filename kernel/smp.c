/*
 * kernel/smp.c: running a function on other CPUs (Linux's kernel/smp.c),
 * and the reschedule IPI.
 *
 * Each CPU has a queue of call_single_data (csd) that other CPUs post
 * work on; posting sends CALL_FUNCTION_SINGLE_VECTOR, and the target's
 * interrupt handler runs everything queued and marks each csd done.  The
 * caller waits for that, so a csd lives on the caller's stack.  A caller
 * that waits with interrupts off (a TLB flush under a lock) could wait
 * for a CPU that is itself waiting for it: so while waiting it runs its
 * own queue too, and two CPUs calling each other both get through.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <linux/time.h>

struct call_single_data {
	struct list_head llist;		/* on the target's call_queue */
	smp_call_func_t func;
	void *info;
	int done;			/* set by the target, release: the caller may return */
};

struct call_queue {
	spinlock_t lock;		/* protects list; irqs off */
	struct list_head list;		/* csds posted for this CPU to run */
};

static struct call_queue call_queues[NR_CPUS];
unsigned long ipi_count[NR_CPUS][NR_IPI];	/* per CPU, received: /proc/interrupts */

void smp_call_init(void)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		spin_lock_init(&call_queues[cpu].lock);
		INIT_LIST_HEAD(&call_queues[cpu].list);
	}
}

/* Runs what other CPUs posted here (Linux's flush_smp_call_function_queue); irqs off. */
static void flush_smp_call_function_queue(void)
{
	struct call_queue *q = &call_queues[smp_processor_id()];
	struct call_single_data *csd;

	for (;;) {
		spin_lock(&q->lock);
		csd = list_first_entry_or_null(&q->list, struct call_single_data, llist);
		if (csd)
			list_del(&csd->llist);
		spin_unlock(&q->lock);
		if (!csd)
			return;
		csd->func(csd->info);
		__atomic_store_n(&csd->done, 1, __ATOMIC_RELEASE);
	}
}

/* CALL_FUNCTION_SINGLE_VECTOR's handler. */
void generic_smp_call_function_single_interrupt(void)
{
	ipi_count[smp_processor_id()][IPI_CALL_FUNC]++;
	flush_smp_call_function_queue();
}

/* RESCHEDULE_VECTOR's handler: the waker set TIF_NEED_RESCHED on our task (Linux's scheduler_ipi). */
void scheduler_ipi(void)
{
	ipi_count[smp_processor_id()][IPI_RESCHEDULE]++;
	if (need_resched())
		set_preempt_need_resched();
}

void smp_send_reschedule(int cpu)
{
	apic_send_IPI(cpu, RESCHEDULE_VECTOR);
}

static void csd_post(int cpu, struct call_single_data *csd, smp_call_func_t func, void *info)
{
	struct call_queue *q = &call_queues[cpu];
	unsigned long flags;

	csd->func = func;
	csd->info = info;
	csd->done = 0;
	spin_lock_irqsave(&q->lock, flags);
	list_add_tail(&csd->llist, &q->list);
	spin_unlock_irqrestore(&q->lock, flags);
	apic_send_IPI(cpu, CALL_FUNCTION_SINGLE_VECTOR);
}

/* Waits for @csd to be run, running our own queue meanwhile (see the top). */
static void csd_wait(struct call_single_data *csd)
{
	unsigned long flags;

	while (!__atomic_load_n(&csd->done, __ATOMIC_ACQUIRE)) {
		local_irq_save(flags);
		flush_smp_call_function_queue();
		local_irq_restore(flags);
		cpu_relax();
	}
}

/*
 * Runs @func(@info) on every online CPU of @mask but this one, in
 * interrupt context there, and returns once all have (Linux's
 * smp_call_function_many with wait = true, which every caller here
 * wants).  The caller must not migrate meanwhile: preemption off.
 */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info)
{
	struct call_single_data csd[NR_CPUS];
	int this_cpu = smp_processor_id();
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		if (cpu != (unsigned int)this_cpu && cpu_online(cpu))
			csd_post(cpu, &csd[cpu], func, info);
	for_each_cpu(cpu, mask)
		if (cpu != (unsigned int)this_cpu && cpu_online(cpu))
			csd_wait(&csd[cpu]);
}

/* @func(@info) on @cpu (here, directly, if it is this CPU); waits for it. -ENXIO: offline. */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info)
{
	struct call_single_data csd;
	unsigned long flags;

	if ((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -ENXIO;
	preempt_disable();
	if (cpu == smp_processor_id()) {
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
	} else {
		csd_post(cpu, &csd, func, info);
		csd_wait(&csd);
	}
	preempt_enable();
	return 0;
}

/*
 * Stopping the other CPUs when one panics (Linux's native_stop_other_cpus,
 * arch/x86/kernel/smp.c).  The panicking CPU sends REBOOT_VECTOR; a CPU
 * that takes it leaves the online mask and halts with interrupts off for
 * good.  One that does not within a second (it spins with interrupts off)
 * gets an NMI, which it cannot refuse, and does the same from its NMI
 * handler.  The panic then reports alone.
 */
static int stopping_cpu = -1;		/* the CPU stopping the others; set once (cmpxchg) */

/* Linux's stop_this_cpu: offline, and halted until the machine ends. */
static void __noreturn stop_this_cpu(void)
{
	local_irq_disable();
	set_cpu_online(smp_processor_id(), false);
	for (;;)
		halt();
}

/* REBOOT_VECTOR's handler. */
void smp_reboot_interrupt(void)
{
	stop_this_cpu();
}

/* From the NMI handler: false unless another CPU is stopping us (Linux's smp_stop_nmi_callback). */
bool smp_stop_nmi_callback(void)
{
	int stopper = READ_ONCE(stopping_cpu);

	if (stopper < 0 || stopper == smp_processor_id())
		return false;
	stop_this_cpu();
}

/* Waits up to @us (of TSC time) for every other CPU to have left the online mask. */
static bool others_offline_within(unsigned long us)
{
	u64 deadline = rdtsc() + (u64)us * tsc_khz / 1000;

	while (num_online_cpus() > 1 && rdtsc() < deadline)
		cpu_relax();
	return num_online_cpus() == 1;
}

/*
 * From panic (Linux's smp_send_stop): every other CPU stopped, by IPI,
 * then by NMI for those that would not take it.  Interrupts off.
 */
void smp_send_stop(void)
{
	struct cpumask others;
	int cpu = smp_processor_id(), expected = -1;

	if (nr_cpu_ids == 1 || !__atomic_compare_exchange_n(&stopping_cpu, &expected, cpu, false,
							     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return;
	cpumask_copy(&others, cpu_online_mask);
	cpumask_clear_cpu(cpu, &others);
	apic_send_IPI_mask(&others, REBOOT_VECTOR);
	if (others_offline_within(1000000))
		return;
	cpumask_copy(&others, cpu_online_mask);
	cpumask_clear_cpu(cpu, &others);
	pr_emerg("Shutting down cpus with NMI\n");
	apic_send_IPI_mask(&others, NMI_VECTOR);
	/* Linux waits 10 ms; under TCG on a busy host a CPU's thread may sleep longer */
	if (!others_offline_within(1000000))
		pr_emerg("smp: %u CPUs could not be stopped\n", num_online_cpus() - 1);
}
