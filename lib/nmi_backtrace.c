/*
 * lib/nmi_backtrace.c: every CPU's backtrace, by NMI (Linux's
 * lib/nmi_backtrace.c and arch/x86/kernel/apic/hw_nmi.c).
 *
 * A CPU that spins with interrupts off does not take an IPI, but it does
 * take a non-maskable interrupt.  The asking CPU marks the CPUs it wants
 * in backtrace_mask and sends them an NMI through the local APIC's
 * interrupt command register (delivery mode NMI); each one's NMI handler
 * (kernel/nmi.c) finds its bit, prints what it interrupted, and clears the
 * bit; the asker waits for the mask to empty.  The CPUs print one at a
 * time under nmi_print_lock, so their lines never interleave.  Users:
 * SysRq-L (and Ctrl-T, which the test harness sends to a hung boot),
 * an unknown NMI (the harness's `nmi` monitor command), and the
 * soft-lockup and hung-task detectors when asked to.
 */
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/bitops.h>
#include <linux/watchdog.h>
#include <asm/apic.h>
#include <asm/ptrace.h>

#define BACKTRACE_WAIT_MS	10000	/* Linux's: 10 s for every CPU to answer */

/* The CPUs still to print: set by the asker, each bit cleared by its CPU (atomic bit operations). */
static struct cpumask backtrace_mask;
/* Bit 0: a backtrace is being asked for; one asker at a time (Linux's backtrace_flag). */
static unsigned long backtrace_flag;
/* Serializes the CPUs' reports; taken with arch_spin_lock (in NMI: never validated). */
static DEFINE_SPINLOCK(nmi_print_lock);

/* Halted in the idle loop: the NMI came in on the instruction after a `hlt` (Linux's cpu_in_idle). */
static bool cpu_in_idle(const struct pt_regs *regs)
{
	return !user_mode(regs) && is_idle_task(current) &&
	       *(const unsigned char *)(regs->ip - 1) == 0xf4;
}

/* "1-3" or "0,2": @mask as Linux's %*pbl prints a CPU list. */
static void cpulist_print(char *buf, size_t size, const struct cpumask *mask)
{
	unsigned int cpu, end;
	size_t n = 0;

	buf[0] = '\0';
	for_each_cpu(cpu, mask) {
		for (end = cpu; end + 1 < NR_CPUS && cpumask_test_cpu(end + 1, mask); end++)
			;
		n += scnprintf(buf + n, size - n, end == cpu ? "%s%u" : "%s%u-%u",
			       n ? "," : "", cpu, end);
		cpu = end;
	}
}

/* "NMI backtrace for cpu N" and what @regs stopped (the caller's own stack if NULL). */
static void print_backtrace(int cpu, struct pt_regs *regs)
{
	arch_spin_lock(&nmi_print_lock);
	if (regs && cpu_in_idle(regs)) {
		pr_warn("NMI backtrace for cpu %d skipped: idling at %pS\n", cpu, (void *)regs->ip);
	} else {
		pr_warn("NMI backtrace for cpu %d\n", cpu);
		if (regs)
			show_regs(regs);
		else
			dump_stack();
	}
	arch_spin_unlock(&nmi_print_lock);
}

/*
 * The NMI handler's first question (Linux's nmi_cpu_backtrace): was this
 * CPU asked for its backtrace?  If so it prints it and says yes.
 */
bool nmi_cpu_backtrace(struct pt_regs *regs)
{
	int cpu = smp_processor_id();

	if (!cpumask_test_cpu(cpu, &backtrace_mask))
		return false;
	print_backtrace(cpu, regs);
	cpumask_clear_cpu(cpu, &backtrace_mask);
	return true;
}

/* Linux's nmi_trigger_cpumask_backtrace; the contract is in <linux/nmi.h>. */
void nmi_trigger_cpumask_backtrace(const struct cpumask *mask, struct pt_regs *regs)
{
	int i, this_cpu;
	unsigned long flags;
	char list[32];

	if (test_and_set_bit(0, &backtrace_flag))
		return;			/* another CPU is asking: its answer is on the way */
	local_irq_save(flags);
	this_cpu = smp_processor_id();
	cpumask_and(&backtrace_mask, mask, cpu_online_mask);
	/* our bit is cleared first: an NMI meanwhile must not wait for our own print lock */
	if (cpumask_test_cpu(this_cpu, &backtrace_mask)) {
		cpumask_clear_cpu(this_cpu, &backtrace_mask);
		print_backtrace(this_cpu, regs);
	}
	if (!cpumask_empty(&backtrace_mask)) {
		cpulist_print(list, sizeof(list), &backtrace_mask);
		pr_info("Sending NMI from CPU %d to CPUs %s:\n", this_cpu, list);
		apic_send_IPI_mask(&backtrace_mask, NMI_VECTOR);
	}
	for (i = 0; i < BACKTRACE_WAIT_MS && !cpumask_empty(&backtrace_mask); i++) {
		apic_delay_us(1000);
		touch_softlockup_watchdog();
	}
	cpumask_clear(&backtrace_mask);	/* a CPU that never answered is not asked twice */
	local_irq_restore(flags);
	clear_bit(0, &backtrace_flag);
}
