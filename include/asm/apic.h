/*
 * include/asm/apic.h: the local APIC of each CPU, and the vectors it
 * raises (Linux's arch/x86/include/asm/irq_vectors.h numbers).
 */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <linux/types.h>
#include <linux/cpumask.h>

#define NMI_VECTOR			0x02	/* not a vector: apic_send_IPI sends an NMI */
#define LOCAL_TIMER_VECTOR		0xec
#define REBOOT_VECTOR			0xf8
#define CALL_FUNCTION_SINGLE_VECTOR	0xfb
#define CALL_FUNCTION_VECTOR		0xfc
#define RESCHEDULE_VECTOR		0xfd
#define SPURIOUS_APIC_VECTOR		0xff
#define FIRST_SYSTEM_VECTOR		LOCAL_TIMER_VECTOR

struct pt_regs;

extern u32 x86_cpu_to_apicid[NR_CPUS];	/* from the MADT (or MP table), before any AP starts */
extern unsigned long mp_lapic_addr;		/* the local APICs' physical address */
extern unsigned long nmi_count[NR_CPUS];		/* per CPU, received: /proc/interrupts' NMI */
extern unsigned long apic_timer_irqs[NR_CPUS];	/* per CPU: /proc/interrupts' LOC */

void apic_bsp_setup(void);
void apic_bsp_mask_lint0(void);
void apic_eoi(void);
void apic_ap_setup(void);
void apic_timer_calibrate(void);
void setup_APIC_timer(void);
u32 read_apic_id(void);
void apic_send_IPI(int cpu, int vector);
void apic_send_IPI_mask(const struct cpumask *mask, int vector);
int apic_wakeup_secondary_cpu(u32 apicid, unsigned long start_eip);
void smp_apic_interrupt(struct pt_regs *regs, unsigned long vector);
void apic_delay_us(unsigned long us);

/* From the MADT or the MP table: a processor the firmware reports. */
void generic_processor_info(u32 apicid, bool enabled);
void acpi_boot_init(void);

#endif
