/*
 * kernel/cpu.c: each CPU's descriptor tables, and the feature bits.
 *
 * The GDT follows Linux's x86_64 layout (syscall/sysret derive the
 * selectors from it); the TSS gives the stack for entries from user mode
 * (sp0, updated at every context switch) and separate stacks for the
 * double fault and NMI, so a kernel stack overflow still gets reported.
 * Every CPU has its own GDT (its TSS descriptor, busy once loaded, and the
 * getcpu entry differ), TSS and exception stacks (Linux's cpu_entry_area):
 * cpu_init() sets them up on the CPU that will use them.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <linux/cpumask.h>

bool cpu_has_smap, cpu_has_smep, cpu_has_fsgsbase, cpu_has_pdpe1gb;
static bool cpu_has_tsc_aux;		/* RDTSCP or RDPID, which read TSC_AUX */

#define MSR_TSC_AUX	0xc0000103

static const u64 gdt_template[GDT_ENTRIES] = {
	[GDT_ENTRY_KERNEL32_CS]	= 0x00cf9b000000ffffULL,
	[GDT_ENTRY_KERNEL_CS]	= 0x00af9b000000ffffULL,
	[GDT_ENTRY_KERNEL_DS]	= 0x00cf93000000ffffULL,
	[GDT_ENTRY_USER32_CS]	= 0x00cffb000000ffffULL,
	[GDT_ENTRY_USER_DS]	= 0x00cff3000000ffffULL,
	[GDT_ENTRY_USER_CS]	= 0x00affb000000ffffULL,
};

/* One CPU's tables: written only by that CPU, in cpu_init, and its sp0 by __switch_to. */
struct cpu_desc {
	u64 gdt[GDT_ENTRIES] __aligned(16);
	struct tss_struct tss __aligned(16);
	char ist_stacks[2][8192] __aligned(16);
};

static struct cpu_desc cpu_descs[NR_CPUS];

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

static void set_tss_desc(u64 *gdt, struct tss_struct *tss)
{
	u64 base = (u64)tss, limit = sizeof(*tss) - 1;

	gdt[GDT_ENTRY_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			     (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
			     (((base >> 24) & 0xff) << 56);
	gdt[GDT_ENTRY_TSS + 1] = base >> 32;
}

static void load_gdt(u64 *gdt)
{
	struct desc_ptr p = { sizeof(gdt_template) - 1, (u64)gdt };

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"movl %1, %%ds\n\tmovl %1, %%es\n\tmovl %1, %%ss\n\t"
		"pushq %2\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:"
		:: "m"(p), "r"(__KERNEL_DS), "i"((u64)__KERNEL_CS) : "rax", "memory");
	__asm__ __volatile__("ltr %w0" :: "r"(__TSS));
}

static void detect_features(void)
{
	u32 a, b, c, d;

	cpuid(7, 0, &a, &b, &c, &d);
	cpu_has_fsgsbase = b & (1 << 0);
	cpu_has_smep = b & (1 << 7);
	cpu_has_smap = b & (1 << 20);
	cpu_has_tsc_aux = c & (1 << 22);		/* RDPID */
	cpuid(0x80000001, 0, &a, &b, &c, &d);
	cpu_has_pdpe1gb = d & (1 << 26);
	cpu_has_tsc_aux |= d & (1 << 27);		/* RDTSCP */
}

/*
 * Where user mode can read which CPU and node it runs on, without a
 * system call (Linux's setup_getcpu): the limit of a GDT entry only it
 * uses, a read-only data segment of DPL 3, which LSL reads (the vDSO's
 * getcpu), and TSC_AUX, which RDTSCP and RDPID return.
 */
static void setup_getcpu(u64 *gdt, unsigned int cpu, unsigned int node)
{
	u64 cpudata = cpu | ((u64)node << VDSO_CPUNODE_BITS);

	gdt[GDT_ENTRY_CPUNODE] = (cpudata & 0xffff) | (((cpudata >> 16) & 0xf) << 48) |
				 (0xf5ULL << 40) |	/* present, DPL 3, data, read-only, expand down, accessed */
				 (1ULL << 54);		/* 32-bit */
	if (cpu_has_tsc_aux)
		wrmsr(MSR_TSC_AUX, cpudata);
}

void tss_set_sp0(unsigned long sp0)
{
	this_cpu_read(tss)->sp0 = sp0;
}

/*
 * As Linux's cpu_init, on the CPU being set up, its per-CPU area already
 * in MSR_GS_BASE: its descriptor tables, and the feature bits (the same
 * on every CPU of a QEMU machine).
 */
void cpu_init(void)
{
	struct pcpu *pcpu = this_cpu();
	struct cpu_desc *d = &cpu_descs[pcpu->cpu_number];
	struct tss_struct *tss = &d->tss;

	memcpy(d->gdt, gdt_template, sizeof(gdt_template));
	tss->ist[IST_DOUBLE_FAULT - 1] = (u64)d->ist_stacks[0] + sizeof(d->ist_stacks[0]);
	tss->ist[IST_NMI - 1] = (u64)d->ist_stacks[1] + sizeof(d->ist_stacks[1]);
	tss->io_bitmap_base = sizeof(*tss);	/* no I/O bitmap: user port I/O faults */
	tss->sp0 = pcpu->top_of_stack;
	pcpu->tss = tss;
	set_tss_desc(d->gdt, tss);
	detect_features();
	setup_getcpu(d->gdt, pcpu->cpu_number, 0);	/* the only node */
	load_gdt(d->gdt);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

void entry_SYSCALL_64(void);

/*
 * The syscall instruction's set-up: where it enters (LSTAR), the
 * selectors it loads (STAR: kernel CS at 47:32, the user base at 63:48,
 * from which sysret derives Linux's __USER_CS and __USER_DS), and the
 * flags it clears (interrupts, direction, trap, alignment checking).
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, 0x200 | 0x400 | 0x100 | 0x40000 | 0x4000);	/* IF DF TF AC NT */
}
