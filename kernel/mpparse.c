/*
 * kernel/mpparse.c: the CPUs from Intel's MultiProcessor Specification
 * tables, when there is no ACPI MADT (Linux's arch/x86/kernel/mpparse.c).
 *
 * A floating pointer signed "_MP_" lies on a 16-byte boundary in the
 * EBDA's first KiB, the last KiB of base memory or the BIOS ROM; it
 * points to the configuration table ("PCMP"), whose processor entries
 * give each CPU's local APIC ID and whether it is usable.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/apic.h>
#include <asm/page.h>

struct mpf_intel {
	char signature[4];		/* "_MP_" */
	u32 physptr;			/* the configuration table */
	u8 length, specification, checksum, feature1;
	u8 feature2, feature3, feature4, feature5;
} __packed;

struct mpc_table {
	char signature[4];		/* "PCMP" */
	u16 length;
	char spec, checksum;
	char oem[8], productid[12];
	u32 oemptr;
	u16 oemsize, oemcount;
	u32 lapic;
	u32 reserved;
} __packed;

#define MP_PROCESSOR		0
#define CPU_ENABLED		1

struct mpc_cpu {
	u8 type, apicid, apicver, cpuflag;
	u32 cpufeature, featureflag, reserved[2];
} __packed;

void *early_table(u64 phys, u64 len);
u8 table_checksum(const void *p, size_t len);
void *scan_bios_area(u64 start, u64 len, const char *sig, size_t siglen, size_t sumlen);

/* Linux's find_smp_config: the three places the specification allows. */
static struct mpf_intel *find_mpf(void)
{
	u64 ebda = (u64)*(u16 *)__va(0x40e) << 4;
	struct mpf_intel *mpf = NULL;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		mpf = scan_bios_area(ebda, 1024, "_MP_", 4, 16);
	if (!mpf)
		mpf = scan_bios_area(639 * 1024, 1024, "_MP_", 4, 16);
	if (!mpf)
		mpf = scan_bios_area(0xf0000, 0x10000, "_MP_", 4, 16);
	return mpf;
}

/* Returns 0 if an MP configuration table named the CPUs. */
int mpparse_find_cpus(void)
{
	struct mpf_intel *mpf = find_mpf();
	struct mpc_table *mpc;
	u8 *p, *end;

	if (!mpf || !mpf->physptr)
		return -ENODEV;		/* no table, or a default configuration: not handled */
	mpc = early_table(mpf->physptr, sizeof(*mpc));
	if (!mpc || memcmp(mpc->signature, "PCMP", 4) || !early_table(mpf->physptr, mpc->length) ||
	    table_checksum(mpc, mpc->length))
		return -EINVAL;
	pr_info("MPTABLE: local APICs at %#x\n", mpc->lapic);
	mp_lapic_addr = mpc->lapic;
	p = (u8 *)(mpc + 1);
	end = (u8 *)mpc + mpc->length;
	while (p < end) {
		if (*p == MP_PROCESSOR) {
			struct mpc_cpu *c = (void *)p;

			if (p + sizeof(*c) > end)
				break;
			generic_processor_info(c->apicid, c->cpuflag & CPU_ENABLED);
			p += sizeof(*c);
		} else {
			p += 8;		/* bus, I/O APIC and interrupt entries: 8 bytes each */
		}
	}
	return 0;
}
