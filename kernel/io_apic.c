/*
 * kernel/io_apic.c: the I/O APIC (Linux's arch/x86/kernel/apic/io_apic.c).
 *
 * An I/O APIC has one input pin per interrupt line (24 on QEMU's), and a
 * redirection entry per pin that says which vector to send, to which
 * local APIC, and how the line signals (edge or level, active high or
 * low).  The firmware says where each I/O APIC is and which global system
 * interrupts (GSIs) its pins serve (the MADT, kernel/acpi.c, or the MP
 * table, kernel/mpparse.c), and where an ISA line is wired to another pin
 * than its own number: the "interrupt source overrides" (on QEMU, and on
 * most PCs, the PIT's IRQ 0 arrives on GSI 2).
 *
 * The kernel keeps Linux's numbering: IRQ 0-15 are the ISA lines, each on
 * vector FIRST_EXTERNAL_VECTOR + IRQ whichever chip delivers it, and every
 * device interrupt goes to CPU 0 (Linux's default until irqbalance or
 * /proc/irq/N/smp_affinity moves one; neither exists here).  A pin stays
 * masked until a driver asks for its line (request_irq).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#define IO_APIC_REGSEL		0x00	/* index of the register the window shows */
#define IO_APIC_WINDOW		0x10	/* ... read or written here */
#define IO_APIC_ID		0x00
#define IO_APIC_VERSION		0x01	/* bits 0-7 the version, 16-23 the last pin */
#define IO_APIC_REDTBL(pin)	(0x10 + 2 * (pin))	/* low word; the high word follows */

/* A redirection entry's low word (the high word's top byte is the destination APIC ID). */
#define IO_APIC_DEST_LOGICAL	(1 << 11)
#define IO_APIC_ACTIVE_LOW	(1 << 13)
#define IO_APIC_LEVEL		(1 << 15)
#define IO_APIC_MASKED		(1 << 16)

struct ioapic {
	u32 id, address, gsi_base;
	unsigned int nr_pins;		/* from its version register, at setup */
	volatile u32 *base;		/* mapped uncached by setup_IO_APIC */
};

static struct ioapic ioapics[MAX_IO_APICS];
int nr_ioapics;
bool ioapic_in_use;
bool skip_ioapic_setup;

/* Where each ISA line arrives and how it signals: its own GSI, edge, active high, unless overridden. */
static u32 legacy_gsi[NR_IRQS_LEGACY] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static u16 legacy_flags[NR_IRQS_LEGACY];

/* Serializes the index-then-window register pairs, which another CPU could interleave. */
static DEFINE_SPINLOCK(ioapic_lock);

static int __init parse_noapic(char *arg)
{
	(void)arg;
	skip_ioapic_setup = true;
	return 0;
}
early_param("noapic", parse_noapic);

/* From the MADT's (or the MP table's) I/O APIC entries: Linux's mp_register_ioapic. */
void mp_register_ioapic(u32 id, u32 address, u32 gsi_base)
{
	if (nr_ioapics >= MAX_IO_APICS) {
		pr_warn("IOAPIC: max # of IOAPICs (%d) exceeded (found %d), skipping\n",
			MAX_IO_APICS, nr_ioapics + 1);
		return;
	}
	ioapics[nr_ioapics++] = (struct ioapic){ .id = id, .address = address,
						 .gsi_base = gsi_base };
}

/* An interrupt source override: ISA line @bus_irq is wired to @gsi (Linux's mp_override_legacy_irq). */
void mp_override_legacy_irq(u8 bus_irq, u16 flags, u32 gsi)
{
	if (bus_irq >= NR_IRQS_LEGACY)
		return;
	legacy_gsi[bus_irq] = gsi;
	legacy_flags[bus_irq] = flags;
}

int irq_to_gsi(int irq)
{
	return irq >= 0 && irq < NR_IRQS_LEGACY ? (int)legacy_gsi[irq] : -1;
}

static u32 io_apic_read(struct ioapic *a, unsigned int reg)
{
	a->base[IO_APIC_REGSEL / 4] = reg;
	return a->base[IO_APIC_WINDOW / 4];
}

static void io_apic_write(struct ioapic *a, unsigned int reg, u32 value)
{
	a->base[IO_APIC_REGSEL / 4] = reg;
	a->base[IO_APIC_WINDOW / 4] = value;
}

/* The I/O APIC and pin that @gsi arrives on; NULL if none serves it. */
static struct ioapic *gsi_to_pin(u32 gsi, unsigned int *pin)
{
	int i;

	for (i = 0; i < nr_ioapics; i++) {
		struct ioapic *a = &ioapics[i];

		if (a->base && gsi >= a->gsi_base && gsi < a->gsi_base + a->nr_pins) {
			*pin = gsi - a->gsi_base;
			return a;
		}
	}
	return NULL;
}

/* Writes a redirection entry, high word first: the entry takes effect when the low word does. */
static void ioapic_write_entry(struct ioapic *a, unsigned int pin, u64 entry)
{
	unsigned long flags;

	spin_lock_irqsave(&ioapic_lock, flags);
	io_apic_write(a, IO_APIC_REDTBL(pin) + 1, entry >> 32);
	io_apic_write(a, IO_APIC_REDTBL(pin), (u32)entry);
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

static u64 ioapic_read_entry(struct ioapic *a, unsigned int pin)
{
	unsigned long flags;
	u64 entry;

	spin_lock_irqsave(&ioapic_lock, flags);
	entry = io_apic_read(a, IO_APIC_REDTBL(pin));
	entry |= (u64)io_apic_read(a, IO_APIC_REDTBL(pin) + 1) << 32;
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return entry;
}

/*
 * The entry for ISA line @irq: its vector, fixed delivery, physical
 * destination CPU 0, and the polarity and trigger its override says
 * ("conforms to the bus" is the ISA bus's: edge, active high).
 */
static u64 legacy_irq_entry(int irq, bool masked)
{
	u16 flags = legacy_flags[irq];
	u64 entry = FIRST_EXTERNAL_VECTOR + irq;

	if ((flags & ACPI_MADT_POLARITY_MASK) == ACPI_MADT_POLARITY_ACTIVE_LOW)
		entry |= IO_APIC_ACTIVE_LOW;
	if ((flags & ACPI_MADT_TRIGGER_MASK) == ACPI_MADT_TRIGGER_LEVEL)
		entry |= IO_APIC_LEVEL;
	if (masked)
		entry |= IO_APIC_MASKED;
	return entry | (u64)x86_cpu_to_apicid[0] << 56;
}

static void ioapic_set_irq_masked(int irq, bool masked)
{
	unsigned int pin;
	struct ioapic *a = gsi_to_pin(irq_to_gsi(irq), &pin);

	if (a)
		ioapic_write_entry(a, pin, legacy_irq_entry(irq, masked));
}

/* Linux's unmask_ioapic_irq, for enable_irq: the line's entry, unmasked. */
void ioapic_unmask_irq(int irq)
{
	ioapic_set_irq_masked(irq, false);
}

void ioapic_mask_irq(int irq)
{
	ioapic_set_irq_masked(irq, true);
}

/* The redirection entry ISA line @irq arrives through; 0 if no I/O APIC serves it. */
u64 ioapic_read_entry_for_irq(int irq)
{
	unsigned int pin;
	struct ioapic *a = gsi_to_pin(irq_to_gsi(irq), &pin);

	return a ? ioapic_read_entry(a, pin) : 0;
}

/* The pin @irq arrives on, for /proc/interrupts (Linux's hwirq); -1 if none. */
int ioapic_irq_pin(int irq)
{
	unsigned int pin;

	return gsi_to_pin(irq_to_gsi(irq), &pin) ? (int)pin : -1;
}

/* Maps @a uncached, reads how many pins it has, and masks them all. */
static int __init ioapic_probe(struct ioapic *a, int index)
{
	unsigned long va = (unsigned long)__va((u64)a->address);
	unsigned int pin;
	u32 version;

	if (map_page(init_top_pgt, va, a->address, PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT))
		return -ENOMEM;
	a->base = (volatile u32 *)va;
	version = io_apic_read(a, IO_APIC_VERSION);
	a->nr_pins = ((version >> 16) & 0xff) + 1;
	pr_info("IOAPIC[%d]: apic_id %u, version %u, address %#x, GSI %u-%u\n", index, a->id,
		version & 0xff, a->address, a->gsi_base, a->gsi_base + a->nr_pins - 1);
	for (pin = 0; pin < a->nr_pins; pin++)
		ioapic_write_entry(a, pin, IO_APIC_MASKED);
	return 0;
}

/*
 * From init_IRQ (Linux's setup_IO_APIC): every I/O APIC the firmware
 * named, all its pins masked; 0 if at least one is usable.  The ISA
 * lines' entries are written when a driver enables them.
 */
int __init setup_IO_APIC(void)
{
	int i, usable = 0;

	for (i = 0; i < nr_ioapics; i++)
		usable += !ioapic_probe(&ioapics[i], i);
	return usable ? 0 : -ENODEV;
}
