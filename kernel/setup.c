/*
 * kernel/setup.c: setup_arch, the machine-dependent part of the boot.
 *
 * As Linux's arch/x86/kernel/setup.c: take the loader's memory map into
 * memblock, reserve what is in use (the first MiB, the kernel image, the
 * boot modules), and build the kernel's page tables.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/initrd.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <asm/setup.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <linux/smp.h>

struct boot_params boot_params;

static const char *e820_type_name(u32 type)
{
	switch (type) {
	case E820_RAM: return "usable";
	case E820_ACPI: return "ACPI data";
	case E820_NVS: return "ACPI NVS";
	case E820_UNUSABLE: return "unusable";
	default: return "reserved";
	}
}

static void print_memory_map(void)
{
	int i;

	pr_info("BIOS-provided physical RAM map:\n");
	for (i = 0; i < boot_params.nr_mmap; i++) {
		struct boot_mem_region *r = &boot_params.mmap[i];

		pr_info("BIOS-e820: [mem %#018llx-%#018llx] %s\n", (unsigned long long)r->base,
			(unsigned long long)(r->base + r->len - 1), e820_type_name(r->type));
	}
}

static void reserve_boot_modules(void)
{
	int i;

	for (i = 0; i < boot_params.nr_modules; i++) {
		struct boot_module *m = &boot_params.modules[i];

		memblock_reserve(&memblock, m->start & PAGE_MASK,
				 PAGE_ALIGN(m->end) - (m->start & PAGE_MASK));
	}
}

void setup_arch(void)
{
	strlcpy(boot_command_line, boot_params.cmdline, COMMAND_LINE_SIZE);
	if (boot_params.cmdline_len >= COMMAND_LINE_SIZE)	/* as Linux's EFI stub says it */
		pr_warn("Command line is too long: truncated to %d bytes\n", COMMAND_LINE_SIZE - 1);
	parse_early_param();
	print_memory_map();
	memblock_from_boot_map(&memblock, boot_params.mmap, boot_params.nr_mmap);
	memblock_reserve(&memblock, 0, 0x100000);	/* real-mode area, BIOS data */
	memblock_reserve(&memblock, (u64)_phys_start, __pa(_end) - (u64)_phys_start);
	reserve_boot_modules();
	smp_prepare_boot_cpu();		/* the firmware's tables, through the boot page tables */
	paging_init();
	decompress_initrd();
	free_area_init();
}
