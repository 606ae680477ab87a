/*
 * kernel/acpi.c: which CPUs and I/O APICs the machine has, from the ACPI
 * MADT (Linux's arch/x86/kernel/acpi/boot.c, its interrupt part only).
 *
 * The firmware leaves the Root System Description Pointer in the BIOS
 * area; it points to the RSDT (or XSDT, 64-bit pointers), a list of
 * tables, one of which, signed "APIC", is the MADT: the local APICs'
 * address, one entry per processor (its APIC ID, enabled or not), one per
 * I/O APIC (its address and first GSI), and the ISA lines wired to
 * another GSI than their own number (interrupt source overrides).
 * Read in setup_arch, before paging_init, through the boot page tables'
 * map of the first GiB, where the firmware puts its tables on a machine
 * of the size the tests boot.  With no usable MADT (or "acpi=off") the
 * MP tables are tried (kernel/mpparse.c), and with neither the machine
 * has one CPU.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/page.h>

#define EARLY_MAP_END	(1UL << 30)	/* what boot/head.S maps at PAGE_OFFSET */

struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision, checksum;
	char oem_id[6], oem_table_id[8];
	u32 oem_revision, asl_compiler_id, asl_compiler_revision;
} __packed;

struct acpi_table_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;
	char oem_id[6];
	u8 revision;			/* 0: ACPI 1.0, RSDT only; 2: XSDT too */
	u32 rsdt_physical_address;
	u32 length;
	u64 xsdt_physical_address;
	u8 extended_checksum, reserved[3];
} __packed;

struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;			/* the local APICs' physical address */
	u32 flags;
} __packed;

#define ACPI_MADT_TYPE_LOCAL_APIC	0
#define ACPI_MADT_TYPE_IO_APIC		1
#define ACPI_MADT_TYPE_INTERRUPT_OVERRIDE	2
#define ACPI_MADT_TYPE_LOCAL_X2APIC	9
#define ACPI_MADT_ENABLED		1

struct acpi_madt_local_apic {
	u8 type, length, processor_id, id;
	u32 lapic_flags;
} __packed;

struct acpi_madt_local_x2apic {
	u8 type, length;
	u16 reserved;
	u32 local_apic_id, lapic_flags, uid;
} __packed;

struct acpi_madt_io_apic {
	u8 type, length, id, reserved;
	u32 address, global_irq_base;
} __packed;

struct acpi_madt_interrupt_override {
	u8 type, length, bus, source_irq;
	u32 global_irq;
	u16 inti_flags;			/* polarity (bits 0-1) and trigger (bits 2-3) */
} __packed;

bool acpi_disabled;			/* acpi=off */

static int __init parse_acpi(char *arg)
{
	if (arg && !strcmp(arg, "off"))
		acpi_disabled = true;
	return 0;
}
early_param("acpi", parse_acpi);

/* The firmware's table at @phys, if the boot map reaches all @len bytes of it. */
void *early_table(u64 phys, u64 len)
{
	if (!phys || phys >= EARLY_MAP_END || len > EARLY_MAP_END - phys)
		return NULL;
	return __va(phys);
}

u8 table_checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* A signature on a 16-byte boundary in [@start, @start + @len) with a zero checksum. */
void *scan_bios_area(u64 start, u64 len, const char *sig, size_t siglen, size_t sumlen)
{
	u64 p;

	for (p = start; p + sumlen <= start + len; p += 16) {
		char *v = __va(p);

		if (!memcmp(v, sig, siglen) && !table_checksum(v, sumlen))
			return v;
	}
	return NULL;
}

/* Linux's acpi_find_root_pointer: the EBDA's first KiB, then the BIOS ROM area. */
static struct acpi_table_rsdp *acpi_find_rsdp(void)
{
	u64 ebda = (u64)*(u16 *)__va(0x40e) << 4;
	struct acpi_table_rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		r = scan_bios_area(ebda, 1024, "RSD PTR ", 8, 20);
	if (!r)
		r = scan_bios_area(0xe0000, 0x20000, "RSD PTR ", 8, 20);
	return r;
}

static struct acpi_table_header *acpi_map_table(u64 phys)
{
	struct acpi_table_header *h = early_table(phys, sizeof(*h));

	if (!h || !early_table(phys, h->length) || table_checksum(h, h->length))
		return NULL;
	return h;
}

/* The table signed @sig among the RSDT's (4-byte) or XSDT's (8-byte) pointers. */
static struct acpi_table_header *acpi_get_table(struct acpi_table_rsdp *rsdp, const char *sig)
{
	bool xsdt = rsdp->revision >= 2 && rsdp->xsdt_physical_address;
	struct acpi_table_header *root, *t;
	unsigned int i, size = xsdt ? 8 : 4, n;

	root = acpi_map_table(xsdt ? rsdp->xsdt_physical_address : rsdp->rsdt_physical_address);
	if (!root)
		return NULL;
	n = (root->length - sizeof(*root)) / size;
	for (i = 0; i < n; i++) {
		u8 *entry = (u8 *)(root + 1) + i * size;
		u64 phys = xsdt ? *(u64 *)entry : *(u32 *)entry;

		t = acpi_map_table(phys);
		if (t && !memcmp(t->signature, sig, 4))
			return t;
	}
	return NULL;
}

static const char *const mps_inti_flags_polarity[] = { "dfl", "high", "res", "low" };
static const char *const mps_inti_flags_trigger[] = { "dfl", "edge", "res", "level" };

/* Linux's acpi_parse_int_src_ovr: one ISA line wired elsewhere. */
static void acpi_parse_int_src_ovr(struct acpi_madt_interrupt_override *o)
{
	pr_info("ACPI: INT_SRC_OVR (bus %u bus_irq %u global_irq %u %s %s)\n", o->bus,
		o->source_irq, o->global_irq,
		mps_inti_flags_polarity[o->inti_flags & ACPI_MADT_POLARITY_MASK],
		mps_inti_flags_trigger[(o->inti_flags & ACPI_MADT_TRIGGER_MASK) >> 2]);
	if (o->bus == 0)		/* ISA */
		mp_override_legacy_irq(o->source_irq, o->inti_flags, o->global_irq);
}

/* One MADT entry, if long enough for its type (Linux's acpi_parse_lapic, _x2apic, _ioapic, ...). */
static void acpi_parse_madt_entry(u8 *p)
{
	if (p[0] == ACPI_MADT_TYPE_LOCAL_APIC && p[1] >= sizeof(struct acpi_madt_local_apic)) {
		struct acpi_madt_local_apic *l = (void *)p;

		generic_processor_info(l->id, l->lapic_flags & ACPI_MADT_ENABLED);
	} else if (p[0] == ACPI_MADT_TYPE_LOCAL_X2APIC &&
		   p[1] >= sizeof(struct acpi_madt_local_x2apic)) {
		struct acpi_madt_local_x2apic *x = (void *)p;

		generic_processor_info(x->local_apic_id, x->lapic_flags & ACPI_MADT_ENABLED);
	} else if (p[0] == ACPI_MADT_TYPE_IO_APIC && p[1] >= sizeof(struct acpi_madt_io_apic)) {
		struct acpi_madt_io_apic *io = (void *)p;

		mp_register_ioapic(io->id, io->address, io->global_irq_base);
	} else if (p[0] == ACPI_MADT_TYPE_INTERRUPT_OVERRIDE &&
		   p[1] >= sizeof(struct acpi_madt_interrupt_override)) {
		acpi_parse_int_src_ovr((void *)p);
	}
}

static void acpi_parse_madt(struct acpi_table_madt *madt)
{
	u8 *p = (u8 *)(madt + 1), *end = (u8 *)madt + madt->header.length;

	mp_lapic_addr = madt->address;
	for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1])
		acpi_parse_madt_entry(p);
}

/* Returns 0 if the MADT named the CPUs (and the I/O APICs). */
static int acpi_parse_madt_cpus(void)
{
	struct acpi_table_rsdp *rsdp;
	struct acpi_table_madt *madt;

	if (acpi_disabled)
		return -ENODEV;
	rsdp = acpi_find_rsdp();
	if (!rsdp)
		return -ENODEV;
	madt = (struct acpi_table_madt *)acpi_get_table(rsdp, "APIC");
	if (!madt)
		return -ENODEV;
	pr_info("ACPI: MADT: local APICs at %#x\n", madt->address);
	acpi_parse_madt(madt);
	return 0;
}

int mpparse_find_cpus(void);

/* Linux's acpi_boot_init + get_smp_config: fill the possible CPUs. */
void acpi_boot_init(void)
{
	if (acpi_parse_madt_cpus() && mpparse_find_cpus())
		pr_info("No ACPI MADT or MP table: one CPU\n");
}
