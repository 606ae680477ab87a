/* include/asm/setup.h: what the boot loader told us, copied out of its information block. */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <linux/types.h>

#define COMMAND_LINE_SIZE	2048
#define BOOT_MMAP_MAX		64
#define BOOT_MODULES_MAX	8

/* Memory map types, as E820 and multiboot number them. */
#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
#define E820_NVS	4
#define E820_UNUSABLE	5

struct boot_mem_region {
	u64 base, len;
	u32 type;
};

struct boot_module {
	u64 start, end;		/* physical, end exclusive */
	char name[64];
	/*
	 * A compressed initramfs, decompressed by decompress_initrd() into
	 * boot memory reserved at [unpacked, unpacked + reserved): the archive
	 * is its first unpacked_len bytes.  reserved is 0 for a module as it
	 * came; error says why one could not be decompressed.
	 */
	u64 unpacked, unpacked_len, reserved;
	const char *error;
};

struct boot_params {
	u32 magic;			/* which protocol loaded us */
	char loader[64];
	char cmdline[COMMAND_LINE_SIZE];
	size_t cmdline_len;		/* the loader's length: >= COMMAND_LINE_SIZE if cut */
	int nr_mmap;
	struct boot_mem_region mmap[BOOT_MMAP_MAX];
	int nr_modules;
	struct boot_module modules[BOOT_MODULES_MAX];
};

extern struct boot_params boot_params;
extern u64 boot_tsc_start_kernel;

int parse_multiboot(u32 magic, unsigned long info, struct boot_params *bp);
void setup_arch(void);

/* Linker-script symbols. */
extern char _text[], _etext[], __start_rodata[], _erodata[], _sdata[], _edata[];
extern char __bss_start[], _end[], _phys_start[];
extern char __init_stack_guard[];	/* the unmapped page below the boot stack */

#endif
