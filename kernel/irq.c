/*
 * kernel/irq.c: the device interrupt lines, IRQ 0-15 (the ISA lines), and
 * the two chips that can deliver them (Linux's arch/x86/kernel/irq.c and
 * i8259.c, and kernel/irq/ in brief).
 *
 * Each line arrives on vector FIRST_EXTERNAL_VECTOR + IRQ.  A driver
 * registers one handler per line; every line starts masked and
 * request_irq() unmasks it.  init_IRQ chooses the chip once, as Linux's
 * apic_intr_mode_init: the I/O APIC (kernel/io_apic.c) when the firmware
 * names one, with the 8259 PICs masked and every line sent to CPU 0's
 * local APIC, which takes the end of interrupt; without one ("noapic",
 * or no MADT), the 8259 PICs, whose output reaches CPU 0 through its
 * local APIC's LINT0 ("virtual wire", kernel/apic.c), and which take
 * their own end of interrupt.  Either way the other CPUs see only their
 * local APIC's vectors (the timer, IPIs).
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <asm/io.h>
#include <asm/traps.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/irq_regs.h>
#include <asm/apic.h>
#include <asm/io_apic.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20

struct irq_desc {
	irq_handler_t handler;
	const char *name;		/* the driver's, for /proc/interrupts ("timer", "ttyS0") */
};

/* Written by request_irq at boot, before the line is unmasked; read-only after. */
static struct irq_desc irq_desc[NR_IRQS];
static u16 irq_mask = 0xffff & ~(1 << 2);	/* 8259 mode: all masked but the cascade */
/* Per CPU, each written only by its CPU with interrupts off (Linux's kstat_irqs). */
static unsigned long kstat_irqs[NR_CPUS][NR_IRQS];

unsigned long kstat_irqs_cpu(int irq, int cpu)
{
	return READ_ONCE(kstat_irqs[cpu][irq]);
}

/* The line's total over the CPUs, as /proc/stat's "intr" line gives it (Linux's kstat_irqs_usr). */
unsigned long kstat_irqs_usr(int irq)
{
	unsigned long sum = 0;
	int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += kstat_irqs_cpu(irq, cpu);
	return sum;
}

const char *irq_name(int irq)
{
	return irq_desc[irq].name;
}

static void pic_write_mask(void)
{
	outb(irq_mask & 0xff, PIC1_DATA);
	outb(irq_mask >> 8, PIC2_DATA);
}

void enable_irq(int irq)
{
	if (ioapic_in_use) {
		ioapic_unmask_irq(irq);
		return;
	}
	irq_mask &= ~(1 << irq);
	pic_write_mask();
}

void disable_irq(int irq)
{
	if (ioapic_in_use) {
		ioapic_mask_irq(irq);
		return;
	}
	irq_mask |= 1 << irq;
	pic_write_mask();
}

/* Linux's request_irq, for one handler per line: @name shows in /proc/interrupts. */
void request_irq(int irq, irq_handler_t handler, const char *name)
{
	irq_desc[irq].handler = handler;
	irq_desc[irq].name = name;
	enable_irq(irq);
}

/* ICW1-ICW4: edge triggered, cascaded, vectors 32 and 40, 8086 mode. */
static void init_8259A(void)
{
	outb(0x11, PIC1_CMD);
	outb(0x11, PIC2_CMD);
	outb(FIRST_EXTERNAL_VECTOR, PIC1_DATA);
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC2_DATA);
	outb(4, PIC1_DATA);
	outb(2, PIC2_DATA);
	outb(1, PIC1_DATA);
	outb(1, PIC2_DATA);
}

/*
 * The PICs are programmed either way, so that one firing despite its
 * mask lands on a vector we know; with an I/O APIC they are then masked
 * for good (Linux's legacy_pic->init, then mask_8259A).  Masked before
 * LINT0 is: an interrupt the PIC raised meanwhile is withdrawn through
 * the wire still open (QEMU would otherwise deliver a request that no
 * longer has a vector).
 */
void init_IRQ(void)
{
	apic_bsp_setup();
	if (skip_ioapic_setup)
		pr_info("Skipping IOAPIC probe due to 'noapic' option.\n");
	else if (nr_ioapics && !setup_IO_APIC())
		ioapic_in_use = true;
	if (ioapic_in_use)
		irq_mask = 0xffff;
	init_8259A();
	pic_write_mask();
	if (ioapic_in_use) {
		apic_bsp_mask_lint0();
		pr_info("APIC: Switch to symmetric I/O mode setup\n");
	} else {
		pr_info("APIC: Switch to virtual wire mode setup%s\n",
			nr_ioapics ? "" : " with no configuration");
	}
}

/* 8259 mode: IRQ 7 and 15 can be spurious; the in-service register says whether. */
static bool pic_spurious(int irq)
{
	u16 port = irq == 7 ? PIC1_CMD : PIC2_CMD;

	if (irq != 7 && irq != 15)
		return false;
	outb(0x0b, port);		/* read ISR */
	if (inb(port) & 0x80)
		return false;
	if (irq == 15)
		outb(PIC_EOI, PIC1_CMD);	/* the master did see the cascade */
	return true;
}

/*
 * The end of interrupt, before the handler: a handler may switch tasks
 * and not return here for a while.  Every line in use is edge-triggered
 * (ISA), so an early EOI cannot make it fire again for the same event.
 */
static void irq_ack(int irq)
{
	if (ioapic_in_use) {
		apic_eoi();
		return;
	}
	if (irq >= 8)
		outb(PIC_EOI, PIC2_CMD);
	outb(PIC_EOI, PIC1_CMD);
}

void do_irq(struct pt_regs *regs, unsigned long vector)
{
	int irq = vector - FIRST_EXTERNAL_VECTOR;

	if (vector >= FIRST_SYSTEM_VECTOR) {
		smp_apic_interrupt(regs, vector);
		return;
	}
	if (irq >= NR_IRQS) {
		pr_warn("unexpected interrupt on vector %lu\n", vector);
		return;
	}
	if (!ioapic_in_use && pic_spurious(irq))
		return;
	kstat_irqs[smp_processor_id()][irq]++;
	irq_ack(irq);
	if (irq_desc[irq].handler) {
		struct pt_regs *old = set_irq_regs(regs);

		lockdep_hardirq_enter();
		irq_desc[irq].handler(regs, irq);
		lockdep_hardirq_exit();
		set_irq_regs(old);
	}
}
