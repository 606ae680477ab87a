/*
 * include/asm/io_apic.h: the I/O APIC, which turns device interrupt lines
 * into messages to a local APIC (Linux's arch/x86/include/asm/io_apic.h).
 */
#ifndef _ASM_IO_APIC_H
#define _ASM_IO_APIC_H

#include <linux/types.h>

#define MAX_IO_APICS		8
#define NR_IRQS_LEGACY		16	/* the ISA lines, IRQ 0-15 */

/* An interrupt source override's MPS INTI flags (ACPI's MADT, type 2). */
#define ACPI_MADT_POLARITY_MASK		0x3
#define ACPI_MADT_POLARITY_ACTIVE_LOW	0x3
#define ACPI_MADT_TRIGGER_MASK		0xc
#define ACPI_MADT_TRIGGER_LEVEL		0xc

/*
 * Which chip delivers the device interrupts, chosen once in init_IRQ
 * (Linux's apic_intr_mode): the 8259 PICs through the boot CPU's LINT0
 * ("virtual wire"), or the I/O APIC with the PICs masked.
 */
extern bool ioapic_in_use;
extern int nr_ioapics;
extern bool skip_ioapic_setup;		/* "noapic" on the command line */

/* From the MADT or the MP table, at boot, before init_IRQ. */
void mp_register_ioapic(u32 id, u32 address, u32 gsi_base);
void mp_override_legacy_irq(u8 bus_irq, u16 flags, u32 gsi);

int setup_IO_APIC(void);
void ioapic_unmask_irq(int irq);
void ioapic_mask_irq(int irq);
int irq_to_gsi(int irq);
int ioapic_irq_pin(int irq);		/* the pin @irq arrives on, -1 if none */
u64 ioapic_read_entry_for_irq(int irq);	/* the redirection entry (tests, /proc) */

#endif
