/*
 * kernel/irq.c: external interrupts through the two 8259 PICs.
 *
 * The PICs are remapped so IRQ 0-15 arrive on vectors 32-47, clear of the
 * exceptions.  A driver registers one handler per line; every line starts
 * masked and request_irq() unmasks it.  The boot CPU's local APIC is put
 * in "virtual wire" mode (LINT0 = ExtINT, kernel/apic.c), the path by
 * which PIC interrupts reach it: device interrupts go to the boot CPU only
 * (no I/O APIC), and the APs see only their APIC's own vectors.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/traps.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/pgtable.h>
#include <asm/irq_regs.h>
#include <asm/apic.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define NR_IRQS		16

static irq_handler_t irq_handlers[NR_IRQS];
static u16 irq_mask = 0xffff & ~(1 << 2);	/* all masked but the cascade */
unsigned long irq_count[NR_IRQS];		/* per-line totals, for /proc/interrupts */

static void pic_write_mask(void)
{
	outb(irq_mask & 0xff, PIC1_DATA);
	outb(irq_mask >> 8, PIC2_DATA);
}

void enable_irq(int irq)
{
	irq_mask &= ~(1 << irq);
	pic_write_mask();
}

void disable_irq(int irq)
{
	irq_mask |= 1 << irq;
	pic_write_mask();
}

void request_irq(int irq, irq_handler_t handler)
{
	irq_handlers[irq] = handler;
	enable_irq(irq);
}

/* ICW1-ICW4: edge triggered, cascaded, vectors 32 and 40, 8086 mode. */
void init_IRQ(void)
{
	apic_bsp_setup();
	outb(0x11, PIC1_CMD);
	outb(0x11, PIC2_CMD);
	outb(FIRST_EXTERNAL_VECTOR, PIC1_DATA);
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC2_DATA);
	outb(4, PIC1_DATA);
	outb(2, PIC2_DATA);
	outb(1, PIC1_DATA);
	outb(1, PIC2_DATA);
	pic_write_mask();
}

/* IRQ 7 and 15 can be spurious: the in-service register says whether. */
static bool spurious(int irq)
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
	if (spurious(irq))
		return;
	irq_count[irq]++;
	/* EOI first: a handler may switch tasks and not return here for a while */
	if (irq >= 8)
		outb(PIC_EOI, PIC2_CMD);
	outb(PIC_EOI, PIC1_CMD);
	if (irq_handlers[irq]) {
		struct pt_regs *old = set_irq_regs(regs);

		lockdep_hardirq_enter();
		irq_handlers[irq](regs, irq);
		lockdep_hardirq_exit();
		set_irq_regs(old);
	}
}
