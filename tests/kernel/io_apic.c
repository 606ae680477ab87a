/*
 * tests/kernel/io_apic.c: device interrupts through the I/O APIC
 * (kernel/io_apic.c, kernel/irq.c).
 *
 * QEMU's pc machine has one I/O APIC and a MADT that sends the PIT's
 * IRQ 0 to GSI 2: the kernel must use it, with the 8259s masked, each
 * ISA line on its own vector to CPU 0, and the ticks must arrive there.
 * (The 8259 fallback is the noapic scenario's: tests/scenarios/noapic.scn.)
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/time.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/traps.h>

#define RTE_VECTOR(e)		((e) & 0xff)
#define RTE_DELIVERY_MODE(e)	(((e) >> 8) & 7)	/* 0: fixed */
#define RTE_DEST_LOGICAL	(1ULL << 11)
#define RTE_ACTIVE_LOW		(1ULL << 13)
#define RTE_LEVEL		(1ULL << 15)
#define RTE_MASKED		(1ULL << 16)
#define RTE_DEST(e)		((u32)((e) >> 56))

/* An ISA line in use: its vector, fixed delivery to CPU 0's APIC, edge, active high, unmasked. */
static void expect_isa_entry(struct ktest *t, int irq)
{
	u64 e = ioapic_read_entry_for_irq(irq);

	KTEST_EXPECT_EQ(t, RTE_VECTOR(e), FIRST_EXTERNAL_VECTOR + irq);
	KTEST_EXPECT_EQ(t, RTE_DELIVERY_MODE(e), 0);
	KTEST_EXPECT_EQ(t, e & (RTE_DEST_LOGICAL | RTE_ACTIVE_LOW | RTE_LEVEL | RTE_MASKED), 0);
	KTEST_EXPECT_EQ(t, RTE_DEST(e), x86_cpu_to_apicid[0]);
}

static void the_pit_arrives_on_gsi_2(struct ktest *t)
{
	KTEST_ASSERT_TRUE(t, ioapic_in_use);
	KTEST_EXPECT_EQ(t, nr_ioapics, 1);
	KTEST_EXPECT_EQ(t, irq_to_gsi(0), 2);		/* QEMU's interrupt source override */
	KTEST_EXPECT_EQ(t, ioapic_irq_pin(0), 2);
	expect_isa_entry(t, 0);
}

static void the_serial_line_is_routed(struct ktest *t)
{
	KTEST_ASSERT_TRUE(t, ioapic_in_use);
	KTEST_EXPECT_EQ(t, irq_to_gsi(4), 4);		/* no override: its own number */
	expect_isa_entry(t, 4);
	KTEST_EXPECT_EQ(t, ioapic_read_entry_for_irq(3) & RTE_MASKED, RTE_MASKED);	/* no driver */
	KTEST_EXPECT_EQ(t, ioapic_read_entry_for_irq(16), 0);	/* not an ISA line */
}

static void the_8259s_are_masked(struct ktest *t)
{
	KTEST_ASSERT_TRUE(t, ioapic_in_use);
	KTEST_EXPECT_EQ(t, inb(0x21), 0xff);
	KTEST_EXPECT_EQ(t, inb(0xa1), 0xff);
}

/* disable_irq masks the line's entry and enable_irq unmasks it again. */
static void disable_irq_masks_the_entry(struct ktest *t)
{
	KTEST_ASSERT_TRUE(t, ioapic_in_use);
	disable_irq(4);
	KTEST_EXPECT_EQ(t, ioapic_read_entry_for_irq(4) & RTE_MASKED, RTE_MASKED);
	enable_irq(4);
	KTEST_EXPECT_EQ(t, ioapic_read_entry_for_irq(4) & RTE_MASKED, 0);
}

/* The PIT keeps time through the I/O APIC, on CPU 0 and on no other CPU. */
static void ticks_arrive_on_cpu_0_only(struct ktest *t)
{
	unsigned long before = kstat_irqs_cpu(0, 0), j = jiffies;
	unsigned int cpu;

	msleep(50);
	KTEST_EXPECT_GT(t, jiffies, j);
	KTEST_EXPECT_GT(t, kstat_irqs_cpu(0, 0), before);
	for (cpu = 1; cpu < nr_cpu_ids; cpu++)
		KTEST_EXPECT_EQ(t, kstat_irqs_cpu(0, cpu), 0);
	KTEST_EXPECT_EQ(t, kstat_irqs_usr(0), kstat_irqs_cpu(0, 0));
}

static struct ktest_case io_apic_cases[] = {
	KTEST_CASE(the_pit_arrives_on_gsi_2),
	KTEST_CASE(the_serial_line_is_routed),
	KTEST_CASE(the_8259s_are_masked),
	KTEST_CASE(disable_irq_masks_the_entry),
	KTEST_CASE(ticks_arrive_on_cpu_0_only),
	KTEST_END,
};

static struct ktest_suite io_apic_suite = { .name = "io_apic", .cases = io_apic_cases };
KTEST_SUITE(io_apic_suite);
