/*
 * kernel/smpboot.c: finding the CPUs and starting the APs (Linux's
 * arch/x86/kernel/smpboot.c and kernel/smp.c's smp_init).
 *
 * The boot CPU runs everything until kernel_init calls smp_init(); the
 * firmware's tables (kernel/acpi.c, kernel/mpparse.c) have by then named
 * the other CPUs, the application processors, by their local APIC IDs.
 * Each AP in turn gets an idle task and a per-CPU area, then INIT and
 * STARTUP IPIs that send it through boot/trampoline.S into
 * start_secondary(), where it sets up its own descriptor tables, MSRs and
 * APIC, says it is online, and becomes its idle task.  APs start one at a
 * time, so the initial_* variables the trampoline reads need no lock.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/time.h>
#include <linux/stop_machine.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/boot.h>
#include <asm/processor.h>
#include <asm/pgtable.h>

unsigned int nr_cpu_ids = 1;
struct cpumask __cpu_possible_mask = { { 1 } };
struct cpumask __cpu_online_mask = { { 1 } };
struct pcpu *per_cpu_pcpu[NR_CPUS] = { &boot_pcpu };
static unsigned int disabled_cpus;

/* What secondary_startup_64 (boot/head.S) loads: set for one AP at a time. */
unsigned long initial_stack, initial_gs, initial_cr3;
static unsigned long mmu_cr4_features;	/* the boot CPU's CR4, which every AP copies */

extern const char trampoline_start[], trampoline_end[];

static u32 boot_cpu_apicid(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

/* A processor of the MADT or MP table (Linux's generic_processor_info). */
void generic_processor_info(u32 apicid, bool enabled)
{
	if (!enabled) {
		disabled_cpus++;
		return;
	}
	if (apicid == boot_cpu_apicid()) {
		x86_cpu_to_apicid[0] = apicid;
		return;
	}
	if (nr_cpu_ids >= NR_CPUS) {
		pr_warn("APIC: NR_CPUS/possible_cpus limit of %d reached. Processor %u/0x%x ignored.\n",
			NR_CPUS, nr_cpu_ids, apicid);
		return;
	}
	x86_cpu_to_apicid[nr_cpu_ids] = apicid;
	cpumask_set_cpu(nr_cpu_ids, &__cpu_possible_mask);
	nr_cpu_ids++;
}

/* From setup_arch: the possible CPUs, as Linux's prefill_possible_map says them. */
void smp_prepare_boot_cpu(void)
{
	x86_cpu_to_apicid[0] = boot_cpu_apicid();
	smp_call_init();
	acpi_boot_init();
	pr_info("smpboot: Allowing %u CPUs, %u hotplug CPUs\n", nr_cpu_ids, 0);
	if (disabled_cpus)
		pr_info("smpboot: %u disabled CPU(s) in the firmware's table\n", disabled_cpus);
}

/*
 * The trampoline's code at TRAMPOLINE_BASE and its page tables after it:
 * an identity map of the first 2 MiB, executable (the trampoline runs
 * there when paging comes on), and the kernel image's top-level entry.
 */
static void setup_trampoline(void)
{
	pteval_t *pgd = __va(TRAMPOLINE_PGD), *pud = __va(TRAMPOLINE_PGD + PAGE_SIZE);
	pteval_t *pmd = __va(TRAMPOLINE_PGD + 2 * PAGE_SIZE);

	memcpy(__va(TRAMPOLINE_BASE), trampoline_start, trampoline_end - trampoline_start);
	memset(pgd, 0, 3 * PAGE_SIZE);
	pgd[0] = (TRAMPOLINE_PGD + PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
	pud[0] = (TRAMPOLINE_PGD + 2 * PAGE_SIZE) | _PAGE_PRESENT | _PAGE_RW;
	pmd[0] = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	pgd[pgd_index(__START_KERNEL_map)] = init_top_pgt[pgd_index(__START_KERNEL_map)];
	initial_cr3 = __pa(init_top_pgt);
	mmu_cr4_features = read_cr4();
}

void load_idt(void);
void syscall_init(void);
void fpu_init_cpu(void);
void cpu_startup_entry(void);

/* An AP's first C code, on its idle task's stack, %gs on its area, interrupts off. */
void start_secondary(void)
{
	int cpu = smp_processor_id();

	cpu_init();
	load_idt();
	write_cr4(mmu_cr4_features);
	syscall_init();
	fpu_init_cpu();
	apic_ap_setup();
	set_cpu_online(cpu, true);	/* do_boot_cpu waits for this */
	local_irq_enable();
	cpu_startup_entry();
}

/* A per-CPU area for @cpu whose current task is @idle (Linux's setup_per_cpu_areas, one). */
static struct pcpu *alloc_pcpu(int cpu, struct task_struct *idle)
{
	struct pcpu *pcpu = kzalloc(sizeof(*pcpu), GFP_KERNEL);

	if (!pcpu)
		return NULL;
	pcpu->self = pcpu;
	pcpu->cpu_number = cpu;
	pcpu->current_task = idle;
	pcpu->top_of_stack = (unsigned long)idle->stack + THREAD_SIZE;
	pcpu->preempt_count = PREEMPT_ENABLED;
	pcpu->loaded_mm = &init_mm;	/* secondary_startup_64 loads init_top_pgt */
	sched_set_pcpu_rq(pcpu, cpu);
	return pcpu;
}

#define AP_START_TIMEOUT_US	1000000		/* Linux waits 10 s; QEMU's APs take ms */

/* Starts @cpu and waits until it is online (Linux's do_boot_cpu). */
static int do_boot_cpu(int cpu)
{
	struct task_struct *idle = fork_idle(cpu);
	struct pcpu *pcpu;
	u64 deadline;

	if (!idle)
		return -ENOMEM;
	pcpu = alloc_pcpu(cpu, idle);
	if (!pcpu)
		return -ENOMEM;		/* the idle task stays: a CPU is not worth the unwinding */
	per_cpu_pcpu[cpu] = pcpu;
	initial_stack = pcpu->top_of_stack;
	initial_gs = (unsigned long)pcpu;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* all of it visible before the AP starts */
	apic_wakeup_secondary_cpu(x86_cpu_to_apicid[cpu], TRAMPOLINE_BASE);
	deadline = rdtsc() + (u64)AP_START_TIMEOUT_US * tsc_khz / 1000;
	while (!cpu_online(cpu) && rdtsc() < deadline)
		cpu_relax();
	return cpu_online(cpu) ? 0 : -EIO;
}

/* From kernel_init, before the initcalls: every possible CPU online (Linux's smp_init). */
void smp_init(void)
{
	unsigned int cpu, n;
	int err;

	pr_info("smp: Bringing up secondary CPUs ...\n");
	if (nr_cpu_ids > 1) {
		setup_trampoline();
		apic_timer_calibrate();
		pr_info("x86: Booting SMP configuration:\n");
	}
	for_each_possible_cpu(cpu) {
		if (cpu == 0)
			continue;
		err = do_boot_cpu(cpu);
		if (err)
			pr_err("smpboot: do_boot_cpu failed(%d) to wakeup CPU#%u\n", err, cpu);
	}
	cpu_stop_init();
	n = num_online_cpus();
	pr_info("smp: Brought up 1 node, %u CPU%s\n", n, n > 1 ? "s" : "");
	pr_info("x86: Booted up 1 node, %u CPU%s\n", n, n > 1 ? "s" : "");
}
