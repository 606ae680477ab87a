/*
 * fs/proc/misc.c: the machine-wide files of /proc: meminfo, uptime,
 * loadavg, stat, cpuinfo, interrupts, cmdline and sched_debug.
 *
 * Each is a registered entry whose text is made at open, in Linux's
 * format, from what the kernel counts.  What it does not count (load
 * averages, fault and I/O counters, page cache, swap) reads as Linux
 * shows a machine without it.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <asm/vmap_stack.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/pid_namespace.h>
#include <linux/mm.h>
#include <linux/time.h>
#include <linux/kernel_stat.h>
#include <asm/processor.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/traps.h>
#include "internal.h"

#define IRQ_PREC	3	/* Linux's width of the first column while there are under 1000 IRQs */

extern int nr_threads;

/* Time the CPUs spent in their idle tasks: what the idle class accounts to them. */
static u64 idle_time_ns(void)
{
	u64 sum = 0;
	int cpu;

	for_each_online_cpu(cpu)
		sum += idle_time_cpu_ns(cpu);
	return sum;
}

static void show_val_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

/*
 * Memory files (ramfs, tmpfs, shm) are never reclaimed here, so what is
 * free is all that is available; there are no buffers (no block devices)
 * and no swap.
 */
static int meminfo_proc_show(struct seq_file *m, void *v)
{
	unsigned long free = nr_free_pages();

	(void)v;
	show_val_kb(m, "MemTotal:", zone_normal.managed_pages);
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", free);
	show_val_kb(m, "Buffers:", 0);
	show_val_kb(m, "SwapTotal:", 0);
	show_val_kb(m, "SwapFree:", 0);
	show_val_kb(m, "Slab:", slab_pages());
	seq_printf(m, "%-16s%8lu kB\n", "KernelStack:", nr_vmap_stacks() * (THREAD_SIZE >> 10));
	return 0;
}

/* Seconds since boot and seconds idle, in hundredths. */
static int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 up = ktime_get_ns(), idle = idle_time_ns();

	(void)v;
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / NSEC_PER_SEC),
		   (unsigned long)(up % NSEC_PER_SEC / (NSEC_PER_SEC / 100)),
		   (unsigned long)(idle / NSEC_PER_SEC),
		   (unsigned long)(idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100)));
	return 0;
}

/* No load averages are computed; then runnable/all tasks and the reader's last pid. */
static int loadavg_proc_show(struct seq_file *m, void *v)
{
	int threads;

	(void)v;
	spin_lock_irq(&tasklist_lock);
	threads = nr_threads;
	spin_unlock_irq(&tasklist_lock);
	seq_printf(m, "0.00 0.00 0.00 %lu/%d %d\n", nr_running(), threads,
		   READ_ONCE(task_active_pid_ns(current)->last_pid));
	return 0;
}

/* Tasks sleeping uninterruptibly: procs_blocked. */
static unsigned int nr_blocked(void)
{
	struct task_struct *p;
	unsigned int n = 0;

	spin_lock_irq(&tasklist_lock);
	for_each_process(p)
		n += (READ_ONCE(p->state) & TASK_UNINTERRUPTIBLE) != 0;
	spin_unlock_irq(&tasklist_lock);
	return n;
}

/* A cpu line's user, nice, system and idle columns, in clock ticks: @cpu's, or all's (-1). */
static void show_cpu_line(struct seq_file *m, int cpu)
{
	u64 t[NR_STATS] = { 0 }, idle = 0;
	int c, i;

	for_each_online_cpu(c) {
		if (cpu >= 0 && c != cpu)
			continue;
		for (i = 0; i < NR_STATS; i++)
			t[i] += READ_ONCE(kcpustat_cpu(c)->cpustat[i]);
		idle += idle_time_cpu_ns(c);
	}
	if (cpu < 0)
		seq_puts(m, "cpu ");
	else
		seq_printf(m, "cpu%d", cpu);
	seq_printf(m, " %lu %lu %lu %lu 0 0 0 0 0 0\n",
		   nsec_to_clock_t(t[CPUTIME_USER]), nsec_to_clock_t(t[CPUTIME_NICE]),
		   nsec_to_clock_t(t[CPUTIME_SYSTEM]), nsec_to_clock_t(idle));
}

/*
 * The CPU's time: user, nice and system as the tick sampled them
 * (account_process_tick), idle as the idle task ran (exact, as Linux's
 * NO_HZ idle time is).
 */
static int stat_proc_show(struct seq_file *m, void *v)
{
	u64 up = ktime_get_ns(), sum = 0;
	int i;

	(void)v;
	show_cpu_line(m, -1);
	for_each_online_cpu(i)
		show_cpu_line(m, i);
	for (i = 0; i < NR_IRQS; i++)
		sum += kstat_irqs_usr(i);
	seq_printf(m, "intr %llu", (unsigned long long)sum);
	for (i = 0; i < NR_IRQS; i++)
		seq_printf(m, " %lu", kstat_irqs_usr(i));
	seq_printf(m, "\nctxt %lu\nbtime %llu\nprocesses %lu\nprocs_running %lu\nprocs_blocked %u\n",
		   nr_context_switches(),
		   (unsigned long long)((ktime_get_real_ns() - up) / NSEC_PER_SEC),
		   READ_ONCE(total_forks), nr_running(), nr_blocked());
	return 0;
}

/* A row of per-CPU counts, @v[cpu], for the online CPUs (Linux's arch_show_interrupts). */
static void show_irq_row(struct seq_file *m, const char *name, const unsigned long *v,
			 size_t stride, const char *what)
{
	int cpu;

	seq_printf(m, "%*s: ", IRQ_PREC, name);
	for_each_online_cpu(cpu)
		seq_printf(m, "%10lu ", v[cpu * stride]);
	seq_printf(m, "  %s\n", what);
}

/*
 * One device line, as Linux's show_interrupts: the count on each CPU,
 * the chip, the pin it arrives on ("2-edge": the PIT's IRQ 0 on the I/O
 * APIC's pin 2), and the driver's name.
 */
static void show_irq_line(struct seq_file *m, int irq)
{
	int cpu;

	seq_printf(m, "%*d: ", IRQ_PREC, irq);
	for_each_online_cpu(cpu)
		seq_printf(m, "%10lu ", kstat_irqs_cpu(irq, cpu));
	if (ioapic_in_use)
		seq_printf(m, " %8s %*d-%-8s", "IO-APIC", IRQ_PREC, ioapic_irq_pin(irq), "edge");
	else
		seq_printf(m, " %8s %*s %-8s", "XT-PIC", IRQ_PREC, "", "");
	seq_printf(m, "  %s\n", irq_name(irq) ? irq_name(irq) : "");
}

/* The lines that have a driver or have interrupted, then the local APICs' own interrupts. */
static int interrupts_proc_show(struct seq_file *m, void *v)
{
	int i, cpu;

	(void)v;
	seq_printf(m, "%*s", IRQ_PREC + 8, "");
	for_each_online_cpu(cpu)
		seq_printf(m, "CPU%-8d", cpu);
	seq_putc(m, '\n');
	for (i = 0; i < NR_IRQS; i++)
		if (irq_name(i) || kstat_irqs_usr(i))
			show_irq_line(m, i);
	show_irq_row(m, "NMI", nmi_count, 1, "Non-maskable interrupts");
	show_irq_row(m, "LOC", apic_timer_irqs, 1, "Local timer interrupts");
	show_irq_row(m, "RES", &ipi_count[0][IPI_RESCHEDULE], NR_IPI, "Rescheduling interrupts");
	show_irq_row(m, "CAL", &ipi_count[0][IPI_CALL_FUNC], NR_IPI, "Function call interrupts");
	return 0;
}

static int cmdline_proc_show(struct seq_file *m, void *v)
{
	(void)v;
	seq_printf(m, "%s\n", boot_command_line);
	return 0;
}

/* What the scheduler knows of each task, as SysRq-T (show_state) prints it. */
static void sched_debug_task(struct seq_file *m, struct task_struct *p)
{
	const char *class = (p->flags & PF_IDLE) ? "idle" :
			    (p->policy == SCHED_FIFO || p->policy == SCHED_RR) ? "rt" : "fair";

	seq_printf(m, "%-15s %c %5d %5d %14llu %4d %14llu %s\n", p->comm, get_task_state(p)[0],
		   p->pid, p->real_parent ? p->real_parent->pid : 0,
		   (unsigned long long)p->se.vruntime, task_nice(p),
		   (unsigned long long)p->se.sum_exec_runtime, class);
}

static int sched_debug_show(struct seq_file *m, void *v)
{
	struct task_struct *p;

	(void)v;
	seq_printf(m, "nr_running: %lu\nnr_switches: %lu\n\n", nr_running(),
		   nr_context_switches());
	seq_puts(m, "task            S   pid  ppid       vruntime nice   runtime(ns) class\n");
	spin_lock_irq(&tasklist_lock);
	sched_debug_task(m, &init_task);
	for_each_process(p)
		sched_debug_task(m, p);
	spin_unlock_irq(&tasklist_lock);
	return 0;
}

static void show_cpuinfo(struct seq_file *m, int cpu);

/* ---- cpuinfo ------------------------------------------------------------------------ */

/* Linux's names of the CPUID feature bits, for the words it lists first. */
static const char *const x86_cap_1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const x86_cap_ext_edx[32] = {
	[11] = "syscall", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt", [26] = "pdpe1gb",
	[27] = "rdtscp", [29] = "lm", [30] = "3dnowext", [31] = "3dnow",
};
static const char *const x86_cap_1_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3",
	"cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2",
	"x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c",
	"rdrand", "hypervisor",
};
static const char *const x86_cap_7_ebx[32] = {
	[0] = "fsgsbase", [3] = "bmi1", [5] = "avx2", [7] = "smep", [8] = "bmi2", [9] = "erms",
	[10] = "invpcid", [18] = "rdseed", [19] = "adx", [20] = "smap", [23] = "clflushopt",
	[29] = "sha_ni",
};

static void show_cap_word(struct seq_file *m, const char *const names[32], u32 bits)
{
	int i;

	for (i = 0; i < 32; i++)
		if ((bits >> i) & 1 && names[i])
			seq_printf(m, " %s", names[i]);
}

/* The brand string of CPUID 0x80000002-4, without its leading blanks. */
static void show_model_name(struct seq_file *m, u32 max_ext)
{
	u32 name[13] = { 0 };
	int i;

	if (max_ext < 0x80000004) {
		seq_puts(m, "model name\t: unknown\n");
		return;
	}
	for (i = 0; i < 3; i++)
		cpuid(0x80000002 + i, 0, &name[4 * i], &name[4 * i + 1], &name[4 * i + 2],
		      &name[4 * i + 3]);
	seq_printf(m, "model name\t: %s\n", skip_spaces((char *)name));
}

static void show_cpu_id(struct seq_file *m, int cpu, u32 max_leaf, u32 vendor[3], u32 max_ext)
{
	u32 a, b, c, d, family, model;

	cpuid(1, 0, &a, &b, &c, &d);
	family = (a >> 8) & 0xf;
	model = (a >> 4) & 0xf;
	if (family == 0xf)
		family += (a >> 20) & 0xff;
	if (family >= 6)
		model += ((a >> 16) & 0xf) << 4;
	seq_printf(m, "processor\t: %d\nvendor_id\t: %.12s\ncpu family\t: %u\nmodel\t\t: %u\n",
		   cpu, (char *)vendor, family, model);
	show_model_name(m, max_ext);
	seq_printf(m, "stepping\t: %u\ncpu MHz\t\t: %lu.%03lu\ncpuid level\t: %u\nflags\t\t:",
		   a & 0xf, tsc_khz / 1000, tsc_khz % 1000, max_leaf);
	show_cap_word(m, x86_cap_1_edx, d);
	if (max_ext >= 0x80000001) {
		u32 ea, eb, ec, ed;

		cpuid(0x80000001, 0, &ea, &eb, &ec, &ed);
		show_cap_word(m, x86_cap_ext_edx, ed);
	}
	show_cap_word(m, x86_cap_1_ecx, c);
}

/* One block per online CPU, as Linux's; QEMU's CPUs are alike, so CPUID here describes each. */
static int cpuinfo_proc_show(struct seq_file *m, void *v)
{
	int cpu;

	(void)v;
	for_each_online_cpu(cpu)
		show_cpuinfo(m, cpu);
	return 0;
}

static void show_cpuinfo(struct seq_file *m, int cpu)
{
	u32 max_leaf, vendor[3], max_ext, a, b, c, d;

	cpuid(0, 0, &max_leaf, &vendor[0], &vendor[2], &vendor[1]);
	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	show_cpu_id(m, cpu, max_leaf, vendor, max_ext);
	if (max_leaf >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		show_cap_word(m, x86_cap_7_ebx, b);
	}
	seq_putc(m, '\n');
	if (max_ext >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &c, &d);
		seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\n", a & 0xff,
			   (a >> 8) & 0xff);
	}
	seq_putc(m, '\n');
}

static int __init proc_misc_init(void)
{
	proc_create_single("meminfo", 0444, meminfo_proc_show, NULL);
	proc_create_single("uptime", 0444, uptime_proc_show, NULL);
	proc_create_single("loadavg", 0444, loadavg_proc_show, NULL);
	proc_create_single("stat", 0444, stat_proc_show, NULL);
	proc_create_single("cpuinfo", 0444, cpuinfo_proc_show, NULL);
	proc_create_single("interrupts", 0444, interrupts_proc_show, NULL);
	proc_create_single("cmdline", 0444, cmdline_proc_show, NULL);
	proc_create_single("sched_debug", 0444, sched_debug_show, NULL);
	return 0;
}
fs_initcall(proc_misc_init);
