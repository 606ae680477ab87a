/*
 * include/asm/multiboot.h: what a multiboot loader hands the kernel: QEMU's
 * multiboot1 information block and GRUB's multiboot2 tags (kernel/multiboot.c
 * reads them; tests/kernel/multiboot.c builds one).
 */
#ifndef _ASM_MULTIBOOT_H
#define _ASM_MULTIBOOT_H

#include <linux/types.h>
#include <linux/compiler.h>

struct mb1_info {
	u32 flags, mem_lower, mem_upper, boot_device, cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr, config_table, boot_loader_name;
} __packed;

struct mb1_mod {
	u32 mod_start, mod_end, string, reserved;
} __packed;

struct mb1_mmap {
	u32 size;
	u64 base, len;
	u32 type;
} __packed;

struct mb2_tag {
	u32 type, size;
};

#define MB1_INFO_CMDLINE	(1 << 2)
#define MB1_INFO_MODS		(1 << 3)
#define MB1_INFO_MMAP		(1 << 6)
#define MB1_INFO_LOADER		(1 << 9)

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6

#endif
