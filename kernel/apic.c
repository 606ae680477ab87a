/*
 * kernel/apic.c: the local APIC, one per CPU (Linux's arch/x86/kernel/apic/).
 *
 * Each CPU's local APIC sits at the same physical address and answers
 * for that CPU only.  It gives every CPU its own timer (the tick of the
 * APs; the boot CPU keeps the PIT, whose interrupts come through the
 * 8259 PICs and the boot CPU's LINT0 in "virtual wire" mode), and it
 * sends and receives inter-processor interrupts: INIT and STARTUP to
 * start an AP, the vectors of asm/apic.h (reschedule, function call,
 * stop), and NMIs (another CPU's backtrace, a panic's last resort).
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/irq_regs.h>
#include <asm/ptrace.h>

#define MSR_IA32_APICBASE	0x1b
#define APIC_BASE_ENABLE	(1UL << 11)

#define APIC_ID		0x20
#define APIC_TASKPRI	0x80
#define APIC_EOI	0xb0
#define APIC_SPIV	0xf0
#define APIC_ICR	0x300
#define APIC_ICR2	0x310
#define APIC_LVTT	0x320
#define APIC_LVT0	0x350
#define APIC_LVT1	0x360
#define APIC_TMICT	0x380
#define APIC_TMCCT	0x390
#define APIC_TDCR	0x3e0

#define APIC_SPIV_ENABLED	0x100
#define APIC_LVT_MASKED		(1 << 16)
#define APIC_LVT_PERIODIC	(1 << 17)
#define APIC_DM_NMI		0x400
#define APIC_DM_INIT		0x500
#define APIC_DM_STARTUP		0x600
#define APIC_DM_EXTINT		0x700
#define APIC_ICR_BUSY		(1 << 12)
#define APIC_INT_ASSERT		(1 << 14)
#define APIC_INT_LEVELTRIG	(1 << 15)
#define APIC_TDR_DIV_16		0x3

u32 x86_cpu_to_apicid[NR_CPUS];
unsigned long mp_lapic_addr = 0xfee00000;	/* the architectural default; the MADT may say */
unsigned long apic_timer_irqs[NR_CPUS];
static volatile u32 *lapic;			/* mapped once, by the boot CPU */
static u32 lapic_timer_period;			/* APIC timer counts per tick, at divide 16 */

static u32 apic_read(unsigned int reg)
{
	return lapic[reg / 4];
}

static void apic_write(unsigned int reg, u32 v)
{
	lapic[reg / 4] = v;
}

u32 read_apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

/* Busy-waits @us microseconds on the TSC (calibrated before any AP starts). */
void apic_delay_us(unsigned long us)
{
	u64 end = rdtsc() + (u64)us * tsc_khz / 1000;

	while (rdtsc() < end)
		cpu_relax();
}

/* Enables this CPU's APIC (the MSR is per CPU) and its spurious vector. */
static void apic_enable(void)
{
	wrmsr(MSR_IA32_APICBASE, rdmsr(MSR_IA32_APICBASE) | APIC_BASE_ENABLE);
	apic_write(APIC_TASKPRI, 0);
	apic_write(APIC_SPIV, APIC_SPIV_ENABLED | SPURIOUS_APIC_VECTOR);
}

/*
 * The boot CPU: Linux's "virtual wire" set-up, the PICs' interrupts
 * passing through LINT0 (SeaBIOS leaves it so, qboot does not).
 */
void apic_bsp_setup(void)
{
	mp_lapic_addr = rdmsr(MSR_IA32_APICBASE) & PAGE_MASK;
	lapic = __va(mp_lapic_addr);
	if (map_page(init_top_pgt, (unsigned long)lapic, mp_lapic_addr,
		     PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT))
		panic("cannot map the local APIC");
	apic_enable();
	apic_write(APIC_LVT0, APIC_DM_EXTINT);
	apic_write(APIC_LVT1, APIC_DM_NMI);
}

/* With the I/O APIC delivering device interrupts, the PICs' wire is cut (Linux's mask_8259A path). */
void apic_bsp_mask_lint0(void)
{
	apic_write(APIC_LVT0, APIC_DM_EXTINT | APIC_LVT_MASKED);
}

/*
 * An AP: device interrupts stay on the boot CPU, so LINT0 is masked here,
 * and so is LINT1, the machine's NMI line, as Linux's setup_local_APIC
 * does: an NMI from outside comes to the boot CPU alone, which asks the
 * others for their backtraces if it wants them.
 */
void apic_ap_setup(void)
{
	apic_enable();
	apic_write(APIC_LVT0, APIC_DM_EXTINT | APIC_LVT_MASKED);
	apic_write(APIC_LVT1, APIC_DM_NMI | APIC_LVT_MASKED);
	setup_APIC_timer();
}

/*
 * The APIC timer's rate against the TSC (Linux's calibrate_APIC_clock
 * measures it against the PIT-calibrated clock the same way): count down
 * from the top for 10 ms of TSC time and see how far it got.
 */
void apic_timer_calibrate(void)
{
	u32 left;

	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_MASKED);
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_TMICT, 0xffffffff);
	apic_delay_us(10000);
	left = apic_read(APIC_TMCCT);
	apic_write(APIC_TMICT, 0);
	lapic_timer_period = (u64)(0xffffffff - left) * TICK_NSEC / (10 * NSEC_PER_MSEC);
	pr_info("APIC timer: %u counts per tick (bus clock / 16)\n", lapic_timer_period);
}

/* This CPU's tick: periodic, HZ times a second. */
void setup_APIC_timer(void)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR | APIC_LVT_PERIODIC);
	apic_write(APIC_TMICT, lapic_timer_period);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* Writes the ICR (two registers, so interrupts off) once the last IPI has left. */
static void apic_icr_write(u32 low, u32 apicid)
{
	unsigned long flags;

	local_irq_save(flags);
	while (apic_read(APIC_ICR) & APIC_ICR_BUSY)
		cpu_relax();
	apic_write(APIC_ICR2, apicid << 24);
	apic_write(APIC_ICR, low);
	local_irq_restore(flags);
}

/* A fixed interrupt on @vector, or for NMI_VECTOR an NMI (delivery mode NMI, no vector). */
void apic_send_IPI(int cpu, int vector)
{
	apic_icr_write(vector == NMI_VECTOR ? APIC_DM_NMI : vector, x86_cpu_to_apicid[cpu]);
}

void apic_send_IPI_mask(const struct cpumask *mask, int vector)
{
	unsigned int cpu;

	for_each_cpu(cpu, mask)
		apic_send_IPI(cpu, vector);
}

/*
 * INIT, then STARTUP twice, as Intel's MP specification and Linux's
 * wakeup_secondary_cpu_via_init: the AP starts in real mode at
 * @start_eip (page aligned, below 1 MiB: the STARTUP vector is its page).
 */
int apic_wakeup_secondary_cpu(u32 apicid, unsigned long start_eip)
{
	int i;

	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	apic_delay_us(10000);
	for (i = 0; i < 2; i++) {
		apic_icr_write(APIC_DM_STARTUP | (start_eip >> 12), apicid);
		apic_delay_us(200);
	}
	return 0;
}

void local_apic_timer_interrupt(struct pt_regs *regs);

/* The APIC's own vectors (FIRST_SYSTEM_VECTOR and up), from do_irq. */
void smp_apic_interrupt(struct pt_regs *regs, unsigned long vector)
{
	struct pt_regs *old;

	if (vector == SPURIOUS_APIC_VECTOR)
		return;			/* no EOI for a spurious interrupt */
	apic_eoi();			/* first: a handler may switch tasks */
	old = set_irq_regs(regs);
	lockdep_hardirq_enter();	/* as do_irq's handlers: what they lock is in hardirq context */
	if (vector == LOCAL_TIMER_VECTOR) {
		apic_timer_irqs[smp_processor_id()]++;
		local_apic_timer_interrupt(regs);
	}
	else if (vector == RESCHEDULE_VECTOR)
		scheduler_ipi();
	else if (vector == CALL_FUNCTION_SINGLE_VECTOR)
		generic_smp_call_function_single_interrupt();
	else if (vector == REBOOT_VECTOR)
		smp_reboot_interrupt();
	else
		pr_warn("unexpected interrupt on vector %lu\n", vector);
	lockdep_hardirq_exit();
	set_irq_regs(old);
}
